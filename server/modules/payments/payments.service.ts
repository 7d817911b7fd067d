/**
 * Online deposits and the provider's webhooks. Paying online writes the payment and its authorize call to
 * the outbox in one transaction and then makes that call at once, so the browser gets what it needs to pay
 * in the same request; if the process dies first, the outbox job makes the call instead. Every webhook is
 * applied once (webhook_events, in the transaction of its effect), and only ever moves a payment forward.
 */
import { Decimal } from 'decimal.js';
import { transitionLot } from '../../../shared/lot-state';
import type { AppContext } from '../../platform/context';
import { inTransaction } from '../../platform/db/index';
import { DomainError, conflict, forbidden, notFound } from '../../platform/errors';
import { lockLot } from '../auctions/lots.repository';
import type { SessionUser } from '../../platform/session-user';
import { balanceDue } from './online-balance';
import { applyPaymentStatus, type RecordedStatus } from './online-deposits';
import { enqueue } from './outbox.repository';
import type { OutboxRunner } from './outbox.runner';
import type { PaymentEvent, PaymentProvider } from './provider';
import { applyRefundEvent } from './provider-refunds';
import * as repo from './payments.repository';
import type { ProviderPayment } from './payments.repository';
import { SandboxPaymentProvider } from './sandbox.provider';

export interface OnlineDepositView { provider: 'stripe' | 'sandbox'; providerRef: string; status: string; clientSecret: string | null; amount: string }

const EVENT_STATUS: Record<PaymentEvent['type'], RecordedStatus | null> = {
  authorized: 'authorized', captured: 'succeeded', succeeded: 'succeeded', cancelled: 'cancelled', failed: 'failed', refunded: null,
};

export function createPayments(ctx: AppContext, provider: PaymentProvider | null, runner: OutboxRunner) {
  const { db, clock, log } = ctx;

  function need(): PaymentProvider {
    if (!provider) throw notFound('Online payment');
    return provider;
  }

  function view(p: PaymentProvider, payment: ProviderPayment): OnlineDepositView {
    return { provider: p.name, providerRef: payment.providerRef ?? '', status: payment.status, clientSecret: payment.clientSecret, amount: new Decimal(payment.amount).toFixed(2) };
  }

  /** The caller's pending deposit, paid online: the existing payment while it can still be completed, else a new one. */
  async function payDepositOnline(user: SessionUser, lotId: string): Promise<OnlineDepositView> {
    const p = need();
    const found = await repo.registrationOf(db, lotId, user.id);
    if (!found) throw notFound('Your registration for this lot');
    const { payment, outboxId } = await inTransaction(db, async (tx) => {
      const lot = await repo.lockLot(tx, lotId);
      const reg = (await repo.lockRegistration(tx, found.id))!;
      if (reg.depositStatus !== 'pending') throw conflict('DEPOSIT_NOT_PENDING', `This deposit is already ${reg.depositStatus}.`, { depositStatus: reg.depositStatus });
      const t = transitionLot(lot!.status, 'confirm_deposit');
      if (!t.ok) throw conflict(t.code, `The lot is ${lot!.status}; it no longer takes deposits.`, { status: lot!.status });
      const latest = await repo.latestDeposit(tx, reg.id);
      if (latest && latest.status !== 'failed' && latest.status !== 'cancelled') {
        return { payment: latest, outboxId: (await repo.outboxByKey(tx, `authorize:${latest.id}`))?.id ?? null };
      }
      const now = clock.now();
      const attempt = await repo.depositAttempts(tx, reg.id);
      const created = await repo.insertPayment(tx, {
        id: crypto.randomUUID(), provider: p.name, providerRef: null, kind: 'deposit', registrationId: reg.id, lotId,
        amount: new Decimal(reg.depositAmount).toFixed(2), status: 'created', clientSecret: null, createdAt: now, updatedAt: now,
      });
      await enqueue(tx, {
        kind: 'authorize_deposit', payload: { paymentId: created.id, description: `Deposit for lot ${lotId} (attempt ${attempt + 1})` },
        idempotencyKey: `authorize:${created.id}`, at: now,
      });
      return { payment: created, outboxId: (await repo.outboxByKey(tx, `authorize:${created.id}`))!.id };
    });
    if (outboxId && !payment.providerRef) await runner.runRow(outboxId);
    const now = (await repo.findPayment(db, payment.id))!;
    return view(p, now);
  }

  /**
   * The buyer's balance, paid online (the winner only): the open payment while it can still be completed,
   * else a new one, its charge call written with it and made at once, as for a deposit.
   */
  async function payBalanceOnline(user: SessionUser, lotId: string): Promise<OnlineDepositView> {
    const p = need();
    const { payment, outboxId } = await inTransaction(db, async (tx) => {
      const lot = await lockLot(tx, lotId);
      if (!lot) throw notFound('The lot');
      const t = transitionLot(lot.status, 'record_balance');
      if (!t.ok) throw conflict(t.code, `Only a sold lot has a balance to pay; this one is ${lot.status}.`, { status: lot.status });
      const winner = await repo.lockRegistration(tx, lot.winnerRegistrationId!);
      if (!winner || winner.userId !== user.id) throw forbidden('Only the buyer pays the balance of this lot.');
      if (lot.balancePaidAt) throw conflict('BALANCE_ALREADY_PAID', 'The balance is already paid.');
      const due = await balanceDue(tx, lot);
      if (due.lte(0)) throw conflict('BALANCE_ALREADY_PAID', 'The deposit covers the price: no balance is due.');
      const latest = await repo.latestBalancePayment(tx, lotId);
      if (latest && latest.status !== 'failed' && latest.status !== 'cancelled') {
        return { payment: latest, outboxId: (await repo.outboxByKey(tx, `charge:${latest.id}`))?.id ?? null };
      }
      const now = clock.now();
      const created = await repo.insertPayment(tx, {
        id: crypto.randomUUID(), provider: p.name, providerRef: null, kind: 'balance', registrationId: winner.id, lotId,
        amount: due.toFixed(2), status: 'created', clientSecret: null, createdAt: now, updatedAt: now,
      });
      await enqueue(tx, { kind: 'charge_balance', payload: { paymentId: created.id, description: `Balance of lot ${lotId}` }, idempotencyKey: `charge:${created.id}`, at: now });
      return { payment: created, outboxId: (await repo.outboxByKey(tx, `charge:${created.id}`))!.id };
    });
    if (outboxId && !payment.providerRef) await runner.runRow(outboxId);
    return view(p, (await repo.findPayment(db, payment.id))!);
  }

  /** One verified event, applied once. */
  async function applyEvent(p: PaymentProvider, event: PaymentEvent): Promise<boolean> {
    return inTransaction(db, async (tx) => {
      const now = clock.now();
      const fresh = await repo.recordWebhook(tx, { provider: p.name, eventId: event.eventId, type: event.type, providerRef: event.providerRef, receivedAt: now });
      if (!fresh) return false;
      if (event.refundRef) {
        if (event.type === 'refunded' || event.type === 'failed') await applyRefundEvent(tx, event.refundRef, event.type, now);
        return true;
      }
      const status = EVENT_STATUS[event.type];
      const payment = await repo.lockPaymentByRef(tx, p.name, event.providerRef);
      // Money that arrived or is held must be the amount asked for: a partial authorization holds no deposit.
      if (payment && (status === 'authorized' || status === 'succeeded') && !new Decimal(event.amount).eq(payment.amount)) {
        log.warn({ eventId: event.eventId, providerRef: event.providerRef, amount: event.amount, expected: payment.amount }, 'payment event amount differs from the payment; not applied');
        return true;
      }
      if (status && payment) await applyPaymentStatus(tx, payment, status, now);
      return true;
    });
  }

  /** POST /api/payments/webhook: a bad signature changes nothing. */
  async function webhook(rawBody: Buffer, signature: string | string[] | undefined): Promise<{ received: true; duplicate: boolean }> {
    const p = need();
    const parsed = p.parseWebhook(rawBody, signature);
    if (!parsed.ok) {
      if (parsed.error.kind === 'ignored') return { received: true, duplicate: false };
      if (parsed.error.kind === 'bad_signature') throw new DomainError(400, 'BAD_SIGNATURE', 'The webhook signature does not verify.');
      throw new DomainError(400, 'BAD_REQUEST', `The webhook event is not one we accept: ${parsed.error.detail}`);
    }
    const fresh = await applyEvent(p, parsed.event);
    return { received: true, duplicate: !fresh };
  }

  /**
   * The demo's checkout: the sandbox decides and its webhook comes back through the route's path; its
   * answer is applied here too, as the authorize reply is, so the page sees the outcome at once.
   */
  async function sandboxPay(payerId: string, clientSecret: string, outcome: 'succeed' | 'decline'): Promise<OnlineDepositView> {
    const sandbox = provider;
    if (!(sandbox instanceof SandboxPaymentProvider)) throw notFound('The sandbox checkout');
    const ref = clientSecret.split('_secret_')[0];
    const known = await inTransaction(db, (tx) => repo.lockPaymentByRef(tx, sandbox.name, ref));
    // Only the payer completes a payment: anyone else is told there is no such payment, as for a wrong secret.
    const owner = known ? await repo.findRegistration(db, known.registrationId) : undefined;
    if (!known || owner?.userId !== payerId) throw notFound('The payment');
    const result = await sandbox.completePayment(clientSecret, outcome);
    if (!result.ok && result.error.kind !== 'card_declined') throw conflict('DEPOSIT_NOT_PENDING', `This payment cannot be completed: ${result.error.detail}.`);
    const status: RecordedStatus = result.ok ? result.value.status : 'failed';
    const payment = await inTransaction(db, async (tx) => applyPaymentStatus(tx, (await repo.lockPayment(tx, known.id))!, status, clock.now()));
    return view(sandbox, payment);
  }

  return { payDepositOnline, payBalanceOnline, webhook, sandboxPay, hasSandbox: () => provider instanceof SandboxPaymentProvider };
}

export type Payments = ReturnType<typeof createPayments>;
