import { useCallback, useEffect, useState } from 'react';
import type { RegistrationView, UserView } from '../../../../shared/api';
import { api, ApiError } from '../../api';

export interface RegistrationState {
  registration: RegistrationView | null;
  loading: boolean;
  error: unknown;
  refreshing: boolean;
  refresh(): Promise<void>;
  register(): Promise<RegistrationView>;
}

/** The caller's registration for a lot (null when none); re-read every 15 s while the deposit is pending. */
export function useRegistration(lotId: string, user: UserView | null): RegistrationState {
  const [registration, setRegistration] = useState<RegistrationView | null>(null);
  const [loading, setLoading] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const canHave = !!user && user.roles.includes('bidder');

  const load = useCallback(async () => {
    if (!canHave) return;
    try {
      const r = await api<RegistrationView>(`/lots/${encodeURIComponent(lotId)}/registration`);
      setRegistration(r);
      setError(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        setRegistration(null);
        setError(null);
      } else setError(err);
    }
  }, [lotId, canHave]);

  useEffect(() => {
    setRegistration(null);
    if (!canHave) return;
    let cancelled = false;
    setLoading(true);
    load().finally(() => {
      if (!cancelled) setLoading(false);
    });
    return () => {
      cancelled = true;
    };
  }, [load, canHave, user?.id]);

  const pending = registration?.depositStatus === 'pending';
  useEffect(() => {
    if (!pending) return;
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, 15_000);
    return () => clearInterval(id);
  }, [pending, load]);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      await load();
    } finally {
      setRefreshing(false);
    }
  }, [load]);

  const register = useCallback(async () => {
    const r = await api<RegistrationView>(`/lots/${encodeURIComponent(lotId)}/registrations`, { method: 'POST', body: {} });
    setRegistration(r);
    setError(null);
    return r;
  }, [lotId]);

  return { registration: canHave ? registration : null, loading, error, refreshing, refresh, register };
}
