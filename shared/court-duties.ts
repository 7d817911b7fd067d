/**
 * The court's day: every duty a court has on its lots, prices and money, each with the date it is due by
 * and a reason code the client words in the reader's language. Pure functions over the legal periods of
 * rules.ts, so that the worklist and the lot's control page compute the same dates.
 */
import {
  NOTICE_BEFORE_ANNOUNCEMENT_DAYS, announcementDays, cstDate, earliestDateAfterPeriod, endOfCstDay, type AssetKind, type Round,
} from './rules';

export const DUTY_KINDS = [
  'notice_to_send', 'draft_to_publish', 'ending_today', 'balance_due', 'refund_overdue', 'determination',
] as const;
export type DutyKind = (typeof DUTY_KINDS)[number];

/**
 * Parameters: dates (`earliestPublishDate`, `latestPublishDate`, `latestNoticeDate`, `startDate`) are UTC+8
 * calendar dates (YYYY-MM-DD); instants (`dueAt`, `endsAt`) ISO strings in UTC; `days` a whole number;
 * `amount` a decimal string.
 */
export const DUTY_REASON_CODES = [
  'NOTICE_TO_SEND', 'NOTICE_TOO_LATE',
  'PUBLISH_FROM', 'PUBLISH_NOW', 'PUBLISH_TOO_LATE',
  'ENDING_TODAY',
  'BALANCE_DUE', 'BALANCE_OVERDUE',
  'REFUND_OVERDUE',
  'DETERMINATION_COLLECTING', 'DETERMINATION_OVERDUE', 'DETERMINATION_OBJECTIONS', 'DETERMINATION_OBJECTION_WINDOW',
] as const;
export type DutyReasonCode = (typeof DUTY_REASON_CODES)[number];

/** overdue: a period has passed; today: due by the end of today (UTC+8); upcoming: later. */
export const DUTY_URGENCIES = ['overdue', 'today', 'upcoming'] as const;
export type DutyUrgency = (typeof DUTY_URGENCIES)[number];

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Noon of a CST date: any instant of that day works as an argument to the period functions. */
const noonOf = (date: string) => new Date(`${date}T04:00:00Z`);

/** At most this many days are searched back; every legal period is far shorter. */
const SEARCH_DAYS = 120;

/**
 * A12/A26: the last CST date on which the announcement may be published for an auction starting at `startsAt`
 * (a 15-day period ending on 16 March for a 17 March start). A sell-off has no announcement period: the day before it opens.
 */
export function latestPublishDate(kind: AssetKind, round: Round, startsAt: Date, holidays: ReadonlySet<string> = new Set()): string {
  const start = cstDate(startsAt);
  const days = announcementDays(kind, round);
  if (days === null) return addDays(start, -1);
  let d = addDays(start, -(days + 1));
  for (let i = 0; i < SEARCH_DAYS && earliestDateAfterPeriod(noonOf(d), days, holidays) > start; i++) d = addDays(d, -1);
  return d;
}

/** A16: the last CST date on which the parties may be notified so that publishing on `publishDate` is allowed. */
export function latestNoticeDate(publishDate: string, holidays: ReadonlySet<string> = new Set()): string {
  let d = addDays(publishDate, -(NOTICE_BEFORE_ANNOUNCEMENT_DAYS + 1));
  for (let i = 0; i < SEARCH_DAYS && earliestDateAfterPeriod(noonOf(d), NOTICE_BEFORE_ANNOUNCEMENT_DAYS, holidays) > publishDate; i++) d = addDays(d, -1);
  return d;
}

export interface DraftDuty {
  kind: 'notice_to_send' | 'draft_to_publish';
  urgency: DutyUrgency;
  reasonCode: DutyReasonCode;
  reasonParams: Record<string, string>;
  article: string;
  dueAt: Date;
}

const urgencyOfDate = (today: string, last: string): DutyUrgency => (today > last ? 'overdue' : today === last ? 'today' : 'upcoming');

/**
 * What a draft lot waits for: the A16 notice (by the last day that still lets the announcement run its A12 period
 * before the start), or publishing (from the 4th calendar day after the notice, until the last day of A12).
 */
export function draftDuty(
  d: { kind: AssetKind; round: Round; startsAt: Date; noticesSentAt: Date | null }, now: Date, holidays: ReadonlySet<string> = new Set(),
): DraftDuty {
  const today = cstDate(now);
  const latestPublish = latestPublishDate(d.kind, d.round, d.startsAt, holidays);
  const days = String(announcementDays(d.kind, d.round) ?? 0);
  const startDate = cstDate(d.startsAt);
  const announcementArticle = d.round === 2 ? 'A26' : 'A12';
  if (!d.noticesSentAt) {
    const latestNotice = latestNoticeDate(latestPublish, holidays);
    const urgency = urgencyOfDate(today, latestNotice);
    return {
      kind: 'notice_to_send', urgency, article: 'A16', dueAt: endOfCstDay(latestNotice),
      reasonCode: urgency === 'overdue' ? 'NOTICE_TOO_LATE' : 'NOTICE_TO_SEND',
      reasonParams: { latestNoticeDate: latestNotice, latestPublishDate: latestPublish, startDate, days },
    };
  }
  const earliest = earliestDateAfterPeriod(d.noticesSentAt, NOTICE_BEFORE_ANNOUNCEMENT_DAYS, holidays);
  const params = { earliestPublishDate: earliest, latestPublishDate: latestPublish, startDate, days };
  const dueAt = endOfCstDay(latestPublish);
  if (today > latestPublish) return { kind: 'draft_to_publish', urgency: 'overdue', reasonCode: 'PUBLISH_TOO_LATE', reasonParams: params, article: announcementArticle, dueAt };
  if (today < earliest) return { kind: 'draft_to_publish', urgency: 'upcoming', reasonCode: 'PUBLISH_FROM', reasonParams: params, article: 'A16', dueAt };
  return { kind: 'draft_to_publish', urgency: urgencyOfDate(today, latestPublish), reasonCode: 'PUBLISH_NOW', reasonParams: params, article: announcementArticle, dueAt };
}

/** Whether an instant falls on the same UTC+8 calendar day as `now`. */
export function isCstToday(instant: Date, now: Date): boolean {
  return cstDate(instant) === cstDate(now);
}

/** Overdue first, then what is due today, then the rest; inside each, the nearest date first. */
export function compareDuties(a: { urgency: DutyUrgency; dueAt: string | null }, b: { urgency: DutyUrgency; dueAt: string | null }): number {
  const rank = (u: DutyUrgency) => DUTY_URGENCIES.indexOf(u);
  const at = (s: string | null) => (s ? Date.parse(s) : Number.MAX_SAFE_INTEGER);
  return rank(a.urgency) - rank(b.urgency) || at(a.dueAt) - at(b.dueAt);
}

export function urgencyOf(dueAt: Date, now: Date): DutyUrgency {
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  return isCstToday(dueAt, now) ? 'today' : 'upcoming';
}
