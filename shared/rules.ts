/**
 * The legal bounds the platform enforces, each a named constant with its source, and pure checks that
 * the server uses to refuse and the client uses to explain before submit.
 * A: Provisions on Online Judicial Auctions (2016); B: Provisions on Reference Prices (2018);
 * C: Provisions on Auction and Sell-off in Civil Enforcement (2020).
 */
import { Decimal } from 'decimal.js';
import type { RuleCode } from './rule-codes';
import { DISCLOSURE_ARTICLES, missingDisclosure, type DisclosureField } from './disclosure';

export const ARTICLES = {
  A10: 'A10', A11: 'A11', A12: 'A12', A17: 'A17', A18: 'A18', A20: 'A20', A26: 'A26', A28: 'A28', B27: 'B27', B13: 'B13',
} as const;

/** A10: the first auction's starting price is at least 70% of the reference price. */
export const FIRST_ROUND_MIN_STARTING_RATIO = new Decimal('0.70');
/** A17: the deposit is 5%–20% of the starting price. */
export const DEPOSIT_MIN_RATIO = new Decimal('0.05');
export const DEPOSIT_MAX_RATIO = new Decimal('0.20');
/** A20: bidding lasts at least 24 hours. */
export const MIN_BIDDING_PERIOD_MS = 24 * 60 * 60 * 1000;
/** A20: a bid within the last 5 minutes moves the end to 5 minutes after that bid. */
export const ANTI_SNIPING_WINDOW_MS = 5 * 60 * 1000;
/** A12: announcement before the first auction, in days. */
export const FIRST_ROUND_ANNOUNCEMENT_DAYS = { movable: 15, immovable: 30, property_right: 30 } as const;
/** A26: announcement before the second auction, in days. */
export const SECOND_ROUND_ANNOUNCEMENT_DAYS = { movable: 7, immovable: 15, property_right: 15 } as const;
/** A26: the second round's starting price is cut by at most 20% of the previous starting price. */
export const SECOND_ROUND_MAX_CUT_RATIO = new Decimal('0.20');
/** B27: a reference price is valid for one year at most. */
export const REFERENCE_PRICE_VALIDITY_MONTHS = 12;
/** A25: the court sets the balance deadline per lot; this is the platform's default. */
export const DEFAULT_BALANCE_DUE_DAYS = 10;
/** Bounds the platform puts on court-set values that no law fixes (a guard against typing errors). */
export const MAX_BALANCE_DUE_DAYS = 90;
export const MAX_BIDDING_PERIOD_MS = 60 * 24 * 60 * 60 * 1000;

export type AssetKind = 'movable' | 'immovable' | 'property_right';
export type Round = 1 | 2 | 'sell_off';

export interface RuleViolation {
  rule: RuleCode;
  article: string;
  message: string;
  /** Values that explain the bound, as strings (money) or ISO times, for the client to localise. */
  params: Record<string, string>;
}

/** China Standard Time: calendar days for periods in days are counted in UTC+8 (Civil Procedure Law). */
export const COURT_TZ_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The CST calendar date of an instant, as YYYY-MM-DD. */
export function cstDate(instant: Date): string {
  return new Date(instant.getTime() + COURT_TZ_OFFSET_MS).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The last day of a period of `days` days that begins on `startDate` (a CST date): the start day is not
 * counted; a period whose last day is a configured holiday runs to the next working day.
 */
export function periodLastDay(startDate: string, days: number, holidays: ReadonlySet<string> = new Set()): string {
  let last = addDays(startDate, days);
  while (holidays.has(last)) last = addDays(last, 1);
  return last;
}

/**
 * The first CST date on which an event may happen after a full period of `days` days that begins
 * with an announcement published on `published`. Published 1 March with 15 days → 17 March.
 */
export function earliestDateAfterPeriod(published: Date, days: number, holidays: ReadonlySet<string> = new Set()): string {
  return addDays(periodLastDay(cstDate(published), days, holidays), 1);
}

export function announcementDays(kind: AssetKind, round: Round): number | null {
  if (round === 1) return FIRST_ROUND_ANNOUNCEMENT_DAYS[kind];
  if (round === 2) return SECOND_ROUND_ANNOUNCEMENT_DAYS[kind];
  return null;
}

export interface LotTerms {
  round: Round;
  startingPrice: string;
  bidIncrement: string;
  deposit: string;
  startsAt: Date;
  endsAt: Date;
  balanceDueDays: number;
  /** The effective reference price the starting price is set against. */
  referencePrice: string | null;
}

/** Checks of a lot's terms that do not depend on when it is published. */
export function checkLotTerms(terms: LotTerms, now: Date): RuleViolation[] {
  const out: RuleViolation[] = [];
  const starting = new Decimal(terms.startingPrice);
  const deposit = new Decimal(terms.deposit);
  const increment = new Decimal(terms.bidIncrement);
  if (terms.referencePrice === null) {
    out.push({
      rule: 'REFERENCE_PRICE_REQUIRED', article: 'A10',
      message: 'The asset has no effective reference price; determine one before listing the lot (A10).',
      params: {},
    });
  } else if (terms.round === 1) {
    const minimum = new Decimal(terms.referencePrice).mul(FIRST_ROUND_MIN_STARTING_RATIO).toDecimalPlaces(2, Decimal.ROUND_UP);
    if (starting.lt(minimum)) {
      out.push({
        rule: 'STARTING_PRICE_BELOW_70_PERCENT', article: 'A10',
        message: `The starting price must be at least ${minimum.toFixed(2)} (70% of the reference price ${new Decimal(terms.referencePrice).toFixed(2)}, A10).`,
        params: { minimum: minimum.toFixed(2), referencePrice: new Decimal(terms.referencePrice).toFixed(2) },
      });
    }
  }
  if (starting.lte(0)) {
    out.push({ rule: 'STARTING_PRICE_POSITIVE', article: 'A10', message: 'The starting price must be above zero.', params: {} });
  }
  if (increment.lte(0)) {
    out.push({ rule: 'BID_INCREMENT_POSITIVE', article: 'A20', message: 'The bid increment must be above zero (A20).', params: {} });
  } else if (starting.gt(0) && increment.gt(starting)) {
    out.push({
      rule: 'BID_INCREMENT_TOO_LARGE', article: 'A20',
      message: 'The bid increment may not exceed the starting price.',
      params: { maximum: starting.toFixed(2) },
    });
  }
  const depositMin = starting.mul(DEPOSIT_MIN_RATIO).toDecimalPlaces(2, Decimal.ROUND_UP);
  const depositMax = starting.mul(DEPOSIT_MAX_RATIO).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  if (deposit.lt(depositMin) || deposit.gt(depositMax)) {
    out.push({
      rule: 'DEPOSIT_OUT_OF_RANGE', article: 'A17',
      message: `The deposit must be between ${depositMin.toFixed(2)} and ${depositMax.toFixed(2)} (5%–20% of the starting price, A17).`,
      params: { minimum: depositMin.toFixed(2), maximum: depositMax.toFixed(2) },
    });
  }
  const periodMs = terms.endsAt.getTime() - terms.startsAt.getTime();
  if (periodMs < MIN_BIDDING_PERIOD_MS) {
    out.push({
      rule: 'BIDDING_PERIOD_TOO_SHORT', article: 'A20',
      message: 'Bidding must last at least 24 hours (A20).',
      params: { minimumEndsAt: new Date(terms.startsAt.getTime() + MIN_BIDDING_PERIOD_MS).toISOString() },
    });
  } else if (periodMs > MAX_BIDDING_PERIOD_MS) {
    out.push({
      rule: 'BIDDING_PERIOD_TOO_LONG', article: 'A20',
      message: 'Bidding may last at most 60 days on this platform.',
      params: {},
    });
  }
  if (terms.startsAt.getTime() <= now.getTime()) {
    out.push({ rule: 'START_IN_PAST', article: 'A12', message: 'The auction must start in the future, after its announcement period.', params: {} });
  }
  if (!Number.isInteger(terms.balanceDueDays) || terms.balanceDueDays < 1 || terms.balanceDueDays > MAX_BALANCE_DUE_DAYS) {
    out.push({
      rule: 'BALANCE_DUE_DAYS_OUT_OF_RANGE', article: 'A25',
      message: `The balance deadline must be between 1 and ${MAX_BALANCE_DUE_DAYS} days.`,
      params: { maximum: String(MAX_BALANCE_DUE_DAYS) },
    });
  }
  return out;
}

/** A12/A26: checked at the moment of publishing, against the server clock. */
export function checkAnnouncementPeriod(
  kind: AssetKind, round: Round, publishedAt: Date, startsAt: Date, holidays: ReadonlySet<string> = new Set(),
): RuleViolation[] {
  const days = announcementDays(kind, round);
  if (days === null) return [];
  const earliest = earliestDateAfterPeriod(publishedAt, days, holidays);
  if (cstDate(startsAt) < earliest) {
    const article = round === 1 ? 'A12' : 'A26';
    return [{
      rule: 'ANNOUNCEMENT_PERIOD_TOO_SHORT', article,
      message: `Published today, the auction may start on ${earliest} (China Standard Time) at the earliest: ${days} days of announcement for ${kind.replace('_', ' ')} property (${article}).`,
      params: { earliestStartDate: earliest, days: String(days) },
    }];
  }
  return [];
}

/** B27: the first auction's announcement must be published while the reference price is valid. */
export function checkReferenceValidity(publishedAt: Date, validUntil: Date | null): RuleViolation[] {
  if (validUntil && publishedAt.getTime() > validUntil.getTime()) {
    return [{
      rule: 'REFERENCE_PRICE_EXPIRED', article: 'B27',
      message: `The reference price was valid until ${validUntil.toISOString()}; determine a new one before publishing (B27).`,
      params: { validUntil: validUntil.toISOString() },
    }];
  }
  return [];
}

/** A20: the first bid is at least the starting price; each later one at least current + increment. */
export function minimumNextBid(startingPrice: string, bidIncrement: string, currentPrice: string | null): Decimal {
  return bidMinimum({ startingPrice, bidIncrement, currentPrice, leaderPriorityRank: null }, null).minimum;
}

/** A20: a bid within the last 5 minutes moves the end to 5 minutes after it; otherwise the end stays. */
export function endAfterBid(endsAt: Date, bidAt: Date): Date {
  const extended = bidAt.getTime() + ANTI_SNIPING_WINDOW_MS;
  return extended > endsAt.getTime() ? new Date(extended) : endsAt;
}

/**
 * The end of a reference price's validity (B27): one year counted in UTC+8 calendar terms, ending with the
 * corresponding day of the next year (29 February → 28 February).
 */
export function referenceValidUntil(effectiveAt: Date): Date {
  const [y, m, d] = cstDate(effectiveAt).split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + REFERENCE_PRICE_VALIDITY_MONTHS, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return endOfCstDay(target.toISOString().slice(0, 10));
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/** GB 11643-1999: an 18-character PRC resident ID number with a valid birth date and check digit. */
export function isValidResidentId(raw: string): boolean {
  const id = raw.trim().toUpperCase();
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || birth.getUTCFullYear() !== y || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11] === id[17];
}

/** Builds a valid ID number from its first 17 digits (for demo data and tests). */
export function withResidentIdCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return first17 + ID_CHECK[sum % 11];
}

/** A16: the parties and known priority holders are notified 3 days before the announcement. */
export const NOTICE_BEFORE_ANNOUNCEMENT_DAYS = 3;

/** A16: checked at publishing; notified on 1 March, the announcement may be published from 5 March (UTC+8). */
export function checkPartyNotice(noticesSentAt: Date | null, publishedAt: Date, holidays: ReadonlySet<string> = new Set()): RuleViolation[] {
  if (!noticesSentAt) {
    return [{
      rule: 'PARTY_NOTICE_MISSING', article: 'A16',
      message: 'Notify the parties and known priority holders first; the announcement may be published 3 days after the notice (A16).',
      params: { days: String(NOTICE_BEFORE_ANNOUNCEMENT_DAYS) },
    }];
  }
  const earliest = earliestDateAfterPeriod(noticesSentAt, NOTICE_BEFORE_ANNOUNCEMENT_DAYS, holidays);
  if (cstDate(publishedAt) < earliest) {
    return [{
      rule: 'PARTY_NOTICE_TOO_RECENT', article: 'A16',
      message: `The parties were notified on ${cstDate(noticesSentAt)}; the announcement may be published from ${earliest} (China Standard Time, A16).`,
      params: { earliestPublishDate: earliest, days: String(NOTICE_BEFORE_ANNOUNCEMENT_DAYS) },
    }];
  }
  return [];
}

/** A29: a suspended auction resumes within 5 days. */
export const MAX_SUSPENSION_DAYS = 5;

/** The end (23:59:59.999 UTC+8) of a period of `days` calendar days that starts at `start`, the first day not counted. */
export function periodEnd(start: Date, days: number, holidays: ReadonlySet<string> = new Set()): Date {
  return endOfCstDay(periodLastDay(cstDate(start), days, holidays));
}

/** A29: the latest moment a suspended auction should resume. */
export function resumeDueBy(suspendedAt: Date, holidays: ReadonlySet<string> = new Set()): Date {
  return periodEnd(suspendedAt, MAX_SUSPENSION_DAYS, holidays);
}
/** A26: the second auction is held within 30 days of the failed first. */
export const SECOND_ROUND_WITHIN_DAYS = 30;
/** A26, C23–25: the sell-off window lasts 60 days; the first bid opens a 24-hour bidding round. */
export const SELL_OFF_WINDOW_DAYS = 60;
export const SELL_OFF_ROUND_MS = 24 * 60 * 60 * 1000;

export interface BidState {
  startingPrice: string;
  bidIncrement: string;
  /** null before the first bid */
  currentPrice: string | null;
  /** The leader's priority rank (1 is the highest), null when the leader holds no priority right. */
  leaderPriorityRank: number | null;
}

/**
 * A20 and A21: the lowest acceptable bid. A priority holder may match the current price when the leader
 * holds no priority right or a lower-ranked one; at the same rank the earlier bid wins, so no match.
 */
export function bidMinimum(state: BidState, bidderPriorityRank: number | null): { minimum: Decimal; matchAllowed: boolean } {
  if (state.currentPrice === null) return { minimum: new Decimal(state.startingPrice), matchAllowed: false };
  const raise = new Decimal(state.currentPrice).plus(state.bidIncrement);
  const matchAllowed = bidderPriorityRank !== null && (state.leaderPriorityRank === null || bidderPriorityRank < state.leaderPriorityRank);
  return { minimum: matchAllowed ? new Decimal(state.currentPrice) : raise, matchAllowed };
}

/** null when the bid is acceptable; otherwise the rule it breaks. */
export function checkBid(state: BidState, bidderPriorityRank: number | null, amount: string): RuleViolation | null {
  const a = new Decimal(amount);
  if (state.currentPrice === null) {
    if (a.lt(state.startingPrice)) {
      return {
        rule: 'FIRST_BID_BELOW_STARTING_PRICE', article: 'A20',
        message: `The first bid must be at least the starting price ${new Decimal(state.startingPrice).toFixed(2)} (A20).`,
        params: { minimum: new Decimal(state.startingPrice).toFixed(2) },
      };
    }
    return null;
  }
  const { matchAllowed } = bidMinimum(state, bidderPriorityRank);
  const current = new Decimal(state.currentPrice);
  const raise = current.plus(state.bidIncrement);
  if (matchAllowed && a.eq(current)) return null;
  if (a.gte(raise)) return null;
  if (matchAllowed) {
    return {
      rule: 'PRIORITY_BID_BETWEEN_MATCH_AND_RAISE', article: 'A21',
      message: `As a priority holder you may match ${current.toFixed(2)} or raise to at least ${raise.toFixed(2)} (A20, A21).`,
      params: { minimum: current.toFixed(2), match: current.toFixed(2), raise: raise.toFixed(2) },
    };
  }
  return {
    rule: 'BID_BELOW_MINIMUM', article: 'A20',
    message: `A bid must be at least the current price plus the increment: ${raise.toFixed(2)} (A20).`,
    params: { minimum: raise.toFixed(2) },
  };
}

/** A25: the balance is due by the end (UTC+8) of the last day of the court-set period after the close. */
export function balanceDueAt(closedAt: Date, days: number, holidays: ReadonlySet<string> = new Set()): Date {
  const last = periodLastDay(cstDate(closedAt), days, holidays);
  return endOfCstDay(last);
}

/** 23:59:59.999 in UTC+8 on a CST date. */
export function endOfCstDay(date: string): Date {
  return new Date(new Date(`${date}T00:00:00Z`).getTime() + 24 * 60 * 60 * 1000 - COURT_TZ_OFFSET_MS - 1);
}

/**
 * A13, A14: the announcement must state the known defects, the burdens and who occupies the property, the taxes
 * and fees of the transfer the buyer bears, how and where bidders may view it and whom to contact, and the
 * bidding notice. One violation per Chinese field still empty, naming it.
 */
export function checkDisclosure(d: Partial<Record<DisclosureField, string | null | undefined>>): RuleViolation[] {
  return missingDisclosure(d).map((field) => ({
    rule: 'DISCLOSURE_MISSING', article: DISCLOSURE_ARTICLES[field],
    message: `The announcement must state ${field} before the lot is published (${DISCLOSURE_ARTICLES[field]}).`,
    params: { field },
  }));
}
