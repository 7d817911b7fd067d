/**
 * A Stripe API in memory behind nock: PaymentIntents with manual capture, cancel, refunds, and Stripe's
 * idempotency (a repeated key replays the first answer). It records every call with its Idempotency-Key,
 * and a test can make the next payment creations fail (5xx), be refused (400) or hang (a timeout).
 */
import nock from 'nock';
import Stripe from 'stripe';

export const FAKE_STRIPE_BASE = 'http://stripe.test';
export const FAKE_WHSEC = 'whsec_test_online_secret';

export interface FakeCall { method: string; path: string; key: string | undefined; body: URLSearchParams; effective: boolean }
interface Intent { id: string; amount: number; status: string; capture_method: string; client_secret: string; amount_received: number; metadata: Record<string, string> }

export class FakeStripe {
  readonly calls: FakeCall[] = [];
  readonly intents = new Map<string, Intent>();
  private readonly replies = new Map<string, [number, Record<string, unknown>]>();
  private failures: Array<'500' | 'hang' | 'refuse'> = [];
  /** References unique across fakes, as one server outlives many tests. */
  private readonly prefix = Math.random().toString(36).slice(2, 8);
  private n = 0;

  install(): this {
    const fake = this;
    nock(FAKE_STRIPE_BASE).persist().post(/^\/v1\//).reply(function (uri, body, cb) {
      const header = this.req.headers['idempotency-key'];
      const key = Array.isArray(header) ? header[0] : header;
      // Only payment creations fail: another test's capture or cancel, run by the same job, is left alone.
      const failure = uri === '/v1/payment_intents' ? fake.failures.shift() : undefined;
      if (failure === 'hang') {
        // Longer than the provider's timeout: the caller gives up, and nothing was done.
        fake.calls.push({ method: 'POST', path: uri, key, body: new URLSearchParams(String(body)), effective: false });
        setTimeout(() => cb(null, [503, { error: { type: 'api_error', message: 'too late' } }]), 3000);
        return;
      }
      if (failure === 'refuse') {
        fake.calls.push({ method: 'POST', path: uri, key, body: new URLSearchParams(String(body)), effective: false });
        cb(null, [400, { error: { type: 'invalid_request_error', message: 'This account cannot take payments in CNY.' } }]);
        return;
      }
      if (failure === '500') {
        fake.calls.push({ method: 'POST', path: uri, key, body: new URLSearchParams(String(body)), effective: false });
        cb(null, [500, { error: { type: 'api_error', message: 'Stripe is down' } }]);
        return;
      }
      cb(null, fake.handle(uri, key, new URLSearchParams(String(body))));
    });
    return this;
  }

  /** The next payment creations fail in this order before the fake answers normally again. */
  failNext(...f: Array<'500' | 'hang' | 'refuse'>): void {
    this.failures.push(...f);
  }

  effective(path: RegExp): FakeCall[] {
    return this.calls.filter((c) => c.effective && path.test(c.path));
  }

  handle(path: string, key: string | undefined, body: URLSearchParams): [number, Record<string, unknown>] {
    const replay = key ? this.replies.get(key) : undefined;
    this.calls.push({ method: 'POST', path, key, body, effective: !replay });
    if (replay) return replay;
    const reply = this.act(path, body);
    if (key) this.replies.set(key, reply);
    return reply;
  }

  private act(path: string, body: URLSearchParams): [number, Record<string, unknown>] {
    if (path === '/v1/payment_intents') {
      const id = `pi_${this.prefix}${++this.n}`;
      const pi: Intent = {
        id, amount: Number(body.get('amount')), status: 'requires_payment_method', capture_method: body.get('capture_method') ?? 'automatic',
        client_secret: `${id}_secret_x${this.n}`, amount_received: 0, metadata: { registration_id: body.get('metadata[registration_id]') ?? '' },
      };
      this.intents.set(id, pi);
      return [200, this.view(pi)];
    }
    const m = /^\/v1\/payment_intents\/(\w+)\/(capture|cancel)$/.exec(path);
    if (m) {
      const pi = this.intents.get(m[1]);
      if (!pi) return [404, { error: { type: 'invalid_request_error', message: 'No such payment_intent' } }];
      if (m[2] === 'capture') {
        if (pi.status !== 'requires_capture') return [400, { error: { type: 'invalid_request_error', message: `status ${pi.status}` } }];
        pi.status = 'succeeded';
        pi.amount_received = Number(body.get('amount_to_capture') ?? pi.amount);
      } else {
        if (pi.status === 'succeeded' || pi.status === 'canceled') return [400, { error: { type: 'invalid_request_error', message: `status ${pi.status}` } }];
        pi.status = 'canceled';
      }
      return [200, this.view(pi)];
    }
    if (path === '/v1/refunds') {
      const pi = this.intents.get(body.get('payment_intent') ?? '');
      if (!pi) return [404, { error: { type: 'invalid_request_error', message: 'No such payment_intent' } }];
      return [200, { id: `re_${this.prefix}${++this.n}`, object: 'refund', amount: Number(body.get('amount')), currency: 'cny', payment_intent: pi.id, status: 'succeeded' }];
    }
    return [404, { error: { type: 'invalid_request_error', message: `unknown ${path}` } }];
  }

  /** The payer completes the payment in the browser: the hold is placed. */
  authorize(id: string): void {
    this.intents.get(id)!.status = 'requires_capture';
  }

  view(pi: Intent) {
    return { object: 'payment_intent', currency: 'cny', ...pi };
  }

  /** A signed event as Stripe would send it. */
  event(id: string, type: string, object: Record<string, unknown>, secret = FAKE_WHSEC) {
    const payload = JSON.stringify({ id, object: 'event', type, created: Math.floor(Date.now() / 1000), data: { object } });
    return { body: payload, signature: Stripe.webhooks.generateTestHeaderString({ payload, secret }) };
  }

  intentEvent(eventId: string, type: string, piId: string, over: Record<string, unknown> = {}) {
    const pi = this.intents.get(piId)!;
    const capturable = pi.status === 'requires_capture' ? pi.amount : 0;
    return this.event(eventId, type, { ...this.view(pi), amount_capturable: capturable, ...over });
  }
}
