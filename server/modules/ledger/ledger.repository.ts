import { and, eq, sql } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';
import type { Account } from './accounts';

/**
 * The ledger's SQL: append-only journal entries and their lines. The one update is a pending hold's
 * single step to posted or voided, the only change the database's triggers let through.
 */
const { ledgerAccounts, ledgerEntries, ledgerLines } = schema;

/** Adds the accounts a posting names to the chart, once (roots first, so a sub-account's parent exists). */
export async function ensureAccounts(q: Db, accounts: Account[], at: Date): Promise<void> {
  const unique = new Map(accounts.map((a) => [a.code, a]));
  const rows = [...unique.values()].sort((a, b) => Number(a.parent !== null) - Number(b.parent !== null)).map((a) => ({
    code: a.code, type: a.type, parent: a.parent, name: a.name,
    lotId: a.lotId ?? null, registrationId: a.registrationId ?? null, party: a.party ?? null, createdAt: at,
  }));
  for (let i = 0; i < rows.length; i += CHUNK) await q.insert(ledgerAccounts).values(rows.slice(i, i + CHUNK)).onConflictDoNothing({ target: ledgerAccounts.code });
}

/** Rows per insert: well under PostgreSQL's 65,535 bind parameters. */
const CHUNK = 2_000;

export async function settlePending(q: Db, idempotencyKey: string, phase: 'posted' | 'voided'): Promise<boolean> {
  const moved = await q.update(ledgerEntries).set({ phase })
    .where(and(eq(ledgerEntries.idempotencyKey, idempotencyKey), eq(ledgerEntries.phase, 'pending')))
    .returning({ id: ledgerEntries.id });
  return moved.length > 0;
}

/** Inserts the entry unless its idempotency key is already there; its id, or undefined for a repeat. */
export async function insertEntryOnce(q: Db, entry: typeof ledgerEntries.$inferInsert): Promise<number | undefined> {
  const inserted = await q.insert(ledgerEntries).values(entry).onConflictDoNothing({ target: ledgerEntries.idempotencyKey }).returning({ id: ledgerEntries.id });
  return inserted[0]?.id;
}

/** Inserts the entries whose idempotency keys are new; their ids by key (repeats are absent). */
export async function insertEntriesOnce(q: Db, entries: Array<typeof ledgerEntries.$inferInsert>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < entries.length; i += CHUNK) {
    const inserted = await q.insert(ledgerEntries).values(entries.slice(i, i + CHUNK)).onConflictDoNothing({ target: ledgerEntries.idempotencyKey })
      .returning({ id: ledgerEntries.id, key: ledgerEntries.idempotencyKey });
    for (const r of inserted) ids.set(r.key, r.id);
  }
  return ids;
}

export async function insertLines(q: Db, lines: Array<typeof ledgerLines.$inferInsert>): Promise<void> {
  for (let i = 0; i < lines.length; i += CHUNK) await q.insert(ledgerLines).values(lines.slice(i, i + CHUNK));
}

/** Debits and credits of posted entries summed per account, as exact decimals in text. */
export function accountTotals(q: Db) {
  return q.select({
    account: ledgerLines.account,
    debit: sql<string>`coalesce(sum(${ledgerLines.debit}), 0)::numeric(18,2)::text`,
    credit: sql<string>`coalesce(sum(${ledgerLines.credit}), 0)::numeric(18,2)::text`,
  }).from(ledgerLines).innerJoin(ledgerEntries, eq(ledgerEntries.id, ledgerLines.entryId))
    .where(eq(ledgerEntries.phase, 'posted'))
    .groupBy(ledgerLines.account).orderBy(ledgerLines.account);
}
