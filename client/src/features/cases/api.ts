/** Cases and their assets: query keys, loaders and writes (server module `cases`). */
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { assetBody, caseBody, positiveMoneyString } from '../../../../shared/api';
import { api } from '../../api';
import type { AssetView, CaseView, CaseWithAssets, PreservationView } from '../court/types';

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

export const useCases = () => useQuery({ queryKey: caseKeys.list(), queryFn: () => api<{ cases: CaseView[] }>('/cases').then((r) => r.cases) });
export const useCase = (id: string) => useQuery({ queryKey: caseKeys.detail(id), queryFn: () => api<CaseWithAssets>(`/cases/${enc(id)}`), enabled: id !== '' });
export const useAsset = (id: string) => useQuery({ queryKey: assetKeys.detail(id), queryFn: () => api<AssetView>(`/assets/${enc(id)}`), enabled: id !== '' });
export const usePreservation = (caseId: string) =>
  useQuery({ queryKey: caseKeys.preservation(caseId), queryFn: () => api<PreservationView>(`/cases/${enc(caseId)}/preservation`) });

/** Clerks paste amounts as printed ("¥3,200,000.00"); the symbol and separators are not part of the number. */
export const typedMoney = z.string().transform((s) => s.replace(/[¥,，\s]/g, '')).pipe(positiveMoneyString);

export const caseForm = caseBody.extend({ claimAmount: typedMoney });
export type CaseInput = z.output<typeof caseForm>;
export const createCase = (body: CaseInput) => api<CaseView>('/cases', { body });

export { assetBody };
export const createAsset = (body: z.output<typeof assetBody>) => api<AssetView>('/assets', { body });
