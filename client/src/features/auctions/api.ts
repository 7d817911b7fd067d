/** Lots as the public sees them: query keys and loaders, shared by the list, the lot page, the bid log and the account page. */
import { keepPreviousData, useInfiniteQuery, useQueries, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { Decimal } from 'decimal.js';
import type { LotStatus, LotView } from '../../../../shared/api';
import type { CallArgs } from '../../../../shared/contract/call';
import { LOT_SORTS, type LotSort } from '../../../../shared/lot-search';
import { isMoneyString } from '../../../../shared/money';
import type { AssetKind } from '../../../../shared/rules';
import { call } from '../../api';
import { periodOf } from '../../url-search';

export type LotListQuery = Omit<NonNullable<CallArgs<'listLots'>['query']>, 'limit' | 'cursor'>;

/**
 * The catalogue's search as the page keeps it in its address. `startsTo` is the first day left out, as in
 * the API and on the results page (url-search.ts); the form shows the last day included.
 */
export interface LotFilters {
  status: string;
  kind: string;
  q: string;
  court: string;
  region: string;
  minPrice: string;
  maxPrice: string;
  startsFrom: string;
  startsTo: string;
  sort: string;
}
export const LOT_FILTER_KEYS = ['status', 'kind', 'q', 'court', 'region', 'minPrice', 'maxPrice', 'startsFrom', 'startsTo', 'sort'] as const satisfies readonly (keyof LotFilters)[];

export const LOT_LIST_STATUSES = ['announced', 'live', 'sold', 'unsold'] as const;
export const LOT_LIST_KINDS = ['movable', 'immovable', 'property_right'] as const;
export { LOT_SORTS };

export type LotSearchProblem = 'minPrice' | 'maxPrice' | 'priceOrder' | 'fromDate' | 'toDate' | 'dateOrder';

/** "1,000,000" and "¥ 80000" as a person types them, as the API's decimal string; '' when empty. */
export const priceOf = (typed: string) => typed.replace(/[\s,，¥￥]/g, '');

/** The filters as the API's query, or the problem the form shows instead of asking. */
export function lotsQuery(f: LotFilters): { query: LotListQuery } | { problem: LotSearchProblem } {
  const query: LotListQuery = {};
  // a value from an edited address that the form does not offer is left out rather than refused
  if ((LOT_LIST_STATUSES as readonly string[]).includes(f.status)) query.status = f.status as LotStatus;
  if ((LOT_LIST_KINDS as readonly string[]).includes(f.kind)) query.kind = f.kind as AssetKind;
  if ((LOT_SORTS as readonly string[]).includes(f.sort)) query.sort = f.sort as LotSort;
  if (f.q.trim()) query.q = f.q.trim().slice(0, 200);
  if (f.court.trim()) query.court = f.court.trim().slice(0, 200);
  // a region the list does not (yet) offer is still asked: the server answers an unknown one with no lots
  if (f.region) query.region = f.region.slice(0, 100);
  const min = priceOf(f.minPrice);
  const max = priceOf(f.maxPrice);
  if (min) {
    if (!isMoneyString(min)) return { problem: 'minPrice' };
    query.minPrice = min;
  }
  if (max) {
    if (!isMoneyString(max)) return { problem: 'maxPrice' };
    query.maxPrice = max;
  }
  if (min && max && new Decimal(min).gt(max)) return { problem: 'priceOrder' };
  const period = periodOf(f.startsFrom, f.startsTo);
  if ('problem' in period) return { problem: period.problem === 'order' ? 'dateOrder' : period.problem };
  return { query: { ...query, ...(period.from ? { startsFrom: period.from } : {}), ...(period.to ? { startsTo: period.to } : {}) } };
}

export const lotKeys = {
  all: ['lots'] as const,
  list: (q: LotListQuery) => ['lots', 'list', q] as const,
  detail: (id: string) => ['lots', 'detail', id] as const,
  bidLog: (id: string) => ['lots', 'detail', id, 'bid-log'] as const,
};

/** Prices of live lots move: the list is read again while the page is visible. */
const LIST_REFRESH_MS = 20_000;
export const LOT_PAGE_SIZE = 24;

/** The catalogue page by page ("load more" follows the server's cursor); null while the search has a problem. */
export function useLots(query: LotListQuery | null) {
  return useInfiniteQuery({
    queryKey: lotKeys.list(query ?? {}),
    queryFn: async ({ pageParam, signal }) => {
      const page = await call('listLots', { query: { ...query, limit: LOT_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }, signal });
      // staff are also sent drafts; the public catalogue never shows them
      return { ...page, lots: page.lots.filter((l) => l.status !== 'draft') };
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: query !== null,
    placeholderData: keepPreviousData,
    refetchInterval: LIST_REFRESH_MS,
  });
}

/** The regions of the registered courts, each with its courts, for the search's region filter. */
export function useRegions() {
  return useQuery({
    queryKey: ['regions'] as const,
    queryFn: ({ signal }) => call('listRegions', { signal }).then((r) => r.regions),
    staleTime: 10 * 60_000,
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
