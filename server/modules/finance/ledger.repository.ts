import { and, desc, eq, like, or, sql } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

/** Reads of the ledger for finance: the chart with posted totals, and one account's lines (a root with its sub-accounts). */
const { ledgerAccounts, ledgerEntries, ledgerLines } = schema;

export function chart(q: Db) {
  return q.select().from(ledgerAccounts).orderBy(ledgerAccounts.code);
}

/** Posted debits and credits per account. */
export function postedTotals(q: Db) {
  return q.select({
    account: ledgerLines.account,
    debit: sql<string>`coalesce(sum(${ledgerLines.debit}), 0)::numeric(18,2)::text`,
    credit: sql<string>`coalesce(sum(${ledgerLines.credit}), 0)::numeric(18,2)::text`,
  }).from(ledgerLines).innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(eq(ledgerEntries.phase, 'posted')).groupBy(ledgerLines.account);
}

const under = (code: string) => or(eq(ledgerLines.account, code), like(ledgerLines.account, `${code}:%`));

/** An account's lines, newest first; a root's include its sub-accounts. */
export function linesOf(q: Db, code: string, limit: number) {
  return q.select({
    entryId: ledgerEntries.id, at: ledgerEntries.createdAt, kind: ledgerEntries.kind, memo: ledgerEntries.memo, account: ledgerLines.account,
    debit: ledgerLines.debit, credit: ledgerLines.credit, lotId: ledgerEntries.lotId, registrationId: ledgerEntries.registrationId, phase: ledgerEntries.phase,
  }).from(ledgerLines).innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(under(code)).orderBy(desc(ledgerEntries.id), desc(ledgerLines.line)).limit(limit);
}

/** The posted balance (debit − credit) of an account with its sub-accounts. */
export async function postedBalance(q: Db, code: string): Promise<string> {
  const [row] = await q.select({ b: sql<string>`(coalesce(sum(${ledgerLines.debit}), 0) - coalesce(sum(${ledgerLines.credit}), 0))::numeric(18,2)::text` })
    .from(ledgerLines).innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(and(under(code), eq(ledgerEntries.phase, 'posted')));
  return row?.b ?? '0.00';
}

export async function entryExists(q: Db, idempotencyKey: string): Promise<boolean> {
  const [row] = await q.select({ id: ledgerEntries.id }).from(ledgerEntries).where(eq(ledgerEntries.idempotencyKey, idempotencyKey));
  return row !== undefined;
}
