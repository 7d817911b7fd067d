import { and, eq, like, sql } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

/**
 * The reads that reconcile the books: registrations' deposit states, refunds owed, and the ledger's
 * posted and pending totals per account, summed in the database as exact decimals in text.
 */
const { ledgerEntries, ledgerLines, refunds, registrations } = schema;

export function allRegistrations(q: Db) {
  return q.select({
    id: registrations.id, lotId: registrations.lotId, depositStatus: registrations.depositStatus,
    depositAmount: registrations.depositAmount, depositMethod: registrations.depositMethod,
  }).from(registrations).orderBy(registrations.createdAt, registrations.id);
}

/** Credits minus debits per account of one root, over entries in the given phase. */
export function liabilityBalances(q: Db, rootCode: string, phase: 'posted' | 'pending') {
  return q.select({
    account: ledgerLines.account,
    balance: sql<string>`(coalesce(sum(${ledgerLines.credit}), 0) - coalesce(sum(${ledgerLines.debit}), 0))::numeric(18,2)::text`,
    credits: sql<string>`coalesce(sum(${ledgerLines.credit}), 0)::numeric(18,2)::text`,
  }).from(ledgerLines).innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(and(eq(ledgerEntries.phase, phase), like(ledgerLines.account, `${rootCode}:%`)))
    .groupBy(ledgerLines.account);
}

/** Refunds owed summed per payee (a user, or an outside payer's bank account). */
export function refundTotals(q: Db) {
  // A user's refunds are owed on their account whatever bank account they name (an overpayment names one).
  const payerAccount = sql<string | null>`case when ${refunds.payeeUserId} is null then ${refunds.payeeAccount} end`;
  return q.select({
    userId: refunds.payeeUserId, account: payerAccount,
    amount: sql<string>`sum(${refunds.amount})::numeric(18,2)::text`, count: sql<number>`count(*)::int`,
  }).from(refunds).groupBy(refunds.payeeUserId, payerAccount);
}

/** Debits and credits of every entry summed by phase: posted ones must balance on their own. */
export function totalsByPhase(q: Db) {
  return q.select({
    phase: ledgerEntries.phase,
    debit: sql<string>`coalesce(sum(${ledgerLines.debit}), 0)::numeric(18,2)::text`,
    credit: sql<string>`coalesce(sum(${ledgerLines.credit}), 0)::numeric(18,2)::text`,
  }).from(ledgerLines).innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId)).groupBy(ledgerEntries.phase);
}
