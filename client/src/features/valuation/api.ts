/** Reference-price determinations: query keys, loaders and writes (server module `valuation`). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { BodyOf } from '../../../../shared/api';
import { call } from '../../api';
import { serverNow, syncClock } from '../../server-clock';
import { assetKeys, caseKeys, useAsset, useCase } from '../cases/api';
import type { ValuationDetailView, ValuationView } from '../court/types';
import { IN_PROGRESS } from './valuation-logic';

export const valuationKeys = {
  all: ['valuations'] as const,
  detail: (id: string) => [...valuationKeys.all, id] as const,
  worklist: () => [...valuationKeys.all, 'worklist'] as const,
  /** Kept under the asset, so a change to the asset reloads its history too. */
  ofAsset: (assetId: string) => [...assetKeys.detail(assetId), 'valuations'] as const,
};

/** While quotes may still arrive or objections be filed, a determination is re-read this often. */
const LIVE_REFRESH_MS = 3000;
/** An appraisal report is recorded by staff and takes weeks: a slower pace will do there; so too for a whole asset's history. */
const SLOW_REFRESH_MS = 15_000;
const WORKLIST_REFRESH_MS = 30_000;

/** A moment the browser recorded (a query's last answer), on the server's clock as every time on these pages. */
export const onServerClock = (at: number) => (at ? at + serverNow() - Date.now() : null);

const moving = (list: ValuationView[] | undefined) => (list ?? []).some((v) => IN_PROGRESS.has(v.status));

export function useAssetValuations(assetId: string, opts: { enabled?: boolean; live?: boolean } = {}) {
  return useQuery({
    queryKey: valuationKeys.ofAsset(assetId),
    queryFn: ({ signal }) => call('listValuations', { params: { id: assetId }, signal }).then((r) => r.valuations),
    enabled: opts.enabled ?? true,
    // A determination under way moves on its own (quotes, deadlines, the objection window).
    refetchInterval: (q) => (opts.live && moving(q.state.data) ? SLOW_REFRESH_MS : false),
  });
}


export const useWorklist = () => useQuery({
  queryKey: valuationKeys.worklist(),
  queryFn: ({ signal }) => call('valuationWorklist', { signal }),
  refetchInterval: WORKLIST_REFRESH_MS,
});

export function refreshPace(v: ValuationDetailView | undefined): number | false {
  if (!v || !IN_PROGRESS.has(v.status)) return false;
  return v.method === 'appraisal' && v.status === 'pending' ? SLOW_REFRESH_MS : LIVE_REFRESH_MS;
}

/** A determination, its asset and case, its sibling determinations, and a live re-read while it moves. */
export function useValuationDetail(id: string) {
  const query = useQuery({
    queryKey: valuationKeys.detail(id),
    queryFn: ({ signal }) => call('getValuation', { params: { id }, signal }),
    refetchInterval: (q) => refreshPace(q.state.data),
  });
  const v = query.data ?? null;
  const asset = useAsset(v?.assetId ?? '').data ?? null;
  const caseNumber = useCase(asset?.caseId ?? '').data?.caseNumber ?? null;
  // The asset's other determinations: is this one the reference price a lot would use?
  const siblings = useAssetValuations(v?.assetId ?? '', { enabled: !!v && v.status === 'effective' }).data ?? null;
  // A status change is a good moment to re-read the server clock (deadlines are shown against it).
  const status = v?.status;
  useEffect(() => {
    if (status) void syncClock(1);
  }, [status]);
  const pace = refreshPace(query.data);
  return {
    v, asset, caseNumber, siblings,
    loadError: query.error,
    liveError: query.isRefetchError,
    refreshedAt: onServerClock(query.dataUpdatedAt),
    reload: () => void query.refetch(),
    moving: pace !== false,
    pace: pace || LIVE_REFRESH_MS,
  };
}

/** After a write on a determination: show the server's answer at once, and reload every list it appears in. */
export function useValuationChanged() {
  const qc = useQueryClient();
  return (next: ValuationDetailView | null, id?: string) => {
    if (next) qc.setQueryData(valuationKeys.detail(next.id), next);
    if (id) void qc.invalidateQueries({ queryKey: valuationKeys.detail(id) });
    void qc.invalidateQueries({ queryKey: assetKeys.all });
    void qc.invalidateQueries({ queryKey: valuationKeys.worklist() });
    void qc.invalidateQueries({ queryKey: caseKeys.all });
  };
}

export const startValuation = (assetId: string, body: BodyOf<'createValuation'>) => call('createValuation', { params: { id: assetId }, body });
export const extendAppraisal = (id: string, reason: string) => call('extendAppraisal', { params: { id }, body: { reason } });
export const recordAppraisalReport = (id: string, body: { agency: string; reportRef: string; amount: string }) =>
  call('recordAppraisalReport', { params: { id }, body });
export const fileObjection = (id: string, body: BodyOf<'fileObjection'>) => call('fileObjection', { params: { id }, body });
export const resolveObjection = (id: string, objectionId: string, body: { decision: 'sustained' | 'rejected'; resolution: string }) =>
  call('resolveObjection', { params: { id, objectionId }, body });
