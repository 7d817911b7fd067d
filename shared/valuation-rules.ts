/**
 * Reference prices (B: Provisions on Determining Reference Prices for Property Disposal, 2018): the
 * methods' legal order, the inquiry and appraisal periods, objections and the averaging rule.
 */
import { Decimal } from 'decimal.js';
import { periodEnd, type RuleViolation } from './rules';

/** B4, B5, B7, B14: negotiation → targeted inquiry → network inquiry → commissioned appraisal. */
export const METHOD_ORDER = ['negotiated', 'targeted_inquiry', 'network_inquiry', 'appraisal'] as const;
export type DeterminationMethod = (typeof METHOD_ORDER)[number];
/** B7: targeted inquiry needs one of these prices held by a public body. */
export const TARGETED_PRICE_BASES = ['tax_base', 'government', 'government_guided'] as const;
/** B11: each platform reports within 3 days. */
export const INQUIRY_REPORT_DAYS = 3;
/** B12: one 3-day extension, only if no platform reported on time. */
export const INQUIRY_EXTENSION_DAYS = 3;
/** B12: a platform may correct its report within 3 days. */
export const INQUIRY_CORRECTION_DAYS = 3;
/** B19: the appraisal report is due within 30 days; at most two 15-day extensions. */
export const APPRAISAL_REPORT_DAYS = 30;
export const APPRAISAL_EXTENSION_DAYS = 15;
export const APPRAISAL_MAX_EXTENSIONS = 2;
/** B16: three agencies, in order. */
export const APPRAISAL_AGENCY_COUNT = 3;
/** B22: objections within 5 days of receiving the report. */
export const OBJECTION_DAYS = 5;
/**
 * Over-seizure warning for preserved property: the law forbids seizing clearly more than the claim without
 * fixing a number; the platform flags a preserved value above 130% of the claim for the judge to look at.
 */
export const OVER_SEIZURE_WARNING_RATIO = new Decimal('1.30');

/** B1: start determining the reference price within 30 days of seizure. */
export const START_DETERMINATION_WITHIN_DAYS = 30;
/** B30: the court initiates the sale within 10 days of the reference price taking effect (a duty the platform flags, not a refusal). */
export const INITIATE_SALE_WITHIN_DAYS = 10;

export { periodEnd };

/**
 * B13: the reference price is the simple average of the on-time quotes, computed exactly and rounded
 * half-up to the fen (0.005 → 0.01): three quotes 100.00, 100.00, 100.01 give 100.00 (100.0033…),
 * and 100.00, 100.01, 100.01 give 100.01 (100.0066…).
 */
export function averageQuotes(prices: string[]): Decimal {
  if (prices.length === 0) throw new Error('no quotes to average');
  const sum = prices.reduce((acc, p) => acc.plus(p), new Decimal(0));
  return sum.div(prices.length).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/**
 * The methods' legal order: a later method needs an earlier one to have been tried, or the parties'
 * recorded agreement to skip ahead; where a law requires an appraisal, only an appraisal will do (B14).
 */
export function checkMethodOrder(method: DeterminationMethod, triedBefore: DeterminationMethod[], skipAgreed: boolean, appraisalMandatory: boolean): RuleViolation[] {
  if (appraisalMandatory && method !== 'appraisal') {
    return [{ rule: 'APPRAISAL_MANDATORY', article: 'B14', message: 'A law requires a commissioned appraisal for this asset (B14).', params: {} }];
  }
  const index = METHOD_ORDER.indexOf(method);
  if (index === 0 || appraisalMandatory || skipAgreed) return [];
  const earlier = METHOD_ORDER.slice(0, index);
  if (triedBefore.some((m) => earlier.includes(m))) return [];
  return [{
    rule: 'METHOD_ORDER', article: 'B4',
    message: `Try ${earlier.join(' or ')} first, or record the parties' agreement to go straight to ${method.replace('_', ' ')} (B4, B5).`,
    params: { earlier: earlier.join(',') },
  }];
}

/** B31: the network-inquiry fee goes to the platform(s) whose quote was closest to the sale price, split on a tie. */
export function inquiryFeeWinners(quotes: Array<{ platform: string; price: string }>, finalPrice: string): string[] {
  let best: Decimal | null = null;
  let winners: string[] = [];
  for (const q of quotes) {
    const distance = new Decimal(q.price).minus(finalPrice).abs();
    if (best === null || distance.lt(best)) {
      best = distance;
      winners = [q.platform];
    } else if (distance.eq(best)) {
      winners.push(q.platform);
    }
  }
  return winners;
}

/** Pre-valuation: the preserved value against the claim, and whether it is clearly more (over-seizure). */
export function seizureRatio(preservedTotal: string, claimAmount: string): { ratio: Decimal; overSeized: boolean } {
  // Compare exactly (total > 1.3 × claim); round only for display.
  const overSeized = new Decimal(preservedTotal).gt(new Decimal(claimAmount).mul(OVER_SEIZURE_WARNING_RATIO));
  return { ratio: new Decimal(preservedTotal).div(claimAmount).toDecimalPlaces(4, Decimal.ROUND_HALF_UP), overSeized };
}

/** B16: drawing three agencies by lot from a list, reproducibly from a recorded seed. */
export function drawAgencies(candidates: string[], seed: string): string[] {
  // A small deterministic generator (mulberry32 over a string hash), so the draw can be replayed from its seed.
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  let state = h >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pool = [...candidates];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, APPRAISAL_AGENCY_COUNT);
}
