/**
 * Searches kept in the page's address (?court=…&from=…&to=…), so that a search survives a reload and a link
 * to it shows the same thing to whoever opens it; and the days of a period, whose end the address holds as
 * the first day left out (as the API and the statistics pages do) while the form shows the last day included.
 */
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';

const DAY_MS = 86_400_000;
export const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
export const dayBefore = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
/** A calendar day that exists: Date.parse rolls 2026-02-30 over to 2 March, so the day must read back the same. */
export const isDay = (s: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
};

/**
 * A period's days as the API takes them, [from, to) with `to` the first day left out, or which of them is wrong.
 * An older link whose `to` equals its `from` (it named the last day included) reads as that one day.
 */
export function periodOf(from: string, to: string): { from?: string; to?: string } | { problem: 'fromDate' | 'toDate' | 'order' } {
  if (from && !isDay(from)) return { problem: 'fromDate' };
  if (to && !isDay(to)) return { problem: 'toDate' };
  if (from && to && from > to) return { problem: 'order' };
  return { ...(from ? { from } : {}), ...(to ? { to: to === from ? dayAfter(to) : to } : {}) };
}

/** The named parameters of the address as strings ('' when absent), a setter per key, and a reset. */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const setParam = (key: K, value: string) => {
    // From the address as it is now, not as this render saw it: two boxes that write in the same moment
    // (each a moment after its last keystroke) must not undo each other.
    const now = new URLSearchParams(window.location.search);
    const next = new URLSearchParams(now);
    if (value) next.set(key, value);
    else next.delete(key);
    if (next.toString() !== now.toString()) setParams(next, { replace: true });
  };
  const clear = () => setParams(new URLSearchParams(), { replace: true });
  return { filters, setParam, clear, active: keys.some((k) => filters[k] !== '') };
}

/** The last day included, as a form shows it, of an address's exclusive end (an older link's end = start is that day). */
function lastDayIncluded(from: string, to: string): string {
  if (!to || !isDay(to)) return to;
  return to === from ? to : dayBefore(to);
}

/**
 * The end box of a period: shows the last day included and writes the day after into the address. A day
 * before the start is written as it is, so the search names the order problem and the box keeps the day typed.
 */
export function usePeriodEnd(from: string, to: string, setTo: (value: string) => void): [string, (day: string) => void] {
  const [toDay, setToDay] = useState(() => lastDayIncluded(from, to));
  const written = useRef(to);
  useEffect(() => {
    if (to !== written.current) {
      written.current = to;
      setToDay(lastDayIncluded(from, to));
    }
  }, [to]);
  const changeTo = (day: string) => {
    const next = !day || !isDay(day) ? day : from && day < from ? day : dayAfter(day);
    written.current = next;
    setToDay(day);
    setTo(next);
  };
  return [toDay, changeTo];
}

/** A text box that writes to the address a moment after the last keystroke, and follows the address when it changes from outside. */
export function useDebouncedParam(value: string, write: (v: string) => void, delayMs = 400): [string, (v: string) => void] {
  const [text, setText] = useState(value);
  useEffect(() => { setText(value); }, [value]);
  useEffect(() => {
    if (text.trim() === value) return;
    const id = setTimeout(() => write(text.trim()), delayMs);
    return () => clearTimeout(id);
  }, [text]); // the address is written from the box, not the other way round
  return [text, setText];
}
