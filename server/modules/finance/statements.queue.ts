/**
 * The unmatched queue: statement lines whose money waits in the unapplied receipts until finance matches
 * it by hand to a deposit or a balance, or returns it to the account it came from.
 */
import { Decimal } from 'decimal.js';
import type { UnmatchedLine, UnmatchedReason } from '../../../shared/contract/money';
import type { AppContext } from '../../platform/context';
import { inTransaction, type Db } from '../../platform/db/index';
import { DomainError, conflict, notFound } from '../../platform/errors';
import { applyBalancePayment } from '../auctions/lifecycle.service';
import { appendAudit } from '../audit/audit.service';
import { holdDepositInTx } from '../bidding/bidding.service';
import { account, postEntry } from '../ledger/ledger.service';
import { createRefund } from './refunds.repository';
import { REFUND_DUE_MS } from './statements.service';
import * as repo from './statements.repository';

const QUEUE_LIMIT = 1_000;

export function unmatchedView(l: repo.StatementLineRow): UnmatchedLine {
  return {
    id: l.id, statementId: l.statementId, line: l.lineNo, bankTxnId: l.bankTxnId, valueDate: l.valueDate, amount: new Decimal(l.amount).toFixed(2),
    currency: l.currency, reference: l.reference, payerName: l.payerName, payerAccount: l.payerAccount, reason: l.unmatchedReason as UnmatchedReason,
    registrationId: l.registrationId, lotId: l.lotId,
  };
}

function amountNotDue(amount: string, due: string): DomainError {
  return new DomainError(422, 'RULE_VIOLATION', `The line is ${amount}, but ${due} is due: only the exact amount is matched by hand; return the line instead.`, { amount, expected: due });
}

export function createUnmatchedQueue(ctx: AppContext) {
  const { db, clock } = ctx;

  async function list(): Promise<UnmatchedLine[]> {
    return (await repo.unmatchedLines(db, QUEUE_LIMIT)).map(unmatchedView);
  }

  /** Locks an open line of the queue; a line matched at import or resolved before answers LINE_RESOLVED. */
  async function openLine(tx: Db, id: string): Promise<repo.StatementLineRow> {
    const line = await repo.lockLine(tx, id);
    if (!line) throw notFound('The statement line');
    if (line.resolution || !line.unmatchedReason) {
      throw conflict('LINE_RESOLVED', `This line was already ${line.resolution ?? 'matched at import'}.`, { resolution: line.resolution ?? 'matched' });
    }
    return line;
  }

  async function match(id: string, target: { registrationId: string } | { lotId: string }, note: string | undefined, by: string) {
    return inTransaction(db, async (tx) => {
      const line = await openLine(tx, id);
      const now = clock.now();
      const amount = new Decimal(line.amount).toFixed(2);
      const from = account.unappliedReceipts();
      if ('registrationId' in target) {
        const lotId = await repo.lotIdOfRegistration(tx, target.registrationId);
        if (!lotId) throw notFound('The registration');
        const locked = await repo.lockTargets(tx, [lotId], [target.registrationId]);
        const reg = locked.registrations.get(target.registrationId)!;
        if (reg.depositStatus !== 'pending') throw conflict('DEPOSIT_NOT_PENDING', `This deposit is already ${reg.depositStatus}.`, { depositStatus: reg.depositStatus });
        const due = new Decimal(reg.depositAmount).toFixed(2);
        if (due !== amount) throw amountNotDue(amount, due);
        await holdDepositInTx(tx, locked.lots.get(lotId)!, reg, { bankReference: line.bankTxnId, by, now, from });
      } else {
        const locked = await repo.lockTargets(tx, [target.lotId], []);
        const lot = locked.lots.get(target.lotId);
        if (!lot) throw notFound('The lot');
        const due = await repo.balanceDueOf(tx, lot.id);
        if (due !== undefined && !lot.balancePaidAt && new Decimal(due).toFixed(2) !== amount) throw amountNotDue(amount, new Decimal(due).toFixed(2));
        const balance = await applyBalancePayment(tx, lot, line.bankTxnId, now, from);
        await appendAudit(tx, { lotId: lot.id, at: now, actorId: by, action: 'balance_paid', before: null, after: { balance, bankReference: line.bankTxnId }, reason: note ?? null });
      }
      await repo.resolveLines(tx, [line.id], { resolution: 'matched', resolvedBy: by, resolvedAt: now, resolutionNote: note ?? null, ...target });
      return { id: line.id, resolution: 'matched' as const, resolvedAt: now.toISOString(), refundId: null };
    });
  }

  /** The money goes back to the account it came from: a refund falls due within 24 hours. */
  async function returnLine(id: string, note: string, by: string) {
    return inTransaction(db, async (tx) => {
      const line = await openLine(tx, id);
      const now = clock.now();
      const amount = new Decimal(line.amount).toFixed(2);
      await postEntry(tx, {
        idempotencyKey: `returned-line:${line.id}`, kind: 'receipt_returned', memo: `Statement line ${line.bankTxnId} returned to ${line.payerAccount}`,
        registrationId: line.registrationId ?? undefined, lotId: line.lotId ?? undefined, at: now,
        lines: [{ account: account.unappliedReceipts(), debit: amount }, { account: account.refundPayable({ payerAccount: line.payerAccount }), credit: amount }],
      });
      const refund = await createRefund(tx, {
        sourceKey: `returned-line:${line.id}`, kind: 'returned_line', statementLineId: line.id,
        registrationId: line.registrationId ?? undefined, lotId: line.lotId ?? undefined,
        payee: { name: line.payerName, account: line.payerAccount }, amount, method: 'bank', dueBy: new Date(now.getTime() + REFUND_DUE_MS), at: now,
      });
      await repo.resolveLines(tx, [line.id], { resolution: 'returned', resolvedBy: by, resolvedAt: now, resolutionNote: note });
      return { id: line.id, resolution: 'returned' as const, resolvedAt: now.toISOString(), refundId: refund.id };
    });
  }

  return { list, match, returnLine };
}

export type UnmatchedQueue = ReturnType<typeof createUnmatchedQueue>;
