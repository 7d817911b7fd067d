/** Lots as court staff control them: every lot including drafts, the next actions, the buyer, and the commands. */
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, LotStatus, LotView } from '../../../../shared/api';
import { call } from '../../api';
import { lotKeys, lotQuery } from './api';

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

/** The court's lots on its start page, a page at a time, in the list's order (live, upcoming, drafts, finished); of one status when given. */
export const COURT_LOT_PAGE_SIZE = 50;
export const useCourtLotPages = (status: LotStatus | '') => useInfiniteQuery({
  queryKey: [...controlKeys.courtList(), 'pages', status] as const,
  queryFn: ({ pageParam, signal }) => call('listLots', { query: { limit: COURT_LOT_PAGE_SIZE, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}) }, signal }),
  initialPageParam: null as string | null,
  getNextPageParam: (last) => last.nextCursor,
  placeholderData: keepPreviousData,
});

export const useCourtLots = () => useQuery({
  queryKey: controlKeys.courtList(),
  queryFn: ({ signal }) => call('listLots', { query: { limit: 200 }, signal }).then((r) => r.lots),
});

export function useControlledLot(id: string) {
  const qc = useQueryClient();
  return useQuery({ ...lotQuery(qc, id), refetchInterval: (q) => controlRefresh(q.state.data) });
}

export const useLotActions = (id: string, refetchInterval: number | false) => useQuery({
  queryKey: controlKeys.actions(id),
  queryFn: ({ signal }) => call('lotActions', { params: { id }, signal }).then((r) => r.actions),
  refetchInterval,
});

export const useBuyer = (id: string, enabled: boolean) => useQuery({
  queryKey: controlKeys.buyer(id),
  queryFn: ({ signal }) => call('lotBuyer', { params: { id }, signal }),
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

export const createLot = (body: BodyOf<'createLot'>) => call('createLot', { body });
export const publishLot = (id: string) => call('publishLot', { params: { id } });
export const resumeLot = (id: string) => call('resumeLot', { params: { id } });
/** The commands on a lot that answer with the lot. */
export type LotCommand = 'notifyParties' | 'suspendLot' | 'cancelLot' | 'creditorTakeover' | 'recordBalance';
export const lotCommand = <N extends LotCommand>(name: N, id: string, body: BodyOf<N>): Promise<LotView> =>
  call(name as LotCommand, { params: { id }, body: body as never });
export const addPriorityHolder = (lotId: string, body: { email: string; rank: number }) => call('addPriorityHolder', { params: { id: lotId }, body });
