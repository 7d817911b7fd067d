/** Dates in the court's zone (UTC+8, no daylight saving) whatever the device's zone; durations for countdowns. */
import { COURT_TZ_OFFSET_MS } from '../../shared/rules';

export const ZONE_LABEL = '(UTC+8)';

function cst(iso: string | number | Date): string {
  const t = typeof iso === 'number' ? iso : new Date(iso).getTime();
  return new Date(t + COURT_TZ_OFFSET_MS).toISOString();
}

/** "2026-12-01 10:00 (UTC+8)" */
export function formatDateTime(iso: string | number | Date, withZone = true): string {
  const s = cst(iso);
  return `${s.slice(0, 10)} ${s.slice(11, 16)}${withZone ? ` ${ZONE_LABEL}` : ''}`;
}

/** "2026-12-01 10:00:05 (UTC+8)" */
export function formatDateTimeSeconds(iso: string | number | Date): string {
  const s = cst(iso);
  return `${s.slice(0, 10)} ${s.slice(11, 19)} ${ZONE_LABEL}`;
}

/** "12:34:56 (UTC+8)" */
export function formatTime(iso: string | number | Date, withZone = true): string {
  return `${cst(iso).slice(11, 19)}${withZone ? ` ${ZONE_LABEL}` : ''}`;
}

/** "2026-12-01" (the UTC+8 calendar date) */
export function formatDate(iso: string | number | Date): string {
  return cst(iso).slice(0, 10);
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
