import { Decimal } from 'decimal.js';
import type { Db } from '../../platform/db/index';
import * as repo from './ledger.repository';
import { rootOf, type Account } from './accounts';

export { account, ROOTS, rootOf, type Account } from './accounts';

export interface LedgerLine { account: Account; debit?: string; credit?: string }
export interface PostEntry {
  idempotencyKey: string;
  kind: string;
  memo: string;
  lines: LedgerLine[];
  registrationId?: string;
  lotId?: string;
  at: Date;
  /** `pending`: an online authorization's hold, counted in no balance until settleHold posts it. */
  phase?: 'posted' | 'pending';
}

/**
 * Posts one balanced journal entry inside the caller's transaction. The idempotency key makes a retry
 * a no-op: it returns false when the entry was already there.
 */
export async function postEntry(tx: Db, entry: PostEntry): Promise<boolean> {
  return (await postEntries(tx, [entry])).size === 1;
}

function checkBalanced(entry: PostEntry): void {
  if (entry.lines.length < 2) throw new Error('a journal entry needs at least two lines');
  let debits = new Decimal(0);
  let credits = new Decimal(0);
  for (const l of entry.lines) {
    const d = new Decimal(l.debit ?? '0');
    const c = new Decimal(l.credit ?? '0');
    if (d.isNeg() || c.isNeg() || (d.isZero() && c.isZero()) || (!d.isZero() && !c.isZero())) {
      throw new Error(`ledger line for ${l.account.code} must be a positive debit or a positive credit`);
    }
    debits = debits.plus(d);
    credits = credits.plus(c);
  }
  if (!debits.eq(credits)) throw new Error(`unbalanced journal entry ${entry.kind}: debits ${debits} ≠ credits ${credits}`);
}

/**
 * Posts many balanced entries in a few statements (a bank statement holds thousands of deposits at once),
 * each as postEntry would. Answers the idempotency keys this call posted; repeats are left out.
 */
export async function postEntries(tx: Db, entries: readonly PostEntry[]): Promise<Set<string>> {
  if (entries.length === 0) return new Set();
  entries.forEach(checkBalanced);
  await repo.ensureAccounts(tx, entries.flatMap((e) => e.lines.map((l) => l.account)), entries[0].at);
  const ids = await repo.insertEntriesOnce(tx, entries.map((e) => ({
    idempotencyKey: e.idempotencyKey, kind: e.kind, memo: e.memo,
    registrationId: e.registrationId, lotId: e.lotId, createdAt: e.at, phase: e.phase ?? 'posted',
  })));
  const lines = entries.flatMap((e) => {
    const entryId = ids.get(e.idempotencyKey);
    if (entryId === undefined) return [];
    return e.lines.map((l, i) => ({
      entryId, line: i + 1, account: l.account.code,
      debit: new Decimal(l.debit ?? '0').toFixed(2), credit: new Decimal(l.credit ?? '0').toFixed(2),
    }));
  });
  await repo.insertLines(tx, lines);
  return new Set(ids.keys());
}

/**
 * Posts or voids a pending hold, once: true when this call moved it, false when it was no longer pending
 * (already settled by a racing webhook or retry). The database refuses any other change to the ledger.
 */
export async function settleHold(tx: Db, idempotencyKey: string, phase: 'posted' | 'voided'): Promise<boolean> {
  return repo.settlePending(tx, idempotencyKey, phase);
}

/** Posted debits and credits per root account (sub-accounts rolled up), as api.md's trial balance. */
export async function trialBalance(db: Db) {
  const rows = rollUp(await repo.accountTotals(db));
  let debits = new Decimal(0);
  let credits = new Decimal(0);
  const accounts = rows.map((r) => {
    debits = debits.plus(r.debit);
    credits = credits.plus(r.credit);
    const balance = new Decimal(r.debit).minus(r.credit);
    return { account: r.account, debit: new Decimal(r.debit).toFixed(2), credit: new Decimal(r.credit).toFixed(2), balance: balance.toFixed(2) };
  });
  return { balanced: debits.eq(credits), totalDebit: debits.toFixed(2), totalCredit: credits.toFixed(2), accounts };
}

function rollUp(rows: Array<{ account: string; debit: string; credit: string }>) {
  const byRoot = new Map<string, { debit: Decimal; credit: Decimal }>();
  for (const r of rows) {
    const key = rootOf(r.account);
    const t = byRoot.get(key) ?? { debit: new Decimal(0), credit: new Decimal(0) };
    byRoot.set(key, { debit: t.debit.plus(r.debit), credit: t.credit.plus(r.credit) });
  }
  return [...byRoot.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([account, t]) => ({ account, debit: t.debit.toFixed(2), credit: t.credit.toFixed(2) }));
}

