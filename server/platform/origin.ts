import type { IncomingHttpHeaders } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { forbidden } from './errors';
import { SESSION_COOKIE } from './http';

/**
 * A browser attaches the session cookie to requests another site makes it send (a form post, a
 * WebSocket), so a cookie alone does not show that the platform's own page asked. The Origin header (or,
 * where a browser leaves it out, the Referer) does, and a page cannot forge it. A bearer token is never
 * sent by a browser on its own, so bearer requests are not checked.
 */

/** An origin no site can share: a file, data, extension or sandboxed page, or a header that is not a URL. */
const OPAQUE = 'null';

/** The origin a request came from, by Origin, else by Referer; `'null'` when it is opaque; null when neither names one. */
export function requestOrigin(headers: IncomingHttpHeaders): string | null {
  const origin = headers.origin;
  if (typeof origin === 'string' && origin !== OPAQUE) return URL.canParse(origin) ? new URL(origin).origin : OPAQUE;
  const referer = headers.referer;
  if (typeof referer === 'string') return URL.canParse(referer) ? new URL(referer).origin : OPAQUE;
  return null;
}

/**
 * Whether the request came from the platform's own origin: PUBLIC_ORIGIN when it is set; otherwise the
 * host the request was sent to (the Host header), over http or https. Without PUBLIC_ORIGIN the scheme is
 * not compared, because behind a TLS-terminating proxy the server cannot tell it; the Host is what an
 * other site cannot match.
 */
export function isOwnOrigin(headers: IncomingHttpHeaders, publicOrigin: string | undefined): boolean {
  const from = requestOrigin(headers);
  // Browsers send no Origin on a same-origin GET (Socket.IO's polling handshake) and our pages send no
  // Referer (Referrer-Policy: no-referrer); Sec-Fetch-Site, which a page cannot set, still says same-origin.
  if (!from) return headers['sec-fetch-site'] === 'same-origin';
  if (from === OPAQUE) return false;
  if (publicOrigin) return from === publicOrigin;
  const url = new URL(from);
  return (url.protocol === 'http:' || url.protocol === 'https:') && typeof headers.host === 'string' && url.host === headers.host.toLowerCase();
}

export const crossOrigin = () => forbidden('This request came from another site; changes with the session cookie are accepted only from the platform\'s own pages.', { reason: 'CROSS_ORIGIN' });

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses cookie-authenticated state changes from another origin, and logins posted from another origin
 * (login CSRF would sign the victim into the attacker's account). A login with neither Origin nor Referer
 * is a script, which gets its token in the body; it is let through.
 */
export function sameOriginGuard(publicOrigin: string | undefined) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (req.headers.authorization?.startsWith('Bearer ')) return next();
    const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (cookie) {
      if (!isOwnOrigin(req.headers, publicOrigin)) return next(crossOrigin());
    } else if (req.path === '/auth/login' && requestOrigin(req.headers) !== null && !isOwnOrigin(req.headers, publicOrigin)) {
      return next(crossOrigin());
    }
    next();
  };
}
