/**
 * Makes the outbox's provider calls. A row is leased (attempts + 1, next_attempt_at pushed past the call's
 * longest run) and committed before the call, so a process that dies mid-call leaves it due again, and the
 * retry carries the same idempotency key: the provider acts once. The answer is applied and the row marked
 * done in one transaction; a retryable failure backs off, a permanent one marks the row failed for finance.
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { inTransaction, schema, type Db } from '../../platform/db/index';
import { claimDue } from '../../platform/jobs';
import { applyPaymentStatus, captured, returnCaptured } from './online-deposits';
import type { OutboxKind } from './outbox.repository';
import type { PaymentProvider, ProviderResult, PaymentView, RefundView } from './provider';
import * as repo from './payments.repository';
import type { OutboxRow } from './payments.repository';
import { applyRefundResult, refundFailed } from './provider-refunds';

/** Longer than one call can take with the SDK's own retries (3 × 15 s and backoff). */
export const OUTBOX_LEASE_MS = 2 * 60_000;
export const OUTBOX_MAX_ATTEMPTS = 12;
const BATCH = 20;

/** 10 s, 20 s, 40 s … capped at an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);
}

/** Test builds only: die at a named point so a test can prove a restart completes the call exactly once. */
function crashPoint(ctx: AppContext, point: 'before_call' | 'after_call'): void {
  if (ctx.config.NODE_ENV === 'test' && process.env.OUTBOX_CRASH_AT === point) process.kill(process.pid, 'SIGKILL');
}

type CallResult = ProviderResult<PaymentView> | ProviderResult<RefundView> | { ok: true; value: null };

export function createOutboxRunner(ctx: AppContext, provider: PaymentProvider | null) {
  const { db, clock, log } = ctx;

  /** The payment a row names: by id when we wrote it, by the provider's reference or the registration when the close did. */
  async function paymentOf(q: Db, payload: Record<string, string>) {
    if (payload.paymentId) return repo.findPayment(q, payload.paymentId);
    if (payload.providerRef && provider) return repo.findPaymentByRef(q, provider.name, payload.providerRef);
    return payload.registrationId ? repo.latestDeposit(q, payload.registrationId) : undefined;
  }

  async function lease(tx: Db, rows: OutboxRow[]): Promise<OutboxRow[]> {
    const until = new Date(clock.now().getTime() + OUTBOX_LEASE_MS);
    for (const r of rows) await repo.updateOutbox(tx, r.id, { attempts: r.attempts + 1, nextAttemptAt: until });
    return rows.map((r) => ({ ...r, attempts: r.attempts + 1 }));
  }

  async function call(row: OutboxRow, p: PaymentProvider): Promise<CallResult> {
    const payload = row.payload as Record<string, string>;
    const key = row.idempotencyKey;
    if (row.kind === 'refund') {
      // A refund already paid (its webhook came first) or given up is not asked for again.
      const refund = await repo.findRefund(db, payload.refundId);
      if (!refund || refund.status !== 'due' || !payload.providerRef) return { ok: true, value: null };
      return p.refund(payload.providerRef, refund.amount, key);
    }
    const payment = await paymentOf(db, payload);
    if (!payment) return { ok: true, value: null };
    // Already captured or cancelled as far as we know: nothing to ask; apply() settles our side.
    const settled = payment.status === 'succeeded' || payment.status === 'cancelled';
    if ((row.kind === 'capture_deposit' || row.kind === 'cancel_deposit') && (settled || !payment.providerRef)) return { ok: true, value: null };
    const request = { registrationId: payment.registrationId, amount: payment.amount, currency: 'CNY' as const, idempotencyKey: key, description: payload.description ?? `Lot ${payment.lotId}` };
    switch (row.kind as OutboxKind) {
      case 'authorize_deposit': return p.authorizeDeposit(request);
      case 'charge_balance': return p.charge(request);
      case 'capture_deposit': return p.capture(payment.providerRef!, payment.amount, key);
      case 'cancel_deposit': return p.cancel(payment.providerRef!, key);
      default: return { ok: false, error: { kind: 'invalid_input', detail: `unknown outbox kind ${row.kind}`, retryable: false } };
    }
  }

  async function apply(tx: Db, row: OutboxRow, value: PaymentView | RefundView | null): Promise<void> {
    const payload = row.payload as Record<string, string>;
    const now = clock.now();
    if (value === null) {
      const found = row.kind === 'refund' ? undefined : await paymentOf(tx, payload);
      const payment = found && (await repo.lockPayment(tx, found.id));
      if (payment?.status === 'succeeded' && row.kind === 'capture_deposit') await captured(tx, payment, now);
      if (payment?.status === 'succeeded' && row.kind === 'cancel_deposit') await returnCaptured(tx, payment, now);
      return;
    }
    if ('refundRef' in value) {
      await applyRefundResult(tx, payload.refundId, value, now);
      return;
    }
    const found = await paymentOf(tx, payload);
    let payment = found && (await repo.lockPayment(tx, found.id));
    if (!payment) return;
    if (!payment.providerRef) {
      payment = await repo.updatePayment(tx, payment.id, { providerRef: value.providerRef, clientSecret: value.clientSecret, updatedAt: now });
    }
    await applyPaymentStatus(tx, payment, value.status, now);
  }

  async function failed(tx: Db, row: OutboxRow, detail: string): Promise<void> {
    const payload = row.payload as Record<string, string>;
    const now = clock.now();
    if (row.kind === 'refund') await refundFailed(tx, payload.refundId, detail);
    else if (row.kind === 'authorize_deposit' || row.kind === 'charge_balance') {
      const found = await paymentOf(tx, payload);
      const payment = found && (await repo.lockPayment(tx, found.id));
      if (payment) await applyPaymentStatus(tx, payment, 'failed', now);
    }
  }

  /** Calls the provider for one leased row and records the outcome. */
  async function process(row: OutboxRow): Promise<void> {
    if (!provider) return;
    crashPoint(ctx, 'before_call');
    const result = await call(row, provider);
    crashPoint(ctx, 'after_call');
    await inTransaction(db, async (tx) => {
      const [current] = await tx.select().from(schema.outbox).where(eq(schema.outbox.id, row.id)).for('update');
      if (!current || current.status !== 'pending') return;
      const now = clock.now();
      if (result.ok) {
        await apply(tx, row, result.value);
        await repo.updateOutbox(tx, row.id, { status: 'done', doneAt: now, lastError: null });
        return;
      }
      const detail = `${result.error.kind}: ${result.error.detail}`.slice(0, 500);
      if (result.error.retryable && row.attempts < OUTBOX_MAX_ATTEMPTS) {
        await repo.updateOutbox(tx, row.id, { nextAttemptAt: new Date(now.getTime() + backoffMs(row.attempts)), lastError: detail });
        return;
      }
      await failed(tx, row, detail);
      await repo.updateOutbox(tx, row.id, { status: 'failed', lastError: detail });
    });
    if (!result.ok) log.warn({ outbox: row.id, kind: row.kind, error: result.error }, 'payment provider call failed');
  }

  return {
    /**
     * The job: every due row, oldest first, in batches, until a batch comes back short. A row that fails is
     * leased and then rescheduled into the future, so it is not taken twice in one run.
     */
    async runDue(): Promise<number> {
      if (!provider) return 0;
      let total = 0;
      for (;;) {
        const rows = await inTransaction(db, async (tx) => lease(tx, await claimDue(tx, schema.outbox, {
          dueAt: schema.outbox.nextAttemptAt, now: clock.now(), where: eq(schema.outbox.status, 'pending'), orderBy: schema.outbox.nextAttemptAt, limit: BATCH,
        })));
        for (const row of rows) await process(row);
        total += rows.length;
        if (rows.length < BATCH) return total;
      }
    },
    /** Runs one row now if it is due and nobody else holds it (the request that wrote it, for an answer in the same request). */
    async runRow(id: string): Promise<void> {
      if (!provider) return;
      const rows = await inTransaction(db, async (tx) => {
        const row = await repo.claimOutboxRow(tx, id);
        return row && row.nextAttemptAt.getTime() <= clock.now().getTime() ? lease(tx, [row]) : [];
      });
      for (const row of rows) await process(row);
    },
  };
}

export type OutboxRunner = ReturnType<typeof createOutboxRunner>;
