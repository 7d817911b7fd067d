import { and, eq, gte, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

/** The daily reconciliation's reads, and the reports kept as they were produced. */
const { bankStatementLines, bankStatements, ledgerEntries, ledgerLines, reconciliationReports, refunds } = schema;

const sum = (c: typeof ledgerLines.debit) => sql<string>`coalesce(sum(${c}), 0)::numeric(18,2)::text`;

/** Posted debits and credits per account for entries in [from, to). */
export function movements(q: Db, from: Date | null, to: Date) {
  return q.select({ account: ledgerLines.account, debit: sum(ledgerLines.debit), credit: sum(ledgerLines.credit) })
    .from(ledgerLines).innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(and(eq(ledgerEntries.phase, 'posted'), lt(ledgerEntries.createdAt, to), from ? gte(ledgerEntries.createdAt, from) : undefined))
    .groupBy(ledgerLines.account);
}

/**
 * Statement lines imported before `end` that matched nothing and were still unresolved at `end`: every one,
 * as with the overdue refunds below. Finance signs the report off; a list cut short would hide money.
 */
export function unmatchedAt(q: Db, end: Date) {
  return q.select({ l: bankStatementLines }).from(bankStatementLines)
    .innerJoin(bankStatements, eq(bankStatements.id, bankStatementLines.statementId))
    .where(and(isNotNull(bankStatementLines.unmatchedReason), lt(bankStatements.importedAt, end),
      or(isNull(bankStatementLines.resolvedAt), gte(bankStatementLines.resolvedAt, end))))
    .orderBy(bankStatementLines.id);
}

/** Refunds due before `end` and not sent by then. */
export function overdueAt(q: Db, end: Date) {
  return q.select().from(refunds)
    .where(and(lt(refunds.dueBy, end), lt(refunds.createdAt, end), or(isNull(refunds.sentAt), gte(refunds.sentAt, end)), sql`${refunds.status} <> 'failed'`))
    .orderBy(refunds.dueBy);
}

export async function storedReport(q: Db, day: string) {
  const [row] = await q.select().from(reconciliationReports).where(eq(reconciliationReports.day, day));
  return row;
}

export async function storeReport(q: Db, day: string, report: unknown, producedAt: Date): Promise<boolean> {
  const rows = await q.insert(reconciliationReports).values({ day, report, producedAt })
    .onConflictDoNothing({ target: reconciliationReports.day }).returning({ day: reconciliationReports.day });
  return rows.length > 0;
}
