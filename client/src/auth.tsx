/** Who is logged in. The session itself is the httpOnly cookie the server sets; nothing is kept in storage here. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role, UserView } from '../../shared/api';
import { api, ApiError } from './api';

interface AuthValue {
  user: UserView | null;
  /** True until the first GET /api/me has answered. */
  loading: boolean;
  login(email: string, password: string): Promise<UserView>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  setUser(user: UserView): void;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<UserView | null>(null);
  const [loading, setLoading] = useState(true);

  const refresh = useCallback(async () => {
    try {
      const { user: me } = await api<{ user: UserView }>('/me');
      setUser(me);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setUser(null);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const login = useCallback(async (email: string, password: string) => {
    const { user: me } = await api<{ user: UserView }>('/auth/login', { body: { email, password } });
    setUser(me);
    return me;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } finally {
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, loading, login, logout, refresh, setUser }), [user, loading, login, logout, refresh]);
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
