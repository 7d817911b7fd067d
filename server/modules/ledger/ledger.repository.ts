import { sql } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

/** The ledger's SQL: append-only journal entries and their lines; nothing here updates or deletes. */
const { ledgerEntries, ledgerLines } = schema;

/** Inserts the entry unless its idempotency key is already there; its id, or undefined for a repeat. */
export async function insertEntryOnce(q: Db, entry: typeof ledgerEntries.$inferInsert): Promise<number | undefined> {
  const inserted = await q.insert(ledgerEntries).values(entry).onConflictDoNothing({ target: ledgerEntries.idempotencyKey }).returning({ id: ledgerEntries.id });
  return inserted[0]?.id;
}

export async function insertLines(q: Db, lines: Array<typeof ledgerLines.$inferInsert>): Promise<void> {
  await q.insert(ledgerLines).values(lines);
}

/** Debits and credits summed per account, as exact decimals in text. */
export function accountTotals(q: Db) {
  return q.select({
    account: ledgerLines.account,
    debit: sql<string>`coalesce(sum(${ledgerLines.debit}), 0)::numeric(18,2)::text`,
    credit: sql<string>`coalesce(sum(${ledgerLines.credit}), 0)::numeric(18,2)::text`,
  }).from(ledgerLines).groupBy(ledgerLines.account).orderBy(ledgerLines.account);
}
