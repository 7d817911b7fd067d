/**
 * A lot kept in step with the server: REST for the first paint, then the /live namespace.
 * Events are applied strictly in seq order; an old event is dropped, a gap or a reconnect re-watches
 * the lot and starts again from the snapshot. Events that arrive while a snapshot is on its way are
 * held back and replayed on top of it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import type { BidResult, LotBidEntry, LotClosedEvent, LotStatusEvent, LotView, PresenceEvent } from '../../../../shared/api';
import { ackError, ApiError } from '../../api';
import { lotKeys, useLot } from '../auctions/api';
import { sessionEndedHere } from '../../session-sync';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'resyncing' | 'offline';

export interface Extension {
  endsAt: string;
  seq: number;
}

type Queued =
  | { kind: 'bid'; e: LotBidEntry }
  | { kind: 'status'; e: LotStatusEvent }
  | { kind: 'closed'; e: LotClosedEvent };

const TERMINAL = new Set(['sold', 'unsold', 'cancelled', 'defaulted']);
const ACK_TIMEOUT_MS = 10_000;

export interface LiveLot {
  lot: LotView | null;
  loadError: unknown;
  connection: ConnectionState;
  watchers: number | null;
  lastExtension: Extension | null;
  /** How many bids the lot had when bidLogHead was last read from the server (bid events do not carry the hash). */
  headBidCount: number;
  placeBid(amount: string, clientBidId: string): Promise<BidResult>;
  resync(): void;
  reload(): void;
}

export function useLiveLot(lotId: string, sessionKey: string | null): LiveLot {
  const queryClient = useQueryClient();
  const lotQuery = useLot(lotId);
  const lot = lotQuery.data ?? null;
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const [watchers, setWatchers] = useState<number | null>(null);
  const [lastExtension, setLastExtension] = useState<Extension | null>(null);
  const [headBidCount, setHeadBidCount] = useState(0);
  const socketRef = useRef<Socket | null>(null);
  const resyncRef = useRef<() => void>(() => {});
  /** The last view this hook patched from an event; any other view in the cache came whole from the server. */
  const patchedRef = useRef<LotView | null>(null);

  /** The cache is the one place the lot lives; reading it back is synchronous, so seq checks see every earlier event. */
  const current = useCallback(() => queryClient.getQueryData<LotView>(lotKeys.detail(lotId)) ?? null, [queryClient, lotId]);
  const commit = useCallback((next: LotView) => {
    // The cache shares unchanged parts with the view before, so the object kept is the one it returns.
    patchedRef.current = queryClient.setQueryData<LotView>(lotKeys.detail(lotId), next) ?? null;
  }, [queryClient, lotId]);
  /** A whole view from a snapshot: every field is current, the bid log head too. */
  const commitFull = useCallback((next: LotView) => {
    queryClient.setQueryData(lotKeys.detail(lotId), next);
  }, [queryClient, lotId]);

  // Bid events do not carry the log's hash: the head covers the bids counted in the last whole view.
  useEffect(() => {
    if (lot && lot !== patchedRef.current) setHeadBidCount(lot.bidCount);
  }, [lot]);

  useEffect(() => {
    if (sessionKey === null) return; // wait until we know who is logged in: the handshake authenticates once
    let disposed = false;
    let queue: Queued[] | null = null; // non-null while a watch is in flight
    let again = false;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    const socket = io('/live', { withCredentials: true, reconnectionDelay: 500, reconnectionDelayMax: 5000 });
    socketRef.current = socket;
    setConnection('connecting');

    // Status events carry the status only; suspension deadlines, cancel reasons, balance dates come with the full view.
    let refetchTimer: ReturnType<typeof setTimeout> | null = null;
    const refetchSoon = () => {
      if (refetchTimer) clearTimeout(refetchTimer);
      refetchTimer = setTimeout(() => {
        if (!disposed) void queryClient.invalidateQueries({ queryKey: lotKeys.detail(lotId), exact: true });
      }, 250);
    };

    const applyBid = (e: LotBidEntry) => {
      const cur = current()!;
      commit({
        ...cur,
        seq: e.seq,
        currentPrice: e.currentPrice,
        leadingBidderCode: e.bidderCode,
        bidCount: e.bidCount,
        extensionCount: e.extensionCount,
        endsAt: e.endsAt,
        bids: [{ seq: e.seq, bidderCode: e.bidderCode, amount: e.amount, at: e.at, priorityMatch: e.priorityMatch ?? false }, ...cur.bids.filter((b) => b.seq !== e.seq)],
      });
      if (e.extended) setLastExtension({ endsAt: e.endsAt, seq: e.seq });
    };
    const applyStatus = (e: LotStatusEvent) => {
      const cur = current()!;
      const terminal = TERMINAL.has(e.status);
      commit({
        ...cur,
        seq: e.seq,
        status: e.status,
        // On close the server sends the closing instant as endsAt; the lot's own end stays what it was.
        endsAt: terminal ? cur.endsAt : e.endsAt,
        // Sold: the leader at the close is the buyer; lot:closed confirms it with the same seq.
        finalPrice: e.status === 'sold' ? cur.finalPrice ?? cur.currentPrice : cur.finalPrice,
        winnerCode: e.status === 'sold' ? cur.winnerCode ?? cur.leadingBidderCode : cur.winnerCode,
      });
      refetchSoon();
    };
    const applyClosed = (e: LotClosedEvent) => {
      const cur = current()!;
      commit({ ...cur, seq: Math.max(cur.seq, e.seq), status: e.status, finalPrice: e.finalPrice, winnerCode: e.winnerCode });
      refetchSoon();
    };

    const handle = (item: Queued) => {
      if (item.e.lotId !== lotId) return;
      if (queue) {
        queue.push(item);
        return;
      }
      const cur = current();
      if (!cur) {
        watch();
        return;
      }
      const { seq } = item.e;
      // lot:closed repeats the seq of the lot:status that closed the lot: merge it, it is the same change.
      if (item.kind === 'closed' && seq === cur.seq) {
        applyClosed(item.e);
        return;
      }
      if (seq <= cur.seq) return;
      if (seq > cur.seq + 1) {
        watch();
        return;
      }
      if (item.kind === 'bid') applyBid(item.e);
      else if (item.kind === 'status') applyStatus(item.e);
      else applyClosed(item.e);
    };

    function watch() {
      if (disposed) return;
      if (queue) {
        again = true;
        return;
      }
      queue = [];
      again = false;
      setConnection('resyncing');
      socket.timeout(ACK_TIMEOUT_MS).emit('lot:watch', { lotId }, (err: Error | null, res: { ok: boolean; snapshot?: LotView; error?: unknown }) => {
        if (disposed) return;
        const held = queue ?? [];
        queue = null;
        if (err || !res?.ok || !res.snapshot) {
          if (res && !res.ok) {
            const e = ackError(res.error);
            if (e.code === 'NOT_FOUND') {
              // A draft (court staff) or a lot that was withdrawn: HTTP shows what there is; no live updates.
              setConnection('offline');
              return;
            }
          }
          if (retryTimer) clearTimeout(retryTimer);
          retryTimer = setTimeout(() => { if (socket.connected) watch(); }, 1500);
          return;
        }
        const snap = res.snapshot;
        const cached = current();
        if (!cached || snap.seq >= cached.seq) commitFull(snap);
        setConnection(socket.connected ? 'connected' : 'reconnecting');
        held.sort((a, b) => a.e.seq - b.e.seq || (a.kind === 'closed' ? 1 : 0) - (b.kind === 'closed' ? 1 : 0));
        for (const item of held) handle(item);
        if (again) watch();
      });
    }
    resyncRef.current = () => {
      if (socket.connected) watch();
    };

    socket.on('connect', () => watch());
    socket.on('disconnect', () => {
      if (!disposed) setConnection('reconnecting');
    });
    // This socket's session was logged out (in another tab): the server keeps it as an anonymous watcher, and
    // the whole page signs out, which reconnects it with the cookie the browser now holds.
    socket.on('session:ended', () => sessionEndedHere());
    socket.on('connect_error', () => {
      if (!disposed) setConnection('reconnecting');
    });
    // One lot:bid carries every bid since the previous one, in seq order: each is applied (or dropped) on its own.
    socket.on('lot:bid', (e: LotBidEntry & { bids?: LotBidEntry[] }) => {
      for (const b of e.bids ?? [e]) handle({ kind: 'bid', e: b });
    });
    socket.on('lot:status', (e: LotStatusEvent) => handle({ kind: 'status', e }));
    socket.on('lot:closed', (e: LotClosedEvent) => handle({ kind: 'closed', e }));
    socket.on('lot:presence', (e: PresenceEvent) => {
      if (e.lotId === lotId) setWatchers(e.watchers);
    });

    return () => {
      disposed = true;
      if (retryTimer) clearTimeout(retryTimer);
      if (refetchTimer) clearTimeout(refetchTimer);
      socket.removeAllListeners();
      socket.disconnect();
      socketRef.current = null;
      resyncRef.current = () => {};
    };
    // sessionKey: the handshake carries the session cookie, so a login or logout needs a new connection.
  }, [lotId, sessionKey, queryClient, current, commit, commitFull]);

  const placeBid = useCallback(async (amount: string, clientBidId: string): Promise<BidResult> => {
    const socket = socketRef.current;
    if (!socket) throw new ApiError(0, 'NETWORK', 'No live connection');
    let res: { ok: boolean; bid?: BidResult; error?: unknown };
    try {
      res = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('bid:place', { lotId, amount, clientBidId });
    } catch {
      throw new ApiError(0, 'TIMEOUT', 'No answer from the server');
    }
    if (!res.ok || !res.bid) throw ackError(res.error);
    if (res.bid.extended) setLastExtension((x) => (x && x.seq >= res.bid!.seq ? x : { endsAt: res.bid!.endsAt, seq: res.bid!.seq }));
    return res.bid;
  }, [lotId]);

  const resync = useCallback(() => resyncRef.current(), []);
  const { refetch } = lotQuery;
  const reload = useCallback(() => void refetch(), [refetch]);
  const loadError = lot ? null : lotQuery.error;

  return { lot, loadError, connection, watchers, lastExtension, headBidCount, placeBid, resync, reload };
}
