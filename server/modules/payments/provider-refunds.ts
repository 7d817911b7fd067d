/**
 * Refunds paid back through the provider. A refund owed is one `refunds` row per source (the race between
 * the close, a retry and a webhook writes it once) and one outbox call keyed by the refund's id, so the
 * provider is asked once; its answer and its webhook are both matched by the provider's refund reference,
 * whichever comes first, and the payout is entered once: refunds payable → provider clearing.
 */
import { Decimal } from 'decimal.js';
import type { Db } from '../../platform/db/index';
import { account, postEntry } from '../ledger/ledger.service';
import { createRefund, type NewRefund } from '../finance/refunds.repository';
import { enqueue } from './outbox.repository';
import { notifyRefundSent } from '../notifications/index';
import type { RefundView } from './provider';
import * as repo from './payments.repository';

/** Owes a refund through the provider for a captured payment and queues the call; once per source key. */
export async function refundThroughProvider(tx: Db, r: Omit<NewRefund, 'method'> & { providerRef: string }): Promise<{ id: string; created: boolean }> {
  const refund = await createRefund(tx, { ...r, method: 'provider' });
  if (refund.created) {
    await enqueue(tx, {
      kind: 'refund', payload: { refundId: refund.id, providerRef: r.providerRef, amount: new Decimal(r.amount).toFixed(2) },
      idempotencyKey: `refund:${refund.id}`, at: r.at,
    });
  }
  return refund;
}

async function markSent(tx: Db, refundId: string, refundRef: string, at: Date): Promise<void> {
  const refund = await repo.lockRefund(tx, refundId);
  if (!refund || refund.status === 'sent') return;
  await repo.updateRefund(tx, refund.id, { status: 'sent', providerRef: refundRef, sentAt: at, failure: null });
  await notifyRefundSent(tx, refund.id, at);
  const amount = new Decimal(refund.amount).toFixed(2);
  const payee = refund.payeeUserId ? account.refundPayable({ userId: refund.payeeUserId }) : account.refundPayable({ payerAccount: refund.payeeAccount ?? refund.payeeName });
  await postEntry(tx, {
    idempotencyKey: `refund-sent:${refund.id}`, kind: 'refund_sent', memo: `Refund paid back through the provider (${refundRef})`,
    registrationId: refund.registrationId ?? undefined, lotId: refund.lotId ?? undefined, at,
    lines: [{ account: payee, debit: amount }, { account: account.providerClearing(), credit: amount }],
  });
}

/** The provider's reply to our refund call. */
export async function applyRefundResult(tx: Db, refundId: string, view: RefundView, at: Date): Promise<void> {
  if (view.status === 'failed' || view.status === 'cancelled') {
    await refundFailed(tx, refundId, `the provider answered ${view.status}`, view.refundRef);
    return;
  }
  const refund = await repo.lockRefund(tx, refundId);
  if (!refund) return;
  if (view.status === 'succeeded') await markSent(tx, refundId, view.refundRef, at);
  else if (!refund.providerRef) await repo.updateRefund(tx, refundId, { providerRef: view.refundRef });
}

export async function refundFailed(tx: Db, refundId: string, detail: string, refundRef?: string): Promise<void> {
  const refund = await repo.lockRefund(tx, refundId);
  if (!refund || refund.status !== 'due') return;
  await repo.updateRefund(tx, refundId, { status: 'failed', failure: detail.slice(0, 500), ...(refundRef ? { providerRef: refundRef } : {}) });
}

/** A refund webhook, by the provider's refund reference: applied once, whatever order it comes in. */
export async function applyRefundEvent(tx: Db, refundRef: string, outcome: 'refunded' | 'failed', at: Date): Promise<void> {
  const refund = await repo.lockRefundByProviderRef(tx, refundRef);
  if (!refund) return;
  if (outcome === 'refunded') await markSent(tx, refund.id, refundRef, at);
  else await refundFailed(tx, refund.id, 'the provider reported the refund failed');
}
