/**
 * What a provider's answer means for our books, whichever way it arrives (the reply to our call or a
 * webhook, in any order, any number of times). A payment's status only moves forward, so a late or
 * repeated event never undoes a later one:
 * - authorized: the deposit is held, as a PENDING ledger hold providerClearing → depositHeld(reg);
 * - succeeded (captured at the close): the hold is posted, and the deposit's application to the price;
 * - cancelled (released at the close, or refused when it came too late): the hold is voided.
 * Money taken from a deposit that is not the winner's (captured at the provider by mistake, or after the
 * release) is owed back and refunded through the provider, once per payment.
 */
import { Decimal } from 'decimal.js';
import { transitionLot } from '../../../shared/lot-state';
import type { Db } from '../../platform/db/index';
import { account, postEntry, settleHold } from '../ledger/ledger.service';
import { balancePaid } from './online-balance';
import { enqueue } from './outbox.repository';
import { refundThroughProvider } from './provider-refunds';
import type { PaymentStatus } from './provider';
import * as repo from './payments.repository';
import type { ProviderPayment } from './payments.repository';

/** Statuses we record beyond the provider's own: `created` before the provider has answered, `failed` after a refusal. */
export type RecordedStatus = PaymentStatus | 'created' | 'failed';

const RANK: Record<RecordedStatus, number> = {
  created: 0, awaiting_payment_method: 1, awaiting_action: 2, processing: 3, authorized: 4, succeeded: 5, cancelled: 5, failed: 5,
};

/** True when `next` is later than `current` in a payment's life; terminal statuses never change. */
export function movesForward(current: string, next: RecordedStatus): boolean {
  const from = RANK[current as RecordedStatus] ?? 0;
  // A decline is news only before the payment was authorized: the payer may have paid with another card since.
  if (next === 'failed') return from < RANK.authorized;
  return from < 5 && RANK[next] > from;
}

/** The ledger key of an online deposit's hold. */
export const holdKey = (paymentId: string) => `online-hold:${paymentId}`;

/**
 * Applies a status the provider reported for a payment (locked by the caller, in the caller's transaction).
 * Returns the payment as it now is.
 */
export async function applyPaymentStatus(tx: Db, payment: ProviderPayment, status: RecordedStatus, at: Date): Promise<ProviderPayment> {
  if (!movesForward(payment.status, status)) return payment;
  const updated = await repo.updatePayment(tx, payment.id, {
    status, updatedAt: at, ...(status === 'authorized' || RANK[status] === 5 ? { clientSecret: null } : {}),
  });
  if (payment.kind === 'balance' && status === 'succeeded') await balancePaid(tx, updated, at);
  if (payment.kind !== 'deposit') return updated;
  if (status === 'authorized') await holdDeposit(tx, payment, at);
  else if (status === 'succeeded') await captured(tx, payment, at);
  else if (status === 'cancelled') await releaseDeposit(tx, payment, at);
  return updated;
}

async function holdDeposit(tx: Db, payment: ProviderPayment, at: Date): Promise<void> {
  // Lot first, then registration: the order the close and finance's confirmation use.
  const lot = await repo.lockLot(tx, payment.lotId);
  const reg = await repo.lockRegistration(tx, payment.registrationId);
  const open = lot !== undefined && transitionLot(lot.status, 'confirm_deposit').ok;
  if (!reg || reg.depositStatus !== 'pending' || !open) {
    // Paid by bank meanwhile, or the lot no longer takes deposits: the hold goes back to the payer.
    await enqueue(tx, { kind: 'cancel_deposit', payload: { paymentId: payment.id }, idempotencyKey: `cancel:${payment.id}`, at });
    return;
  }
  const amount = new Decimal(payment.amount).toFixed(2);
  await postEntry(tx, {
    idempotencyKey: holdKey(payment.id), kind: 'deposit_held', phase: 'pending',
    memo: `Deposit for lot ${payment.lotId} authorized online (${payment.provider} ${payment.providerRef ?? ''})`,
    registrationId: reg.id, lotId: reg.lotId, at,
    lines: [{ account: account.providerClearing(), debit: amount }, { account: account.depositHeld(reg.id, reg.lotId), credit: amount }],
  });
  await repo.holdOnline(tx, reg.id, at);
}

async function releaseDeposit(tx: Db, payment: ProviderPayment, at: Date): Promise<void> {
  await repo.lockLot(tx, payment.lotId);
  const reg = await repo.lockRegistration(tx, payment.registrationId);
  const voided = await settleHold(tx, holdKey(payment.id), 'voided');
  if (voided && reg && reg.depositStatus === 'held' && reg.depositMethod === 'online') await repo.releaseRegistration(tx, reg.id, at);
}

/** A23: money owed back to a bidder is paid within 24 hours. */
const RETURN_DUE_MS = 24 * 60 * 60 * 1000;

export async function captured(tx: Db, payment: ProviderPayment, at: Date): Promise<void> {
  await repo.lockLot(tx, payment.lotId);
  const reg = await repo.lockRegistration(tx, payment.registrationId);
  if (reg?.depositStatus === 'held' || reg?.depositStatus === 'applied') {
    // The hold is money in hand, and the winner's deposit, applied to the price at the close, with it.
    await settleHold(tx, holdKey(payment.id), 'posted');
    await settleHold(tx, `deposit-apply:${payment.registrationId}`, 'posted');
    return;
  }
  await returnCaptured(tx, payment, at);
}

/**
 * The provider holds money for a deposit that was released (or never held): it is owed back to the bidder
 * and refunded through the provider. One ledger entry and one refund per payment, whichever path comes first.
 */
export async function returnCaptured(tx: Db, payment: ProviderPayment, at: Date): Promise<void> {
  if (!payment.providerRef) return;
  await repo.lockLot(tx, payment.lotId);
  const reg = await repo.lockRegistration(tx, payment.registrationId);
  if (!reg || reg.depositStatus === 'held' || reg.depositStatus === 'applied') return;
  await settleHold(tx, holdKey(payment.id), 'voided');
  const heldPosted = (await repo.entryPhase(tx, holdKey(payment.id))) === 'posted';
  const amount = new Decimal(payment.amount).toFixed(2);
  const payee = await repo.payeeOf(tx, reg.userId);
  const key = `provider-return:${payment.id}`;
  await postEntry(tx, {
    idempotencyKey: key, kind: 'deposit_returned', memo: `Deposit taken online for lot ${reg.lotId} is owed back (${payment.providerRef})`,
    registrationId: reg.id, lotId: reg.lotId, at,
    lines: [
      { account: heldPosted ? account.depositHeld(reg.id, reg.lotId) : account.providerClearing(), debit: amount },
      { account: account.refundPayable({ userId: reg.userId }), credit: amount },
    ],
  });
  await refundThroughProvider(tx, {
    sourceKey: key, kind: 'deposit_release', registrationId: reg.id, lotId: reg.lotId, payee: { userId: reg.userId, name: payee },
    amount, dueBy: new Date(at.getTime() + RETURN_DUE_MS), at, providerRef: payment.providerRef,
  });
}
