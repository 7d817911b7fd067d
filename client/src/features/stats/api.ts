/**
 * Public statistics (server module `stats`): the figures for a court, asset kind and UTC+8 period, the courts
 * that have finished auctions, and the CSV of the same figures.
 */
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { routeUrl, type ResponseOf } from '../../../../shared/contract/call';
import { COURT_TZ_OFFSET_MS } from '../../../../shared/rules';
import { call } from '../../api';
import { isClockSynced, serverNow } from '../../server-clock';

export type StatsView = ResponseOf<'stats'>;
export type StatsFiguresView = Omit<StatsView, 'groups'>;
export type StatsGroup = NonNullable<StatsView['groups']>[number];
export type StatsGroupBy = 'court' | 'kind' | 'month' | 'round';

export const STATS_KINDS = ['movable', 'immovable', 'property_right'] as const;
export type StatsKind = (typeof STATS_KINDS)[number];

/** The filters of the dashboard and the report. Dates are UTC+8 calendar days, the period is [from, to). */
export interface StatsFilters {
  /** False while the period is the default one and the server's clock is not known yet: nothing is asked then. */
  ready?: boolean;
  court?: string;
  kind?: StatsKind;
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC+8 calendar day of an instant, "YYYY-MM-DD". */
export function utc8Day(ms: number): string {
  return new Date(ms + COURT_TZ_OFFSET_MS).toISOString().slice(0, 10);
}

/** "YYYY-MM-DD" plus n days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The last 12 months: from the first day of the month eleven months back to the end of today (UTC+8), so the
 * chart by month shows twelve calendar months, the current one so far.
 */
export function defaultPeriod(now: number): { from: string; to: string } {
  const today = utc8Day(now);
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7)) - 1 - 11;
  const first = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  return { from: first, to: addDays(today, 1) };
}

/** Every month "YYYY-MM" that [from, to) touches; at most `cap` of them. */
export function monthsOf(from: string, to: string, cap = 120): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = addDays(to, -1).slice(0, 7);
  while (out.length < cap) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > last) break;
    out.push(key);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return out;
}

/** The default period, on the server's clock once it is known (the device's clock may be off by days). */
function useDefaultPeriod() {
  const [period, setPeriod] = useState(() => ({ ...defaultPeriod(serverNow()), ready: isClockSynced() }));
  useEffect(() => {
    if (isClockSynced()) {
      setPeriod({ ...defaultPeriod(serverNow()), ready: true });
      return;
    }
    const id = setInterval(() => {
      if (!isClockSynced()) return;
      clearInterval(id);
      setPeriod({ ...defaultPeriod(serverNow()), ready: true });
    }, 50);
    return () => clearInterval(id);
  }, []);
  return period;
}

/**
 * The filters live in the query string so a view can be shared and survives a reload; a missing or malformed
 * date falls back to the last 12 months, and a period that ends before it starts is swapped back into order.
 */
export function useStatsFilterParams() {
  const [params, setParams] = useSearchParams();
  const period = useDefaultPeriod();
  const fallback = period;
  const court = params.get('court') || undefined;
  const kindParam = params.get('kind');
  const kind = (STATS_KINDS as readonly string[]).includes(kindParam ?? '') ? (kindParam as StatsKind) : undefined;
  const fromParam = params.get('from') ?? '';
  const toParam = params.get('to') ?? '';
  let from = DATE.test(fromParam) ? fromParam : fallback.from;
  let to = DATE.test(toParam) ? toParam : fallback.to;
  if (to < from) [from, to] = [to, from];
  if (from === to) to = addDays(from, 1);
  // A period from the address needs no clock; the default one waits for the server's (a device clock days
  // off would first show, and then replace, the figures of another period).
  const ready = (DATE.test(fromParam) && DATE.test(toParam)) || period.ready;
  const filters: StatsFilters = { ready, court, kind, from, to };
  const set = (patch: Partial<Record<'court' | 'kind' | 'from' | 'to', string>>) => {
    // From the address as it is now, not as this render saw it (react-router's updater gets the latter):
    // a period's two days typed in quick succession must not undo each other.
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const reset = () => setParams(new URLSearchParams(), { replace: true });
  const custom = !!(court || kind || params.get('from') || params.get('to'));
  return { filters, set, reset, custom };
}

const query = (f: StatsFilters, groupBy?: StatsGroupBy) => ({
  court: f.court, kind: f.kind, from: f.from, to: f.to, groupBy,
});

export const statsKeys = {
  all: ['stats'] as const,
  figures: (f: StatsFilters, groupBy?: StatsGroupBy) => [...statsKeys.all, 'figures', query(f, groupBy)] as const,
  courts: () => [...statsKeys.all, 'courts'] as const,
};

export const useStats = (f: StatsFilters, groupBy?: StatsGroupBy) => useQuery({
  queryKey: statsKeys.figures(f, groupBy),
  queryFn: ({ signal }) => call('stats', { query: query(f, groupBy), signal }),
  placeholderData: keepPreviousData,
  enabled: f.ready !== false,
});

export const useStatsCourts = () => useQuery({
  queryKey: statsKeys.courts(),
  queryFn: ({ signal }) => call('statsCourts', { signal }),
  staleTime: 5 * 60 * 1000,
});

/** The server's CSV of the same figures, by month, with its header row in the reader's language. */
export const statsCsvUrl = (f: StatsFilters, lang: 'en' | 'zh') => routeUrl('stats', { query: { ...query(f, 'month'), format: 'csv', lang } });

/** The printable report for the same court and period. */
export function reportUrl(f: StatsFilters): string {
  const q = new URLSearchParams();
  if (f.court) q.set('court', f.court);
  if (f.kind) q.set('kind', f.kind);
  q.set('from', f.from);
  q.set('to', f.to);
  return `/stats/report?${q.toString()}`;
}
