import { Decimal } from 'decimal.js';
import { and, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { AUCTION_ROUNDS, LOSER_REFUND_WINDOW_MS, commissionSaved, emptyTotals, type AuctionRound, type StatsTotals } from '../../../shared/stats';
import { inTransaction, schema, type Db } from '../../platform/db/index';
import { finishedAuctions, type AuctionFactRow } from './stats.repository';

/**
 * The statistics rollup (schema.stats.ts). Database triggers mark a lot dirty whenever something it is
 * counted by changes; `refreshStatsFacts` recomputes the dirty lots' facts with the same query and the same
 * C29 function as the one-by-one definition, then recomputes each touched (court, kind, round, month) sum
 * from the facts. Recomputing rather than adding deltas keeps the sums equal to their facts whatever the
 * order of changes. One refresh runs at a time (an advisory lock), so two never write a stale sum.
 */
const { auctionFacts, statsMonthly, statsDirty } = schema;

const UTC8_MS = 8 * 60 * 60 * 1000;
/** Any fixed key: the advisory lock that serialises refreshes. */
const REFRESH_LOCK = 7_702_029;
const BATCH = 2000;
/** Lots recomputed in one refresh from which the rollup's tables are vacuumed afterwards. */
const VACUUM_AFTER = 5000;
/** Rows per multi-row insert, under PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;

/** The month (YYYY-MM, UTC+8) an auction finished in. */
export function monthUtc8(at: Date): string {
  return new Date(at.getTime() + UTC8_MS).toISOString().slice(0, 7);
}

/** The instant a month (YYYY-MM, UTC+8) starts. */
export function monthStartUtc8(month: string): Date {
  return new Date(`${month}-01T00:00:00+08:00`);
}

function outcomeOf(status: string): 'sold' | 'unsold' | 'defaulted' {
  return status === 'sold' ? 'sold' : status === 'defaulted' ? 'defaulted' : 'unsold';
}

function factRow(r: AuctionFactRow): typeof auctionFacts.$inferInsert {
  const outcome = outcomeOf(r.status);
  return {
    lotId: r.lotId, court: r.court, kind: r.kind, round: r.round, outcome, closedAt: r.closedAt, month: monthUtc8(r.closedAt),
    startingPrice: r.startingPrice, referencePrice: r.referencePrice, finalPrice: r.finalPrice,
    commission: outcome === 'sold' && r.finalPrice !== null ? commissionSaved(r.finalPrice).toFixed() : '0',
    bidders: r.bidders, bids: r.bids, extensions: r.extensions,
    loserDeposits: r.loserDeposits, loserRefunded24h: r.loserDepositsRefundedWithin24h, loserOpen: r.loserDepositsOpen,
  };
}

type GroupKey = { court: string; kind: string; round: string; month: string };
const keyString = (k: GroupKey) => JSON.stringify([k.court, k.kind, k.round, k.month]);

/** Recomputes one batch of dirty lots; returns how many it took (0: nothing was dirty). */
async function refreshBatch(db: Db): Promise<number> {
  return inTransaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REFRESH_LOCK})`);
    const taken = await tx.delete(statsDirty)
      .where(inArray(statsDirty.lotId, tx.select({ id: statsDirty.lotId }).from(statsDirty).limit(BATCH)))
      .returning({ lotId: statsDirty.lotId });
    if (taken.length === 0) return 0;
    const ids = taken.map((t) => t.lotId);
    const touched = new Map<string, GroupKey>();
    const before = await tx.selectDistinct({ court: auctionFacts.court, kind: auctionFacts.kind, round: auctionFacts.round, month: auctionFacts.month })
      .from(auctionFacts).where(inArray(auctionFacts.lotId, ids));
    for (const k of before) touched.set(keyString(k), k);
    await tx.delete(auctionFacts).where(inArray(auctionFacts.lotId, ids));
    const facts = (await finishedAuctions(tx, { lotIds: ids })).map(factRow);
    for (let i = 0; i < facts.length; i += INSERT_CHUNK) await tx.insert(auctionFacts).values(facts.slice(i, i + INSERT_CHUNK));
    for (const f of facts) touched.set(keyString(f), { court: f.court, kind: f.kind, round: f.round, month: f.month });
    await recomputeLevels(tx, [...touched.values()]);
    return ids.length;
  });
}

const SUMS = `finished, sold, defaulted, unsold, turnover, starting, reference, commission,
  bidders, bids, extensions, loser_deposits, loser_refunded_24h`;

/**
 * Recomputes the monthly sums the touched keys belong to: level 0 from the facts, then the coarser levels
 * from level 0 (every court for a kind, every kind for a court, everything), each key deleted and written again.
 */
async function recomputeLevels(tx: Db, touched: GroupKey[]): Promise<void> {
  const keys = JSON.stringify(touched);
  const touchedKeys = sql`(select distinct k.court, k.kind, k.round, k.month from jsonb_to_recordset(${keys}::jsonb) as k(court text, kind text, round text, month text))`;
  await tx.execute(sql`delete from ${statsMonthly} s using ${touchedKeys} k
    where s.level = 0 and s.court = k.court and s.kind = k.kind and s.round = k.round and s.month = k.month`);
  await tx.execute(sql`insert into ${statsMonthly} (level, court, kind, round, month, ${sql.raw(SUMS)})
    select 0, f.court, f.kind, f.round, f.month, count(*),
      count(*) filter (where f.outcome = 'sold'), count(*) filter (where f.outcome = 'defaulted'),
      count(*) filter (where f.outcome = 'unsold'),
      coalesce(sum(f.final_price) filter (where f.outcome = 'sold'), 0),
      coalesce(sum(f.starting_price) filter (where f.outcome = 'sold'), 0),
      coalesce(sum(coalesce(f.reference_price, 0)) filter (where f.outcome = 'sold'), 0),
      coalesce(sum(f.commission), 0),
      sum(f.bidders), sum(f.bids), sum(f.extensions), sum(f.loser_deposits), sum(f.loser_refunded_24h)
    from ${auctionFacts} f join ${touchedKeys} k on f.court = k.court and f.kind = k.kind and f.round = k.round and f.month = k.month
    group by f.court, f.kind, f.round, f.month`);
  const sums = sql.raw(SUMS.split(',').map((c) => `sum(${c.trim()})`).join(', '));
  // level: [court expression, kind expression, the key columns that stay]
  const coarser: Array<[number, string, string, string[]]> = [
    [1, `''`, 's.kind', ['kind', 'round', 'month']],
    [2, 's.court', `''`, ['court', 'round', 'month']],
    [3, `''`, `''`, ['round', 'month']],
  ];
  for (const [level, court, kind, cols] of coarser) {
    const projected = sql.raw(`(select distinct ${cols.map((c) => `k0.${c}`).join(', ')} from `);
    const match = sql.raw(cols.map((c) => `s.${c} = k.${c}`).join(' and '));
    const keyCols = sql.raw(cols.map((c) => `s.${c}`).join(', '));
    await tx.execute(sql`delete from ${statsMonthly} s using ${projected}${touchedKeys} k0) k
      where s.level = ${level} and ${match}`);
    await tx.execute(sql`insert into ${statsMonthly} (level, court, kind, round, month, ${sql.raw(SUMS)})
      select ${level}, ${sql.raw(court)}, ${sql.raw(kind)}, s.round, s.month, ${sums}
      from ${statsMonthly} s join ${projected}${touchedKeys} k0) k on ${match}
      where s.level = 0 group by ${keyCols}`);
  }
}

/** Brings the facts and the monthly sums up to date; returns how many lots were recomputed. */
export async function refreshStatsFacts(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await refreshBatch(db);
    if (n === 0) break;
    total += n;
  }
  // A large refresh rewrites the sums many times over: reclaim the dead rows and refresh the planner's
  // figures (the embedded engine has no autovacuum to do it).
  if (total >= VACUUM_AFTER) await db.execute(sql`vacuum analyze ${statsMonthly}, ${auctionFacts}`);
  return total;
}

/** Whether any lot waits to be recomputed: a read pays for a refresh only when one does. */
export async function statsDirtyExists(db: Db): Promise<boolean> {
  const rows = await db.select({ lotId: statsDirty.lotId }).from(statsDirty).limit(1);
  return rows.length > 0;
}

export interface TotalsFilter {
  from?: Date;
  to?: Date;
  /** Now: losers' deposits still inside their 24 hours and not given back are left out of the refund share. */
  now: Date;
  court?: string;
  kind?: string;
  round?: string;
}

export type GroupDimension = 'court' | 'kind' | 'month' | 'round';

/**
 * The totals of the auctions that finished in [from, to), per group. Whole months inside the period are
 * read from the monthly sums; the days of a month the period only partly covers are summed from the facts.
 * Both sources are grouped by round as well, which the unsold rate by round needs.
 */
export async function totalsByGroup(db: Db, f: TotalsFilter, groupBy?: GroupDimension): Promise<Map<string, StatsTotals>> {
  // Months are YYYY-MM strings: '' sorts before every month and '~' after.
  const firstFull = f.from === undefined ? '' : firstFullMonth(f.from);
  const endFull = f.to === undefined ? '~' : monthUtc8(f.to);
  const result = new Map<string, StatsTotals>();
  const add = (key: string, round: string, row: SumRow) => {
    let t = result.get(key);
    if (!t) result.set(key, (t = emptyTotals()));
    addSumRow(t, round as AuctionRound, row);
  };

  // The queries are independent: on a pool they travel at once.
  const reads: Array<Promise<Array<{ key: string; round: string } & SumRow>>> = [];
  if (firstFull < endFull) {
    const m = statsMonthly;
    const needCourt = f.court !== undefined || groupBy === 'court';
    const needKind = f.kind !== undefined || groupBy === 'kind';
    const level = needCourt && needKind ? 0 : needKind ? 1 : needCourt ? 2 : 3;
    const where: SQL[] = [eq(m.level, level), gte(m.month, firstFull), lt(m.month, endFull)];
    if (f.court) where.push(eq(m.court, f.court));
    if (f.kind) where.push(eq(m.kind, f.kind));
    if (f.round) where.push(eq(m.round, f.round));
    const key = groupBy ? m[groupBy] : sql<string>`''`;
    const q = db.select({ key, round: m.round, ...monthlySums }).from(m).where(and(...where));
    reads.push(groupBy ? q.groupBy(m[groupBy], m.round) : q.groupBy(m.round));
    const edges: SQL[] = [];
    if (f.from && firstFull !== '') edges.push(and(gte(auctionFacts.closedAt, f.from), lt(auctionFacts.closedAt, monthStartUtc8(firstFull)))!);
    if (f.to && endFull !== '~') edges.push(and(gte(auctionFacts.closedAt, monthStartUtc8(endFull)), lt(auctionFacts.closedAt, f.to))!);
    if (edges.length > 0) reads.push(factTotals(db, f, or(...edges)!, groupBy));
  } else {
    reads.push(factTotals(db, f, and(gte(auctionFacts.closedAt, f.from!), lt(auctionFacts.closedAt, f.to!))!, groupBy));
  }
  const [open, ...sums] = await Promise.all([openWindows(db, f), ...reads]);
  for (const rows of sums) for (const r of rows) add(r.key, r.round, r);
  for (const r of open) {
    const t = result.get(groupBy ? r[groupBy] : '');
    if (t) t.loserDeposits -= r.open;
  }
  return result;
}

/** The first month that starts on or after a UTC+8 day's start. */
function firstFullMonth(from: Date): string {
  const month = monthUtc8(from);
  if (monthStartUtc8(month).getTime() === from.getTime()) return month;
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
}

const m = statsMonthly;
const monthlySums = {
  finished: sql<string>`sum(${m.finished})`,
  sold: sql<string>`sum(${m.sold})`,
  defaulted: sql<string>`sum(${m.defaulted})`,
  unsold: sql<string>`sum(${m.unsold})`,
  turnover: sql<string>`sum(${m.turnover})`,
  starting: sql<string>`sum(${m.starting})`,
  reference: sql<string>`sum(${m.reference})`,
  commission: sql<string>`sum(${m.commission})`,
  bidders: sql<string>`sum(${m.bidders})`,
  bids: sql<string>`sum(${m.bids})`,
  extensions: sql<string>`sum(${m.extensions})`,
  loserDeposits: sql<string>`sum(${m.loserDeposits})`,
  loserRefunded24h: sql<string>`sum(${m.loserRefunded24h})`,
};

const a = auctionFacts;
const factSums = {
  finished: sql<string>`count(*)`,
  sold: sql<string>`count(*) filter (where ${a.outcome} = 'sold')`,
  defaulted: sql<string>`count(*) filter (where ${a.outcome} = 'defaulted')`,
  unsold: sql<string>`count(*) filter (where ${a.outcome} = 'unsold')`,
  turnover: sql<string>`coalesce(sum(${a.finalPrice}) filter (where ${a.outcome} = 'sold'), 0)`,
  starting: sql<string>`coalesce(sum(${a.startingPrice}) filter (where ${a.outcome} = 'sold'), 0)`,
  reference: sql<string>`coalesce(sum(coalesce(${a.referencePrice}, 0)) filter (where ${a.outcome} = 'sold'), 0)`,
  commission: sql<string>`coalesce(sum(${a.commission}), 0)`,
  bidders: sql<string>`sum(${a.bidders})`,
  bids: sql<string>`sum(${a.bids})`,
  extensions: sql<string>`sum(${a.extensions})`,
  loserDeposits: sql<string>`sum(${a.loserDeposits})`,
  loserRefunded24h: sql<string>`sum(${a.loserRefunded24h})`,
};

type SumRow = { [K in keyof typeof factSums]: string | number };

function factTotals(db: Db, f: TotalsFilter, period: SQL, groupBy: GroupDimension | undefined) {
  const where: SQL[] = [period];
  if (f.court) where.push(eq(a.court, f.court));
  if (f.kind) where.push(eq(a.kind, f.kind));
  if (f.round) where.push(eq(a.round, f.round));
  const key = groupBy ? a[groupBy] : sql<string>`''`;
  const q = db.select({ key, round: a.round, ...factSums }).from(a).where(and(...where));
  return groupBy ? q.groupBy(a[groupBy], a.round) : q.groupBy(a.round);
}

function addSumRow(t: StatsTotals, round: AuctionRound, r: SumRow) {
  if (!AUCTION_ROUNDS.includes(round)) return;
  t.finishedByRound[round] += Number(r.finished);
  t.unsoldByRound[round] += Number(r.unsold);
  t.sold += Number(r.sold);
  t.defaulted += Number(r.defaulted);
  t.turnover = t.turnover.plus(new Decimal(r.turnover));
  t.starting = t.starting.plus(new Decimal(r.starting));
  t.reference = t.reference.plus(new Decimal(r.reference));
  t.commission = t.commission.plus(new Decimal(r.commission));
  t.bidders += Number(r.bidders);
  t.bids += Number(r.bids);
  t.extensions += Number(r.extensions);
  t.loserDeposits += Number(r.loserDeposits);
  t.loserDepositsRefundedWithin24h += Number(r.loserRefunded24h);
}

/**
 * Losers' deposits of auctions closed less than 24 hours ago that are not given back yet are not late:
 * they leave the refund share's base until they are given back or their 24 hours are over. Only auctions
 * of the last day are read, from the facts.
 */
function openWindows(db: Db, f: TotalsFilter) {
  const where: SQL[] = [gte(a.closedAt, new Date(f.now.getTime() - LOSER_REFUND_WINDOW_MS)), sql`${a.loserOpen} > 0`];
  if (f.from) where.push(gte(a.closedAt, f.from));
  if (f.to) where.push(lt(a.closedAt, f.to));
  if (f.court) where.push(eq(a.court, f.court));
  if (f.kind) where.push(eq(a.kind, f.kind));
  if (f.round) where.push(eq(a.round, f.round));
  return db.select({ court: a.court, kind: a.kind, round: a.round, month: a.month, open: a.loserOpen }).from(a).where(and(...where));
}
