/** The lot form's arithmetic under the A rules: the suggested terms of each kind of lot, and the bounds that depend on the previous lot. */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { lotBody, type LotView } from '../../../../shared/api';
import { DISCLOSURE_FIELDS, translationField, type DisclosureField, type DisclosureTranslationField } from '../../../../shared/disclosure';
import { isMoneyString } from '../../../../shared/money';
import {
  announcementDays, DEFAULT_BALANCE_DUE_DAYS, earliestDateAfterPeriod, FIRST_ROUND_MIN_STARTING_RATIO, NOTICE_BEFORE_ANNOUNCEMENT_DAYS,
  SECOND_ROUND_MAX_CUT_RATIO, SECOND_ROUND_WITHIN_DAYS, SELL_OFF_WINDOW_DAYS, type AssetKind, type Round,
} from '../../../../shared/rules';
import { fromCstInput, toCstInput } from '../../format';
import { cleanMoney } from '../../ui/money-input';

/**
 * How the form was opened: a first auction of a fresh asset; a second auction after a failed first (A26);
 * a sell-off after a failed second (A26, C23–25); or a first auction again after the buyer defaulted (A24).
 */
export type LotFormMode = 'first' | 'second_round' | 'sell_off' | 're_auction';

export type RoundValue = '1' | '2' | 'sell_off';

export interface Draft {
  startingPrice: string;
  bidIncrement: string;
  deposit: string;
  startsAt: string;
  endsAt: string;
  balanceDueDays: string;
  announcement: string;
  announcementEn: string;
  /** The disclosure as typed: each Chinese field and its optional English translation. */
  disclosure: Record<DisclosureField | DisclosureTranslationField, string>;
}

/** A disclosure with every field empty, as a new lot form starts. */
export function emptyDisclosureDraft(): Draft['disclosure'] {
  return Object.fromEntries(DISCLOSURE_FIELDS.flatMap((f) => [[f, ''], [translationField(f), '']])) as Draft['disclosure'];
}

/** The disclosure fields the court filled in, trimmed; empty ones are left out (a draft may be incomplete). */
export function typedDisclosure(d: Draft['disclosure']): Partial<Draft['disclosure']> {
  return Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));
}

const DAY = 86_400_000;
export const SELL_OFF_WINDOW_MS = SELL_OFF_WINDOW_DAYS * DAY;

export function roundOfMode(mode: LotFormMode): RoundValue {
  return mode === 'second_round' ? '2' : mode === 'sell_off' ? 'sell_off' : '1';
}

export function toRound(v: RoundValue): Round {
  return v === 'sell_off' ? 'sell_off' : (Number(v) as 1 | 2);
}

/** Two significant figures, e.g. 840 → 840, 20020 → 20000, at least ¥1. */
function roundIncrement(v: Decimal): Decimal {
  if (v.lt(1)) return new Decimal(1);
  const digits = v.floor().toFixed(0).length;
  const unit = new Decimal(10).pow(Math.max(0, digits - 2));
  return v.div(unit).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).mul(unit);
}

/** A26: the lowest lawful starting price of a second auction, 80% of the previous starting price (rounded up to the fen). */
export function secondRoundFloor(previousStartingPrice: string): Decimal {
  return new Decimal(previousStartingPrice).mul(new Decimal(1).minus(SECOND_ROUND_MAX_CUT_RATIO)).toDecimalPlaces(2, Decimal.ROUND_UP);
}

/** A26: the second auction starts within 30 days of the failed first one's close. */
export function secondRoundLatestStart(previous: LotView): Date {
  return new Date(Date.parse(previous.closedAt ?? previous.endsAt) + SECOND_ROUND_WITHIN_DAYS * DAY);
}

/** The start as an <input> value: 10:00 UTC+8 on a CST date. */
function tenOClock(date: string): Date {
  return new Date(`${date}T10:00:00+08:00`);
}

/**
 * A16: a new draft is published three clear days after the parties are notified, at the earliest. Notified today,
 * the announcement may go out on this CST date; the announcement period (A12/A26) runs from there.
 */
export function earliestPublishDate(now: Date): string {
  return earliestDateAfterPeriod(now, NOTICE_BEFORE_ANNOUNCEMENT_DAYS);
}

/** The first lawful start date for a lot created now: after the notice (A16), then the announcement period, if any. */
export function earliestStartDate(kind: AssetKind, round: Round, now: Date): string {
  const publishAt = new Date(`${earliestPublishDate(now)}T09:00:00+08:00`);
  const days = announcementDays(kind, round);
  return earliestDateAfterPeriod(publishAt, days ?? 0);
}

/**
 * Values that satisfy the rules for the mode: the lowest lawful starting price (70% of the reference, A10;
 * 80% of the previous start, A26; the second auction's price for a sell-off), deposit 10% (A17),
 * increment about 1%, start after the announcement period (A12/A26), 24 hours of bidding (A20).
 */
export function suggestedDraft(kind: AssetKind, mode: LotFormMode, referencePrice: string | null, previous: LotView | null, now: Date, announcement: string): Draft {
  let starting: Decimal | null = null;
  if (mode === 'second_round' && previous) starting = secondRoundFloor(previous.startingPrice).toDecimalPlaces(0, Decimal.ROUND_UP);
  else if (mode === 'sell_off' && previous) starting = new Decimal(previous.startingPrice);
  else if (referencePrice) starting = new Decimal(referencePrice).mul(FIRST_ROUND_MIN_STARTING_RATIO).toDecimalPlaces(0, Decimal.ROUND_UP);
  const startsAt = tenOClock(earliestStartDate(kind, toRound(roundOfMode(mode)), now));
  const endsAt = new Date(startsAt.getTime() + (mode === 'sell_off' ? SELL_OFF_WINDOW_MS : DAY));
  return {
    startingPrice: starting ? starting.toFixed(2) : '',
    bidIncrement: starting ? roundIncrement(starting.mul('0.01')).toFixed(2) : '',
    deposit: starting ? starting.mul('0.10').toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(2) : '',
    startsAt: toCstInput(startsAt),
    endsAt: toCstInput(endsAt),
    balanceDueDays: String(DEFAULT_BALANCE_DUE_DAYS),
    announcement,
    announcementEn: '',
    disclosure: emptyDisclosureDraft(),
  };
}

/** An amount as typed, normalised to two places once it is a number at all (else left for the schema to refuse). */
const fixed = (raw: string) => {
  const v = cleanMoney(raw);
  return isMoneyString(v) ? new Decimal(v).toFixed(2) : v;
};

/**
 * The lot form's values (as typed: amounts with separators, court-time dates, days as text) turned into the
 * shared lotBody, whose own checks then apply field by field; the asset and the round come from the page.
 */
export const lotDraftForm = z.strictObject({
  startingPrice: z.string(), bidIncrement: z.string(), deposit: z.string(), startsAt: z.string(), endsAt: z.string(), balanceDueDays: z.string(), announcement: z.string(),
  announcementEn: z.string(), disclosure: z.record(z.string(), z.string()),
}).transform((d): unknown => ({
  startingPrice: fixed(d.startingPrice),
  bidIncrement: fixed(d.bidIncrement),
  deposit: fixed(d.deposit),
  startsAt: fromCstInput(d.startsAt) ?? d.startsAt,
  endsAt: fromCstInput(d.endsAt) ?? d.endsAt,
  balanceDueDays: /^\d+$/.test(d.balanceDueDays.trim()) ? Number(d.balanceDueDays) : Number.NaN,
  ...(d.announcement.trim() ? { announcement: d.announcement.trim() } : {}),
  ...(d.announcementEn.trim() ? { announcementEn: d.announcementEn.trim() } : {}),
  disclosure: typedDisclosure(d.disclosure as Draft['disclosure']),
})).pipe(lotBody.omit({ assetId: true, round: true }));
