/** The caller's watchlist and alerts: query keys, loaders and commands (TanStack Query). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { UserView } from '../../../../shared/api';
import { call } from '../../api';

export const watchlistKey = (userId: string | null) => ['me', userId, 'watchlist'] as const;
export const notificationsKey = (userId: string | null) => ['me', userId, 'notifications'] as const;

/** How many alerts the bell's list shows; the page pages further. */
export const BELL_LIMIT = 20;

export function useWatchlist(user: UserView | null) {
  return useQuery({
    queryKey: watchlistKey(user?.id ?? null),
    queryFn: ({ signal }) => call('myWatchlist', { signal }),
    enabled: !!user,
    staleTime: 30_000,
  });
}

/** Watch or stop watching a lot; the list is updated at once and confirmed by the server's answer. */
export function useWatchToggle(user: UserView | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ lotId, watch }: { lotId: string; watch: boolean }) => call(watch ? 'watchLot' : 'unwatchLot', { params: { lotId } }),
    onSettled: () => qc.invalidateQueries({ queryKey: watchlistKey(user?.id ?? null) }),
  });
}

export function useNotifications(user: UserView | null, limit = BELL_LIMIT) {
  return useQuery({
    queryKey: [...notificationsKey(user?.id ?? null), limit],
    queryFn: ({ signal }) => call('myNotifications', { query: { limit }, signal }),
    enabled: !!user,
  });
}

export function useMarkRead(user: UserView | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => call('markNotificationsRead', { body }),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationsKey(user?.id ?? null) }),
  });
}
