import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';
import { likeContains } from '../../platform/db/like';

/**
 * The results module's SQL (成交公示): finished auctions one row each, newest close first, paged by the key
 * (closed_at, lot id). A lot is finished when it closed sold, unsold or defaulted; live, announced,
 * suspended and cancelled lots never appear. The buyer's identity is read for sold lots only (the join
 * carries the condition), so no other bidder's and no defaulter's identity ever leaves this query.
 */
const { lots, assets, cases, registrations, users } = schema;

export const FINISHED_STATUSES = ['sold', 'unsold', 'defaulted'] as const;

export interface ResultsFilter {
  from?: Date;
  to?: Date;
  court?: string;
  kind?: string;
  outcome?: (typeof FINISHED_STATUSES)[number];
  q?: string;
}

/** The position after which the next page starts: the close time at full (microsecond) precision, and the lot id. */
export interface ResultsKey { closedAt: string; lotId: string }

export interface ResultRow {
  lotId: string;
  title: string;
  court: string;
  caseNumber: string;
  kind: string;
  round: string;
  status: string;
  closedAt: Date;
  /** closed_at as the database holds it, for the next page's key. */
  closedAtKey: string;
  startingPrice: string;
  referencePrice: string | null;
  finalPrice: string | null;
  bidCount: number;
  winnerCode: string | null;
  buyerName: string | null;
  buyerIdNumber: string | null;
}

function conditions(f: ResultsFilter): SQL[] {
  const where: SQL[] = [inArray(lots.status, f.outcome ? [f.outcome] : [...FINISHED_STATUSES]), sql`${lots.closedAt} is not null`];
  if (f.from) where.push(sql`${lots.closedAt} >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) where.push(sql`${lots.closedAt} < ${f.to.toISOString()}::timestamptz`);
  if (f.court) where.push(eq(cases.court, f.court));
  if (f.kind) where.push(eq(assets.kind, f.kind));
  if (f.q) {
    const pattern = likeContains(f.q);
    where.push(sql`(${assets.title} ilike ${pattern} escape '\\' or ${cases.caseNumber} ilike ${pattern} escape '\\')`);
  }
  return where;
}

/** One page of finished auctions after `after` (or from the newest), at most `limit` rows. */
export async function finishedResults(q: Db, f: ResultsFilter, after: ResultsKey | null, limit: number): Promise<ResultRow[]> {
  const where = conditions(f);
  if (after) where.push(sql`(${lots.closedAt}, ${lots.id}) < (${after.closedAt}::timestamptz, ${after.lotId})`);
  const sold = sql`${lots.status} = 'sold'`;
  const rows = await q.select({
    lotId: lots.id,
    title: assets.title,
    court: cases.court,
    caseNumber: cases.caseNumber,
    kind: assets.kind,
    round: lots.round,
    status: lots.status,
    closedAt: lots.closedAt,
    closedAtKey: sql<string>`to_char(${lots.closedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    startingPrice: lots.startingPrice,
    referencePrice: lots.referencePrice,
    finalPrice: sql<string | null>`case when ${lots.status} in ('sold', 'defaulted') then ${lots.finalPrice} end`,
    bidCount: lots.bidCount,
    winnerCode: sql<string | null>`case when ${lots.status} in ('sold', 'defaulted') then ${registrations.bidderCode} end`,
    // As the confirmation of sale (A22) names the buyer: the verified real name, else the account name.
    buyerName: sql<string | null>`case when ${sold} then coalesce(${users.realName}, ${users.name}) end`,
    buyerIdNumber: sql<string | null>`case when ${sold} then ${users.idNumber} end`,
  }).from(lots)
    .innerJoin(assets, eq(assets.id, lots.assetId))
    .innerJoin(cases, eq(cases.id, assets.caseId))
    .leftJoin(registrations, and(eq(registrations.id, lots.winnerRegistrationId), inArray(lots.status, ['sold', 'defaulted'])))
    .leftJoin(users, and(eq(users.id, registrations.userId), sold))
    .where(and(...where))
    .orderBy(sql`${lots.closedAt} desc`, sql`${lots.id} desc`)
    .limit(limit);
  return rows.map((r) => ({ ...r, closedAt: r.closedAt as Date }));
}

/** How many finished auctions match the filters (the same conditions as the pages). */
export async function countResults(q: Db, f: ResultsFilter): Promise<number> {
  const [row] = await q.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(lots)
    .innerJoin(assets, eq(assets.id, lots.assetId))
    .innerJoin(cases, eq(cases.id, assets.caseId))
    .where(and(...conditions(f)));
  return row?.n ?? 0;
}

/**
 * Whether more than `n` finished auctions match (from `after` on): counted without sorting and stopping at
 * n + 1, so that a capped export knows before its first row whether it will stop at the cap.
 */
export async function matchesMoreThan(q: Db, f: ResultsFilter, after: ResultsKey | null, n: number): Promise<boolean> {
  const where = conditions(f);
  if (after) where.push(sql`(${lots.closedAt}, ${lots.id}) < (${after.closedAt}::timestamptz, ${after.lotId})`);
  const inner = q.select({ one: sql`1`.as('one') }).from(lots)
    .innerJoin(assets, eq(assets.id, lots.assetId))
    .innerJoin(cases, eq(cases.id, assets.caseId))
    .where(and(...where))
    .limit(n + 1)
    .as('m');
  const [row] = await q.select({ c: sql<number>`count(*)`.mapWith(Number) }).from(inner);
  return (row?.c ?? 0) > n;
}

/** Courts with at least one finished auction, by name, with how many. */
export async function courtsWithResults(q: Db): Promise<Array<{ court: string; lotsFinished: number }>> {
  return q.select({ court: cases.court, lotsFinished: sql<number>`count(*)`.mapWith(Number) })
    .from(lots)
    .innerJoin(assets, eq(assets.id, lots.assetId))
    .innerJoin(cases, eq(cases.id, assets.caseId))
    .where(and(inArray(lots.status, [...FINISHED_STATUSES]), sql`${lots.closedAt} is not null`))
    .groupBy(cases.court)
    // by code point, the same on every engine and locale
    .orderBy(sql`${cases.court} collate "C"`);
}
