import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { LotStatus } from '../../../shared/lot-state';
import { schema, type Db } from '../../platform/db/index';

/**
 * The public lot views' SQL: lots with their asset, case and reference method, the codes (never the
 * people) leading and winning, and the filters the lists take.
 */
const { lots, assets, cases, registrations, bids, valuations } = schema;

export function lotViewRows(db: Db, where: SQL | undefined, limit: number) {
  const leading = sql<string | null>`(select r.bidder_code from registrations r where r.id = ${lots.leadingRegistrationId})`;
  const winner = sql<string | null>`(select r.bidder_code from registrations r where r.id = ${lots.winnerRegistrationId})`;
  const registrants = sql<number>`(select count(*)::int from registrations r where r.lot_id = ${lots.id})`;
  const holders = sql<number>`(select count(*)::int from priority_holders p where p.lot_id = ${lots.id})`;
  return db
    .select({ lot: lots, asset: assets, kase: cases, leading, winner, registrants, holders, method: valuations.method })
    .from(lots)
    .innerJoin(assets, eq(assets.id, lots.assetId))
    .innerJoin(cases, eq(cases.id, assets.caseId))
    .leftJoin(valuations, eq(valuations.id, lots.valuationId))
    .where(where)
    .orderBy(
      // live first, then upcoming by start, then finished by most recent end
      sql`case ${lots.status} when 'live' then 0 when 'announced' then 1 when 'suspended' then 2 when 'draft' then 3 else 4 end`,
      sql`case when ${lots.status} in ('live','announced','draft','suspended') then ${lots.endsAt} end asc`,
      desc(lots.endsAt),
    )
    .limit(limit);
}

export function publicBidsOf(db: Db, lotIds: string[]) {
  return db
    .select({ lotId: bids.lotId, seq: bids.seq, amount: bids.amount, at: bids.at, code: registrations.bidderCode, priorityMatch: bids.priorityMatch })
    .from(bids)
    .innerJoin(registrations, eq(registrations.id, bids.registrationId))
    .where(inArray(bids.lotId, lotIds))
    .orderBy(desc(bids.seq));
}

export const lotById = (lotId: string): SQL => eq(lots.id, lotId);

/** Lots in one of these statuses, for a desk that lists only them. */
export function lotsInStatus(statuses: readonly LotStatus[]): SQL {
  return inArray(lots.status, [...statuses]);
}

export function lotFilters(f: { status?: LotStatus; court?: string; kind?: string; q?: string; publicOnly: boolean }): SQL | undefined {
  const parts: SQL[] = [];
  if (f.status) parts.push(eq(lots.status, f.status));
  else if (f.publicOnly) parts.push(sql`${lots.status} <> 'draft'`);
  if (f.publicOnly && f.status === 'draft') parts.push(sql`false`);
  if (f.court) parts.push(eq(cases.court, f.court));
  if (f.kind) parts.push(eq(assets.kind, f.kind));
  if (f.q) {
    const pattern = `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    parts.push(sql`(${assets.title} ilike ${pattern} or ${cases.court} ilike ${pattern})`);
  }
  return parts.length ? and(...parts) : undefined;
}
