import { and, asc, desc, eq, or, sql } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

/** The close's reads and writes for deposits: payee names, online holds, and the buyer's balance reference. */
const { bankStatementLines, lots, providerPayments, refunds, registrations, users } = schema;

/** Held deposits of a lot with the name a refund is paid to (the verified real name, else the account name). */
export function heldWithPayee(q: Db, lotId: string) {
  return q.select({ r: registrations, realName: users.realName, name: users.name }).from(registrations)
    .innerJoin(users, eq(users.id, registrations.userId))
    .where(and(eq(registrations.lotId, lotId), eq(registrations.depositStatus, 'held')));
}

/**
 * The account a bank deposit came from, by the statement line that paid it (matched at import, overpaid,
 * or matched by hand); a line paid at import comes first. Null when it was confirmed at the desk.
 */
export async function depositLinePayerAccount(q: Db, registrationId: string): Promise<string | null> {
  const [row] = await q.select({ payerAccount: bankStatementLines.payerAccount }).from(bankStatementLines)
    .where(and(
      eq(bankStatementLines.registrationId, registrationId),
      or(sql`${bankStatementLines.outcome} in ('deposit', 'overpaid')`, eq(bankStatementLines.resolution, 'matched')),
    ))
    .orderBy(sql`case when ${bankStatementLines.outcome} in ('deposit', 'overpaid') then 0 else 1 end`, asc(bankStatementLines.lineNo), asc(bankStatementLines.id))
    .limit(1);
  return row?.payerAccount ?? null;
}

/** The provider's reference of a registration's online deposit hold, the latest one. */
export async function depositProviderRef(q: Db, registrationId: string): Promise<string | null> {
  const [row] = await q.select({ ref: providerPayments.providerRef }).from(providerPayments)
    .where(and(eq(providerPayments.registrationId, registrationId), eq(providerPayments.kind, 'deposit')))
    .orderBy(desc(providerPayments.createdAt)).limit(1);
  return row?.ref ?? null;
}

export async function setPayerAccount(q: Db, registrationId: string, payerAccount: string): Promise<void> {
  await q.update(registrations).set({ payerAccount }).where(eq(registrations.id, registrationId));
}

export async function setDepositStatus(q: Db, registrationId: string, depositStatus: 'applied' | 'released', settledAt: Date): Promise<void> {
  await q.update(registrations).set({ depositStatus, settledAt }).where(eq(registrations.id, registrationId));
}

export async function setBalanceReference(q: Db, lotId: string, balanceReference: string): Promise<void> {
  await q.update(lots).set({ balanceReference }).where(eq(lots.id, lotId));
}

/** What a registration's settlement shows its bidder: the lot's balance if it won, its deposit's refund if any. */
export async function settlementOf(q: Db, registrationId: string, lotId: string) {
  const [lot] = await q.select({
    winner: lots.winnerRegistrationId, finalPrice: lots.finalPrice, reference: lots.balanceReference,
    dueAt: lots.balanceDueAt, paidAt: lots.balancePaidAt,
  }).from(lots).where(eq(lots.id, lotId));
  const [refund] = await q.select({ amount: refunds.amount, status: refunds.status, dueBy: refunds.dueBy, sentAt: refunds.sentAt })
    .from(refunds).where(and(eq(refunds.registrationId, registrationId), eq(refunds.kind, 'deposit_release'))).limit(1);
  return { lot, refund };
}
