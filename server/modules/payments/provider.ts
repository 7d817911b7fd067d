/**
 * The payment-provider contract. A provider is a third party, treated like the inquiry platforms
 * (valuation/inquiry.adapter.ts): every call is bounded in time, every reply is checked with zod, and a
 * failure comes back as a typed result the caller records, never as a thrown error.
 *
 * Money crosses this interface as decimal yuan strings with two places; providers speak integer fen,
 * converted here with decimal.js so no JS float ever touches an amount.
 */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { MONEY_PATTERN } from '../../../shared/money';

/** Only yuan: the fen conversion below assumes a currency with exactly two minor digits. */
export const PAYMENT_CURRENCIES = ['CNY'] as const;
export type PaymentCurrency = (typeof PAYMENT_CURRENCIES)[number];

/**
 * Our own view of a payment, whatever the provider calls it:
 * awaiting_payment_method (Stripe requires_payment_method / requires_confirmation), awaiting_action
 * (3-D Secure and the like), processing, authorized (held, capturable), succeeded (captured or paid),
 * cancelled (released).
 */
export const PAYMENT_STATUSES = ['awaiting_payment_method', 'awaiting_action', 'processing', 'authorized', 'succeeded', 'cancelled'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

export const REFUND_STATUSES = ['pending', 'awaiting_action', 'succeeded', 'failed', 'cancelled'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export interface PaymentView {
  /** The provider's reference for the payment (a Stripe PaymentIntent id; `sbx_…` in the sandbox). */
  providerRef: string;
  status: PaymentStatus;
  /** What the browser needs to complete the payment; null once nothing is left for it to do. */
  clientSecret: string | null;
  amount: string;
  currency: PaymentCurrency;
}

export interface RefundView {
  refundRef: string;
  providerRef: string;
  status: RefundStatus;
  amount: string;
}

export interface PaymentRequest {
  registrationId: string;
  /** Decimal yuan, e.g. "50000.00". */
  amount: string;
  currency: PaymentCurrency;
  /** Stable across retries of the same command (the outbox row's key), so the provider acts once. */
  idempotencyKey: string;
  description: string;
}

export type ProviderErrorKind =
  | 'timeout' // no reply in time: the provider may or may not have acted; retry with the same key
  | 'network'
  | 'unavailable' // 5xx from the provider after the SDK's own retries
  | 'rate_limited'
  | 'card_declined'
  | 'idempotency_conflict' // the key was used before with different parameters
  | 'invalid_request' // the provider refused the request (wrong state, unknown reference, ...)
  | 'authentication'
  | 'invalid_reply' // malformed, oversized or inconsistent reply
  | 'invalid_input'; // refused before calling out (bad amount, key or reference)

export interface ProviderError {
  kind: ProviderErrorKind;
  detail: string;
  /** Retrying with the same idempotency key is safe and may succeed. */
  retryable: boolean;
  /** The provider's own code (e.g. a decline code), when it gave one. */
  providerCode?: string;
}

export type ProviderResult<T> = { ok: true; value: T } | { ok: false; error: ProviderError };

export const PAYMENT_EVENT_TYPES = ['authorized', 'captured', 'cancelled', 'succeeded', 'refunded', 'failed'] as const;
export type PaymentEventType = (typeof PAYMENT_EVENT_TYPES)[number];

/** A verified webhook, reduced to what the ledger needs. Deduplicate on eventId; apply in any order. */
export interface PaymentEvent {
  eventId: string;
  type: PaymentEventType;
  /** The payment it concerns (for refunds too: the refunded payment). */
  providerRef: string;
  /** Set for refund events: one payment may be refunded in several parts. */
  refundRef: string | null;
  /** Authorized: the amount held; captured/succeeded: received; cancelled: released; refunded: this refund. */
  amount: string;
  currency: PaymentCurrency;
  /** From the metadata we attached at creation, when present. */
  registrationId: string | null;
  occurredAt: string;
}

export type WebhookError =
  /** Missing, forged or stale signature: the route answers 400 and changes nothing. */
  | { kind: 'bad_signature'; detail: string }
  /** Signed but not a shape we accept: answer 400 so it shows up in the provider's dashboard. */
  | { kind: 'invalid_event'; detail: string }
  /** Signed and well formed but of a type we do not act on: acknowledge with 200 and ignore. */
  | { kind: 'ignored'; eventId: string; eventType: string };

export type WebhookResult = { ok: true; event: PaymentEvent } | { ok: false; error: WebhookError };

export interface PaymentProvider {
  readonly name: 'stripe' | 'sandbox';
  /** A deposit: a hold (manual capture) that is captured for the winner and cancelled for the others. */
  authorizeDeposit(request: PaymentRequest): Promise<ProviderResult<PaymentView>>;
  /** Takes `amount` (at most the amount held) from an authorized hold. */
  capture(providerRef: string, amount: string, idempotencyKey: string): Promise<ProviderResult<PaymentView>>;
  /** Releases a hold that was never captured. */
  cancel(providerRef: string, idempotencyKey: string): Promise<ProviderResult<PaymentView>>;
  /** An ordinary payment, captured as soon as the payer completes it (the buyer's balance). */
  charge(request: PaymentRequest): Promise<ProviderResult<PaymentView>>;
  refund(providerRef: string, amount: string, idempotencyKey: string): Promise<ProviderResult<RefundView>>;
  /** Verifies the signature over the exact raw body, then checks and normalises the event. Stateless. */
  parseWebhook(rawBody: Buffer, signatureHeader: string | string[] | undefined): WebhookResult;
}

// ---- shared checks and conversions ----

/** Fen must stay an exact JS integer on the way to the provider's JSON. */
const MAX_FEN = new Decimal(Number.MAX_SAFE_INTEGER);

export const idempotencyKeySchema = z.string().min(8).max(255).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');
export const providerRefSchema = z.string().min(3).max(255).regex(/^[A-Za-z0-9_]+$/);
export const yuanSchema = z.string().regex(MONEY_PATTERN, 'a decimal amount with at most two places');

export const paymentRequestSchema = z.object({
  registrationId: z.string().min(1).max(100),
  amount: yuanSchema,
  currency: z.enum(PAYMENT_CURRENCIES),
  idempotencyKey: idempotencyKeySchema,
  description: z.string().max(500),
});

/** "1234.5" → 123450. Refuses zero, negatives, more than two places and anything not exact. */
export function yuanToFen(amount: string): ProviderResult<number> {
  if (!yuanSchema.safeParse(amount).success) return invalidInput(`amount ${JSON.stringify(amount).slice(0, 40)} is not a decimal yuan amount`);
  const fen = new Decimal(amount).times(100);
  if (!fen.isInteger() || fen.lte(0) || fen.gt(MAX_FEN)) return invalidInput(`amount ${amount} is out of range`);
  return { ok: true, value: fen.toNumber() };
}

/** 123450 → "1234.50". */
export function fenToYuan(fen: number): string {
  return new Decimal(fen).dividedBy(100).toFixed(2);
}

/** zod for an integer count of fen in a reply. */
export const fenSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export function invalidInput(detail: string): { ok: false; error: ProviderError } {
  return { ok: false, error: { kind: 'invalid_input', detail, retryable: false } };
}

/** Text from a provider is kept short and without control characters (it ends up in jsonb and logs). */
export function cleanDetail(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 300);
}

export function zodDetail(error: z.ZodError): string {
  return cleanDetail(error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
}

/** Checks the caller's arguments before anything leaves the process. */
export function checkRequest(request: PaymentRequest): ProviderResult<{ fen: number }> {
  const parsed = paymentRequestSchema.safeParse(request);
  if (!parsed.success) return invalidInput(zodDetail(parsed.error));
  const fen = yuanToFen(request.amount);
  if (!fen.ok) return fen;
  return { ok: true, value: { fen: fen.value } };
}

export function checkRefAndKey(providerRef: string, idempotencyKey: string): ProviderResult<null> {
  if (!providerRefSchema.safeParse(providerRef).success) return invalidInput('not a provider reference');
  if (!idempotencyKeySchema.safeParse(idempotencyKey).success) return invalidInput('idempotency key must be 8–255 printable ASCII characters');
  return { ok: true, value: null };
}
