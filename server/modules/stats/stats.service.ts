import { Decimal } from 'decimal.js';
import type { z } from 'zod';
import type { statsQuery, statsView } from '../../../shared/contract/stats';
import { aggregate, type AuctionFact, type AuctionRound } from '../../../shared/stats';
import type { Db } from '../../platform/db/index';
import { finishedAuctions, type AuctionFactRow } from './stats.repository';

type StatsQuery = z.infer<typeof statsQuery>;
type StatsView = z.infer<typeof statsView>;

const UTC8_MS = 8 * 60 * 60 * 1000;

/** A calendar day in UTC+8 as the instant it starts. */
export function startOfDayUtc8(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The month (YYYY-MM, UTC+8) an auction finished in. */
export function monthUtc8(at: Date): string {
  return new Date(at.getTime() + UTC8_MS).toISOString().slice(0, 7);
}

function toFact(r: AuctionFactRow): AuctionFact {
  return {
    round: r.round as AuctionRound,
    outcome: r.status === 'sold' ? 'sold' : r.status === 'defaulted' ? 'defaulted' : 'unsold',
    startingPrice: new Decimal(r.startingPrice),
    // a lot without a reference price adds nothing to the reference total
    referencePrice: new Decimal(r.referencePrice ?? 0),
    finalPrice: r.finalPrice === null ? null : new Decimal(r.finalPrice),
    bidders: r.bidders,
    bids: r.bids,
    extensions: r.extensions,
    loserDeposits: r.loserDeposits,
    loserDepositsRefundedWithin24h: r.loserDepositsRefundedWithin24h,
  };
}

const GROUP_KEY: Record<NonNullable<StatsQuery['groupBy']>, (r: AuctionFactRow) => string> = {
  court: (r) => r.court,
  kind: (r) => r.kind,
  month: (r) => monthUtc8(r.closedAt),
  round: (r) => r.round,
};

export function statsService(db: Db) {
  return {
    async stats(q: StatsQuery): Promise<StatsView> {
      const rows = await finishedAuctions(db, {
        from: q.from ? startOfDayUtc8(q.from) : undefined,
        to: q.to ? startOfDayUtc8(q.to) : undefined,
        court: q.court, kind: q.kind, round: q.round,
      });
      const figures = aggregate(rows.map(toFact));
      if (!q.groupBy) return figures;
      const keyOf = GROUP_KEY[q.groupBy];
      const byKey = new Map<string, AuctionFactRow[]>();
      for (const r of rows) {
        const k = keyOf(r);
        const group = byKey.get(k);
        if (group) group.push(r);
        else byKey.set(k, [r]);
      }
      const groups = [...byKey.keys()].sort().map((key) => ({ key, ...aggregate(byKey.get(key)!.map(toFact)) }));
      return { ...figures, groups };
    },
  };
}

export type StatsService = ReturnType<typeof statsService>;
