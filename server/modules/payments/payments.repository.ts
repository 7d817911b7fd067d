/**
 * Online payments' SQL: provider payments, applied webhook events, the outbox's claim and outcome, and the
 * two registration changes an online deposit makes (held when authorized, released when cancelled).
 */
import { and, desc, eq, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

const { providerPayments, outbox, webhookEvents, registrations, lots, refunds, users, ledgerEntries } = schema;

export type ProviderPayment = typeof providerPayments.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type RegistrationRow = typeof registrations.$inferSelect;

export async function lockLot(tx: Db, lotId: string) {
  const [lot] = await tx.select({ id: lots.id, status: lots.status }).from(lots).where(eq(lots.id, lotId)).for('update');
  return lot;
}

export async function lockRegistration(tx: Db, registrationId: string): Promise<RegistrationRow | undefined> {
  const [r] = await tx.select().from(registrations).where(eq(registrations.id, registrationId)).for('update');
  return r;
}

export async function findRegistration(q: Db, registrationId: string): Promise<RegistrationRow | undefined> {
  const [r] = await q.select().from(registrations).where(eq(registrations.id, registrationId));
  return r;
}

export async function registrationOf(q: Db, lotId: string, userId: string): Promise<RegistrationRow | undefined> {
  const [r] = await q.select().from(registrations).where(and(eq(registrations.lotId, lotId), eq(registrations.userId, userId)));
  return r;
}

export async function depositAttempts(tx: Db, registrationId: string): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(providerPayments)
    .where(and(eq(providerPayments.registrationId, registrationId), eq(providerPayments.kind, 'deposit')));
  return row.n;
}

export async function insertPayment(tx: Db, values: typeof providerPayments.$inferInsert): Promise<ProviderPayment> {
  const [p] = await tx.insert(providerPayments).values(values).returning();
  return p;
}

export async function lockPayment(tx: Db, id: string): Promise<ProviderPayment | undefined> {
  const [p] = await tx.select().from(providerPayments).where(eq(providerPayments.id, id)).for('update');
  return p;
}

export async function lockPaymentByRef(tx: Db, provider: string, providerRef: string): Promise<ProviderPayment | undefined> {
  const [p] = await tx.select().from(providerPayments)
    .where(and(eq(providerPayments.provider, provider), eq(providerPayments.providerRef, providerRef))).for('update');
  return p;
}

export async function findPaymentByRef(q: Db, provider: string, providerRef: string): Promise<ProviderPayment | undefined> {
  const [p] = await q.select().from(providerPayments).where(and(eq(providerPayments.provider, provider), eq(providerPayments.providerRef, providerRef)));
  return p;
}

export async function latestDeposit(q: Db, registrationId: string): Promise<ProviderPayment | undefined> {
  const [p] = await q.select().from(providerPayments)
    .where(and(eq(providerPayments.registrationId, registrationId), eq(providerPayments.kind, 'deposit')))
    .orderBy(desc(providerPayments.createdAt), desc(providerPayments.id)).limit(1);
  return p;
}

/** The latest online payment of a lot's balance. */
export async function latestBalancePayment(q: Db, lotId: string): Promise<ProviderPayment | undefined> {
  const [p] = await q.select().from(providerPayments)
    .where(and(eq(providerPayments.lotId, lotId), eq(providerPayments.kind, 'balance')))
    .orderBy(desc(providerPayments.createdAt), desc(providerPayments.id)).limit(1);
  return p;
}

export async function findPayment(q: Db, id: string): Promise<ProviderPayment | undefined> {
  const [p] = await q.select().from(providerPayments).where(eq(providerPayments.id, id));
  return p;
}

export async function updatePayment(tx: Db, id: string, patch: Partial<typeof providerPayments.$inferInsert>): Promise<ProviderPayment> {
  const [p] = await tx.update(providerPayments).set(patch).where(eq(providerPayments.id, id)).returning();
  return p;
}

/** Records an event as applied; false when it was applied before (the caller then changes nothing). */
export async function recordWebhook(tx: Db, row: typeof webhookEvents.$inferInsert): Promise<boolean> {
  const inserted = await tx.insert(webhookEvents).values(row)
    .onConflictDoNothing({ target: [webhookEvents.provider, webhookEvents.eventId] }).returning({ id: webhookEvents.eventId });
  return inserted.length > 0;
}

/** The name a refund is paid to: the verified real name, else the account's name. */
export async function payeeOf(q: Db, userId: string): Promise<string> {
  const [u] = await q.select({ realName: users.realName, name: users.name }).from(users).where(eq(users.id, userId));
  return u?.realName ?? u?.name ?? userId;
}

export async function entryPhase(q: Db, idempotencyKey: string): Promise<string | undefined> {
  const [e] = await q.select({ phase: ledgerEntries.phase }).from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, idempotencyKey));
  return e?.phase;
}

export async function holdOnline(tx: Db, registrationId: string, at: Date): Promise<void> {
  await tx.update(registrations).set({ depositStatus: 'held', depositMethod: 'online', confirmedAt: at }).where(eq(registrations.id, registrationId));
}

export async function releaseRegistration(tx: Db, registrationId: string, at: Date): Promise<void> {
  await tx.update(registrations).set({ depositStatus: 'released', settledAt: at }).where(eq(registrations.id, registrationId));
}

// Refunds paid through the provider

export async function findRefund(q: Db, id: string) {
  const [r] = await q.select().from(refunds).where(eq(refunds.id, id));
  return r;
}

export async function lockRefund(tx: Db, id: string) {
  const [r] = await tx.select().from(refunds).where(eq(refunds.id, id)).for('update');
  return r;
}

export async function lockRefundByProviderRef(tx: Db, refundRef: string) {
  const [r] = await tx.select().from(refunds).where(eq(refunds.providerRef, refundRef)).for('update');
  return r;
}

export async function updateRefund(tx: Db, id: string, patch: Partial<typeof refunds.$inferInsert>): Promise<void> {
  await tx.update(refunds).set(patch).where(eq(refunds.id, id));
}

// The outbox

/** One row, locked for its call; undefined when another worker holds it or it is no longer pending. */
export async function claimOutboxRow(tx: Db, id: string): Promise<OutboxRow | undefined> {
  const [row] = await tx.select().from(outbox).where(and(eq(outbox.id, id), eq(outbox.status, 'pending'))).for('update', { skipLocked: true });
  return row;
}

export async function outboxByKey(q: Db, idempotencyKey: string): Promise<OutboxRow | undefined> {
  const [row] = await q.select().from(outbox).where(eq(outbox.idempotencyKey, idempotencyKey));
  return row;
}

export async function updateOutbox(tx: Db, id: string, patch: Partial<typeof outbox.$inferInsert>): Promise<void> {
  await tx.update(outbox).set(patch).where(eq(outbox.id, id));
}

/** Failed calls and pending ones that have erred, newest first (`which` narrows to one kind of trouble). */
export async function troubledOutbox(q: Db, which: 'failed' | 'retrying' | undefined, limit: number): Promise<OutboxRow[]> {
  const failed = eq(outbox.status, 'failed');
  const retrying = and(eq(outbox.status, 'pending'), isNotNull(outbox.lastError));
  const where: SQL | undefined = which === 'failed' ? failed : which === 'retrying' ? retrying : or(failed, retrying);
  return q.select().from(outbox).where(where).orderBy(desc(outbox.createdAt), desc(outbox.id)).limit(limit);
}

export async function lockOutboxRow(tx: Db, id: string): Promise<OutboxRow | undefined> {
  const [row] = await tx.select().from(outbox).where(eq(outbox.id, id)).for('update');
  return row;
}

export async function paymentsByIds(q: Db, ids: string[]): Promise<ProviderPayment[]> {
  return ids.length === 0 ? [] : q.select().from(providerPayments).where(inArray(providerPayments.id, ids));
}

export async function refundsByIds(q: Db, ids: string[]) {
  return ids.length === 0 ? [] : q.select({ id: refunds.id, registrationId: refunds.registrationId, lotId: refunds.lotId }).from(refunds).where(inArray(refunds.id, ids));
}
