/** Who is logged in. The session itself is the httpOnly cookie the server sets; the answer lives in the query cache. */
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Role, UserView } from '../../shared/api';
import { logOut, useMe } from './features/accounts/api';

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

  // Signing in, registering and the identity check write the answer into the same cache (features/accounts/api.ts).
  const value = useMemo(() => ({ user, loading, logout: () => logOut(queryClient) }), [user, loading, queryClient]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
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
