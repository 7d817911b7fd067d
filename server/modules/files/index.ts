/** Photos and documents of seized assets: what other modules and the composition root use. */
export { createFiles, listLotFiles, type Files } from './files.service';
export { filesRoutes } from './files.routes';
