import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

/**
 * The statistics module's SQL: one row per finished auction (a lot closed sold, unsold or defaulted),
 * with the figures shared/stats.ts aggregates. Cancelled lots never finished; a creditor takeover leaves
 * its lot unsold, so it counts as the unsold auction it was.
 */
const { lots, assets, cases, bids, registrations, refunds } = schema;

export interface StatsFilter {
  from?: Date;
  to?: Date;
  court?: string;
  kind?: string;
  round?: string;
  /** Only these lots (the rollup recomputes the lots marked dirty). */
  lotIds?: string[];
}

export interface AuctionFactRow {
  lotId: string;
  court: string;
  kind: string;
  round: string;
  status: string;
  closedAt: Date;
  startingPrice: string;
  referencePrice: string | null;
  finalPrice: string | null;
  bidders: number;
  bids: number;
  extensions: number;
  loserDeposits: number;
  loserDepositsRefundedWithin24h: number;
  /** Losers' deposits not given back yet. */
  loserDepositsOpen: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export async function finishedAuctions(q: Db, f: StatsFilter): Promise<AuctionFactRow[]> {
  const where: SQL[] = [inArray(lots.status, ['sold', 'unsold', 'defaulted']), sql`${lots.closedAt} is not null`];
  if (f.from) where.push(gte(lots.closedAt, f.from));
  if (f.to) where.push(lt(lots.closedAt, f.to));
  if (f.court) where.push(eq(cases.court, f.court));
  if (f.kind) where.push(eq(assets.kind, f.kind));
  if (f.round) where.push(eq(lots.round, f.round));
  if (f.lotIds) where.push(inArray(lots.id, f.lotIds));
  // A loser's deposit was released at the close; it is back within 24 h when its bank refund was sent by
  // then, or at once when an online hold was cancelled (no refund row).
  const refundedAt = sql`case when exists (select 1 from ${refunds} rf where rf.registration_id = r.id and rf.kind = 'deposit_release')
    then (select max(rf.sent_at) from ${refunds} rf where rf.registration_id = r.id and rf.kind = 'deposit_release')
    else r.settled_at end`;
  const rows = await q.select({
    lotId: lots.id,
    court: cases.court,
    kind: assets.kind,
    round: lots.round,
    status: lots.status,
    closedAt: lots.closedAt,
    startingPrice: lots.startingPrice,
    referencePrice: lots.referencePrice,
    finalPrice: lots.finalPrice,
    bidders: sql<number>`(select count(distinct b.registration_id) from ${bids} b where b.lot_id = ${lots.id})`.mapWith(Number),
    bids: lots.bidCount,
    extensions: lots.extensionCount,
    loserDeposits: sql<number>`(select count(*) from ${registrations} r where r.lot_id = ${lots.id} and r.deposit_status = 'released'
      and r.id is distinct from ${lots.winnerRegistrationId})`.mapWith(Number),
    loserDepositsRefundedWithin24h: sql<number>`(select count(*) from ${registrations} r where r.lot_id = ${lots.id} and r.deposit_status = 'released'
      and r.id is distinct from ${lots.winnerRegistrationId}
      and ${refundedAt} <= ${lots.closedAt} + interval '${sql.raw(String(DAY_MS / 1000))} seconds')`.mapWith(Number),
    loserDepositsOpen: sql<number>`(select count(*) from ${registrations} r where r.lot_id = ${lots.id} and r.deposit_status = 'released'
      and r.id is distinct from ${lots.winnerRegistrationId} and ${refundedAt} is null)`.mapWith(Number),
  }).from(lots)
    .innerJoin(assets, eq(assets.id, lots.assetId))
    .innerJoin(cases, eq(cases.id, assets.caseId))
    .where(and(...where));
  return rows.map((r) => ({ ...r, closedAt: r.closedAt as Date }));
}
