import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { BidResult, LotBidEntry } from '../../../shared/api';
import { transitionLot, type LotStatus } from '../../../shared/lot-state';
import { checkBid, endAfterBid, SELL_OFF_ROUND_MS } from '../../../shared/rules';
import type { schema } from '../../platform/db/index';
import { DomainError, conflict, forbidden, notFound, ruleViolation } from '../../platform/errors';
import { auditHash, bidHash } from '../audit/audit.service';

/**
 * A lot's bids are decided one after another against the lot's state, by this pure function: it answers a
 * refusal, or the accepted bid with the rows to write (bid, audit entry), the lot's new state and the event.
 * The bid path runs it on the state it read (under the lot's lock, or in the lot's sequencer); it reads
 * nothing and writes nothing itself.
 */

/** What of the lot a bid is decided against: its rules, its price and leader, its counters and both chain heads. */
export interface LotBidState {
  lotId: string;
  status: LotStatus;
  round: string;
  startsAt: Date;
  endsAt: Date;
  startingPrice: string;
  bidIncrement: string;
  /** The top bid's amount; null before the first bid. */
  currentPrice: string | null;
  leadingRegistrationId: string | null;
  /** The leader's priority rank (A21), null when the leader holds none. */
  leaderPriorityRank: number | null;
  bidCount: number;
  extensionCount: number;
  seq: number;
  bidHead: string;
  auditHead: string;
  auditCount: number;
}

/** The bidder's registration on the lot, as far as a bid needs it. */
export interface BidderOnLot {
  id: string;
  bidderCode: string;
  depositStatus: string;
  priorityRank: number | null;
}

export interface BidInput {
  userId: string;
  roles: readonly string[];
  /** Null when the user has not registered for the lot. */
  registration: BidderOnLot | null;
  amount: string;
  clientBidId: string;
  now: Date;
}

export type BidRow = typeof schema.bids.$inferInsert;
export type AuditRow = typeof schema.auditLog.$inferInsert;

export interface AcceptedBid {
  ok: true;
  state: LotBidState;
  bid: BidRow;
  audit: AuditRow;
  result: BidResult;
  event: LotBidEntry;
}

export type BidDecision = AcceptedBid | { ok: false; error: DomainError };

const STAFF_ROLES = new Set(['court_staff', 'finance', 'admin']);

function refuse(error: DomainError): BidDecision {
  return { ok: false, error };
}

export function decideBid(lot: LotBidState, input: BidInput): BidDecision {
  const { now, registration: reg } = input;
  if (lot.status === 'draft') return refuse(notFound('The lot'));
  const live = transitionLot(lot.status, 'bid');
  if (!live.ok || now.getTime() >= lot.endsAt.getTime() || now.getTime() < lot.startsAt.getTime()) {
    const status = live.ok && now.getTime() >= lot.endsAt.getTime() ? 'ended' : lot.status;
    return refuse(conflict(live.ok ? 'LOT_NOT_LIVE' : live.code, status === 'ended' ? 'Bidding has ended.' : `The lot is not open for bidding (${status}).`, { status, endsAt: lot.endsAt.toISOString() }));
  }
  if (input.roles.some((r) => STAFF_ROLES.has(r))) {
    return refuse(ruleViolation([{ rule: 'STAFF_MAY_NOT_BID', article: 'A28', message: 'Court and platform staff may not bid (A28).' }]));
  }
  if (!reg) return refuse(forbidden('Register for this lot and pay the deposit before bidding (A17).', { reason: 'NOT_REGISTERED' }));
  if (reg.depositStatus !== 'held') {
    return refuse(forbidden('Your deposit has not been confirmed yet; you can bid once it is held (A17).', { reason: 'DEPOSIT_NOT_HELD', depositStatus: reg.depositStatus }));
  }
  if (lot.leadingRegistrationId === reg.id) {
    return refuse(conflict('ALREADY_LEADING', 'You already hold the highest bid.', { currentPrice: new Decimal(lot.currentPrice!).toFixed(2) }));
  }
  const state = {
    startingPrice: lot.startingPrice, bidIncrement: lot.bidIncrement, currentPrice: lot.bidCount > 0 ? lot.currentPrice : null,
    // The leader's rank matters only to a priority holder who might match (A21).
    leaderPriorityRank: reg.priorityRank !== null ? lot.leaderPriorityRank : null,
  };
  const violation = checkBid(state, reg.priorityRank, input.amount);
  if (violation) return refuse(ruleViolation([violation]));
  const priorityMatch = lot.bidCount > 0 && reg.priorityRank !== null && new Decimal(input.amount).eq(lot.currentPrice!);
  // Sell-off: the first bid opens a 24-hour round; otherwise the anti-sniping rule (A20).
  const opensSellOffRound = lot.round === 'sell_off' && lot.bidCount === 0;
  const newEnd = opensSellOffRound ? new Date(now.getTime() + SELL_OFF_ROUND_MS) : endAfterBid(lot.endsAt, now);
  const extended = !opensSellOffRound && newEnd.getTime() !== lot.endsAt.getTime();
  const seq = lot.seq + 1;
  const price = new Decimal(input.amount).toFixed(2);
  const hash = bidHash({ lotId: lot.lotId, seq, bidderCode: reg.bidderCode, amount: price, at: now, prevHash: lot.bidHead });
  const auditEntry = {
    lotId: lot.lotId, seq: lot.auditCount + 1, at: now, actorId: `bidder:${reg.bidderCode}`, action: 'bid',
    before: { currentPrice: lot.bidCount > 0 ? lot.currentPrice : null, endsAt: lot.endsAt.toISOString() },
    after: { seq, amount: price, bidderCode: reg.bidderCode, endsAt: newEnd.toISOString(), extended, priorityMatch, bidHash: hash },
    reason: null, prevHash: lot.auditHead,
  };
  const auditEntryHash = auditHash(auditEntry);
  const bidCount = lot.bidCount + 1;
  const extensionCount = lot.extensionCount + (extended ? 1 : 0);
  const result: BidResult = { lotId: lot.lotId, seq, amount: price, bidderCode: reg.bidderCode, at: now.toISOString(), endsAt: newEnd.toISOString(), extended, priorityMatch };
  return {
    ok: true,
    state: {
      ...lot, seq, currentPrice: price, leadingRegistrationId: reg.id, leaderPriorityRank: reg.priorityRank, bidCount, extensionCount,
      endsAt: newEnd, bidHead: hash, auditHead: auditEntryHash, auditCount: auditEntry.seq,
    },
    bid: {
      id: crypto.randomUUID(), lotId: lot.lotId, seq, registrationId: reg.id, userId: input.userId, amount: price, clientBidId: input.clientBidId,
      at: now, endsAtAfter: newEnd, extended, priorityMatch, prevHash: lot.bidHead, hash,
    },
    audit: { ...auditEntry, hash: auditEntryHash },
    result,
    event: { ...result, hash, currentPrice: price, bidCount, extensionCount },
  };
}

/** The state a bid is decided against, from the lot's row and its leader's priority rank. */
export function lotBidState(lot: typeof schema.lots.$inferSelect, leaderPriorityRank: number | null): LotBidState {
  return {
    lotId: lot.id, status: lot.status, round: lot.round, startsAt: lot.startsAt, endsAt: lot.endsAt,
    startingPrice: lot.startingPrice, bidIncrement: lot.bidIncrement, currentPrice: lot.currentPrice,
    leadingRegistrationId: lot.leadingRegistrationId, leaderPriorityRank, bidCount: lot.bidCount, extensionCount: lot.extensionCount,
    seq: lot.seq, bidHead: lot.bidHead, auditHead: lot.auditHead, auditCount: lot.auditCount,
  };
}
