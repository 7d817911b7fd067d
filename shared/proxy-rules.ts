import { Decimal } from 'decimal.js';

/**
 * The most increments a proxy bid's maximum may lie above the minimum next bid when it is set. A proxy
 * bids step by step, each step an ordinary bid in the record (api.md), so two proxies with far-apart maxima
 * would write one bid per increment between them: a guard against a typing slip (an extra zero) or a
 * deliberate flood of the bid record. 200 steps covers any honest plan; a bidder who means to go further
 * sets a new maximum once the price has moved (or bids by hand).
 */
export const PROXY_MAX_INCREMENTS = 200;

/** The highest maximum a proxy bid may be set to, given the minimum next bid it could place now and the increment. */
export function proxyMaxCeiling(minimumNext: Decimal.Value, bidIncrement: Decimal.Value): Decimal {
  return new Decimal(minimumNext).plus(new Decimal(bidIncrement).times(PROXY_MAX_INCREMENTS));
}

/** True when the maximum is above the ceiling. */
export function proxyMaxTooHigh(maxAmount: Decimal.Value, minimumNext: Decimal.Value, bidIncrement: Decimal.Value): boolean {
  return new Decimal(maxAmount).gt(proxyMaxCeiling(minimumNext, bidIncrement));
}
