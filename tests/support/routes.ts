import type { TestServer } from './server';

/** Every method and path under /api, read from the Express router stack, e.g. `GET /api/lots/:id`. */
export function mountedRoutes(t: TestServer): string[] {
  const found: string[] = [];
  const join = (a: string, b: string) => `${a}/${b}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
  const walk = (stack: Array<Record<string, any>>, prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) found.push(`${method.toUpperCase()} ${join(prefix, layer.route.path)}`);
      } else if (Array.isArray(layer.handle?.stack)) {
        walk(layer.handle.stack, join(prefix, typeof layer.rawPath === 'string' ? layer.rawPath : ''));
      }
    }
  };
  walk((t.platform.app as unknown as { router: { stack: Array<Record<string, any>> } }).router.stack, '');
  return found.filter((r) => r.split(' ')[1].startsWith('/api/')).sort();
}

/** `GET /api/lots/:id` → `GET /api/lots/{id}`: an Express route in OpenAPI's path template syntax. */
export function asOpenApiRoute(route: string): string {
  return route.replace(/:(\w+)/g, '{$1}');
}
