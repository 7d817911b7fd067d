import { Decimal } from 'decimal.js';
import type { Db } from '../../platform/db/index';
import { rootOf } from '../ledger/accounts';
import * as repo from './ledger.repository';

const LEDGER_PAGE = 500;

/** The chart of accounts with posted debits, credits and balance (debit − credit); a root's roll up its sub-accounts. */
export async function accountsWithBalances(db: Db) {
  const totals = new Map<string, { debit: Decimal; credit: Decimal }>();
  const add = (code: string, debit: string, credit: string) => {
    const t = totals.get(code) ?? { debit: new Decimal(0), credit: new Decimal(0) };
    totals.set(code, { debit: t.debit.plus(debit), credit: t.credit.plus(credit) });
  };
  for (const t of await repo.postedTotals(db)) {
    add(t.account, t.debit, t.credit);
    if (rootOf(t.account) !== t.account) add(rootOf(t.account), t.debit, t.credit);
  }
  const rows = await repo.chart(db);
  return {
    accounts: rows.map((a) => {
      const t = totals.get(a.code) ?? { debit: new Decimal(0), credit: new Decimal(0) };
      return {
        code: a.code, parent: a.parent, name: a.name, type: a.type, lotId: a.lotId, registrationId: a.registrationId,
        debit: t.debit.toFixed(2), credit: t.credit.toFixed(2), balance: t.debit.minus(t.credit).toFixed(2),
      };
    }),
  };
}

/** One account's entries, newest first (a root includes its sub-accounts), and its posted balance. */
export async function ledgerOf(db: Db, code: string) {
  const lines = await repo.linesOf(db, code, LEDGER_PAGE);
  return {
    account: code, balance: new Decimal(await repo.postedBalance(db, code)).toFixed(2),
    entries: lines.map((l) => ({
      entryId: l.entryId, at: l.at.toISOString(), kind: l.kind, memo: l.memo, account: l.account,
      debit: new Decimal(l.debit).toFixed(2), credit: new Decimal(l.credit).toFixed(2), lotId: l.lotId, registrationId: l.registrationId, phase: l.phase,
    })),
  };
}
