/** Where to go after signing in: a `next` path carried through login, registration and the identity check. */
import { useSearchParams } from 'react-router';
import type { UserView } from '../../../../shared/api';

/** Only same-site paths: never redirect to another origin from a query string. */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function useNextPath(): string | null {
  const [params] = useSearchParams();
  return safeNext(params.get('next'));
}

/** `path` with the `next` path passed on, if there is one. */
export function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

export function homeFor(user: UserView): string {
  if (user.roles.includes('bidder')) return '/';
  if (user.roles.includes('court_staff') || user.roles.includes('admin')) return '/court';
  if (user.roles.includes('finance')) return '/finance';
  return '/';
}
