/**
 * Results (成交公示): finished auctions page by page, the courts for the search form, and the CSV link,
 * all from the public routes `results` and `statsCourts`.
 */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { routeUrl, type ResponseOf } from '../../../../shared/contract/call';
import { call } from '../../api';

export type ResultItem = ResponseOf<'results'>['items'][number];
export type ResultOutcome = ResultItem['outcome'];

export const RESULT_OUTCOMES: readonly ResultOutcome[] = ['sold', 'unsold', 'defaulted'];
export const RESULT_KINDS = ['movable', 'immovable', 'property_right'] as const;

/**
 * The search as the page keeps it in its address. `to` is the first day excluded, as in the API and on the
 * statistics pages, so one link means one period everywhere; the form shows the last day included. An older
 * link whose `to` equals its `from` (it named the last day included) reads as that one day.
 */
export interface ResultFilters { court: string; from: string; to: string; kind: string; outcome: string; q: string }

import { periodOf } from '../../url-search';

export { dayAfter, dayBefore, isDay } from '../../url-search';

/** The filters as the API's query, or a problem the form shows instead of asking. */
export function resultsQuery(f: ResultFilters): { query: Record<string, string> } | { problem: 'fromDate' | 'toDate' | 'order' } {
  const query: Record<string, string> = {};
  if (f.court) query.court = f.court;
  // a value from an edited address that the form does not offer is left out rather than refused
  if ((RESULT_KINDS as readonly string[]).includes(f.kind)) query.kind = f.kind;
  if ((RESULT_OUTCOMES as readonly string[]).includes(f.outcome)) query.outcome = f.outcome;
  if (f.q.trim()) query.q = f.q.trim().slice(0, 200);
  const period = periodOf(f.from, f.to);
  if ('problem' in period) return period;
  return { query: { ...query, ...period } };
}

export const resultsKeys = {
  all: ['results'] as const,
  list: (query: Record<string, string>) => [...resultsKeys.all, 'list', query] as const,
  courts: () => [...resultsKeys.all, 'courts'] as const,
};

export const PAGE_SIZE = 50;

export function useResults(query: Record<string, string> | null) {
  return useInfiniteQuery({
    queryKey: resultsKeys.list(query ?? {}),
    queryFn: ({ pageParam, signal }) => call('results', { query: { ...query, limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

export const useCourts = () => useQuery({
  queryKey: resultsKeys.courts(),
  queryFn: ({ signal }) => call('statsCourts', { signal }),
  staleTime: 5 * 60_000,
});

/** Every row the search finds, as a file (the server stops at 50,000), with its header row in the reader's language. */
export const resultsCsvUrl = (query: Record<string, string>, lang: 'en' | 'zh') => routeUrl('results', { query: { ...query, format: 'csv', lang } });
