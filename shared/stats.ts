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
}

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

/**
 * Money figures are over sold auctions: turnover Σ final, premiums Σ(final − base) / Σ base, realisation
 * Σ final / Σ reference, commission Σ per-lot C29. Counts per lot are over every finished auction.
 * The unsold rate of a round is unsold / finished in that round (a defaulted sale is not unsold).
 */
export function aggregate(facts: readonly AuctionFact[]): StatsFigures {
  const zero = new Decimal(0);
  let turnover = zero, starting = zero, reference = zero, commission = zero;
  let sold = 0, defaulted = 0, bidders = 0, bids = 0, extensions = 0, losers = 0, refunded = 0;
  const finishedByRound: Record<AuctionRound, number> = { '1': 0, '2': 0, sell_off: 0 };
  const unsoldByRound: Record<AuctionRound, number> = { '1': 0, '2': 0, sell_off: 0 };
  for (const f of facts) {
    finishedByRound[f.round] += 1;
    bidders += f.bidders;
    bids += f.bids;
    extensions += f.extensions;
    losers += f.loserDeposits;
    refunded += f.loserDepositsRefundedWithin24h;
    if (f.outcome === 'unsold') unsoldByRound[f.round] += 1;
    if (f.outcome === 'defaulted') defaulted += 1;
    if (f.outcome !== 'sold' || f.finalPrice === null) continue;
    sold += 1;
    turnover = turnover.plus(f.finalPrice);
    starting = starting.plus(f.startingPrice);
    reference = reference.plus(f.referencePrice);
    commission = commission.plus(commissionSaved(f.finalPrice));
  }
  const n = new Decimal(facts.length);
  const rate = (a: number | Decimal, b: number | Decimal) => toRateString(new Decimal(a), new Decimal(b));
  const roundedCommission = commission.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return {
    lotsFinished: facts.length,
    lotsSold: sold,
    lotsDefaulted: defaulted,
    successRate: rate(sold, n),
    turnover: toMoneyString(turnover),
    startingTotal: toMoneyString(starting),
    referenceTotal: toMoneyString(reference),
    premiumOverStarting: rate(turnover.minus(starting), starting),
    premiumOverReference: rate(turnover.minus(reference), reference),
    realisationRate: rate(turnover, reference),
    commissionSaved: toMoneyString(roundedCommission),
    commissionShareOfTurnover: rate(commission, turnover),
    unsoldRateByRound: {
      '1': rate(unsoldByRound['1'], finishedByRound['1']),
      '2': rate(unsoldByRound['2'], finishedByRound['2']),
      sell_off: rate(unsoldByRound.sell_off, finishedByRound.sell_off),
    },
    biddersPerLot: rate(bidders, n),
    bidsPerLot: rate(bids, n),
    extensionsPerLot: rate(extensions, n),
    loserDepositsRefundedWithin24hShare: rate(refunded, losers),
  };
}
