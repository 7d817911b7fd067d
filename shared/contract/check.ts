/** Checking answers against the route table: which route serves a request, and whether its success matches the schema. */
import type { RouteName } from './endpoints';
import { ROUTES, type RouteSpec } from './routes';

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
