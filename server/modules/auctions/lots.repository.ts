import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { LotStatus } from '../../../shared/lot-state';
import type { Round } from '../../../shared/rules';
import { schema, type Db } from '../../platform/db/index';
import { claimDue } from '../../platform/jobs';

/**
 * The auctions module's SQL: lots and what a lot's use cases read around them. Each function takes the
 * database or the caller's transaction; the services open transactions and decide what to write.
 */
const { lots, assets, valuations, registrations, priorityHolders, users, bids, cases, auditLog } = schema;

export type Lot = typeof lots.$inferSelect;
export type NewLot = typeof lots.$inferInsert;
export type LotPatch = Partial<Omit<NewLot, 'id'>>;

/** The round as the rules name it; the column stores '1', '2' or 'sell_off'. */
export function roundOf(stored: string): Round {
  return stored === 'sell_off' ? 'sell_off' : (Number(stored) as 1 | 2);
}

/** The round as the column stores it. */
export function storedRound(round: Round): string {
  return String(round);
}

export async function findLot(q: Db, lotId: string): Promise<Lot | undefined> {
  const [lot] = await q.select().from(lots).where(eq(lots.id, lotId));
  return lot;
}

/** The lot's row, locked for the rest of the transaction: every change to a lot starts here. */
export async function lockLot(q: Db, lotId: string): Promise<Lot | undefined> {
  const [lot] = await q.select().from(lots).where(eq(lots.id, lotId)).for('update');
  return lot;
}

export async function updateLot(q: Db, lotId: string, patch: LotPatch): Promise<void> {
  await q.update(lots).set(patch).where(eq(lots.id, lotId));
}

export async function insertLot(q: Db, values: NewLot): Promise<void> {
  await q.insert(lots).values(values);
}

export async function lotEndsAt(q: Db, lotId: string): Promise<Date> {
  const [fresh] = await q.select({ endsAt: lots.endsAt }).from(lots).where(eq(lots.id, lotId));
  return fresh.endsAt;
}

export async function lotBalancePayment(q: Db, lotId: string) {
  const [current] = await q.select({ paidAt: lots.balancePaidAt, ref: lots.balanceBankReference }).from(lots).where(eq(lots.id, lotId));
  return current;
}

export async function findAsset(q: Db, assetId: string) {
  const [asset] = await q.select().from(assets).where(eq(assets.id, assetId));
  return asset;
}

/** Locks the asset's row, so that "one unfinished lot per asset" is checked and kept in one step. */
export async function lockAsset(q: Db, assetId: string): Promise<void> {
  await q.select({ id: assets.id }).from(assets).where(eq(assets.id, assetId)).for('update');
}

export async function findValuation(q: Db, valuationId: string) {
  const [valuation] = await q.select().from(valuations).where(eq(valuations.id, valuationId));
  return valuation;
}

/** A lot of this asset in one of `statuses`, if any. */
export async function lotOfAssetIn(q: Db, assetId: string, statuses: readonly LotStatus[]): Promise<{ id: string } | undefined> {
  const [open] = await q.select({ id: lots.id }).from(lots).where(and(eq(lots.assetId, assetId), inArray(lots.status, [...statuses]))).limit(1);
  return open;
}

/** The asset's latest lot, withdrawn lots aside: its auction history. */
export async function latestLotOfAsset(q: Db, assetId: string): Promise<Lot | undefined> {
  const [previous] = await q.select().from(lots).where(and(eq(lots.assetId, assetId), sql`${lots.status} <> 'cancelled'`)).orderBy(desc(lots.createdAt)).limit(1);
  return previous;
}

export async function hasLaterLot(q: Db, lot: Lot): Promise<boolean> {
  const [later] = await q.select({ id: lots.id }).from(lots).where(and(eq(lots.assetId, lot.assetId), sql`${lots.createdAt} > ${lot.createdAt}`, sql`${lots.status} <> 'cancelled'`)).limit(1);
  return !!later;
}

/** Lots in `statuses` whose start has come, oldest first, claimed for one scheduler tick. */
export function claimStartDue(tx: Db, statuses: readonly LotStatus[], now: Date, limit: number): Promise<Lot[]> {
  return claimDue(tx, lots, { where: inArray(lots.status, [...statuses]), dueAt: lots.startsAt, now, orderBy: lots.startsAt, limit });
}

/** Lots in `statuses` whose end (after extensions) has passed, oldest first. */
export function claimEndDue(tx: Db, statuses: readonly LotStatus[], now: Date, limit: number): Promise<Lot[]> {
  return claimDue(tx, lots, { where: inArray(lots.status, [...statuses]), dueAt: lots.endsAt, now, orderBy: lots.endsAt, limit });
}

/** Lots in `statuses` whose balance is unpaid at its deadline. */
export function claimBalanceOverdue(tx: Db, statuses: readonly LotStatus[], now: Date, limit: number): Promise<Lot[]> {
  return claimDue(tx, lots, { where: and(inArray(lots.status, [...statuses]), isNull(lots.balancePaidAt)), dueAt: lots.balanceDueAt, now, limit });
}

export async function findRegistration(q: Db, registrationId: string) {
  const [r] = await q.select().from(registrations).where(eq(registrations.id, registrationId));
  return r;
}

export async function bidderCodeOf(q: Db, registrationId: string): Promise<string> {
  return (await q.select({ code: registrations.bidderCode }).from(registrations).where(eq(registrations.id, registrationId)))[0].code;
}

export async function setRegistration(q: Db, registrationId: string, patch: Partial<typeof registrations.$inferInsert>): Promise<void> {
  await q.update(registrations).set(patch).where(eq(registrations.id, registrationId));
}

export async function findUser(q: Db, userId: string) {
  const [u] = await q.select().from(users).where(eq(users.id, userId));
  return u;
}

export async function findPriorityHolder(q: Db, lotId: string, userId: string) {
  const [holder] = await q.select().from(priorityHolders).where(and(eq(priorityHolders.lotId, lotId), eq(priorityHolders.userId, userId)));
  return holder;
}

/** The holder's rank goes on the registration they may already have, and the holder row is recorded. */
export async function addPriorityHolder(q: Db, h: typeof priorityHolders.$inferInsert): Promise<void> {
  await q.update(registrations).set({ priorityRank: h.rank }).where(and(eq(registrations.lotId, h.lotId), eq(registrations.userId, h.userId)));
  await q.insert(priorityHolders).values(h);
}

export function priorityHoldersOf(q: Db, lotId: string) {
  return q.select({ h: priorityHolders, email: users.email, name: users.name, realName: users.realName }).from(priorityHolders)
    .innerJoin(users, eq(users.id, priorityHolders.userId)).where(eq(priorityHolders.lotId, lotId)).orderBy(asc(priorityHolders.rank), asc(priorityHolders.createdAt));
}

export async function registrationWithUser(q: Db, registrationId: string) {
  const [row] = await q.select({ r: registrations, u: users }).from(registrations).innerJoin(users, eq(users.id, registrations.userId)).where(eq(registrations.id, registrationId));
  return row;
}

export function bidsOfLot(q: Db, lotId: string) {
  return q.select({ b: bids, code: registrations.bidderCode }).from(bids)
    .innerJoin(registrations, eq(registrations.id, bids.registrationId))
    .where(eq(bids.lotId, lotId)).orderBy(asc(bids.seq));
}

export async function lotAuditHead(q: Db, lotId: string) {
  const [lot] = await q.select({ id: lots.id, head: lots.auditHead }).from(lots).where(eq(lots.id, lotId));
  return lot;
}

export function auditEntriesOfLot(q: Db, lotId: string) {
  return q.select().from(auditLog).where(eq(auditLog.lotId, lotId)).orderBy(asc(auditLog.seq));
}

export async function assetWithCase(q: Db, assetId: string) {
  const [row] = await q.select({ a: assets, c: cases }).from(assets).innerJoin(cases, eq(cases.id, assets.caseId)).where(eq(assets.id, assetId));
  return row;
}

export async function lotExists(q: Db, lotId: string): Promise<boolean> {
  const [lot] = await q.select({ id: lots.id }).from(lots).where(eq(lots.id, lotId));
  return !!lot;
}
