/**
 * Coalesces a lot's `lot:bid` events so that thousands of watchers get at most one event per window per lot.
 * The first bid after a quiet window goes out at once (after the current tick, so bids committed in one batch
 * travel together); bids that follow within the window are held and sent together when it ends. Every emitted
 * event carries the latest bid's fields, as a single `lot:bid` always has, and `bids`: every bid since the
 * previous emit, in seq order. Any other event of the lot first flushes the held bids, so a lot's events
 * leave in seq order.
 */
export interface BidEventLike {
  seq: number;
}

export interface LotBidCoalescer {
  /** Queue an accepted bid's event for its lot's watchers. */
  bid(lotId: string, event: BidEventLike): void;
  /** Send whatever is held for the lot now (before another of its events goes out). */
  flush(lotId: string): void;
  /** Send everything held and stop the timers. */
  close(): void;
}

interface LotWindow {
  pending: BidEventLike[];
  timer: ReturnType<typeof setTimeout> | ReturnType<typeof setImmediate>;
  immediate: boolean;
}

export function createBidCoalescer(emit: (lotId: string, payload: object) => void, windowMs = 50): LotBidCoalescer {
  const windows = new Map<string, LotWindow>();

  function send(lotId: string, w: LotWindow) {
    const bids = w.pending;
    w.pending = [];
    if (bids.length > 1) bids.sort((a, b) => a.seq - b.seq);
    emit(lotId, { ...bids[bids.length - 1], bids });
  }

  /** End of a window: send what it held and open the next one, or forget the lot when it was quiet. */
  function tick(lotId: string) {
    const w = windows.get(lotId);
    if (!w) return;
    if (w.pending.length === 0) {
      windows.delete(lotId);
      return;
    }
    send(lotId, w);
    w.immediate = false;
    w.timer = setTimeout(tick, windowMs, lotId);
  }

  return {
    bid(lotId, event) {
      const w = windows.get(lotId);
      if (w) {
        w.pending.push(event);
        return;
      }
      windows.set(lotId, { pending: [event], timer: setImmediate(tick, lotId), immediate: true });
    },
    flush(lotId) {
      const w = windows.get(lotId);
      if (w && w.pending.length > 0) send(lotId, w);
    },
    close() {
      for (const [lotId, w] of windows) {
        if (w.immediate) clearImmediate(w.timer as ReturnType<typeof setImmediate>);
        else clearTimeout(w.timer as ReturnType<typeof setTimeout>);
        if (w.pending.length > 0) send(lotId, w);
      }
      windows.clear();
    },
  };
}
