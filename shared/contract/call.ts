/** Typed calls from the route table: the arguments a route takes and the answer it gives, for the browser and the tests alike. */
import type { z } from 'zod';
import { ROUTES, type RouteName, type RouteSpec, type Routes } from './routes';

/** `'/api/lots/{id}/bids'` → `'id'`. */
export type PathParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | PathParamNames<Rest> : never;

type Params<R> = R extends { path: infer P extends string } ? ([PathParamNames<P>] extends [never] ? unknown : { params: Record<PathParamNames<P>, string> }) : unknown;
type Body<R> = R extends { body: infer B extends z.ZodType } ? (R extends { bodyOptional: true } ? { body?: z.input<B> } : { body: z.input<B> }) : unknown;
type Query<R> = R extends { query: infer Q extends z.ZodType } ? { query?: Partial<z.input<Q>> } : unknown;

/** What `call(name, args)` takes for a route: its path parameters, body and query, and an abort signal. */
export type CallArgs<N extends RouteName> = Params<Routes[N]> & Body<Routes[N]> & Query<Routes[N]> & { signal?: AbortSignal };
/** What a route answers on success. */
export type ResponseOf<N extends RouteName> = z.output<Routes[N]['response']>;
export type BodyOf<N extends RouteName> = Routes[N] extends { body: infer B extends z.ZodType } ? z.input<B> : never;
/** Callers may leave the arguments out when a route needs none. */
export type CallRest<N extends RouteName> = object extends Omit<CallArgs<N>, 'signal'> ? [args?: CallArgs<N>] : [args: CallArgs<N>];

type LooseArgs = { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };

/** The URL path of a call, parameters encoded, query appended (undefined values left out). */
export function routeUrl(name: RouteName, args: LooseArgs = {}): string {
  const route: RouteSpec = ROUTES[name];
  const path = route.path.replace(/\{(\w+)\}/g, (_, p: string) => {
    const v = args.params?.[p];
    if (v === undefined) throw new Error(`${name}: path parameter ${p} is missing`);
    return encodeURIComponent(v);
  });
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(args.query ?? {})) if (v !== undefined && v !== null) q.set(k, String(v));
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The route that serves a method and a concrete path (e.g. `GET /api/lots/abc`), if the table has one. */
export function matchRoute(method: string, urlPath: string): RouteName | undefined {
  const p = urlPath.split('?')[0];
  const m = method.toUpperCase();
  let best: RouteName | undefined;
  for (const name of Object.keys(ROUTES) as RouteName[]) {
    const r: RouteSpec = ROUTES[name];
    if (r.method !== m) continue;
    const re = new RegExp(`^${r.path.replace(/[.]/g, '\\.').replace(/\{\w+\}/g, '[^/]+')}$`);
    if (!re.test(p)) continue;
    // A literal segment beats a parameter (`/valuations/worklist` before `/valuations/{id}`).
    if (!best || ROUTES[best].path.split('{').length > r.path.split('{').length) best = name;
  }
  return best;
}

/** Checks a success body against the route's response schema; the message names the route and each mismatch. */
export function checkResponse(name: RouteName, status: number, body: unknown): { ok: true } | { ok: false; message: string } {
  const route: RouteSpec = ROUTES[name];
  if (!(status in route.success)) return { ok: false, message: `${route.method} ${route.path} (${name}) answered ${status}; the contract names ${Object.keys(route.success).join(', ')}` };
  if (route.produces || status === 204) return { ok: true };
  const r = route.response.safeParse(body);
  if (r.success) return { ok: true };
  const issues = r.error.issues.slice(0, 10).map((i) => `  at ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('\n');
  return { ok: false, message: `${route.method} ${route.path} (${name}) answered ${status} with a body the contract does not describe:\n${issues}` };
}
