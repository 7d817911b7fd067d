import type { z } from 'zod';
import type { statsQuery, statsView } from '../../../shared/contract/stats';
import { addTotals, emptyTotals, figures } from '../../../shared/stats';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/index';
import { refreshStatsFacts, statsDirtyExists, totalsByGroup } from './stats.facts';

type StatsQuery = z.infer<typeof statsQuery>;
type StatsView = z.infer<typeof statsView>;

/** A calendar day in UTC+8 as the instant it starts. */
export function startOfDayUtc8(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

export { monthUtc8 } from './stats.facts';

/** Answers kept in memory, so that many readers of one view cost a dirty check each. */
const CACHE_MS = 1000;
const CACHE_ENTRIES = 500;

export function statsService(db: Db, clock: Clock) {
  /** Moves on whenever this process recomputes lots: an answer kept from before is not used again. */
  let version = 0;
  const cache = new Map<string, { version: number; until: number; value: StatsView }>();
  const refresh = async () => {
    if ((await refreshStatsFacts(db)) > 0) version += 1;
  };

  async function compute(q: StatsQuery, now: Date, dirty: Promise<boolean>): Promise<StatsView> {
    const filter = {
      from: q.from ? startOfDayUtc8(q.from) : undefined,
      to: q.to ? startOfDayUtc8(q.to) : undefined,
      court: q.court, kind: q.kind, round: q.round, now,
    };
    // Read and look for lots marked dirty at once; in the rare case there are some, bring the rollup up
    // to date and read again.
    const [isDirty, read] = await Promise.all([dirty, totalsByGroup(db, filter, q.groupBy)]);
    const byKey = isDirty ? await refresh().then(() => totalsByGroup(db, filter, q.groupBy)) : read;
    if (!q.groupBy) return figures(byKey.get('') ?? emptyTotals());
    // every auction is in exactly one group, so the groups add up to the total
    const total = emptyTotals();
    for (const t of byKey.values()) addTotals(total, t);
    const groups = [...byKey.keys()].sort().map((key) => ({ key, ...figures(byKey.get(key)!) }));
    return { ...figures(total), groups };
  }

  return {
    /** Recomputes lots marked dirty in the background, so that a reader seldom finds any. */
    job: { name: 'stats', run: async () => { if (await statsDirtyExists(db)) await refresh(); } },
    /**
     * The figures for a query. Every read checks for lots marked dirty (and recomputes them first), so a
     * change is counted by the next read on any node; an answer is kept for a second for the same query and
     * the same second of the platform's clock, unless this process recomputed lots since.
     */
    async stats(q: StatsQuery): Promise<StatsView> {
      const now = clock.now();
      const key = JSON.stringify([q.from, q.to, q.court, q.kind, q.round, q.groupBy, Math.floor(now.getTime() / 1000)]);
      const dirty = statsDirtyExists(db);
      const kept = cache.get(key);
      if (kept && kept.version === version && kept.until > Date.now() && !(await dirty)) return kept.value;
      const before = version;
      const value = await compute(q, now, dirty);
      if (cache.size >= CACHE_ENTRIES) cache.clear();
      // kept under the version it was read at: if lots were recomputed meanwhile, it is not used again
      cache.set(key, { version: before, until: Date.now() + CACHE_MS, value });
      return value;
    },
  };
}

export type StatsService = ReturnType<typeof statsService>;
