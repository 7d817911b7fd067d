/** Cases and their assets: query keys, loaders and writes (server module `cases`). */
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { assetBody, caseBody } from '../../../../shared/api';
import { api } from '../../api';
import { typedMoney } from '../../ui/money-input';
import type { AssetView, CaseListItem, CaseView, CaseWithAssets, PreservationView } from '../court/types';

const enc = encodeURIComponent;

export const caseKeys = {
  all: ['cases'] as const,
  list: () => [...caseKeys.all, 'list'] as const,
  detail: (id: string) => [...caseKeys.all, id] as const,
  preservation: (id: string) => [...caseKeys.all, id, 'preservation'] as const,
};
export const assetKeys = {
  all: ['assets'] as const,
  detail: (id: string) => [...assetKeys.all, id] as const,
};

export const useCases = () => useQuery({ queryKey: caseKeys.list(), queryFn: () => api<{ cases: CaseListItem[] }>('/cases').then((r) => r.cases) });
export const useCase = (id: string) => useQuery({ queryKey: caseKeys.detail(id), queryFn: () => api<CaseWithAssets>(`/cases/${enc(id)}`), enabled: id !== '' });
export const useAsset = (id: string) => useQuery({ queryKey: assetKeys.detail(id), queryFn: () => api<AssetView>(`/assets/${enc(id)}`), enabled: id !== '' });
export const usePreservation = (caseId: string) =>
  useQuery({ queryKey: caseKeys.preservation(caseId), queryFn: () => api<PreservationView>(`/cases/${enc(caseId)}/preservation`) });


export const caseForm = caseBody.extend({ claimAmount: typedMoney });
export type CaseInput = z.output<typeof caseForm>;
export const createCase = (body: CaseInput) => api<CaseView>('/cases', { body });

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
  api<AssetView>('/assets', { body: { caseId, ...rest, ...seizedAt(seized) } });

export const flagsForm = z.strictObject({ preserved: z.boolean(), appraisalMandatory: z.boolean(), seized: seizedDate });
export const saveAssetFlags = (assetId: string, { seized, ...rest }: z.output<typeof flagsForm>) =>
  api<AssetView>(`/assets/${enc(assetId)}/flags`, { body: { ...rest, ...seizedAt(seized) } });
