import type { BidResult, LotBidEntry } from '../../../shared/api';
import type { Clock } from '../../platform/clock';
import { isUniqueViolation, type Db } from '../../platform/db/index';
import { DomainError, conflict, notFound } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import type { SessionUser } from '../../platform/session-user';
import { Decimal } from 'decimal.js';
import { bidMinimum } from '../../../shared/rules';
import { decideBid, lotBidState, type AcceptedBid, type BidderOnLot, type LotBidState } from './decide-bid';
import * as repo from './bidding.repository';

/**
 * One sequencer per live lot: its bids are decided one after another in memory, by decideBid, against the
 * lot's state, and the accepted ones are written in batches: one statement per batch (atomic on its own, one
 * round trip) that updates the lot fenced on the `seq` and audit count the batch was decided against and,
 * only if that update found the lot, inserts the batch's bids and audit entries. A bidder is answered after the
 * commit; a refusal writes nothing.
 *
 * The state in memory is a cache of the lot's row, never the truth: any other change to the lot (a close,
 * a suspension, a bid that reached the database another way) moves its `seq` or audit count, so the
 * fenced update finds no row, and the batch is decided again on the lot as it now is. A batch of refusals
 * only is answered once a read shows the lot unchanged.
 */

export interface BidRequest {
  user: Pick<SessionUser, 'id' | 'roles'>;
  amount: string;
  clientBidId: string;
}

/**
 * A request in the lot's queue, with the platform time it arrived: a bid is decided as of its arrival, so one
 * sent before the end is not refused as late because others were queued ahead of it. Arrival times follow
 * the queue's order, so the bid record's times never go backwards.
 */
type Pending =
  | (BidRequest & { kind: 'bid'; arrivedAt: Date; resolve(result: BidResult): void; reject(err: unknown): void })
  /** Read the lot's proxy bids again (one was set or withdrawn) and let them bid; answered after the batch commits. */
  | { kind: 'proxies'; arrivedAt: Date; resolve(): void; reject(err: unknown): void; continued?: true };

/** A proxy bid in force, as the sequencer runs it, with its owner's roles when the proxies were read. */
interface Proxy { id: string; registrationId: string; userId: string; maxAmount: Decimal; createdAt: Date; roles: readonly string[] }

/** The lot changed under the sequencer: decide again on what it is now. */
class StaleLot extends Error {}

/** Bids decided and written together at most; the rest wait for the next batch. */
const MAX_BATCH = 128;
/** Times a batch is decided again after the lot changed under it, before its bidders get the error. */
const MAX_ATTEMPTS = 5;
/** Bids placed for proxies in one batch at most; a longer proxy contest goes on in the next batch. */
const MAX_PROXY_BIDS = 256;
/** How long a user found with no registration on the lot is answered from memory (wall-clock ms). */
const UNREGISTERED_MS = 1000;
const MAX_UNREGISTERED = 50_000;
/** A sequencer with nothing to do for this long lets go of its lot's state. */
const IDLE_MS = 60_000;

const replayKey = (userId: string, clientBidId: string) => `${userId}\n${clientBidId}`;

export interface SequencerHooks {
  /** Accepted bids, in seq order, after their batch committed. */
  accepted(lotId: string, events: LotBidEntry[]): void;
}

class LotSequencer {
  private state: LotBidState | null = null;
  /** Registrations whose deposit is held, by user: the ones that can bid. Others are read again each time. */
  private readonly bidders = new Map<string, BidderOnLot>();
  private readonly ranks = new Map<string, number | null>();
  /**
   * Users found with no registration on the lot, until when: their bids are refused from memory for a moment
   * instead of a read each, so a crowd of free accounts cannot slow the lot's queue. A registration made on
   * this node is seen at once (forgetUnregistered); one made on another node within UNREGISTERED_MS.
   */
  private readonly unregistered = new Map<string, number>();
  /** Every accepted bid of the lot by (user, clientBidId): a repeated clientBidId gets the first result. */
  private readonly replays = new Map<string, BidResult>();
  private proxies: Proxy[] = [];
  private readonly queue: Pending[] = [];
  private draining = false;
  lastActive = Date.now();

  constructor(readonly lotId: string, private readonly db: Db, private readonly clock: Clock, private readonly hooks: SequencerHooks, private readonly log: Logger) {}

  get idle(): boolean {
    return !this.draining && this.queue.length === 0;
  }

  submit(req: BidRequest): Promise<BidResult> {
    return new Promise<BidResult>((resolve, reject) => this.enqueue({ ...req, kind: 'bid', arrivedAt: this.clock.now(), resolve, reject }));
  }

  /** The lot's proxy bids changed: read them again and let them bid now; settles once any such bid is written. */
  refreshProxies(): Promise<void> {
    return new Promise<void>((resolve, reject) => this.enqueue({ kind: 'proxies', arrivedAt: this.clock.now(), resolve, reject }));
  }

  private enqueue(p: Pending): void {
    this.queue.push(p);
    this.lastActive = Date.now();
    if (!this.draining) void this.drain();
  }

  /** Forget the state: the next batch reads the lot again. */
  invalidate(): void {
    this.state = null;
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        // A proxy contest going on from the last batch lets the event loop turn first: sockets, timers and
        // other lots' queues run between its batches (the embedded engine answers without ever yielding).
        if (this.queue[0].kind === 'proxies' && this.queue[0].continued) await new Promise<void>((r) => setImmediate(r));
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.run(batch);
      }
    } finally {
      this.draining = false;
      this.lastActive = Date.now();
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.decideAndWrite(batch);
        return;
      } catch (err) {
        this.invalidate();
        const raced = err instanceof StaleLot || isUniqueViolation(err);
        if (raced && attempt < MAX_ATTEMPTS) continue;
        if (raced) {
          for (const p of batch) p.reject(conflict('LOT_BUSY', 'The lot changed while your bid was being decided; check the new price and bid again.'));
          return;
        }
        if (!(err instanceof DomainError)) this.log.error({ err, lotId: this.lotId }, 'bid batch failed');
        for (const p of batch) p.reject(err);
        return;
      }
    }
  }

  private async load(): Promise<LotBidState> {
    const lot = await repo.findLot(this.db, this.lotId);
    if (!lot) throw notFound('The lot');
    this.bidders.clear();
    this.ranks.clear();
    this.unregistered.clear();
    this.replays.clear();
    for (const b of await repo.bidsForReplay(this.db, this.lotId)) {
      this.replays.set(replayKey(b.userId, b.clientBidId), {
        lotId: this.lotId, seq: b.seq, amount: b.amount, bidderCode: b.bidderCode, at: b.at.toISOString(),
        endsAt: b.endsAtAfter.toISOString(), extended: b.extended, priorityMatch: b.priorityMatch,
      });
    }
    await this.loadProxies();
    const leaderRank = lot.leadingRegistrationId ? await this.rankOf(lot.leadingRegistrationId) : null;
    return lotBidState(lot, leaderRank);
  }

  private async loadProxies(): Promise<void> {
    this.proxies = (await repo.proxiesInForce(this.db, this.lotId)).map((r) => ({ ...r, maxAmount: new Decimal(r.maxAmount) }));
  }

  private async rankOf(registrationId: string): Promise<number | null> {
    if (!this.ranks.has(registrationId)) this.ranks.set(registrationId, await repo.priorityRankOf(this.db, registrationId));
    return this.ranks.get(registrationId)!;
  }

  private async bidderOf(userId: string): Promise<BidderOnLot | null> {
    const known = this.bidders.get(userId);
    if (known) return known;
    if ((this.unregistered.get(userId) ?? 0) > Date.now()) return null;
    const r = await repo.registrationOf(this.db, this.lotId, userId);
    if (!r) {
      if (this.unregistered.size >= MAX_UNREGISTERED) this.unregistered.clear();
      this.unregistered.set(userId, Date.now() + UNREGISTERED_MS);
      return null;
    }
    this.unregistered.delete(userId);
    const bidder = { id: r.id, bidderCode: r.bidderCode, depositStatus: r.depositStatus, priorityRank: r.priorityRank };
    this.ranks.set(r.id, r.priorityRank);
    if (r.depositStatus === 'held') this.bidders.set(userId, bidder);
    return bidder;
  }

  /** The user registered for the lot: their next bid reads the registration. */
  forgetUnregistered(userId: string): void {
    this.unregistered.delete(userId);
  }

  private async decideAndWrite(batch: Pending[]): Promise<void> {
    const loaded = this.state;
    const start = loaded ?? (await this.load());
    if (loaded && batch.some((p) => p.kind === 'proxies')) await this.loadProxies();
    let state = start;
    const accepted: Array<{ key: string; d: AcceptedBid }> = [];
    const answers: Array<() => void> = [];
    const decidedNow = new Map<string, AcceptedBid>();
    for (const p of batch) {
      if (p.kind === 'proxies') {
        answers.push(() => p.resolve());
        continue;
      }
      const key = replayKey(p.user.id, p.clientBidId);
      const first = this.replays.get(key);
      if (first) {
        answers.push(() => p.resolve(first));
        continue;
      }
      const sameBatch = decidedNow.get(key);
      if (sameBatch) {
        answers.push(() => p.resolve(sameBatch.result));
        continue;
      }
      const registration = state.status === 'draft' ? null : await this.bidderOf(p.user.id);
      const d = decideBid(state, { userId: p.user.id, roles: p.user.roles, registration, amount: p.amount, clientBidId: p.clientBidId, now: p.arrivedAt });
      if (!d.ok) {
        answers.push(() => p.reject(d.error));
        continue;
      }
      state = d.state;
      decidedNow.set(key, d);
      accepted.push({ key, d });
      answers.push(() => p.resolve(d.result));
    }
    // Proxies bid as of the latest arrival in the batch: the request that outbid them, or the one that set them.
    const proxied = await this.proxyBids(state, batch.reduce((t, p) => (p.arrivedAt > t ? p.arrivedAt : t), batch[0].arrivedAt));
    state = proxied.state;
    accepted.push(...proxied.accepted);
    if (accepted.length > 0) {
      const written = await repo.writeBidBatchFenced(this.db, this.lotId, { seq: start.seq, auditCount: start.auditCount }, {
        seq: state.seq, currentPrice: state.currentPrice, leadingRegistrationId: state.leadingRegistrationId, bidCount: state.bidCount,
        bidHead: state.bidHead, auditHead: state.auditHead, auditCount: state.auditCount, extensionCount: state.extensionCount,
        endsAt: state.endsAt, updatedAt: accepted[accepted.length - 1].d.bid.at as Date,
      }, accepted.map((a) => a.d.bid), accepted.map((a) => a.d.audit));
      if (!written) throw new StaleLot();
      for (const { key, d } of accepted) this.replays.set(key, d.result);
    } else if (!(await repo.lotUnchanged(this.db, this.lotId, { seq: start.seq, auditCount: start.auditCount }))) {
      throw new StaleLot();
    }
    this.state = state;
    for (const answer of answers) answer();
    if (accepted.length > 0) this.hooks.accepted(this.lotId, accepted.map((a) => a.d.event));
    // A contest between proxies longer than one batch goes on in the next one.
    if (proxied.more) this.enqueue({ kind: 'proxies', arrivedAt: this.clock.now(), resolve: () => {}, reject: () => {}, continued: true });
  }

  /**
   * Proxy bids after the batch's own: while a proxy that is not leading can pay the minimum it may bid (a
   * priority holder's may match, A21), the one with the highest maximum (the oldest among equals) bids that
   * minimum, decided by decideBid like any bid. So two proxies outbid each other step by step until one
   * maximum is passed, each step an ordinary bid in the record.
   */
  private async proxyBids(from: LotBidState, now: Date): Promise<{ state: LotBidState; accepted: Array<{ key: string; d: AcceptedBid }>; more: boolean }> {
    let state = from;
    const accepted: Array<{ key: string; d: AcceptedBid }> = [];
    if (this.proxies.length === 0 || state.status !== 'live') return { state, accepted, more: false };
    const skip = new Set<string>();
    while (accepted.length < MAX_PROXY_BIDS) {
      let best: { proxy: Proxy; registration: BidderOnLot; amount: Decimal } | null = null;
      for (const proxy of this.proxies) {
        if (skip.has(proxy.id) || proxy.registrationId === state.leadingRegistrationId) continue;
        if (best && proxy.maxAmount.lte(best.proxy.maxAmount)) continue;
        const registration = await this.bidderOf(proxy.userId);
        if (!registration || registration.id !== proxy.registrationId) {
          skip.add(proxy.id);
          continue;
        }
        const { minimum } = bidMinimum({
          startingPrice: state.startingPrice, bidIncrement: state.bidIncrement, currentPrice: state.bidCount > 0 ? state.currentPrice : null,
          leaderPriorityRank: registration.priorityRank !== null ? state.leaderPriorityRank : null,
        }, registration.priorityRank);
        if (minimum.gt(proxy.maxAmount)) continue;
        best = { proxy, registration, amount: minimum };
      }
      if (!best) return { state, accepted, more: false };
      const clientBidId = `proxy:${best.proxy.id}:${state.seq + 1}`;
      const d = decideBid(state, { userId: best.proxy.userId, roles: best.proxy.roles, registration: best.registration, amount: best.amount.toFixed(2), clientBidId, now });
      if (!d.ok) {
        skip.add(best.proxy.id);
        continue;
      }
      state = d.state;
      accepted.push({ key: replayKey(best.proxy.userId, clientBidId), d });
    }
    return { state, accepted, more: true };
  }
}

/** The sequencers of this process, one per lot with bids in flight; idle ones are let go. */
export function createSequencers(db: Db, clock: Clock, hooks: SequencerHooks, log: Logger) {
  const sequencers = new Map<string, LotSequencer>();
  const sweep = setInterval(() => {
    const cutoff = Date.now() - IDLE_MS;
    for (const [lotId, s] of sequencers) if (s.idle && s.lastActive < cutoff) sequencers.delete(lotId);
  }, IDLE_MS);
  sweep.unref();
  const of = (lotId: string) => {
    let s = sequencers.get(lotId);
    if (!s) sequencers.set(lotId, (s = new LotSequencer(lotId, db, clock, hooks, log)));
    return s;
  };
  return {
    submit(lotId: string, req: BidRequest): Promise<BidResult> {
      return of(lotId).submit(req);
    },
    /** The user registered for the lot (on this node). */
    forgetUnregistered(lotId: string, userId: string): void {
      sequencers.get(lotId)?.forgetUnregistered(userId);
    },
    /** A proxy bid on the lot was set or withdrawn: its sequencer reads them again and lets them bid. */
    refreshProxies(lotId: string): Promise<void> {
      return of(lotId).refreshProxies();
    },
    /** The lot changed another way (a lifecycle action here): read it again before the next decision. */
    invalidate(lotId: string): void {
      sequencers.get(lotId)?.invalidate();
    },
    get size(): number {
      return sequencers.size;
    },
    stop(): void {
      clearInterval(sweep);
    },
  };
}

export type Sequencers = ReturnType<typeof createSequencers>;
