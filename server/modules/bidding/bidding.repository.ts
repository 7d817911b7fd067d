import { and, desc, eq, getTableColumns, getTableName, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { Decimal } from 'decimal.js';
import type { LotStatus } from '../../../shared/lot-state';
import { schema, type Db } from '../../platform/db/index';

/**
 * The bidding module's SQL: registrations, deposits and bids, and the lot row the bid path locks.
 * Each function takes the database or the caller's transaction and makes exactly one round trip.
 */
const { lots, registrations, bids, users, assets, cases, priorityHolders, auditLog } = schema;

export type Registration = typeof registrations.$inferSelect;
export type LotRow = typeof lots.$inferSelect;

export async function findLot(q: Db, lotId: string): Promise<LotRow | undefined> {
  const [lot] = await q.select().from(lots).where(eq(lots.id, lotId));
  return lot;
}

/** The lot's row, locked: bids, deposits and the close are serialised on it. */
export async function lockLot(q: Db, lotId: string): Promise<LotRow | undefined> {
  const [lot] = await q.select().from(lots).where(eq(lots.id, lotId)).for('update');
  return lot;
}

export async function lotEndsAt(q: Db, lotId: string): Promise<Date> {
  return (await q.select({ endsAt: lots.endsAt }).from(lots).where(eq(lots.id, lotId)))[0].endsAt;
}

/** The lot after a bid: price, leader, counters, both hash heads and the end it now has, in one UPDATE. */
export async function updateLot(q: Db, lotId: string, patch: Partial<typeof lots.$inferInsert>): Promise<void> {
  await q.update(lots).set(patch).where(eq(lots.id, lotId));
}

export async function registrationOf(q: Db, lotId: string, userId: string): Promise<Registration | undefined> {
  const [r] = await q.select().from(registrations).where(and(eq(registrations.lotId, lotId), eq(registrations.userId, userId)));
  return r;
}

/** A24, C22: a forfeited deposit on any lot of this asset, by this account or by the same verified ID number. */
export async function hasDefaultedOnAsset(q: Db, assetId: string, user: { id: string; idNumber: string | null }): Promise<boolean> {
  const [defaulted] = await q.select({ id: registrations.id }).from(registrations)
    .innerJoin(lots, eq(lots.id, registrations.lotId))
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(and(eq(lots.assetId, assetId), eq(registrations.depositStatus, 'forfeited'),
      sql`(${registrations.userId} = ${user.id} or ${users.idNumber} = ${user.idNumber})`)).limit(1);
  return !!defaulted;
}

export async function priorityHolderOf(q: Db, lotId: string, userId: string) {
  const [holder] = await q.select().from(priorityHolders).where(and(eq(priorityHolders.lotId, lotId), eq(priorityHolders.userId, userId)));
  return holder;
}

export async function insertRegistration(q: Db, values: typeof registrations.$inferInsert): Promise<Registration> {
  const [r] = await q.insert(registrations).values(values).returning();
  return r;
}

export function registrationsOfUser(q: Db, userId: string, limit: number) {
  return q.select({ r: registrations, title: assets.title, court: cases.court, status: lots.status, endsAt: lots.endsAt, finalPrice: lots.finalPrice, winner: lots.winnerRegistrationId, balanceDueAt: lots.balanceDueAt, balancePaidAt: lots.balancePaidAt })
    .from(registrations)
    .innerJoin(lots, eq(lots.id, registrations.lotId))
    .innerJoin(assets, eq(assets.id, lots.assetId))
    .innerJoin(cases, eq(cases.id, assets.caseId))
    .where(eq(registrations.userId, userId)).orderBy(desc(registrations.createdAt)).limit(limit);
}

export async function lotIdOfRegistration(q: Db, registrationId: string): Promise<string | undefined> {
  const [peek] = await q.select({ lotId: registrations.lotId }).from(registrations).where(eq(registrations.id, registrationId));
  return peek?.lotId;
}

export async function lockRegistration(q: Db, registrationId: string): Promise<Registration> {
  const [r] = await q.select().from(registrations).where(eq(registrations.id, registrationId)).for('update');
  return r;
}

export async function bankReferenceUsed(q: Db, bankReference: string): Promise<boolean> {
  const [used] = await q.select({ id: registrations.id }).from(registrations).where(eq(registrations.bankReference, bankReference));
  return !!used;
}

/** Bank references among `refs` that already confirmed a deposit. */
export async function bankReferencesUsed(q: Db, refs: readonly string[]): Promise<string[]> {
  const used: string[] = [];
  for (let i = 0; i < refs.length; i += 5_000) {
    const rows = await q.select({ ref: registrations.bankReference }).from(registrations).where(inArray(registrations.bankReference, refs.slice(i, i + 5_000)));
    used.push(...rows.map((r) => r.ref!));
  }
  return used;
}

/** Marks deposits held, each with the bank reference that paid it, a few thousand rows a statement. */
export async function holdDeposits(q: Db, rows: ReadonlyArray<{ id: string; bankReference: string }>, confirm: { confirmedAt: Date; confirmedBy: string }): Promise<void> {
  for (let i = 0; i < rows.length; i += 5_000) {
    const values = sql.join(rows.slice(i, i + 5_000).map((r) => sql`(${r.id}, ${r.bankReference})`), sql`, `);
    await q.execute(sql`update ${registrations} set deposit_status = 'held', bank_reference = v.bank_reference, confirmed_at = ${confirm.confirmedAt}, confirmed_by = ${confirm.confirmedBy}
      from (values ${values}) as v(id, bank_reference) where ${registrations.id} = v.id`);
  }
}

export function pendingDeposits(q: Db, lotStatuses: readonly LotStatus[], limit: number) {
  return q.select({
    id: registrations.id, lotId: registrations.lotId, amount: registrations.depositAmount, reference: registrations.paymentReference,
    createdAt: registrations.createdAt, realName: users.realName, email: users.email, title: assets.title, titleEn: assets.titleEn, lotStatus: lots.status,
  }).from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .innerJoin(lots, eq(lots.id, registrations.lotId))
    .innerJoin(assets, eq(assets.id, lots.assetId))
    .where(and(eq(registrations.depositStatus, 'pending'), inArray(lots.status, [...lotStatuses])))
    .orderBy(registrations.createdAt).limit(limit);
}

export async function priorityRankOf(q: Db, registrationId: string): Promise<number | null> {
  return (await q.select({ rank: registrations.priorityRank }).from(registrations).where(eq(registrations.id, registrationId)))[0]?.rank ?? null;
}

export async function insertBid(q: Db, values: typeof bids.$inferInsert): Promise<void> {
  await q.insert(bids).values(values);
}

/** Held deposits of a lot, for the settlement at its close. */
export function heldRegistrations(q: Db, lotId: string) {
  return q.select().from(registrations).where(and(eq(registrations.lotId, lotId), eq(registrations.depositStatus, 'held')));
}

export async function settleRegistration(q: Db, registrationId: string, depositStatus: 'applied' | 'released', settledAt: Date): Promise<void> {
  await q.update(registrations).set({ depositStatus, settledAt }).where(eq(registrations.id, registrationId));
}

/** Accepted bids of one batch, in seq order, in one statement. */
/**
 * A table's rows as one JSON document keyed by column name, for `json_populate_recordset`: dates as ISO
 * instants, jsonb values as they are, every other value as the driver would send it. Every row names the
 * same columns (those the first row names); columns left out take their defaults.
 */
function asJsonRows<T extends PgTable>(table: T, rows: Array<T['$inferInsert']>): { columns: SQL; json: string } {
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(all).filter((k) => (rows[0] as Record<string, unknown>)[k] !== undefined);
  const data = rows.map((row) => {
    const r = row as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = r[k];
      if (v === undefined) throw new Error(`${getTableName(table)}: a row of the batch leaves out ${k}`);
      out[all[k].name] = v instanceof Date ? v.toISOString() : v === null || all[k].dataType === 'json' ? v : all[k].mapToDriverValue(v);
    }
    return out;
  });
  return { columns: sql.join(keys.map((k) => sql.identifier(all[k].name)), sql`, `), json: JSON.stringify(data) };
}

/**
 * One batch of accepted bids, in one statement (atomic without a transaction, one round trip): the lot is
 * updated only if it is still as the batch found it (same seq and audit count), and the bids and their
 * audit entries are inserted only if that update found the lot. False when anything else changed the lot
 * in between: then nothing was written.
 */
export async function writeBidBatchFenced(
  q: Db, lotId: string, expected: { seq: number; auditCount: number }, patch: Partial<typeof lots.$inferInsert>,
  bidRows: Array<typeof bids.$inferInsert>, auditRows: Array<typeof auditLog.$inferInsert>,
): Promise<boolean> {
  const lotColumns = getTableColumns(lots) as Record<string, PgColumn>;
  const set = sql.join(Object.entries(patch).filter(([, v]) => v !== undefined)
    .map(([k, v]) => sql`${sql.identifier(lotColumns[k].name)} = ${sql.param(v, lotColumns[k])}`), sql`, `);
  const update = sql`update ${lots} set ${set} where ${and(eq(lots.id, lotId), eq(lots.seq, expected.seq), eq(lots.auditCount, expected.auditCount))} returning ${lots.id}`;
  const b = asJsonRows(bids, bidRows);
  const a = asJsonRows(auditLog, auditRows);
  const res = await q.execute(sql`with fenced as (${update}),
    new_bids as (insert into ${bids} (${b.columns}) select ${b.columns} from json_populate_recordset(null::${bids}, ${b.json}::json) where exists (select 1 from fenced)),
    new_audit as (insert into ${auditLog} (${a.columns}) select ${a.columns} from json_populate_recordset(null::${auditLog}, ${a.json}::json) where exists (select 1 from fenced))
    select count(*)::int as n from fenced`);
  const [row] = (res as unknown as { rows: Array<{ n: number }> }).rows;
  return Number(row.n) === 1;
}

/** Whether the lot is still at this seq and audit count (one indexed read, no lock). */
export async function lotUnchanged(q: Db, lotId: string, expected: { seq: number; auditCount: number }): Promise<boolean> {
  const [row] = await q.select({ seq: lots.seq, auditCount: lots.auditCount }).from(lots).where(eq(lots.id, lotId));
  return !!row && row.seq === expected.seq && row.auditCount === expected.auditCount;
}

/** Every bid of the lot with its bidder code, to answer a repeated clientBidId with its first result. */
export async function bidsForReplay(q: Db, lotId: string) {
  const rows = await q.select({
    userId: bids.userId, clientBidId: bids.clientBidId, seq: bids.seq, amount: bids.amount, at: bids.at, endsAtAfter: bids.endsAtAfter,
    extended: bids.extended, priorityMatch: bids.priorityMatch, bidderCode: registrations.bidderCode,
  }).from(bids).innerJoin(registrations, eq(registrations.id, bids.registrationId)).where(eq(bids.lotId, lotId));
  return rows.map((r) => ({ ...r, amount: new Decimal(r.amount).toFixed(2) }));
}

/** The proxy bids in force on a lot, oldest first. */
export async function proxiesInForce(q: Db, lotId: string) {
  const { proxyBids } = schema;
  // With the owner's roles as they are now: a proxy bids as its owner would (A28: staff may not bid).
  return q.select({ id: proxyBids.id, registrationId: proxyBids.registrationId, userId: proxyBids.userId, maxAmount: proxyBids.maxAmount, createdAt: proxyBids.createdAt, roles: users.roles })
    .from(proxyBids).innerJoin(users, eq(users.id, proxyBids.userId))
    .where(and(eq(proxyBids.lotId, lotId), isNull(proxyBids.withdrawnAt))).orderBy(proxyBids.createdAt, proxyBids.id);
}

/** The user's proxy bids in force, on any lot, with the user's roles now. */
export async function proxiesOfUser(q: Db, userId: string) {
  const { proxyBids } = schema;
  return q.select({ lotId: proxyBids.lotId, registrationId: proxyBids.registrationId, roles: users.roles })
    .from(proxyBids).innerJoin(users, eq(users.id, proxyBids.userId))
    .where(and(eq(proxyBids.userId, userId), isNull(proxyBids.withdrawnAt)));
}

/** The caller's proxy bid in force on the lot, if any. */
export async function proxyOf(q: Db, registrationId: string) {
  const { proxyBids } = schema;
  const [row] = await q.select().from(proxyBids).where(and(eq(proxyBids.registrationId, registrationId), isNull(proxyBids.withdrawnAt)));
  return row;
}

/** Withdraws the registration's proxy bid in force (if any) and, with a maximum, puts a new one in force. */
export async function replaceProxy(q: Db, row: { id: string; lotId: string; registrationId: string; userId: string; maxAmount: string; at: Date } | { registrationId: string; at: Date; withdrawOnly: true }) {
  const { proxyBids } = schema;
  await q.update(proxyBids).set({ withdrawnAt: row.at }).where(and(eq(proxyBids.registrationId, row.registrationId), isNull(proxyBids.withdrawnAt)));
  if ('withdrawOnly' in row) return;
  await q.insert(proxyBids).values({ id: row.id, lotId: row.lotId, registrationId: row.registrationId, userId: row.userId, maxAmount: row.maxAmount, createdAt: row.at });
}
