/**
 * Refunds owed, as finance pays them: the list (api.md: a JSON array), the bank payment file, and the
 * record that a bank refund was sent, which takes the money from the payee's refunds payable out of the
 * bank. Refunds through the payment provider are settled by its webhooks, never by hand.
 */
import { Decimal } from 'decimal.js';
import type { RefundView } from '../../../shared/contract/money';
import type { AppContext } from '../../platform/context';
import { inTransaction } from '../../platform/db/index';
import { conflict, notFound, validationFailed } from '../../platform/errors';
import { account, postEntry } from '../ledger/ledger.service';
import { toCsv } from '../../platform/csv';
import { notifyRefundSent } from '../notifications/index';
import * as repo from './refunds.repository';

const LIST_LIMIT = 5_000;

export function refundView(r: repo.RefundRow, now: Date): RefundView {
  return {
    id: r.id, registrationId: r.registrationId, lotId: r.lotId, amount: new Decimal(r.amount).toFixed(2), payeeName: r.payeeName,
    dueBy: r.dueBy.toISOString(), status: r.status, kind: r.kind, method: r.method, payeeAccount: r.payeeAccount,
    overdue: r.status === 'due' && r.dueBy.getTime() < now.getTime(), bankReference: r.bankReference,
    sentAt: r.sentAt?.toISOString() ?? null, failure: r.failure,
    accountNeeded: r.method === 'bank' && r.status === 'due' && r.payeeAccount === null,
  };
}

export const PAYMENT_FILE_HEADER = 'payee_name,payee_account,amount,currency,reference';

/** Whose refunds-payable sub-account the refund was credited to. */
export function payeeAccountOf(r: repo.RefundRow) {
  return r.payeeUserId ? account.refundPayable({ userId: r.payeeUserId }) : account.refundPayable({ payerAccount: r.payeeAccount! });
}

export function createRefunds(ctx: AppContext) {
  const { db, clock } = ctx;

  async function list(status?: RefundView['status']): Promise<RefundView[]> {
    const now = clock.now();
    return (await repo.listRefunds(db, status, LIST_LIMIT)).map((r) => refundView(r, now));
  }

  /**
   * The bank's payment file: one transfer per refund paid by bank transfer (by default those due), the
   * refund id as the transfer's reference so the bank's confirmation names it. A refund with no account
   * is left out (the bank cannot pay an empty account); the list shows it as needing one.
   */
  async function paymentFile(status: RefundView['status'] = 'due'): Promise<string> {
    const rows = (await repo.listRefunds(db, status, LIST_LIMIT)).filter((r) => r.method === 'bank' && r.payeeAccount !== null);
    return PAYMENT_FILE_HEADER + '\r\n' + toCsv(rows.map((r) => [r.payeeName, r.payeeAccount!, new Decimal(r.amount).toFixed(2), 'CNY', r.id]));
  }

  /** `payeeAccount` records where the transfer went, for a refund that had no account on record. */
  async function markSent(id: string, bankReference: string, by: string, payeeAccount?: string): Promise<RefundView> {
    return inTransaction(db, async (tx) => {
      const r = await repo.lockRefund(tx, id);
      if (!r) throw notFound('The refund');
      if (r.status === 'sent' && r.bankReference === bankReference) return refundView(r, clock.now()); // a retry of the same record
      if (r.status !== 'due') throw conflict('REFUND_NOT_DUE', `This refund is ${r.status}, not due.`, { status: r.status });
      if (r.method !== 'bank') throw conflict('REFUND_NOT_DUE', 'This refund is paid back through the payment provider, which confirms it; it is not marked by hand.', { method: r.method });
      // The account on record is where the money is owed (and names the ledger account of a payer without a user).
      if (payeeAccount !== undefined && r.payeeAccount !== null && payeeAccount !== r.payeeAccount) {
        throw validationFailed('This refund is owed to the account on record; pay it there.', [{ path: 'payeeAccount', message: 'differs from the account on record' }]);
      }
      const now = clock.now();
      const amount = new Decimal(r.amount).toFixed(2);
      await postEntry(tx, {
        idempotencyKey: `refund-sent:${r.id}`, kind: 'refund_sent', memo: `Refund ${r.id} sent by bank transfer ${bankReference}`,
        registrationId: r.registrationId ?? undefined, lotId: r.lotId ?? undefined, at: now,
        lines: [{ account: payeeAccountOf(r), debit: amount }, { account: account.bank(), credit: amount }],
      });
      const sent = await repo.markSent(tx, r.id, { bankReference, sentAt: now, sentBy: by, payeeAccount: r.payeeAccount ?? payeeAccount ?? null });
      await notifyRefundSent(tx, r.id, now);
      return refundView(sent, now);
    });
  }

  return { list, paymentFile, markSent };
}

export type Refunds = ReturnType<typeof createRefunds>;
