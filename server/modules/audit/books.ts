import { Decimal } from 'decimal.js';
import type { Db } from '../../platform/db/index';
import { account, ROOTS } from '../ledger/accounts';
import { trialBalance } from '../ledger/ledger.service';
import * as repo from './books.repository';

export interface BooksProblem {
  /** What does not reconcile: the trial balance, a registration's deposit, or a payee's refunds. */
  subject: 'ledger' | 'registration' | 'refunds';
  subjectId: string;
  problem: string;
}

export interface BooksResult { registrationsChecked: number; refundPayeesChecked: number; problems: BooksProblem[] }

const zero = new Decimal(0);

/**
 * Reconciles the books against the rows they account for: the trial balance of posted entries balances;
 * each registration's deposit state equals its sub-account's posted balance (a held deposit is on it, or
 * waits as a pending online hold of the same amount; any other state leaves nothing posted); and each
 * payee's refunds owed equal what was credited to their refunds-payable account. Pending entries never
 * count towards a posted balance.
 */
export async function reconcileBooks(db: Db): Promise<BooksResult> {
  const problems: BooksProblem[] = [];
  const tb = await trialBalance(db);
  if (!tb.balanced) problems.push({ subject: 'ledger', subjectId: 'trial-balance', problem: `posted debits ${tb.totalDebit} ≠ credits ${tb.totalCredit}` });
  for (const p of await repo.totalsByPhase(db)) {
    if (!new Decimal(p.debit).eq(p.credit)) problems.push({ subject: 'ledger', subjectId: `phase:${p.phase}`, problem: `${p.phase} debits ${p.debit} ≠ credits ${p.credit}` });
  }

  const posted = new Map((await repo.liabilityBalances(db, ROOTS.depositsHeld.code, 'posted')).map((r) => [r.account, new Decimal(r.balance)]));
  const pending = new Map((await repo.liabilityBalances(db, ROOTS.depositsHeld.code, 'pending')).map((r) => [r.account, new Decimal(r.balance)]));
  const regs = await repo.allRegistrations(db);
  for (const r of regs) {
    const code = account.depositHeld(r.id, r.lotId).code;
    const onLedger = posted.get(code) ?? zero;
    const held = pending.get(code) ?? zero;
    const amount = new Decimal(r.depositAmount);
    if (r.depositStatus === 'held') {
      const ok = (onLedger.eq(amount) && held.isZero()) || (onLedger.isZero() && held.eq(amount));
      if (!ok) problems.push({ subject: 'registration', subjectId: r.id, problem: `deposit is held (${amount.toFixed(2)}) but its account has ${onLedger.toFixed(2)} posted and ${held.toFixed(2)} pending` });
    } else if (!onLedger.isZero()) {
      problems.push({ subject: 'registration', subjectId: r.id, problem: `deposit is ${r.depositStatus} but its account has ${onLedger.toFixed(2)} posted` });
    }
  }

  const credited = new Map((await repo.liabilityBalances(db, ROOTS.refundsPayable.code, 'posted')).map((r) => [r.account, new Decimal(r.credits)]));
  const owed = await repo.refundTotals(db);
  const seen = new Set<string>();
  for (const o of owed) {
    const payee = o.userId ? { userId: o.userId } : o.account ? { payerAccount: o.account } : null;
    if (!payee) {
      problems.push({ subject: 'refunds', subjectId: 'unknown-payee', problem: `${o.count} refund(s) of ${o.amount} name no payee` });
      continue;
    }
    const code = account.refundPayable(payee).code;
    seen.add(code);
    const c = credited.get(code) ?? zero;
    if (!c.eq(o.amount)) problems.push({ subject: 'refunds', subjectId: code, problem: `${o.count} refund(s) owe ${new Decimal(o.amount).toFixed(2)} but ${c.toFixed(2)} was credited to refunds payable` });
  }
  for (const [code, c] of credited) {
    if (!seen.has(code) && !c.isZero()) problems.push({ subject: 'refunds', subjectId: code, problem: `${c.toFixed(2)} was credited to refunds payable with no refund owed` });
  }
  return { registrationsChecked: regs.length, refundPayeesChecked: owed.length, problems };
}
