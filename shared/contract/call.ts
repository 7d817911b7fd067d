/**
 * Typed calls from the route table: the arguments a route takes and the answer it gives, for the browser and
 * the tests alike. Only types come from the schemas, so a browser bundle that imports this carries no zod.
 */
import type { z } from 'zod';
import { ENDPOINTS, type RouteName } from './endpoints';
import type { Routes } from './routes';

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
  const path = ENDPOINTS[name].split(' ')[1].replace(/\{(\w+)\}/g, (_, p: string) => {
    const v = args.params?.[p];
    if (v === undefined) throw new Error(`${name}: path parameter ${p} is missing`);
    return encodeURIComponent(v);
  });
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(args.query ?? {})) if (v !== undefined && v !== null) q.set(k, String(v));
  const qs = q.toString();
  return qs ? `${path}?${qs}` : path;
}

