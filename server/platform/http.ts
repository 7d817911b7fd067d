import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import type { Logger } from './logger';
import { DomainError, notFound, unauthenticated, forbidden, validationFailed } from './errors';
import { inputProblem } from './input-guard';
import { sqlStateOf } from './db/index';
import type { Role } from '../../shared/api';
import type { SessionUser } from './session-user';

export const SESSION_COOKIE = 'session';

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser | null;
    token?: string;
  }
}

export function tokenFrom(req: Request): string | undefined {
  const h = req.headers.authorization;
  if (h && h.startsWith('Bearer ')) return h.slice(7).trim();
  const c = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return c || undefined;
}

export function baseApp(log: Logger, trustProxy: number | string[] = ['loopback']): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        'default-src': ["'self'"],
        'img-src': ["'self'", 'data:'],
        'connect-src': ["'self'", 'ws:', 'wss:'],
        'style-src': ["'self'", "'unsafe-inline'"],
      },
    },
    crossOriginEmbedderPolicy: false,
  }));
  app.use(cookieParser());
  // A payment webhook is verified over its exact bytes, so that one path is read raw, never as JSON.
  app.use('/api/payments/webhook', express.raw({ limit: '256kb', type: () => true }));
  app.use('/api', express.json({ limit: '64kb', type: ['application/json', 'application/*+json'] }));
  app.use('/api', (req, _res, next) => {
    log.debug({ method: req.method, url: req.originalUrl }, 'request');
    // Every string of the body and the query, before any route reads them: see input-guard.ts.
    const problem = (req.body !== undefined && !Buffer.isBuffer(req.body) ? inputProblem(req.body, '(body)') : null) ?? inputProblem(req.query, '(query)') ?? pathProblem(req.path);
    if (problem) {
      next(validationFailed(`The request is not valid: ${problem.path} ${problem.message}.`, [{ path: problem.path, message: problem.message }], problem.reason));
      return;
    }
    next();
  });
  return app;
}

/** The path as routes will see it, decoded: a percent-encoding that is not UTF-8 text is refused like a bad string. */
function pathProblem(rawPath: string) {
  try {
    return inputProblem(decodeURIComponent(rawPath), '(path)');
  } catch {
    return { path: '(path)', reason: 'ILL_FORMED_UNICODE' as const, message: 'is not percent-encoded UTF-8 text' };
  }
}

/** Every error leaves through here: domain errors with their code, body-parser errors as 4xx, the rest as a logged 500. */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof DomainError) {
      // A refusal to come back later says when, in whole seconds (RFC 9110), besides details.retryAfterMs.
      const wait = err.details?.retryAfterMs;
      if (typeof wait === 'number' && !res.headersSent) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(wait / 1000))));
      res.status(err.status).json(err.toBody());
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    const sqlState = sqlStateOf(err);
    if (sqlState === '23505') {
      res.status(409).json({ error: { code: 'CONFLICT', message: 'That conflicts with a record made at the same moment; reload and try again.' } });
      return;
    }
    if (sqlState && /^22/.test(sqlState)) {
      res.status(400).json({ error: { code: 'VALIDATION_FAILED', message: 'A value is out of range or not valid text.', details: { fields: [] } } });
      return;
    }
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'VALIDATION_FAILED', message: 'The body is not valid JSON.', details: { fields: [{ path: '(body)', message: 'malformed JSON' }] } } });
      return;
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large (64 KB at most).' } });
      return;
    }
    if (e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') {
      res.status(415).json({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send JSON in UTF-8.' } });
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: { code: 'BAD_REQUEST', message: e.message ?? 'Bad request.' } });
      return;
    }
    log.error({ err, method: req.method, url: req.originalUrl }, 'unhandled error');
    res.status(500).json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged. Try again shortly.' } });
  };
}

export const apiNotFound = (_req: Request, _res: Response, next: NextFunction) => next(notFound('This API route'));

export function requireUser(req: Request): SessionUser {
  if (!req.user) throw unauthenticated();
  return req.user;
}

/** Admin may do what every staff role may. */
export function requireRole(req: Request, ...roles: Role[]): SessionUser {
  const user = requireUser(req);
  if (user.roles.includes('admin') || roles.some((r) => user.roles.includes(r))) return user;
  throw forbidden(`This needs the role ${roles.join(' or ')}.`, { requiredRoles: roles });
}
