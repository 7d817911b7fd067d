/**
 * Dates in the court's zone (UTC+8, no daylight saving) whatever the device's zone, worded in the UI
 * language ("2026年12月1日 10:00" / "1 Dec 2026, 10:00"); durations for countdowns.
 */
import { COURT_TZ_OFFSET_MS } from '../../shared/rules';
import type { Lang } from './locales/catalogues';
import { LOCALES, uiLang } from './locales/store';

export const ZONE_LABEL = '(UTC+8)';

function cst(iso: string | number | Date): string {
  const t = typeof iso === 'number' ? iso : new Date(iso).getTime();
  return new Date(t + COURT_TZ_OFFSET_MS).toISOString();
}

/** The instant shifted by UTC+8, formatted as UTC: the court's wall clock on any device. */
function shifted(iso: string | number | Date): Date {
  const t = typeof iso === 'number' ? iso : new Date(iso).getTime();
  return new Date(t + COURT_TZ_OFFSET_MS);
}

type Style = 'date' | 'minutes' | 'seconds';
const OPTIONS: Record<Style, Intl.DateTimeFormatOptions> = {
  date: { year: 'numeric', month: 'short', day: 'numeric' },
  minutes: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  seconds: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' },
};
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(iso: string | number | Date, style: Style, lang: Lang): string {
  const id = `${lang}:${style}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[lang], { ...OPTIONS[style], timeZone: 'UTC' });
    formatters.set(id, f);
  }
  return f.format(shifted(iso));
}

/** The lang attribute for date and time inputs, so the browser's picker speaks the UI language. */
export const inputLang = (lang: Lang = uiLang()): string => LOCALES[lang];

/** "2026年12月1日 10:00 (UTC+8)" / "1 Dec 2026, 10:00 (UTC+8)" */
export function formatDateTime(iso: string | number | Date, withZone = true, lang: Lang = uiLang()): string {
  return `${wallClock(iso, 'minutes', lang)}${withZone ? ` ${ZONE_LABEL}` : ''}`;
}

/** "2026年12月1日 10:00:05 (UTC+8)" / "1 Dec 2026, 10:00:05 (UTC+8)" */
export function formatDateTimeSeconds(iso: string | number | Date, lang: Lang = uiLang()): string {
  return `${wallClock(iso, 'seconds', lang)} ${ZONE_LABEL}`;
}

/** "12:34:56 (UTC+8)" */
export function formatTime(iso: string | number | Date, withZone = true): string {
  return `${cst(iso).slice(11, 19)}${withZone ? ` ${ZONE_LABEL}` : ''}`;
}

/** "2026年12月1日" / "1 Dec 2026": the UTC+8 calendar date of an instant, or a "YYYY-MM-DD" date as it is. */
export function formatDate(iso: string | number | Date, lang: Lang = uiLang()): string {
  if (typeof iso === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(iso)) {
    return wallClock(Date.parse(`${iso}T00:00:00Z`) - COURT_TZ_OFFSET_MS, 'date', lang);
  }
  return wallClock(iso, 'date', lang);
}

/** A Date as the value of an <input type="datetime-local">, read in UTC+8. */
export function toCstInput(d: Date): string {
  return cst(d).slice(0, 16);
}
/** An <input type="datetime-local"> value read as UTC+8, as an ISO instant; null when incomplete. */
export function fromCstInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const t = Date.parse(`${value.length === 16 ? `${value}:00` : value}+08:00`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export interface DurationParts { days: number; hours: number; minutes: number; seconds: number }

export function durationParts(ms: number): DurationParts {
  const total = Math.max(0, Math.floor(ms / 1000));
  return {
    days: Math.floor(total / 86400),
    hours: Math.floor((total % 86400) / 3600),
    minutes: Math.floor((total % 3600) / 60),
    seconds: total % 60,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2d 03:04:05" / "2天 03:04:05" / "04:59" */
export function formatDuration(ms: number, dayUnit: string): string {
  const p = durationParts(ms);
  const clock = p.days > 0 || p.hours > 0 ? `${pad(p.hours)}:${pad(p.minutes)}:${pad(p.seconds)}` : `${pad(p.minutes)}:${pad(p.seconds)}`;
  return p.days > 0 ? `${p.days}${dayUnit} ${clock}` : clock;
}

/** A whole count of any size (a string of digits) with the UI language's grouping: "146,972,247". */
export function formatCount(digits: string, lang: Lang = uiLang()): string {
  if (!/^-?\d+$/.test(digits)) return digits;
  return new Intl.NumberFormat(LOCALES[lang], { useGrouping: true }).format(BigInt(digits));
}
