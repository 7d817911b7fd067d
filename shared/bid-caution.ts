import { Decimal } from 'decimal.js';

/**
 * A bid cannot be withdrawn, so an amount far above the price is most often a slip of the finger (an extra
 * zero, a digit too many). Such an amount is confirmed twice. "Far above" is either of:
 * - more than FAR_ABOVE_STEPS increments above the minimum next bid, or
 * - more than FAR_ABOVE_RATIO times the current price (the starting price while no one has bid).
 */
export const FAR_ABOVE_STEPS = 10;
export const FAR_ABOVE_RATIO = new Decimal(2);

export interface BidCautionInput {
  /** The amount about to be bid (or set as a proxy maximum). */
  amount: string;
  /** The minimum next bid now. */
  minimum: string;
  bidIncrement: string;
  startingPrice: string;
  /** null while no one has bid. */
  currentPrice: string | null;
}

export interface BidCaution {
  /** true when the amount must be confirmed a second time. */
  farAbove: boolean;
  /** The price the amount is compared with: the current price, or the starting price while there are no bids. */
  reference: string;
  /** How far the amount is above that price (0.00 when it is not above it). */
  aboveReference: string;
  /** How many whole increments the amount is above the minimum next bid (0 when it is not above it). */
  stepsAboveMinimum: string;
}

export function bidCaution(input: BidCautionInput): BidCaution {
  const amount = new Decimal(input.amount);
  const minimum = new Decimal(input.minimum);
  const increment = new Decimal(input.bidIncrement);
  const reference = new Decimal(input.currentPrice ?? input.startingPrice);
  const overMinimum = Decimal.max(amount.minus(minimum), 0);
  const manySteps = increment.gt(0) && overMinimum.gt(increment.mul(FAR_ABOVE_STEPS));
  const manyTimes = reference.gt(0) && amount.gt(reference.mul(FAR_ABOVE_RATIO));
  return {
    farAbove: manySteps || manyTimes,
    reference: reference.toFixed(2),
    aboveReference: Decimal.max(amount.minus(reference), 0).toFixed(2),
    stepsAboveMinimum: increment.gt(0) ? overMinimum.divToInt(increment).toFixed(0) : '0',
  };
}
