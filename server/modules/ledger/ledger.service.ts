import { Decimal } from 'decimal.js';
import type { Db } from '../../platform/db/index';
import * as repo from './ledger.repository';

/** The platform's accounts: where deposits sit between the bidder's transfer and their release or application. */
export const ACCOUNTS = {
  bank: 'asset:bank',
  depositsHeld: 'liability:deposits_held',
  courtProceeds: 'liability:court_proceeds',
  refundsPayable: 'liability:refunds_payable',
  forfeitedDeposits: 'liability:forfeited_deposits',
} as const;

export interface LedgerLine { account: string; debit?: string; credit?: string }
export interface PostEntry {
  idempotencyKey: string;
  kind: string;
  memo: string;
  lines: LedgerLine[];
  registrationId?: string;
  lotId?: string;
  at: Date;
}

/**
 * Posts one balanced journal entry inside the caller's transaction. The idempotency key makes a retry
 * a no-op: it returns false when the entry was already there.
 */
export async function postEntry(tx: Db, entry: PostEntry): Promise<boolean> {
  if (entry.lines.length < 2) throw new Error('a journal entry needs at least two lines');
  let debits = new Decimal(0);
  let credits = new Decimal(0);
  for (const l of entry.lines) {
    const d = new Decimal(l.debit ?? '0');
    const c = new Decimal(l.credit ?? '0');
    if (d.isNeg() || c.isNeg() || (d.isZero() && c.isZero()) || (!d.isZero() && !c.isZero())) {
      throw new Error(`ledger line for ${l.account} must be a positive debit or a positive credit`);
    }
    debits = debits.plus(d);
    credits = credits.plus(c);
  }
  if (!debits.eq(credits)) throw new Error(`unbalanced journal entry ${entry.kind}: debits ${debits} ≠ credits ${credits}`);
  const entryId = await repo.insertEntryOnce(tx, {
    idempotencyKey: entry.idempotencyKey, kind: entry.kind, memo: entry.memo,
    registrationId: entry.registrationId, lotId: entry.lotId, createdAt: entry.at,
  });
  if (entryId === undefined) return false;
  await repo.insertLines(tx, entry.lines.map((l, i) => ({
    entryId, line: i + 1, account: l.account,
    debit: new Decimal(l.debit ?? '0').toFixed(2), credit: new Decimal(l.credit ?? '0').toFixed(2),
  })));
  return true;
}

export async function trialBalance(db: Db) {
  const rows = await repo.accountTotals(db);
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
