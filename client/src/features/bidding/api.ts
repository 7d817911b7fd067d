/** A bidder's registration for one lot: its query key, loader and the register command. */
import { useQuery } from '@tanstack/react-query';
import type { RegistrationView, UserView } from '../../../../shared/api';
import { ApiError, call } from '../../api';

/** Every viewer's registration for a lot (to invalidate them all); one viewer's is keyed by user id below it. */
export const lotRegistrationKey = (lotId: string) => ['lots', 'detail', lotId, 'registration'] as const;
export const registrationKey = (lotId: string, userId: string | null) => [...lotRegistrationKey(lotId), userId] as const;

/** A deposit paid by bank transfer is confirmed by finance: while it is pending, look again every 15 s. */
const PENDING_REFRESH_MS = 15_000;

export interface RegistrationState {
  registration: RegistrationView | null;
  loading: boolean;
  error: unknown;
  refreshing: boolean;
  refresh(): Promise<void>;
}

/** The caller's registration for a lot (null when none). */
export function useRegistration(lotId: string, user: UserView | null): RegistrationState {
  const canHave = !!user && user.roles.includes('bidder');
  const query = useQuery({
    queryKey: registrationKey(lotId, user?.id ?? null),
    queryFn: async ({ signal }) => {
      try {
        return await call('myRegistration', { params: { id: lotId }, signal });
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    enabled: canHave,
    refetchInterval: (q) => (q.state.data?.depositStatus === 'pending' ? PENDING_REFRESH_MS : false),
  });
  const { refetch } = query;
  return {
    registration: canHave ? query.data ?? null : null,
    loading: canHave && query.isPending,
    error: query.error ?? null,
    refreshing: query.isFetching && !query.isPending,
    refresh: async () => { await refetch(); },
  };
}

export const registerForLot = (lotId: string) => call('registerForLot', { params: { id: lotId } });
