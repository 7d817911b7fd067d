/** A bidder's registration for one lot (its query key, loader and the register command) and their proxy bid on it. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

/** The caller's proxy bid (代理出价) on a lot, keyed by their registration: its maximum is shown to no one else. */
export const proxyBidKey = (lotId: string, registrationId: string | null) => ['lots', 'detail', lotId, 'proxy-bid', registrationId] as const;

export function useProxyBid(lotId: string, registrationId: string | null) {
  return useQuery({
    queryKey: proxyBidKey(lotId, registrationId),
    queryFn: async ({ signal }) => (await call('myProxyBid', { params: { id: lotId }, signal })).proxyBid,
    enabled: registrationId !== null,
  });
}

/** Sets (or replaces) the proxy bid; the server may bid for it at once, so its answer is the state to show. */
export function useSetProxyBid(lotId: string, registrationId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (maxAmount: string) => call('setProxyBid', { params: { id: lotId }, body: { maxAmount } }),
    onSuccess: (proxy) => queryClient.setQueryData(proxyBidKey(lotId, registrationId), proxy),
  });
}

/** Withdraws the proxy bid: it bids no more; bids it already placed stand. */
export function useWithdrawProxyBid(lotId: string, registrationId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call('withdrawProxyBid', { params: { id: lotId } }),
    onSuccess: () => queryClient.setQueryData(proxyBidKey(lotId, registrationId), null),
  });
}
