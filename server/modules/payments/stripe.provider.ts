/**
 * Online payments through the official Stripe SDK, against Stripe or any API that speaks its protocol.
 * Deposits are PaymentIntents with manual capture (a hold); balances are ordinary PaymentIntents.
 * Every call carries the caller's idempotency key, which the SDK also reuses on its own retries.
 */
import Stripe from 'stripe';
import { z } from 'zod';
import {
  checkRefAndKey, checkRequest, cleanDetail, fenSchema, fenToYuan, providerRefSchema, yuanToFen, zodDetail,
  type PaymentProvider, type PaymentRequest, type PaymentStatus, type PaymentView, type ProviderError,
  type ProviderResult, type RefundStatus, type RefundView, type WebhookResult,
} from './provider';
import { DEFAULT_WEBHOOK_TOLERANCE_SEC, parseStripeFormatWebhook } from './webhook';
import { readBounded } from '../../platform/bounded-body';

export interface StripeApiBase { protocol: 'http' | 'https'; host: string; port: number }

export interface StripeProviderOptions {
  secretKey: string;
  webhookSecret: string;
  /** A Stripe-compatible API instead of api.stripe.com (a local mock, a regional gateway). */
  apiBase?: StripeApiBase;
  /** One attempt's limit, body included. A payment call that hangs holds an outbox row, not a user. */
  timeoutMs?: number;
  /** The SDK retries connection errors, 409 and 5xx with backoff, reusing the same idempotency key. */
  maxNetworkRetries?: number;
  webhookToleranceSec?: number;
  /** Wall-clock time for webhook signature age; Stripe signs with real time, never the test clock. */
  nowMs?: () => number;
}

export const STRIPE_DEFAULT_TIMEOUT_MS = 15_000;
export const STRIPE_DEFAULT_MAX_RETRIES = 2;
/** A PaymentIntent is a few kilobytes; a reply far larger is refused unread. */
const MAX_REPLY_BYTES = 256 * 1024;
const REPLY_TOO_LARGE = 'PAYMENT_REPLY_TOO_LARGE';

const stripeStatusMap: Record<string, PaymentStatus> = {
  requires_payment_method: 'awaiting_payment_method',
  requires_confirmation: 'awaiting_payment_method',
  requires_action: 'awaiting_action',
  processing: 'processing',
  requires_capture: 'authorized',
  succeeded: 'succeeded',
  canceled: 'cancelled',
};

const paymentIntentReply = z.object({
  id: providerRefSchema,
  object: z.literal('payment_intent'),
  amount: fenSchema,
  amount_received: fenSchema.optional(),
  currency: z.literal('cny'),
  status: z.enum(Object.keys(stripeStatusMap) as [string, ...string[]]),
  client_secret: z.string().max(500).nullable().optional(),
  capture_method: z.enum(['automatic', 'automatic_async', 'manual']).optional(),
});

const refundStatusMap: Record<string, RefundStatus> = {
  pending: 'pending',
  requires_action: 'awaiting_action',
  succeeded: 'succeeded',
  failed: 'failed',
  canceled: 'cancelled',
};

const refundReply = z.object({
  id: providerRefSchema,
  object: z.literal('refund'),
  amount: fenSchema,
  currency: z.literal('cny'),
  payment_intent: providerRefSchema,
  status: z.enum(Object.keys(refundStatusMap) as [string, ...string[]]),
});

/** fetch with a cap on the reply size: a hostile or broken endpoint cannot stream into memory without end. */
function cappedFetch(maxBytes: number): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    const read = await readBounded(res, maxBytes);
    if (!read.ok) throw Object.assign(new Error(read.detail), { code: REPLY_TOO_LARGE });
    const body = read.body;
    return new Response(res.status === 204 || res.status === 304 ? null : body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

/** Every SDK failure becomes a typed, recordable result. */
export function fromStripeError(err: unknown): ProviderError {
  const E = Stripe.errors;
  const detail = cleanDetail(String((err as Error)?.message ?? err));
  if (err instanceof E.StripeCardError) {
    return { kind: 'card_declined', detail, retryable: false, providerCode: err.decline_code ?? err.code };
  }
  if (err instanceof E.StripeIdempotencyError) return { kind: 'idempotency_conflict', detail, retryable: false };
  if (err instanceof E.StripeRateLimitError) return { kind: 'rate_limited', detail, retryable: true };
  if (err instanceof E.StripeAuthenticationError || err instanceof E.StripePermissionError) {
    return { kind: 'authentication', detail, retryable: false };
  }
  if (err instanceof E.StripeConnectionError) {
    const code = (err.detail as { code?: string } | undefined)?.code;
    if (code === REPLY_TOO_LARGE) return { kind: 'invalid_reply', detail, retryable: true };
    if (code === 'ETIMEDOUT' || /timeout/i.test(detail)) return { kind: 'timeout', detail, retryable: true };
    return { kind: 'network', detail, retryable: true };
  }
  if (err instanceof E.StripeInvalidRequestError) {
    return { kind: 'invalid_request', detail, retryable: false, providerCode: err.code };
  }
  if (err instanceof E.StripeAPIError) {
    // A 5xx left after the SDK's retries; with no status the body was not JSON at all.
    if ((err.statusCode ?? 0) >= 500) return { kind: 'unavailable', detail, retryable: true };
    return { kind: 'invalid_reply', detail, retryable: true };
  }
  if (err instanceof E.StripeError) {
    const status = err.statusCode ?? 0;
    return { kind: status >= 500 ? 'unavailable' : 'invalid_request', detail, retryable: status >= 500 || status === 409, providerCode: err.code };
  }
  return { kind: 'network', detail, retryable: true };
}

export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;
  private readonly stripe: Stripe;
  private readonly webhookSecret: string;
  private readonly toleranceSec: number;
  private readonly nowMs: () => number;

  constructor(options: StripeProviderOptions) {
    this.stripe = new Stripe(options.secretKey, {
      ...(options.apiBase ?? {}),
      timeout: options.timeoutMs ?? STRIPE_DEFAULT_TIMEOUT_MS,
      maxNetworkRetries: options.maxNetworkRetries ?? STRIPE_DEFAULT_MAX_RETRIES,
      // The fetch client aborts a whole attempt at the timeout; the Node client only times out an idle socket.
      httpClient: Stripe.createFetchHttpClient(cappedFetch(MAX_REPLY_BYTES)),
      telemetry: false,
      appInfo: { name: 'judicial-auction' },
    });
    this.webhookSecret = options.webhookSecret;
    this.toleranceSec = options.webhookToleranceSec ?? DEFAULT_WEBHOOK_TOLERANCE_SEC;
    this.nowMs = options.nowMs ?? Date.now;
  }

  authorizeDeposit(request: PaymentRequest): Promise<ProviderResult<PaymentView>> {
    return this.createIntent(request, 'manual', 'deposit');
  }

  charge(request: PaymentRequest): Promise<ProviderResult<PaymentView>> {
    return this.createIntent(request, 'automatic', 'balance');
  }

  async capture(providerRef: string, amount: string, idempotencyKey: string): Promise<ProviderResult<PaymentView>> {
    const checked = checkRefAndKey(providerRef, idempotencyKey);
    if (!checked.ok) return checked;
    const fen = yuanToFen(amount);
    if (!fen.ok) return fen;
    return this.intentCall(
      () => this.stripe.paymentIntents.capture(providerRef, { amount_to_capture: fen.value }, { idempotencyKey }),
      { providerRef },
    );
  }

  async cancel(providerRef: string, idempotencyKey: string): Promise<ProviderResult<PaymentView>> {
    const checked = checkRefAndKey(providerRef, idempotencyKey);
    if (!checked.ok) return checked;
    return this.intentCall(() => this.stripe.paymentIntents.cancel(providerRef, {}, { idempotencyKey }), { providerRef });
  }

  async refund(providerRef: string, amount: string, idempotencyKey: string): Promise<ProviderResult<RefundView>> {
    const checked = checkRefAndKey(providerRef, idempotencyKey);
    if (!checked.ok) return checked;
    const fen = yuanToFen(amount);
    if (!fen.ok) return fen;
    let reply: unknown;
    try {
      reply = await this.stripe.refunds.create({ payment_intent: providerRef, amount: fen.value }, { idempotencyKey });
    } catch (err) {
      return { ok: false, error: fromStripeError(err) };
    }
    const parsed = refundReply.safeParse(reply);
    if (!parsed.success) return { ok: false, error: { kind: 'invalid_reply', detail: zodDetail(parsed.error), retryable: true } };
    const r = parsed.data;
    if (r.payment_intent !== providerRef || r.amount !== fen.value) {
      return { ok: false, error: { kind: 'invalid_reply', detail: `refund of ${r.amount} fen on ${r.payment_intent}, asked ${fen.value} on ${providerRef}`, retryable: false } };
    }
    return { ok: true, value: { refundRef: r.id, providerRef: r.payment_intent, status: refundStatusMap[r.status], amount: fenToYuan(r.amount) } };
  }

  parseWebhook(rawBody: Buffer, signatureHeader: string | string[] | undefined): WebhookResult {
    return parseStripeFormatWebhook(rawBody, signatureHeader, { secret: this.webhookSecret, toleranceSec: this.toleranceSec, nowMs: this.nowMs });
  }

  private async createIntent(request: PaymentRequest, captureMethod: 'manual' | 'automatic', purpose: 'deposit' | 'balance'): Promise<ProviderResult<PaymentView>> {
    const checked = checkRequest(request);
    if (!checked.ok) return checked;
    const { fen } = checked.value;
    return this.intentCall(
      () => this.stripe.paymentIntents.create(
        {
          amount: fen,
          currency: request.currency.toLowerCase(),
          capture_method: captureMethod,
          description: request.description,
          metadata: { registration_id: request.registrationId, purpose },
        },
        { idempotencyKey: request.idempotencyKey },
      ),
      { fen, captureMethod },
    );
  }

  /** Runs one SDK call and checks the reply against what was asked. */
  private async intentCall(
    call: () => Promise<unknown>,
    expect: { fen?: number; providerRef?: string; captureMethod?: 'manual' | 'automatic' },
  ): Promise<ProviderResult<PaymentView>> {
    let reply: unknown;
    try {
      reply = await call();
    } catch (err) {
      return { ok: false, error: fromStripeError(err) };
    }
    const parsed = paymentIntentReply.safeParse(reply);
    if (!parsed.success) return { ok: false, error: { kind: 'invalid_reply', detail: zodDetail(parsed.error), retryable: true } };
    const pi = parsed.data;
    const mismatch =
      (expect.fen !== undefined && pi.amount !== expect.fen) ? `amount ${pi.amount} fen, asked ${expect.fen}`
      : (expect.providerRef !== undefined && pi.id !== expect.providerRef) ? `reference ${pi.id}, asked ${expect.providerRef}`
      : (expect.captureMethod === 'manual' && pi.capture_method !== undefined && pi.capture_method !== 'manual') ? `capture method ${pi.capture_method} for a hold`
      : null;
    if (mismatch) return { ok: false, error: { kind: 'invalid_reply', detail: cleanDetail(mismatch), retryable: false } };
    const status = stripeStatusMap[pi.status];
    return {
      ok: true,
      value: {
        providerRef: pi.id,
        status,
        clientSecret: status === 'awaiting_payment_method' || status === 'awaiting_action' ? (pi.client_secret ?? null) : null,
        amount: fenToYuan(status === 'succeeded' && pi.amount_received !== undefined ? pi.amount_received : pi.amount),
        currency: 'CNY',
      },
    };
  }
}
