/** Who is logged in. The session itself is the httpOnly cookie the server sets; the answer lives in the query cache. */
import { createContext, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react';
import { useQueryClient, type Query, type QueryClient } from '@tanstack/react-query';
import type { Role, UserView } from '../../shared/api';
import { logOut, meKey, setMe, useMe } from './features/accounts/api';
import { onSessionChange } from './session-sync';

interface AuthValue {
  user: UserView | null;
  /** True until the first GET /api/me has answered. */
  loading: boolean;
  logout(): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useMe();
  const user = me.data ?? null;
  const loading = me.isPending;

  // Another tab logged out or in as someone else (or this tab's socket heard its session end): drop this one.
  const userId = user?.id ?? null;
  const current = useRef(userId);
  current.current = userId;
  useEffect(() => onSessionChange((next) => {
    if (next === current.current) return;
    current.current = next;
    dropSession(queryClient, next);
  }), [queryClient]);

  // Signing in, registering and the identity check write the answer into the same cache (features/accounts/api.ts).
  const value = useMemo(() => ({ user, loading, logout: () => logOut(queryClient) }), [user, loading, queryClient]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

const notMe = (q: Query) => !(q.queryKey.length === 1 && q.queryKey[0] === meKey[0]);

/**
 * Shows the signed-out state at once, forgets what the old session read, and reads again what is on screen
 * (anonymously, or as the new user, whom GET /api/me names). The live socket follows the user id (use-live-lot.ts).
 */
function dropSession(queryClient: QueryClient, next: string | null): void {
  setMe(queryClient, null);
  queryClient.removeQueries({ type: 'inactive', predicate: notMe });
  void queryClient.invalidateQueries({ type: 'active', predicate: notMe });
  // Queries of the old user still mounted this render go inactive on the next: forget them then.
  setTimeout(() => queryClient.removeQueries({ type: 'inactive', predicate: notMe }), 0);
  if (next !== null) void queryClient.refetchQueries({ queryKey: meKey, exact: true });
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** Admin may do what every staff role may, as on the server. */
export function hasRole(user: UserView | null, ...roles: Role[]): boolean {
  if (!user) return false;
  return user.roles.includes('admin') || roles.some((r) => user.roles.includes(r));
}

export function isStaff(user: UserView | null): boolean {
  return !!user && user.roles.some((r) => r === 'court_staff' || r === 'admin');
}
