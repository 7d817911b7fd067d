/**
 * Webhooks in Stripe's format (`Stripe-Signature: t=…,v1=…`, HMAC-SHA256 over `t.rawBody`). The Stripe
 * provider and the sandbox both go through here, so the demo exercises the same verification and the
 * same normalisation as production.
 */
import Stripe from 'stripe';
import { z } from 'zod';
import { fenSchema, fenToYuan, providerRefSchema, zodDetail, cleanDetail, type PaymentEvent, type PaymentEventType, type WebhookResult } from './provider';

/** Webhook bodies are small; anything larger is refused before it is parsed. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;
/** Stripe's own default: a signature older than five minutes is a replay. */
export const DEFAULT_WEBHOOK_TOLERANCE_SEC = 300;

const refSchema = providerRefSchema;
const metadataSchema = z.record(z.string(), z.string().max(500)).optional().nullable();

const envelopeSchema = z.object({
  id: refSchema,
  object: z.literal('event'),
  type: z.string().min(1).max(100),
  created: z.number().int().positive(),
  data: z.object({ object: z.unknown() }),
});

const paymentIntentSchema = z.object({
  id: refSchema,
  object: z.literal('payment_intent'),
  amount: fenSchema,
  amount_capturable: fenSchema.optional(),
  amount_received: fenSchema.optional(),
  currency: z.literal('cny'),
  capture_method: z.enum(['automatic', 'automatic_async', 'manual']).optional(),
  metadata: metadataSchema,
});

const refundSchema = z.object({
  id: refSchema,
  object: z.literal('refund'),
  amount: fenSchema,
  currency: z.literal('cny'),
  payment_intent: refSchema,
  status: z.string().max(40),
  metadata: metadataSchema,
});

export interface WebhookVerification {
  secret: string;
  toleranceSec: number;
  /** Milliseconds since the epoch at which the request arrived (the provider's clock for signing). */
  nowMs: () => number;
}

function registrationOf(metadata: Record<string, string> | null | undefined): string | null {
  const id = metadata?.registration_id;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : null;
}

function invalid(detail: string): WebhookResult {
  return { ok: false, error: { kind: 'invalid_event', detail: cleanDetail(detail) } };
}

export function parseStripeFormatWebhook(rawBody: Buffer, signatureHeader: string | string[] | undefined, v: WebhookVerification): WebhookResult {
  if (typeof signatureHeader !== 'string' || signatureHeader.length === 0 || signatureHeader.length > 2000) {
    return { ok: false, error: { kind: 'bad_signature', detail: 'missing or malformed signature header' } };
  }
  if (!Buffer.isBuffer(rawBody)) return { ok: false, error: { kind: 'bad_signature', detail: 'the raw request body is needed to verify the signature' } };
  if (rawBody.length > MAX_WEBHOOK_BYTES) return invalid(`body of ${rawBody.length} bytes is over ${MAX_WEBHOOK_BYTES}`);

  let verified: unknown;
  try {
    verified = Stripe.webhooks.constructEvent(rawBody, signatureHeader, v.secret, v.toleranceSec, undefined, v.nowMs());
  } catch (err) {
    if (err instanceof Stripe.errors.StripeSignatureVerificationError) {
      const stale = /tolerance/i.test(err.message);
      return { ok: false, error: { kind: 'bad_signature', detail: stale ? 'signature timestamp is outside the tolerance window' : 'signature does not match the body' } };
    }
    // A correct signature over a body that is not JSON.
    return invalid(`body is not JSON: ${String((err as Error).message ?? err)}`);
  }

  const envelope = envelopeSchema.safeParse(verified);
  if (!envelope.success) return invalid(zodDetail(envelope.error));
  const { id: eventId, type: eventType, created, data } = envelope.data;
  const occurredAt = new Date(created * 1000).toISOString();
  const ignored: WebhookResult = { ok: false, error: { kind: 'ignored', eventId, eventType } };

  if (eventType.startsWith('payment_intent.')) {
    const pi = paymentIntentSchema.safeParse(data.object);
    if (!pi.success) return invalid(zodDetail(pi.error));
    const p = pi.data;
    let type: PaymentEventType;
    let fen: number;
    switch (eventType) {
      case 'payment_intent.amount_capturable_updated':
        if (!p.amount_capturable) return ignored; // the hold dropped to zero: a cancel or capture event follows
        type = 'authorized';
        fen = p.amount_capturable;
        break;
      case 'payment_intent.succeeded':
        // With manual capture, success means our capture went through; otherwise the payer paid.
        type = p.capture_method === 'manual' ? 'captured' : 'succeeded';
        fen = p.amount_received ?? p.amount;
        break;
      case 'payment_intent.canceled':
        type = 'cancelled';
        fen = p.amount;
        break;
      case 'payment_intent.payment_failed':
        type = 'failed';
        fen = p.amount;
        break;
      default:
        return ignored;
    }
    return { ok: true, event: event(eventId, type, p.id, null, fen, registrationOf(p.metadata), occurredAt) };
  }

  if (eventType === 'refund.created' || eventType === 'refund.updated' || eventType === 'refund.failed') {
    const rf = refundSchema.safeParse(data.object);
    if (!rf.success) return invalid(zodDetail(rf.error));
    const r = rf.data;
    // A refund is final only once succeeded, failed or cancelled; pending states are noise.
    const type: PaymentEventType | null = r.status === 'succeeded' ? 'refunded' : r.status === 'failed' || r.status === 'canceled' ? 'failed' : null;
    if (type === null) return ignored;
    return { ok: true, event: event(eventId, type, r.payment_intent, r.id, r.amount, registrationOf(r.metadata), occurredAt) };
  }

  return ignored;
}

function event(eventId: string, type: PaymentEventType, providerRef: string, refundRef: string | null, fen: number, registrationId: string | null, occurredAt: string): PaymentEvent {
  return { eventId, type, providerRef, refundRef, amount: fenToYuan(fen), currency: 'CNY', registrationId, occurredAt };
}

/** Signs a body the way Stripe does; the sandbox uses it to emit its webhooks. */
export function signStripeFormat(payload: string, secret: string, timestampSec: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: timestampSec });
}
