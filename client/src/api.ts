/** The one way the browser talks HTTP to the server: same-origin fetch, the httpOnly session cookie rides along. */
import type { ApiErrorBody } from '../../shared/api';
// Not the shared/api barrel: these modules hold no schemas, so the entry bundle carries no zod.
import { routeUrl, type CallRest, type ResponseOf } from '../../shared/contract/call';
import { ENDPOINTS, FILE_ROUTES, type RouteName } from '../../shared/contract/endpoints';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * Calls a route of the contract by name (shared/contract/routes.ts): the path, parameters, body and answer
 * are typed from the route table, e.g. `call('placeBid', { params: { id }, body: { amount, clientBidId } })`.
 * A route that answers with a file (the confirmation PDF) resolves to a Blob.
 */
export async function call<N extends RouteName>(name: N, ...[args]: CallRest<N>): Promise<ResponseOf<N>> {
  const method = ENDPOINTS[name].split(' ')[0] as 'GET' | 'POST' | 'PUT' | 'DELETE';
  const a = (args ?? {}) as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown; signal?: AbortSignal };
  // A POST that takes no body still sends `{}`: the server's JSON parser expects an object.
  const body = method === 'POST' ? (a.body ?? {}) : undefined;
  return send<ResponseOf<N>>(routeUrl(name, a), method, { body, signal: a.signal }, FILE_ROUTES[name]);
}

/**
 * Calls a POST route whose body is not JSON (routes.ts `consumes`, e.g. a text/csv bank statement): the
 * text goes as it is, with its media type; the answer is JSON as for `call`.
 */
export async function callWithText<N extends RouteName>(name: N, text: string, contentType: string, ...[args]: CallRest<N>): Promise<ResponseOf<N>> {
  const a = (args ?? {}) as { params?: Record<string, string>; query?: Record<string, unknown>; signal?: AbortSignal };
  return send<ResponseOf<N>>(routeUrl(name, a), 'POST', { body: text, contentType, signal: a.signal });
}

async function send<T>(url: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', opts: { body?: unknown; contentType?: string; signal?: AbortSignal }, produces?: string): Promise<T> {
  let res: Response;
  const raw = opts.contentType !== undefined;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: opts.body === undefined ? { Accept: produces ?? 'application/json' } : { Accept: 'application/json', 'Content-Type': opts.contentType ?? 'application/json' },
      body: opts.body === undefined ? undefined : raw ? String(opts.body) : JSON.stringify(opts.body),
      signal: opts.signal,
      cache: 'no-store',
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'Cannot reach the server.');
  }
  if (res.status === 204) return undefined as T;
  if (produces && res.ok) return (await res.blob()) as T;
  let data: unknown = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    const e = (data as ApiErrorBody | null)?.error;
    throw new ApiError(res.status, e?.code ?? `HTTP_${res.status}`, e?.message ?? res.statusText, e?.details ?? {});
  }
  return data as T;
}

/** Socket acks carry `{code, message, ...details}` flat; turn them into the same error type as HTTP. */
export function ackError(error: unknown): ApiError {
  if (error && typeof error === 'object') {
    const { code, message, details, ...rest } = error as { code?: unknown; message?: unknown; details?: unknown; [k: string]: unknown };
    const merged = { ...rest, ...(details && typeof details === 'object' ? (details as Record<string, unknown>) : {}) };
    return new ApiError(0, typeof code === 'string' ? code : 'INTERNAL', typeof message === 'string' ? message : 'Unknown error', merged);
  }
  return new ApiError(0, 'INTERNAL', 'Unknown error');
}

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

/** crypto.randomUUID exists only in secure contexts; phones on a LAN address over http still need ids. */
export function newClientId(): string {
  const c = globalThis.crypto;
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
