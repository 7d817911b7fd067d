import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { LotStatus } from '../../../shared/lot-state';
import { schema, type Db } from '../../platform/db/index';
import { likeContains } from '../../platform/db/like';

/**
 * The public lot views' SQL: lots with their asset, case and reference method, the codes (never the
 * people) leading and winning, and the filters the lists take.
 */
const { lots, assets, cases, registrations, bids, valuations, courts } = schema;

/** The price a lot is found by: its current price, or the starting price before the first bid (the same expression as lots_list_price_idx). */
export const listPrice = sql`(case when ${lots.bidCount} > 0 then ${lots.currentPrice} else ${lots.startingPrice} end)`;

const microseconds = (col: SQL | typeof lots.startsAt) => sql<string>`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const active = sql`${lots.status} in ('live','announced','draft','suspended')`;

/**
 * An order of the list: the expressions it sorts by (then the lot id, so that ties keep one order), in one
 * direction, and each key as text for the next page's cursor, with what kind of value it is.
 */
export interface ListOrder { keys: SQL[]; texts: SQL<string>[]; casts: string[]; desc: boolean }

/** Live first, then upcoming by end, then finished by most recent end: one ascending key per lot, so that it can be paged. */
const byRelevance: ListOrder = {
  keys: [
    sql`(case ${lots.status} when 'live' then 0 when 'announced' then 1 when 'suspended' then 2 when 'draft' then 3 else 4 end)`,
    sql`(case when ${active} then extract(epoch from ${lots.endsAt}) else -extract(epoch from ${lots.endsAt}) end)`,
  ],
  texts: [],
  casts: ['int', 'numeric'],
  desc: false,
};
byRelevance.texts = byRelevance.keys.map((k) => sql<string>`(${k})::text`);

const byTime = (col: typeof lots.startsAt, desc: boolean): ListOrder => ({ keys: [sql`${col}`], texts: [microseconds(col)], casts: ['timestamptz'], desc });
const byPrice = (desc: boolean): ListOrder => ({ keys: [listPrice], texts: [sql<string>`${listPrice}::text`], casts: ['numeric'], desc });

export const LIST_ORDERS = {
  relevance: byRelevance,
  startsAt: byTime(lots.startsAt, false),
  '-startsAt': byTime(lots.startsAt, true),
  endsAt: byTime(lots.endsAt, false),
  currentPrice: byPrice(false),
  '-currentPrice': byPrice(true),
} satisfies Record<string, ListOrder>;
export type ListOrderName = keyof typeof LIST_ORDERS;

/** Where the next page starts: the last row's keys as text, and its id. */
export interface ListAfter { keys: string[]; id: string }

export async function lotViewRows(db: Db, where: SQL | undefined, limit: number, order: ListOrder = byRelevance, after: ListAfter | null = null) {
  const leading = sql<string | null>`(select r.bidder_code from registrations r where r.id = ${lots.leadingRegistrationId})`;
  const winner = sql<string | null>`(select r.bidder_code from registrations r where r.id = ${lots.winnerRegistrationId})`;
  const registrants = sql<number>`(select count(*)::int from registrations r where r.lot_id = ${lots.id})`;
  const holders = sql<number>`(select count(*)::int from priority_holders p where p.lot_id = ${lots.id})`;
  const dir = order.desc ? sql`desc` : sql`asc`;
  const conditions = where ? [where] : [];
  if (after) {
    // (k1, k2, id) > (a1, a2, id'): a row comparison, which a (key, id) index answers directly
    const theirs = sql.join([...order.keys, sql`${lots.id}`], sql`, `);
    const mine = sql.join([...after.keys.map((k, i) => sql`${k}::${sql.raw(order.casts[i])}`), sql`${after.id}`], sql`, `);
    conditions.push(order.desc ? sql`(${theirs}) < (${mine})` : sql`(${theirs}) > (${mine})`);
  }
  const rows = await db
    .select({
      lot: lots, asset: assets, kase: cases, leading, winner, registrants, holders, method: valuations.method,
      sortKeys: sql<string>`json_build_array(${sql.join(order.texts, sql`, `)})::text`,
    })
    .from(lots)
    .innerJoin(assets, eq(assets.id, lots.assetId))
    .innerJoin(cases, eq(cases.id, assets.caseId))
    .leftJoin(valuations, eq(valuations.id, lots.valuationId))
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(...order.keys.map((k) => sql`${k} ${dir}`), sql`${lots.id} ${dir}`)
    .limit(limit);
  return rows.map((r) => ({ ...r, sortKeys: JSON.parse(r.sortKeys) as string[] }));
}

export function publicBidsOf(db: Db, lotIds: string[]) {
  return db
    .select({ lotId: bids.lotId, seq: bids.seq, amount: bids.amount, at: bids.at, code: registrations.bidderCode, priorityMatch: bids.priorityMatch })
    .from(bids)
    .innerJoin(registrations, eq(registrations.id, bids.registrationId))
    .where(inArray(bids.lotId, lotIds))
    .orderBy(desc(bids.seq));
}

/** The registry's phone and address of the court a lot's case names, or none when the registry lacks it. */
export async function registeredCourtOf(db: Db, court: string): Promise<{ phone: string; address: string } | undefined> {
  const [row] = await db.select({ phone: courts.phone, address: courts.address }).from(courts).where(eq(courts.name, court)).limit(1);
  return row;
}

export const lotById = (lotId: string): SQL => eq(lots.id, lotId);

/** Lots in one of these statuses, for a desk that lists only them. */
export function lotsInStatus(statuses: readonly LotStatus[]): SQL {
  return inArray(lots.status, [...statuses]);
}

export interface LotFilter {
  status?: LotStatus; court?: string; kind?: string; q?: string; publicOnly: boolean;
  /** The region of a registered court the case names (exact). */
  region?: string;
  /** Both included, on the list price. */
  minPrice?: string; maxPrice?: string;
  /** Start of bidding in [startsFrom, startsTo). */
  startsFrom?: Date; startsTo?: Date;
}

export function lotFilters(f: LotFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.status) parts.push(eq(lots.status, f.status));
  // Public: announced at some time (a draft, or a draft cancelled before its announcement, never was).
  if (f.publicOnly) parts.push(sql`(${lots.status} <> 'draft' and (${lots.status} <> 'cancelled' or ${lots.announcedAt} is not null))`);
  // Part of the court's name, in any case: "西湖" finds 杭州市西湖区人民法院; % and _ match only themselves.
  if (f.court) parts.push(sql`${cases.court} ilike ${likeContains(f.court)} escape '\\'`);
  if (f.region) parts.push(sql`${cases.court} in (select ${courts.name} from ${courts} where ${courts.region} = ${f.region})`);
  if (f.kind) parts.push(eq(assets.kind, f.kind));
  if (f.q) {
    const pattern = likeContains(f.q);
    parts.push(sql`(${assets.title} ilike ${pattern} escape '\\' or ${cases.court} ilike ${pattern} escape '\\')`);
  }
  if (f.minPrice !== undefined) parts.push(sql`${listPrice} >= ${f.minPrice}::numeric`);
  if (f.maxPrice !== undefined) parts.push(sql`${listPrice} <= ${f.maxPrice}::numeric`);
  if (f.startsFrom) parts.push(sql`${lots.startsAt} >= ${f.startsFrom.toISOString()}::timestamptz`);
  if (f.startsTo) parts.push(sql`${lots.startsAt} < ${f.startsTo.toISOString()}::timestamptz`);
  return parts.length ? and(...parts) : undefined;
}
