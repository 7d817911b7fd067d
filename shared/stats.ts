import { Decimal } from 'decimal.js';
import { toMoneyString } from './money';

/**
 * Statistics over finished auctions (domain-rules.md section 3).
 *
 * The counting unit is one finished auction: one round (first, second or sell-off) of one lot whose
 * bidding ended. A lot unsold in the first round and sold in the second counts twice: once unsold in
 * round 1, once sold in round 2.
 * - sold: the auction ended with a winner who paid or is still within the payment deadline.
 * - unsold (流拍): the auction ended without a valid bid.
 * - defaulted: the auction ended with a winner who then failed to pay. It is finished but not sold,
 *   and its price is not turnover; the re-auction that follows is counted on its own.
 * - a creditor takeover (以物抵债) is not a sale by auction: it is never a finished auction and never
 *   turnover; the unsold auction before it is counted as unsold.
 */

export type AuctionRound = '1' | '2' | 'sell_off';
export const AUCTION_ROUNDS: readonly AuctionRound[] = ['1', '2', 'sell_off'];
export type AuctionOutcome = 'sold' | 'unsold' | 'defaulted';

export interface AuctionFact {
  round: AuctionRound;
  outcome: AuctionOutcome;
  startingPrice: Decimal;
  referencePrice: Decimal;
  /** The winning price; null when unsold. */
  finalPrice: Decimal | null;
  bidders: number;
  bids: number;
  extensions: number;
  /** Deposits of bidders who did not win, and how many of them were refunded within 24 h of the close. */
  loserDeposits: number;
  loserDepositsRefundedWithin24h: number;
  /**
   * Of those, the ones not given back yet, and when the auction closed: while its 24 hours run, an open
   * deposit is not late, so it is left out of the share until it is given back or the 24 hours are over.
   */
  loserDepositsOpen?: number;
  closedAt?: Date;
}

/** A23: losers' deposits are due back within this long after the close. */
export const LOSER_REFUND_WINDOW_MS = 24 * 60 * 60 * 1000;

/** C29 marginal ceiling schedule: [upper bound of the band, rate within the band]. */
const C29_BANDS: ReadonlyArray<[Decimal | null, Decimal]> = [
  [new Decimal('2000000'), new Decimal('0.05')],
  [new Decimal('10000000'), new Decimal('0.03')],
  [new Decimal('50000000'), new Decimal('0.02')],
  [new Decimal('100000000'), new Decimal('0.01')],
  [null, new Decimal('0.005')],
];

/**
 * The commission a traditional auction house could have charged on one sold lot, exact (not rounded):
 * each band of the price at its own rate. Sums over lots are rounded once, at the end.
 */
export function commissionSaved(finalPrice: Decimal | string): Decimal {
  const price = new Decimal(finalPrice);
  if (price.isNegative()) throw new Error('a price cannot be negative');
  let total = new Decimal(0);
  let lower = new Decimal(0);
  for (const [upper, rate] of C29_BANDS) {
    if (price.lte(lower)) break;
    const top = upper === null ? price : Decimal.min(price, upper);
    total = total.plus(top.minus(lower).times(rate));
    if (upper === null) break;
    lower = upper;
  }
  return total;
}

/** Rates on the wire: four places, rounded half-up; a rate over an empty base is 0. */
export function toRateString(numerator: Decimal, denominator: Decimal): string {
  if (denominator.isZero()) return '0.0000';
  return numerator.div(denominator).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
}

export interface StatsFigures {
  lotsFinished: number;
  lotsSold: number;
  lotsDefaulted: number;
  successRate: string;
  turnover: string;
  startingTotal: string;
  referenceTotal: string;
  premiumOverStarting: string;
  premiumOverReference: string;
  realisationRate: string;
  commissionSaved: string;
  commissionShareOfTurnover: string;
  unsoldRateByRound: Record<AuctionRound, string>;
  biddersPerLot: string;
  bidsPerLot: string;
  extensionsPerLot: string;
  loserDepositsRefundedWithin24hShare: string;
}

/** The sums every figure is computed from; kept per court, kind, round and month by the rollup. */
export interface StatsTotals {
  finishedByRound: Record<AuctionRound, number>;
  unsoldByRound: Record<AuctionRound, number>;
  sold: number;
  defaulted: number;
  /** Over sold auctions; commission exact (not rounded). */
  turnover: Decimal;
  starting: Decimal;
  reference: Decimal;
  commission: Decimal;
  /** Over every finished auction. */
  bidders: number;
  bids: number;
  extensions: number;
  loserDeposits: number;
  loserDepositsRefundedWithin24h: number;
}

export function emptyTotals(): StatsTotals {
  const zero = new Decimal(0);
  return {
    finishedByRound: { '1': 0, '2': 0, sell_off: 0 }, unsoldByRound: { '1': 0, '2': 0, sell_off: 0 },
    sold: 0, defaulted: 0, turnover: zero, starting: zero, reference: zero, commission: zero,
    bidders: 0, bids: 0, extensions: 0, loserDeposits: 0, loserDepositsRefundedWithin24h: 0,
  };
}

/** Adds one finished auction to the totals, in place; `now` leaves out deposits whose 24 hours still run. */
export function addFact(t: StatsTotals, f: AuctionFact, now?: Date): StatsTotals {
  t.finishedByRound[f.round] += 1;
  t.bidders += f.bidders;
  t.bids += f.bids;
  t.extensions += f.extensions;
  t.loserDeposits += f.loserDeposits;
  t.loserDepositsRefundedWithin24h += f.loserDepositsRefundedWithin24h;
  if (now && f.closedAt && f.closedAt.getTime() + LOSER_REFUND_WINDOW_MS > now.getTime()) t.loserDeposits -= f.loserDepositsOpen ?? 0;
  if (f.outcome === 'unsold') t.unsoldByRound[f.round] += 1;
  if (f.outcome === 'defaulted') t.defaulted += 1;
  if (f.outcome !== 'sold' || f.finalPrice === null) return t;
  t.sold += 1;
  t.turnover = t.turnover.plus(f.finalPrice);
  t.starting = t.starting.plus(f.startingPrice);
  t.reference = t.reference.plus(f.referencePrice);
  t.commission = t.commission.plus(commissionSaved(f.finalPrice));
  return t;
}

/** Adds totals `b` into `a`, in place. */
export function addTotals(a: StatsTotals, b: StatsTotals): StatsTotals {
  for (const r of AUCTION_ROUNDS) {
    a.finishedByRound[r] += b.finishedByRound[r];
    a.unsoldByRound[r] += b.unsoldByRound[r];
  }
  a.sold += b.sold;
  a.defaulted += b.defaulted;
  a.turnover = a.turnover.plus(b.turnover);
  a.starting = a.starting.plus(b.starting);
  a.reference = a.reference.plus(b.reference);
  a.commission = a.commission.plus(b.commission);
  a.bidders += b.bidders;
  a.bids += b.bids;
  a.extensions += b.extensions;
  a.loserDeposits += b.loserDeposits;
  a.loserDepositsRefundedWithin24h += b.loserDepositsRefundedWithin24h;
  return a;
}

/**
 * Money figures are over sold auctions: turnover Σ final, premiums Σ(final − base) / Σ base, realisation
 * Σ final / Σ reference, commission Σ per-lot C29. Counts per lot are over every finished auction.
 * The unsold rate of a round is unsold / finished in that round (a defaulted sale is not unsold).
 */
export function figures(t: StatsTotals): StatsFigures {
  const finished = AUCTION_ROUNDS.reduce((s, r) => s + t.finishedByRound[r], 0);
  const n = new Decimal(finished);
  const rate = (a: number | Decimal, b: number | Decimal) => toRateString(new Decimal(a), new Decimal(b));
  const roundedCommission = t.commission.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return {
    lotsFinished: finished,
    lotsSold: t.sold,
    lotsDefaulted: t.defaulted,
    successRate: rate(t.sold, n),
    turnover: toMoneyString(t.turnover),
    startingTotal: toMoneyString(t.starting),
    referenceTotal: toMoneyString(t.reference),
    premiumOverStarting: rate(t.turnover.minus(t.starting), t.starting),
    premiumOverReference: rate(t.turnover.minus(t.reference), t.reference),
    realisationRate: rate(t.turnover, t.reference),
    commissionSaved: toMoneyString(roundedCommission),
    commissionShareOfTurnover: rate(t.commission, t.turnover),
    unsoldRateByRound: {
      '1': rate(t.unsoldByRound['1'], t.finishedByRound['1']),
      '2': rate(t.unsoldByRound['2'], t.finishedByRound['2']),
      sell_off: rate(t.unsoldByRound.sell_off, t.finishedByRound.sell_off),
    },
    biddersPerLot: rate(t.bidders, n),
    bidsPerLot: rate(t.bids, n),
    extensionsPerLot: rate(t.extensions, n),
    loserDepositsRefundedWithin24hShare: rate(t.loserDepositsRefundedWithin24h, t.loserDeposits),
  };
}

/** The figures over a list of finished auctions, one by one: the definition the rollup is checked against. */
export function aggregate(facts: readonly AuctionFact[], now?: Date): StatsFigures {
  const t = emptyTotals();
  for (const f of facts) addFact(t, f, now);
  return figures(t);
}
