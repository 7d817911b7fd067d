import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { LotStatus } from '../../../shared/lot-state';
import { schema, type Db } from '../../platform/db/index';

/**
 * The bidding module's SQL: registrations, deposits and bids, and the lot row the bid path locks.
 * Each function takes the database or the caller's transaction and makes exactly one round trip.
 */
const { lots, registrations, bids, users, assets, cases, priorityHolders } = schema;

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
    createdAt: registrations.createdAt, realName: users.realName, email: users.email, title: assets.title, lotStatus: lots.status,
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

/** A bidder's earlier bid under this clientBidId on this lot, with its code. */
export async function bidByClientId(q: Db, userId: string, lotId: string, clientBidId: string) {
  const [row] = await q.select({ b: bids, code: registrations.bidderCode }).from(bids)
    .innerJoin(registrations, eq(registrations.id, bids.registrationId))
    .where(and(eq(bids.lotId, lotId), eq(bids.userId, userId), eq(bids.clientBidId, clientBidId)));
  return row;
}

/** Held deposits of a lot, for the settlement at its close. */
export function heldRegistrations(q: Db, lotId: string) {
  return q.select().from(registrations).where(and(eq(registrations.lotId, lotId), eq(registrations.depositStatus, 'held')));
}

export async function settleRegistration(q: Db, registrationId: string, depositStatus: 'applied' | 'released', settledAt: Date): Promise<void> {
  await q.update(registrations).set({ depositStatus, settledAt }).where(eq(registrations.id, registrationId));
}
