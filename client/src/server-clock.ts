/**
 * The server's clock as seen from the browser: every countdown runs on it, never on the device clock.
 * offset = serverNow - (t0 + t1) / 2, from the sample with the shortest round trip among the recent ones.
 */
import { useSyncExternalStore } from 'react';

interface Sample { offset: number; rtt: number; at: number }

let samples: Sample[] = [];
let offset = 0;
let synced = false;
let tick = 0;
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
let resyncTimer: ReturnType<typeof setInterval> | null = null;

export function serverNow(): number {
  return Date.now() + offset;
}

export function isClockSynced(): boolean {
  return synced;
}

function addSample(s: Sample) {
  // A sample that disagrees with the current offset by more than its round trip (plus a second of slack) means
  // the server's clock stepped (NTP, or the test clock moved): the older samples describe a clock that is gone.
  const jumped = synced && Math.abs(s.offset - offset) > s.rtt + 1000;
  samples = [...(jumped ? [] : samples.filter((x) => s.at - x.at < 10 * 60 * 1000)), s].slice(-6);
  const best = samples.reduce((a, b) => (b.rtt < a.rtt ? b : a));
  offset = best.offset;
  synced = true;
  emit();
}

async function sampleOnce(): Promise<void> {
  const t0 = Date.now();
  const res = await fetch('/api/clock', { cache: 'no-store', credentials: 'same-origin' });
  const t1 = Date.now();
  if (!res.ok) throw new Error(`clock ${res.status}`);
  const { now } = (await res.json()) as { now: string };
  const server = Date.parse(now);
  if (Number.isNaN(server)) throw new Error('bad clock');
  addSample({ offset: server - (t0 + t1) / 2, rtt: t1 - t0, at: t1 });
}

/** Takes a few samples now; keeps the best. */
export async function syncClock(count = 3): Promise<void> {
  for (let i = 0; i < count; i++) {
    try {
      await sampleOnce();
    } catch {
      // offline: the next resync will try again
    }
  }
}

function emit() {
  tick++;
  for (const l of listeners) l();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    let lastSecond = Math.floor(serverNow() / 1000);
    timer = setInterval(() => {
      const s = Math.floor(serverNow() / 1000);
      if (s !== lastSecond) {
        lastSecond = s;
        emit();
      }
    }, 200);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Re-renders on every server-clock second; returns server time in ms. */
export function useServerNow(): number {
  useSyncExternalStore(subscribe, () => tick);
  return serverNow();
}

export function useClockSynced(): boolean {
  useSyncExternalStore(subscribe, () => tick);
  return synced;
}

/** Starts the clock sync: at once, every minute, and whenever the tab comes back. */
export function startClockSync(): void {
  if (resyncTimer) return;
  void syncClock(3);
  resyncTimer = setInterval(() => void syncClock(1), 60_000);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void syncClock(2);
  });
}

// The clock starts with the first page that shows a time (they all import this module), not in the entry.
if (typeof document !== 'undefined') startClockSync();
