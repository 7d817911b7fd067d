import { pipeline } from 'node:stream/promises';
import { Router, type Request, type Response } from 'express';
import { idString } from '../../../shared/contract/common';
import { requireRole } from '../../platform/http';
import { parse } from '../../platform/validate';
import type { Files, Variant } from './files.service';
import { discardRest } from './files.upload';

/** `filename*` (RFC 6266/8187): the title as the saved file's name, in UTF-8, with the type's extension. */
function attachmentName(title: string | null, extension: string): string {
  const base = (title ?? 'document').replace(/[\u0000-\u001f\u007f"\\/:*?<>|]+/g, ' ').trim().slice(0, 120) || 'document';
  const name = base.toLowerCase().endsWith(`.${extension}`) ? base : `${base}.${extension}`;
  return `attachment; filename="document.${extension}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function filesRoutes(files: Files): Router {
  const r = Router();

  r.post('/assets/:id/files', async (req, res) => {
    try {
      const user = requireRole(req, 'court_staff');
      const created = await files.upload(req, res, parse(idString, req.params.id, 'asset id'), user);
      res.status(201).json(created);
    } catch (err) {
      // Refused before the body was read (not signed in, no such asset): drop it, so the sender reads the answer.
      if (req.readableFlowing === null && res.getHeader('Connection') !== 'close') discardRest(req);
      throw err;
    }
  });

  r.get('/assets/:id/files', async (req, res) => {
    requireRole(req, 'court_staff');
    res.json(await files.listForStaff(parse(idString, req.params.id, 'asset id')));
  });

  r.delete('/files/:id', async (req, res) => {
    const user = requireRole(req, 'court_staff');
    await files.remove(parse(idString, req.params.id, 'file id'), user);
    res.status(204).end();
  });

  const serve = (variant: Variant) => async (req: Request, res: Response) => {
    const id = parse(idString, req.params.id, 'file id');
    const { file, object, contentType } = await files.open(id, variant, req.user);
    // A file never changes under its id: a public one may be kept for a year; one not yet public only by the court's own browser, checked each time.
    const etag = `"${file.sha256.slice(0, 32)}-${variant}"`;
    res.setHeader('Cache-Control', file.public ? 'public, max-age=31536000, immutable' : 'private, no-cache');
    res.setHeader('ETag', etag);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // Served bytes are data, never a page: nothing in them may run or load anything.
    res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
    res.setHeader('Content-Type', contentType);
    if (file.kind === 'document') res.setHeader('Content-Disposition', attachmentName(file.title, 'pdf'));
    else res.setHeader('Content-Disposition', 'inline');
    if (req.headers['if-none-match'] === etag) {
      object.body.destroy();
      res.status(304).end();
      return;
    }
    if (object.size > 0) res.setHeader('Content-Length', String(object.size));
    try {
      await pipeline(object.body, res);
    } catch (err) {
      // The answer has begun: a store that fails midway can only end the connection, so the client sees a short file.
      if (!res.headersSent) throw err;
      res.destroy(err as Error);
    }
  };
  r.get('/files/:id', serve('original'));
  r.get('/files/:id/display', serve('display'));
  r.get('/files/:id/thumbnail', serve('thumbnail'));
  return r;
}
