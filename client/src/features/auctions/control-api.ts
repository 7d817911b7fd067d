/** Lots as court staff control them: every lot including drafts, the next actions, the buyer, and the commands. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { LotView } from '../../../../shared/api';
import { api } from '../../api';
import type { BuyerView, LotActionView } from '../court/types';
import { lotKeys, lotQuery } from './api';

const enc = encodeURIComponent;

export const controlKeys = {
  /** All lots, drafts too, for the court's overview and case pages. */
  courtList: () => [...lotKeys.all, 'court'] as const,
  actions: (id: string) => [...lotKeys.detail(id), 'actions'] as const,
  buyer: (id: string) => [...lotKeys.detail(id), 'buyer'] as const,
};

const OPEN = new Set(['announced', 'live', 'suspended', 'sold']);
/** An open or sold lot moves on its own (start, bids, close, default): its control page re-reads it this often. */
export const CONTROL_REFRESH_MS = 15_000;
export const controlRefresh = (lot: LotView | undefined) => (lot && OPEN.has(lot.status) ? CONTROL_REFRESH_MS : false);

export const useCourtLots = () => useQuery({
  queryKey: controlKeys.courtList(),
  queryFn: () => api<{ lots: LotView[] }>('/lots?limit=200').then((r) => r.lots),
});

export function useControlledLot(id: string) {
  const qc = useQueryClient();
  return useQuery({ ...lotQuery(qc, id), refetchInterval: (q) => controlRefresh(q.state.data) });
}

export const useLotActions = (id: string, refetchInterval: number | false) => useQuery({
  queryKey: controlKeys.actions(id),
  queryFn: () => api<{ actions: LotActionView[] }>(`/lots/${enc(id)}/actions`).then((r) => r.actions),
  refetchInterval,
});

export const useBuyer = (id: string, enabled: boolean) => useQuery({
  queryKey: controlKeys.buyer(id),
  queryFn: () => api<BuyerView>(`/lots/${enc(id)}/buyer`),
  enabled,
});

/** After a command on a lot: the answer shown at once, then the lot and everything under it read again. */
export function useLotChanged() {
  const qc = useQueryClient();
  return (id: string, next?: LotView | null) => {
    if (next) qc.setQueryData(lotKeys.detail(id), next);
    void qc.invalidateQueries({ queryKey: lotKeys.all });
  };
}

export const createLot = (body: object) => api<LotView>('/lots', { body });
export const publishLot = (id: string) => api<{ status: string; announcedAt: string }>(`/lots/${enc(id)}/publish`, { method: 'POST', body: {} });
export const resumeLot = (id: string) => api<LotView>(`/lots/${enc(id)}/resume`, { method: 'POST', body: {} });
/** A command on a lot that answers with the lot (notify, suspend, cancel, takeover, balance). */
export const lotCommand = (path: string, body: object) => api<LotView>(path, { body });
export const addPriorityHolder = (lotId: string, body: { email: string; rank: number }) =>
  api<{ id: string; rank: number }>(`/lots/${enc(lotId)}/priority-holders`, { body });
