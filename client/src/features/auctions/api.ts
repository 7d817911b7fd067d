/** Lots as the public sees them: query keys and loaders, shared by the list, the lot page, the bid log and the account page. */
import { useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { LotStatus, LotView } from '../../../../shared/api';
import type { AssetKind } from '../../../../shared/rules';
import { call } from '../../api';

export interface LotFilters {
  status: string;
  kind: string;
  q: string;
}

export const lotKeys = {
  all: ['lots'] as const,
  list: (f: LotFilters) => ['lots', 'list', f] as const,
  detail: (id: string) => ['lots', 'detail', id] as const,
  bidLog: (id: string) => ['lots', 'detail', id, 'bid-log'] as const,
};

/** Prices of live lots move: the list is read again while the page is visible. */
const LIST_REFRESH_MS = 20_000;

export function useLots(filters: LotFilters) {
  return useQuery({
    queryKey: lotKeys.list(filters),
    queryFn: async ({ signal }) => {
      const query = {
        limit: 100,
        status: (filters.status || undefined) as LotStatus | undefined,
        kind: (filters.kind || undefined) as AssetKind | undefined,
        q: filters.q || undefined,
      };
      const { lots } = await call('listLots', { query, signal });
      return lots.filter((l) => l.status !== 'draft');
    },
    placeholderData: (previous) => previous,
    refetchInterval: LIST_REFRESH_MS,
  });
}

/**
 * One lot's full view. Live events patch this same cache entry, and a view read over HTTP never
 * replaces a newer one already there (a slow answer can arrive after a bid event).
 */
export function lotQuery(queryClient: QueryClient, id: string) {
  return {
    queryKey: lotKeys.detail(id),
    queryFn: async ({ signal }: { signal: AbortSignal }) => {
      const view = await call('getLot', { params: { id }, signal });
      const cached = queryClient.getQueryData<LotView>(lotKeys.detail(id));
      return cached && cached.id === view.id && cached.seq > view.seq ? cached : view;
    },
  };
}

export function useLot(id: string) {
  const queryClient = useQueryClient();
  return useQuery(lotQuery(queryClient, id));
}

/** Several lots at once (a bidder's won lots); each shares its cache entry with the lot page. */
export function useLotsById(ids: string[]) {
  const queryClient = useQueryClient();
  return useQueries({ queries: ids.map((id) => lotQuery(queryClient, id)) });
}

export function useBidLog(id: string) {
  return useQuery({
    queryKey: lotKeys.bidLog(id),
    queryFn: ({ signal }) => call('bidLog', { params: { id }, signal }),
  });
}
