/**
 * The buyer's balance paid online: an ordinary payment at the provider (captured when the buyer pays), applied
 * exactly as a balance paid by bank transfer, with the money in provider clearing instead of the bank. A
 * balance settled meanwhile (by bank, or a second online payment) or a lot no longer sold leaves the money
 * owed back, refunded through the provider once per payment.
 */
import { Decimal } from 'decimal.js';
import { transitionLot } from '../../../shared/lot-state';
import type { Db } from '../../platform/db/index';
import { appendAudit } from '../audit/audit.service';
import { applyBalancePayment } from '../auctions/lifecycle.service';
import { findRegistration, lockLot, type Lot } from '../auctions/lots.repository';
import { account, postEntry } from '../ledger/ledger.service';
import { refundThroughProvider } from './provider-refunds';
import * as repo from './payments.repository';
import type { ProviderPayment } from './payments.repository';

/** A23's 24 hours apply to any money owed back to a bidder. */
const RETURN_DUE_MS = 24 * 60 * 60 * 1000;

/** What is left to pay on a sold lot: the price less the winner's deposit. */
export async function balanceDue(q: Db, lot: Lot): Promise<Decimal> {
  const winner = await findRegistration(q, lot.winnerRegistrationId!);
  return new Decimal(lot.finalPrice!).minus(winner.depositAmount);
}

/** True while the lot's balance can still be paid. */
export function balanceOpen(lot: Lot): boolean {
  return transitionLot(lot.status, 'record_balance').ok && !lot.balancePaidAt;
}

/** The provider reports the balance payment succeeded (in the caller's transaction, the payment locked). */
export async function balancePaid(tx: Db, payment: ProviderPayment, at: Date): Promise<void> {
  const lot = await lockLot(tx, payment.lotId);
  if (!lot) return;
  const reference = payment.providerRef ?? payment.id;
  if (balanceOpen(lot) && new Decimal(payment.amount).eq(await balanceDue(tx, lot))) {
    const balance = await applyBalancePayment(tx, lot, reference, at, account.providerClearing());
    await appendAudit(tx, { lotId: lot.id, at, actorId: null, action: 'balance_paid', before: null, after: { balance, providerReference: reference, provider: payment.provider } });
    return;
  }
  await returnBalance(tx, payment, at);
}

async function returnBalance(tx: Db, payment: ProviderPayment, at: Date): Promise<void> {
  if (!payment.providerRef) return;
  const reg = await repo.lockRegistration(tx, payment.registrationId);
  if (!reg) return;
  const amount = new Decimal(payment.amount).toFixed(2);
  const key = `provider-balance-return:${payment.id}`;
  await postEntry(tx, {
    idempotencyKey: key, kind: 'balance_returned', memo: `Balance of lot ${payment.lotId} paid online after it was settled is owed back (${payment.providerRef})`,
    registrationId: reg.id, lotId: payment.lotId, at,
    lines: [{ account: account.providerClearing(), debit: amount }, { account: account.refundPayable({ userId: reg.userId }), credit: amount }],
  });
  await refundThroughProvider(tx, {
    sourceKey: key, kind: 'overpayment', registrationId: reg.id, lotId: payment.lotId,
    payee: { userId: reg.userId, name: await repo.payeeOf(tx, reg.userId) },
    amount, dueBy: new Date(at.getTime() + RETURN_DUE_MS), at, providerRef: payment.providerRef,
  });
}
