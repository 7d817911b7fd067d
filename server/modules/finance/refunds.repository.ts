/**
 * Refunds owed. A refund is written in the transaction that makes it owed (a deposit released at the
 * close, an overpayment's excess, a returned statement line), next to the ledger entry that credits the
 * payee's refunds-payable account; one row per source key, so no race can owe the same money twice.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

const { refunds } = schema;

export type RefundKind = 'deposit_release' | 'overpayment' | 'returned_line';

export interface NewRefund {
  /** What the refund is for, e.g. `deposit-release:<registrationId>`; a second write for it adds nothing. */
  sourceKey: string;
  kind: RefundKind;
  registrationId?: string;
  lotId?: string;
  statementLineId?: string;
  payee: { userId: string; name: string; account?: string } | { userId?: undefined; name: string; account: string };
  /** Decimal string with two places. */
  amount: string;
  method: 'bank' | 'provider';
  dueBy: Date;
  at: Date;
}

/** The refund's id, and whether this call created it (false: it was already owed). */
export async function createRefund(tx: Db, r: NewRefund): Promise<{ id: string; created: boolean }> {
  const inserted = await tx.insert(refunds).values({
    id: crypto.randomUUID(), sourceKey: r.sourceKey, kind: r.kind,
    registrationId: r.registrationId ?? null, lotId: r.lotId ?? null, statementLineId: r.statementLineId ?? null,
    payeeUserId: r.payee.userId ?? null, payeeName: r.payee.name, payeeAccount: r.payee.account ?? null,
    amount: r.amount, method: r.method, status: 'due', dueBy: r.dueBy, createdAt: r.at,
  }).onConflictDoNothing({ target: refunds.sourceKey }).returning({ id: refunds.id });
  if (inserted.length > 0) return { id: inserted[0].id, created: true };
  const [existing] = await tx.select({ id: refunds.id }).from(refunds).where(eq(refunds.sourceKey, r.sourceKey));
  return { id: existing.id, created: false };
}

export type RefundRow = typeof refunds.$inferSelect;

/** Due refunds first, each status by due date. */
export function listRefunds(tx: Db, status: RefundRow['status'] | undefined, limit: number): Promise<RefundRow[]> {
  const q = tx.select().from(refunds);
  return (status ? q.where(eq(refunds.status, status)) : q)
    .orderBy(sql`case ${refunds.status} when 'due' then 0 when 'failed' then 1 else 2 end`, asc(refunds.dueBy), asc(refunds.id)).limit(limit);
}

export async function lockRefund(tx: Db, id: string): Promise<RefundRow | undefined> {
  const [row] = await tx.select().from(refunds).where(eq(refunds.id, id)).for('update');
  return row;
}

export async function markSent(tx: Db, id: string, sent: { bankReference: string; sentAt: Date; sentBy: string; payeeAccount: string | null }): Promise<RefundRow> {
  const [row] = await tx.update(refunds).set({ status: 'sent', ...sent }).where(eq(refunds.id, id)).returning();
  return row;
}
