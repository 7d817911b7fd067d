/** Cases and their assets: query keys, loaders and writes (server module `cases`). */
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { assetBody, caseBody } from '../../../../shared/api';
import { call } from '../../api';
import { typedMoney } from '../../ui/money-input';

export const caseKeys = {
  all: ['cases'] as const,
  list: () => [...caseKeys.all, 'list'] as const,
  search: (q: string) => [...caseKeys.list(), q] as const,
  detail: (id: string) => [...caseKeys.all, id] as const,
  preservation: (id: string) => [...caseKeys.all, id, 'preservation'] as const,
};
export const assetKeys = {
  all: ['assets'] as const,
  detail: (id: string) => [...assetKeys.all, id] as const,
};

/** Cases a page at a time on the court's start page. */
export const CASE_PAGE_SIZE = 30;

/** The court's cases, newest first, those whose case number or parties hold `q` (all without), a page at a time. */
export const useCaseSearch = (q: string) => useInfiniteQuery({
  queryKey: caseKeys.search(q),
  queryFn: ({ pageParam, signal }) => call('listCases', { query: { limit: CASE_PAGE_SIZE, ...(q ? { q } : {}), ...(pageParam ? { cursor: pageParam } : {}) }, signal }),
  initialPageParam: null as string | null,
  getNextPageParam: (last) => last.nextCursor ?? null,
  placeholderData: keepPreviousData,
});
export const useCase = (id: string) => useQuery({ queryKey: caseKeys.detail(id), queryFn: ({ signal }) => call('getCase', { params: { id }, signal }), enabled: id !== '' });
export const useAsset = (id: string) => useQuery({ queryKey: assetKeys.detail(id), queryFn: ({ signal }) => call('getAsset', { params: { id }, signal }), enabled: id !== '' });
export const usePreservation = (caseId: string) =>
  useQuery({ queryKey: caseKeys.preservation(caseId), queryFn: ({ signal }) => call('casePreservation', { params: { id: caseId }, signal }) });


export const caseForm = caseBody.extend({ claimAmount: typedMoney });
export type CaseInput = z.output<typeof caseForm>;
export const createCase = (body: CaseInput) => call('createCase', { body });

/** A CST calendar date from a date input, as the ISO instant of that day's start in UTC+8. */
export function seizedAtFromDate(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const t = Date.parse(`${date}T00:00:00+08:00`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}
/** The seizure date as typed: empty, or a calendar date sent as its start in court time. */
const seizedDate = z.string().refine((v) => v === '' || seizedAtFromDate(v) !== null);
const seizedAt = (date: string) => (date ? { seizedAt: seizedAtFromDate(date)! } : {});

export const assetForm = assetBody.omit({ caseId: true, seizedAt: true }).extend({ seized: seizedDate });
export const createAsset = (caseId: string, { seized, ...rest }: z.output<typeof assetForm>) =>
  call('createAsset', { body: { caseId, ...rest, ...seizedAt(seized) } });

export const flagsForm = z.strictObject({ preserved: z.boolean(), appraisalMandatory: z.boolean(), seized: seizedDate });
export const saveAssetFlags = (assetId: string, { seized, ...rest }: z.output<typeof flagsForm>) =>
  call('setAssetFlags', { params: { id: assetId }, body: { ...rest, ...seizedAt(seized) } });
