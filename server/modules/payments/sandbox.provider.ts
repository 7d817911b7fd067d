/**
 * SANDBOX payment provider for the embedded demo: no money moves and no network is used. It behaves
 * like Stripe's PaymentIntents (holds, capture, cancel, refunds, idempotency keys) and emits its
 * webhooks signed in Stripe's format, so they go through the same parseWebhook as real ones.
 * Every reference starts with `sbx_` so nothing it produces can be mistaken for a real payment.
 * Deterministic: references are counters; state lives in memory and is lost on restart.
 */
import { createHmac, randomBytes } from 'node:crypto';
import {
  checkRefAndKey, checkRequest, fenToYuan, yuanToFen,
  type PaymentProvider, type PaymentRequest, type PaymentStatus, type PaymentView, type ProviderError,
  type ProviderResult, type RefundView, type WebhookResult,
} from './provider';
import { DEFAULT_WEBHOOK_TOLERANCE_SEC, parseStripeFormatWebhook, signStripeFormat } from './webhook';

export const SANDBOX_PREFIX = 'sbx_';

export interface SandboxWebhook { rawBody: Buffer; signature: string }

export interface SandboxProviderOptions {
  /** Signs the sandbox's webhooks; a random one per process unless given. */
  webhookSecret?: string;
  /** Milliseconds since the epoch; the same clock signs and verifies, so a moved test clock is fine. */
  nowMs?: () => number;
  /**
   * Goes into every reference (`sbx_<instance>_pi_000001`). The counters restart with the process while the
   * database keeps the payments, so a process that outlives one run (the demo) gives each run its own.
   */
  instance?: string;
}

type StripeLikeStatus = 'requires_payment_method' | 'requires_capture' | 'succeeded' | 'canceled';

interface Intent {
  id: string;
  fen: number;
  captureMethod: 'manual' | 'automatic';
  status: StripeLikeStatus;
  capturableFen: number;
  receivedFen: number;
  refundedFen: number;
  clientSecret: string;
  registrationId: string;
}

const statusOf: Record<StripeLikeStatus, PaymentStatus> = {
  requires_payment_method: 'awaiting_payment_method',
  requires_capture: 'authorized',
  succeeded: 'succeeded',
  canceled: 'cancelled',
};

/** At most this many idempotency keys are remembered; the demo never comes near it. */
const MAX_REMEMBERED_KEYS = 100_000;

export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;
  private readonly webhookSecret: string;
  private readonly nowMs: () => number;
  private readonly intents = new Map<string, Intent>();
  private readonly byClientSecret = new Map<string, string>();
  private readonly keys = new Map<string, { fingerprint: string; result: ProviderResult<unknown> }>();
  private readonly outbox: SandboxWebhook[] = [];
  private listener: ((webhook: SandboxWebhook) => void | Promise<void>) | null = null;
  private counters = { pi: 0, re: 0, evt: 0 };
  private readonly tag: string;

  constructor(options: SandboxProviderOptions = {}) {
    this.webhookSecret = options.webhookSecret ?? `whsec_sbx_${randomBytes(24).toString('hex')}`;
    this.nowMs = options.nowMs ?? Date.now;
    if (options.instance !== undefined && !/^[A-Za-z0-9]{1,16}$/.test(options.instance)) throw new Error('a sandbox instance is 1 to 16 letters and digits');
    this.tag = options.instance ? `${options.instance}_` : '';
  }

  /**
   * Where webhooks go (in the app: the webhook route's handler). Without a listener they wait in a
   * queue that takeWebhooks() drains. Delivery is on a later tick, as a real provider's would be.
   */
  onWebhook(listener: (webhook: SandboxWebhook) => void | Promise<void>): void {
    this.listener = listener;
    for (const w of this.outbox.splice(0)) this.deliver(w);
  }

  takeWebhooks(): SandboxWebhook[] {
    return this.outbox.splice(0);
  }

  authorizeDeposit(request: PaymentRequest): Promise<ProviderResult<PaymentView>> {
    return Promise.resolve(this.create(request, 'manual'));
  }

  charge(request: PaymentRequest): Promise<ProviderResult<PaymentView>> {
    return Promise.resolve(this.create(request, 'automatic'));
  }

  /**
   * What the browser does on the sandbox's payment page: pay (a hold for a deposit, a payment for a
   * balance) or be declined. Keyed by the client secret, as a real payment form is.
   */
  completePayment(clientSecret: string, outcome: 'succeed' | 'decline' = 'succeed'): Promise<ProviderResult<PaymentView>> {
    const id = this.byClientSecret.get(clientSecret);
    const pi = id ? this.intents.get(id) : undefined;
    if (!pi) return Promise.resolve(refused('no sandbox payment has this client secret'));
    if (pi.status !== 'requires_payment_method') return Promise.resolve(refused(`payment ${pi.id} is ${pi.status}`));
    if (outcome === 'decline') {
      this.emit('payment_intent.payment_failed', intentObject(pi));
      return Promise.resolve({ ok: false, error: { kind: 'card_declined', detail: 'sandbox card declined', retryable: false, providerCode: 'card_declined' } });
    }
    if (pi.captureMethod === 'manual') {
      pi.status = 'requires_capture';
      pi.capturableFen = pi.fen;
      this.emit('payment_intent.amount_capturable_updated', intentObject(pi));
    } else {
      pi.status = 'succeeded';
      pi.receivedFen = pi.fen;
      this.emit('payment_intent.succeeded', intentObject(pi));
    }
    return Promise.resolve({ ok: true, value: view(pi) });
  }

  capture(providerRef: string, amount: string, idempotencyKey: string): Promise<ProviderResult<PaymentView>> {
    const checked = checkRefAndKey(providerRef, idempotencyKey);
    if (!checked.ok) return Promise.resolve(checked);
    const fen = yuanToFen(amount);
    if (!fen.ok) return Promise.resolve(fen);
    return Promise.resolve(this.once(idempotencyKey, `capture:${providerRef}:${fen.value}`, () => {
      const pi = this.intents.get(providerRef);
      if (!pi) return refused(`no such payment ${providerRef}`);
      if (pi.status !== 'requires_capture') return refused(`payment ${pi.id} is ${pi.status}, not capturable`);
      if (fen.value > pi.capturableFen) return refused(`capture of ${fen.value} fen is over the ${pi.capturableFen} held`);
      // As with Stripe, a partial capture releases the rest of the hold.
      pi.status = 'succeeded';
      pi.receivedFen = fen.value;
      pi.capturableFen = 0;
      this.emit('payment_intent.succeeded', intentObject(pi));
      return { ok: true, value: view(pi) };
    }));
  }

  cancel(providerRef: string, idempotencyKey: string): Promise<ProviderResult<PaymentView>> {
    const checked = checkRefAndKey(providerRef, idempotencyKey);
    if (!checked.ok) return Promise.resolve(checked);
    return Promise.resolve(this.once(idempotencyKey, `cancel:${providerRef}`, () => {
      const pi = this.intents.get(providerRef);
      if (!pi) return refused(`no such payment ${providerRef}`);
      if (pi.status === 'succeeded' || pi.status === 'canceled') return refused(`payment ${pi.id} is ${pi.status}, cannot be cancelled`);
      pi.status = 'canceled';
      pi.capturableFen = 0;
      this.emit('payment_intent.canceled', intentObject(pi));
      return { ok: true, value: view(pi) };
    }));
  }

  refund(providerRef: string, amount: string, idempotencyKey: string): Promise<ProviderResult<RefundView>> {
    const checked = checkRefAndKey(providerRef, idempotencyKey);
    if (!checked.ok) return Promise.resolve(checked);
    const fen = yuanToFen(amount);
    if (!fen.ok) return Promise.resolve(fen);
    return Promise.resolve(this.once(idempotencyKey, `refund:${providerRef}:${fen.value}`, () => {
      const pi = this.intents.get(providerRef);
      if (!pi) return refused(`no such payment ${providerRef}`);
      if (pi.status !== 'succeeded') return refused(`payment ${pi.id} is ${pi.status}, nothing was taken to refund`);
      if (pi.refundedFen + fen.value > pi.receivedFen) return refused(`refund of ${fen.value} fen is over the ${pi.receivedFen - pi.refundedFen} left`);
      pi.refundedFen += fen.value;
      const refundRef = `${SANDBOX_PREFIX}${this.tag}re_${String(++this.counters.re).padStart(6, '0')}`;
      this.emit('refund.created', {
        id: refundRef, object: 'refund', amount: fen.value, currency: 'cny', payment_intent: pi.id, status: 'succeeded',
        metadata: { registration_id: pi.registrationId },
      });
      return { ok: true, value: { refundRef, providerRef: pi.id, status: 'succeeded', amount: fenToYuan(fen.value) } };
    }));
  }

  parseWebhook(rawBody: Buffer, signatureHeader: string | string[] | undefined): WebhookResult {
    const result = parseStripeFormatWebhook(rawBody, signatureHeader, { secret: this.webhookSecret, toleranceSec: DEFAULT_WEBHOOK_TOLERANCE_SEC, nowMs: this.nowMs });
    // Only the sandbox's own references are accepted, so a demo can never record a real payment.
    if (result.ok && !result.event.providerRef.startsWith(SANDBOX_PREFIX)) {
      return { ok: false, error: { kind: 'invalid_event', detail: 'not a sandbox payment' } };
    }
    return result;
  }

  private create(request: PaymentRequest, captureMethod: 'manual' | 'automatic'): ProviderResult<PaymentView> {
    const checked = checkRequest(request);
    if (!checked.ok) return checked;
    const fen = checked.value.fen;
    return this.once(request.idempotencyKey, `create:${captureMethod}:${request.registrationId}:${fen}`, () => {
      const id = `${SANDBOX_PREFIX}${this.tag}pi_${String(++this.counters.pi).padStart(6, '0')}`;
      const clientSecret = `${id}_secret_${createHmac('sha256', this.webhookSecret).update(id).digest('hex').slice(0, 24)}`;
      const pi: Intent = { id, fen, captureMethod, status: 'requires_payment_method', capturableFen: 0, receivedFen: 0, refundedFen: 0, clientSecret, registrationId: request.registrationId };
      this.intents.set(id, pi);
      this.byClientSecret.set(clientSecret, id);
      return { ok: true, value: view(pi) };
    });
  }

  /** Stripe's idempotency: the same key and parameters replay the first result; other parameters conflict. */
  private once<T>(key: string, fingerprint: string, act: () => ProviderResult<T>): ProviderResult<T> {
    const seen = this.keys.get(key);
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        return { ok: false, error: { kind: 'idempotency_conflict', detail: 'idempotency key reused with different parameters', retryable: false } };
      }
      return seen.result as ProviderResult<T>;
    }
    const result = act();
    if (this.keys.size >= MAX_REMEMBERED_KEYS) this.keys.delete(this.keys.keys().next().value as string);
    this.keys.set(key, { fingerprint, result });
    return result;
  }

  private emit(type: string, object: Record<string, unknown>): void {
    const nowMs = this.nowMs();
    const id = `${SANDBOX_PREFIX}${this.tag}evt_${String(++this.counters.evt).padStart(6, '0')}`;
    const payload = JSON.stringify({ id, object: 'event', type, created: Math.floor(nowMs / 1000), livemode: false, data: { object } });
    const webhook = { rawBody: Buffer.from(payload, 'utf8'), signature: signStripeFormat(payload, this.webhookSecret, Math.floor(nowMs / 1000)) };
    if (this.listener) this.deliver(webhook);
    else this.outbox.push(webhook);
  }

  private deliver(webhook: SandboxWebhook): void {
    const listener = this.listener;
    if (!listener) return;
    setImmediate(() => {
      // A failing receiver is its own problem; the sandbox, like a real provider, does not crash for it.
      Promise.resolve().then(() => listener(webhook)).catch(() => undefined);
    });
  }
}

function refused(detail: string): { ok: false; error: ProviderError } {
  return { ok: false, error: { kind: 'invalid_request', detail, retryable: false } };
}

function view(pi: Intent): PaymentView {
  const status = statusOf[pi.status];
  return {
    providerRef: pi.id,
    status,
    clientSecret: status === 'awaiting_payment_method' ? pi.clientSecret : null,
    amount: fenToYuan(pi.status === 'succeeded' ? pi.receivedFen : pi.fen),
    currency: 'CNY',
  };
}

function intentObject(pi: Intent): Record<string, unknown> {
  return {
    id: pi.id, object: 'payment_intent', amount: pi.fen, amount_capturable: pi.capturableFen, amount_received: pi.receivedFen,
    currency: 'cny', capture_method: pi.captureMethod, status: pi.status, metadata: { registration_id: pi.registrationId },
  };
}
