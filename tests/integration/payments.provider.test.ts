import { expect } from 'chai';
import nock from 'nock';
import Stripe from 'stripe';
import { fenToYuan, yuanToFen, type PaymentRequest, type ProviderResult } from '../../server/modules/payments/provider';
import { StripePaymentProvider, type StripeProviderOptions } from '../../server/modules/payments/stripe.provider';
import { SandboxPaymentProvider } from '../../server/modules/payments/sandbox.provider';
import { paymentProviderFromEnv } from '../../server/modules/payments/payments.config';

const BASE = 'http://stripe.test';
const WHSEC = 'whsec_test_provider_secret';

function stripeProvider(over: Partial<StripeProviderOptions> = {}): StripePaymentProvider {
  return new StripePaymentProvider({
    secretKey: 'sk_test_provider', webhookSecret: WHSEC, apiBase: { protocol: 'http', host: 'stripe.test', port: 80 },
    timeoutMs: 2000, maxNetworkRetries: 2, ...over,
  });
}

const deposit = (over: Partial<PaymentRequest> = {}): PaymentRequest => ({
  registrationId: 'reg-1', amount: '50000.00', currency: 'CNY', idempotencyKey: 'deposit-reg-1-a', description: 'Deposit, lot 7', ...over,
});

const intent = (over: Record<string, unknown> = {}) => ({
  id: 'pi_123', object: 'payment_intent', amount: 5_000_000, currency: 'cny', status: 'requires_payment_method',
  client_secret: 'pi_123_secret_abc', capture_method: 'manual', ...over,
});

interface Seen { body: URLSearchParams; key: string | undefined; auth: string | undefined }
/** Records what the SDK sent: the form body and the headers that matter. */
function seen(list: Seen[], req: { headers: Record<string, string | string[] | undefined> }, body: unknown): void {
  const header = (name: string) => { const v = req.headers[name]; return Array.isArray(v) ? v[0] : v; };
  list.push({ body: new URLSearchParams(String(body)), key: header('idempotency-key'), auth: header('authorization') });
}

function err<T>(r: ProviderResult<T>) {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return r.error;
}
function ok<T>(r: ProviderResult<T>): T {
  if (!r.ok) throw new Error(`expected success, got ${JSON.stringify(r.error)}`);
  return r.value;
}

function signedEvent(event: Record<string, unknown>, opts: { secret?: string; timestampSec?: number } = {}) {
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? WHSEC, timestamp: opts.timestampSec ?? Math.floor(Date.now() / 1000) });
  return { body: Buffer.from(payload), header };
}
const piEvent = (id: string, type: string, object: Record<string, unknown>, created = 1_790_000_000) =>
  ({ id, object: 'event', type, created, data: { object: intent({ metadata: { registration_id: 'reg-1' }, ...object }) } });

describe('payment providers', () => {
  before(() => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  });
  afterEach(() => nock.cleanAll());
  after(() => nock.enableNetConnect());

  describe('money at the interface', () => {
    it('when yuan become fen and back, then the conversion is exact where floats are not', () => {
      expect(ok(yuanToFen('0.29'))).to.equal(29); // 0.29 * 100 is 28.999999999999996 in floats
      expect(ok(yuanToFen('1234567.89'))).to.equal(123_456_789);
      expect(ok(yuanToFen('0.1'))).to.equal(10);
      expect(fenToYuan(29)).to.equal('0.29');
      expect(fenToYuan(123_456_789)).to.equal('1234567.89');
      for (const bad of ['0', '0.00', '-1', '1.005', '1e3', ' 1', '']) expect(err(yuanToFen(bad)).kind, bad).to.equal('invalid_input');
    });
  });

  describe('Stripe: requests', () => {
    it('when a deposit is authorized, then a manual-capture PaymentIntent is created in fen under the caller\'s idempotency key', async () => {
      const calls: Seen[] = [];
      nock(BASE).post('/v1/payment_intents').reply(function (_uri, body) { seen(calls, this.req, body); return [200, intent()]; });
      const view = ok(await stripeProvider().authorizeDeposit(deposit()));
      expect(calls).to.have.length(1);
      const b = calls[0].body;
      expect(b.get('amount')).to.equal('5000000');
      expect(b.get('currency')).to.equal('cny');
      expect(b.get('capture_method')).to.equal('manual');
      expect(b.get('metadata[registration_id]')).to.equal('reg-1');
      expect(b.get('metadata[purpose]')).to.equal('deposit');
      expect(calls[0].key).to.equal('deposit-reg-1-a');
      expect(calls[0].auth).to.equal('Bearer sk_test_provider');
      expect(view).to.deep.equal({ providerRef: 'pi_123', status: 'awaiting_payment_method', clientSecret: 'pi_123_secret_abc', amount: '50000.00', currency: 'CNY' });
    });

    it('when Stripe asks for 3-D Secure or reports the hold, then the status is our own enum', async () => {
      nock(BASE).post('/v1/payment_intents').reply(200, intent({ status: 'requires_action' }));
      expect(ok(await stripeProvider().authorizeDeposit(deposit())).status).to.equal('awaiting_action');
      nock(BASE).post('/v1/payment_intents').reply(200, intent({ status: 'requires_capture' }));
      const held = ok(await stripeProvider().authorizeDeposit(deposit()));
      expect(held.status).to.equal('authorized');
      expect(held.clientSecret).to.equal(null);
    });

    it('when the balance is charged, then it is an ordinary PaymentIntent with automatic capture', async () => {
      const calls: Seen[] = [];
      nock(BASE).post('/v1/payment_intents').reply(function (_uri, body) {
        seen(calls, this.req, body);
        return [200, intent({ id: 'pi_bal', amount: 29, amount_received: 29, status: 'succeeded', capture_method: 'automatic', client_secret: 'pi_bal_secret' })];
      });
      const view = ok(await stripeProvider().charge(deposit({ amount: '0.29', idempotencyKey: 'balance-reg-1' })));
      expect(calls[0].body.get('amount')).to.equal('29');
      expect(calls[0].body.get('capture_method')).to.equal('automatic');
      expect(calls[0].body.get('metadata[purpose]')).to.equal('balance');
      expect(calls[0].key).to.equal('balance-reg-1');
      expect(view).to.include({ status: 'succeeded', amount: '0.29', clientSecret: null });
    });

    it('when a hold is captured, cancelled or refunded, then each call names the amount in fen and carries its key', async () => {
      const calls: Record<string, Seen[]> = { capture: [], cancel: [], refund: [] };
      nock(BASE)
        .post('/v1/payment_intents/pi_123/capture').reply(function (_u, body) { seen(calls.capture, this.req, body); return [200, intent({ status: 'succeeded', amount_received: 4_000_000 })]; })
        .post('/v1/payment_intents/pi_456/cancel').reply(function (_u, body) { seen(calls.cancel, this.req, body); return [200, intent({ id: 'pi_456', status: 'canceled' })]; })
        .post('/v1/refunds').reply(function (_u, body) {
          seen(calls.refund, this.req, body);
          return [200, { id: 're_1', object: 'refund', amount: 150_050, currency: 'cny', payment_intent: 'pi_123', status: 'pending' }];
        });
      const p = stripeProvider();
      const captured = ok(await p.capture('pi_123', '40000.00', 'capture-lot-7'));
      expect(calls.capture[0].body.get('amount_to_capture')).to.equal('4000000');
      expect(calls.capture[0].key).to.equal('capture-lot-7');
      expect(captured).to.include({ status: 'succeeded', amount: '40000.00' });

      const cancelled = ok(await p.cancel('pi_456', 'release-reg-2'));
      expect(calls.cancel[0].key).to.equal('release-reg-2');
      expect(cancelled).to.include({ providerRef: 'pi_456', status: 'cancelled' });

      const refund = ok(await p.refund('pi_123', '1500.50', 'refund-excess-1'));
      expect(calls.refund[0].body.get('payment_intent')).to.equal('pi_123');
      expect(calls.refund[0].body.get('amount')).to.equal('150050');
      expect(calls.refund[0].key).to.equal('refund-excess-1');
      expect(refund).to.deep.equal({ refundRef: 're_1', providerRef: 'pi_123', status: 'pending', amount: '1500.50' });
    });

    it('when the amount, key or reference is bad, then nothing is sent and the error is typed', async () => {
      const scope = nock(BASE).post(/.*/).reply(200, intent());
      const p = stripeProvider();
      expect(err(await p.authorizeDeposit(deposit({ amount: '1.005' }))).kind).to.equal('invalid_input');
      expect(err(await p.authorizeDeposit(deposit({ amount: '0.00' }))).kind).to.equal('invalid_input');
      expect(err(await p.authorizeDeposit(deposit({ idempotencyKey: 'short' }))).kind).to.equal('invalid_input');
      expect(err(await p.capture('pi_123/../x', '1.00', 'capture-key-1')).kind).to.equal('invalid_input');
      expect(err(await p.refund('pi_123', '-5', 'refund-key-1')).kind).to.equal('invalid_input');
      expect(scope.isDone()).to.equal(false);
    });
  });

  describe('Stripe: failures become typed results', () => {
    it('when Stripe answers 500 and then succeeds, then the SDK retries once with the same idempotency key', async () => {
      const calls: Seen[] = [];
      nock(BASE).post('/v1/payment_intents').times(2).reply(function (_u, body) {
        seen(calls, this.req, body);
        return calls.length === 1 ? [500, { error: { type: 'api_error', message: 'boom' } }] : [200, intent()];
      });
      const view = ok(await stripeProvider().authorizeDeposit(deposit({ idempotencyKey: 'retry-me-123' })));
      expect(view.providerRef).to.equal('pi_123');
      expect(calls.map((c) => c.key)).to.deep.equal(['retry-me-123', 'retry-me-123']);
      expect(calls[1].body.toString()).to.equal(calls[0].body.toString());
    });

    it('when Stripe keeps answering 5xx, then after the configured retries the result is "unavailable" and retryable', async () => {
      let count = 0;
      nock(BASE).post('/v1/payment_intents/pi_123/cancel').times(5).reply(() => { count++; return [503, { error: { type: 'api_error', message: 'down' } }]; });
      const e = err(await stripeProvider({ maxNetworkRetries: 1 }).cancel('pi_123', 'cancel-key-1'));
      expect(e).to.include({ kind: 'unavailable', retryable: true });
      expect(count).to.equal(2);
    });

    it('when no reply comes within the timeout, then the result is "timeout" and retryable', async () => {
      nock(BASE).post('/v1/payment_intents').delay(3000).reply(200, intent());
      const started = Date.now();
      const e = err(await stripeProvider({ timeoutMs: 200, maxNetworkRetries: 0 }).authorizeDeposit(deposit()));
      expect(e).to.include({ kind: 'timeout', retryable: true });
      expect(Date.now() - started).to.be.lessThan(2000);
    });

    it('when the first attempt times out and the retry succeeds, then both carried the same idempotency key', async () => {
      const keys: Array<string | undefined> = [];
      nock(BASE).post('/v1/payment_intents').delay(3000).reply(function () { keys.push(String(this.req.headers['idempotency-key'])); return [200, intent()]; });
      nock(BASE).post('/v1/payment_intents').reply(function () { keys.push(String(this.req.headers['idempotency-key'])); return [200, intent()]; });
      const view = ok(await stripeProvider({ timeoutMs: 300, maxNetworkRetries: 1 }).authorizeDeposit(deposit({ idempotencyKey: 'slow-then-fast' })));
      expect(view.providerRef).to.equal('pi_123');
      expect(keys).to.deep.equal(['slow-then-fast', 'slow-then-fast']);
    });

    it('when the reply is not JSON, has the wrong shape, or disagrees with the request, then the result is "invalid_reply"', async () => {
      const p = stripeProvider({ maxNetworkRetries: 0 });
      nock(BASE).post('/v1/payment_intents').reply(200, '<html>gateway</html>');
      expect(err(await p.authorizeDeposit(deposit())).kind).to.equal('invalid_reply');
      nock(BASE).post('/v1/payment_intents').reply(200, intent({ amount: '5000000' }));
      expect(err(await p.authorizeDeposit(deposit())).kind).to.equal('invalid_reply');
      nock(BASE).post('/v1/payment_intents').reply(200, intent({ status: 'mystery' }));
      expect(err(await p.authorizeDeposit(deposit())).kind).to.equal('invalid_reply');
      nock(BASE).post('/v1/payment_intents').reply(200, intent({ amount: 1 }));
      expect(err(await p.authorizeDeposit(deposit())).detail).to.match(/amount 1 fen, asked 5000000/);
      nock(BASE).post('/v1/payment_intents').reply(200, intent({ currency: 'usd' }));
      expect(err(await p.authorizeDeposit(deposit())).kind).to.equal('invalid_reply');
      nock(BASE).post('/v1/payment_intents/pi_123/capture').reply(200, intent({ id: 'pi_other', status: 'succeeded' }));
      expect(err(await p.capture('pi_123', '50000.00', 'capture-key-2')).kind).to.equal('invalid_reply');
      nock(BASE).post('/v1/refunds').reply(200, { id: 're_1', object: 'refund', amount: 999, currency: 'cny', payment_intent: 'pi_123', status: 'succeeded' });
      expect(err(await p.refund('pi_123', '1.00', 'refund-key-2')).kind).to.equal('invalid_reply');
    });

    it('when the reply is larger than any PaymentIntent, then it is refused unread', async () => {
      nock(BASE).post('/v1/payment_intents').reply(200, intent({ description: 'x'.repeat(300 * 1024) }));
      expect(err(await stripeProvider({ maxNetworkRetries: 0 }).authorizeDeposit(deposit())).kind).to.equal('invalid_reply');
    });

    it('when the card is declined, the key conflicts, the reference is unknown or the key is wrong, then each has its own kind', async () => {
      const p = stripeProvider({ maxNetworkRetries: 0 });
      nock(BASE).post('/v1/payment_intents').reply(402, { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card was declined.' } });
      expect(err(await p.charge(deposit()))).to.include({ kind: 'card_declined', providerCode: 'insufficient_funds', retryable: false });
      nock(BASE).post('/v1/refunds').reply(400, { error: { type: 'idempotency_error', message: 'Keys for idempotent requests can only be used with the same parameters' } });
      expect(err(await p.refund('pi_123', '1.00', 'refund-key-3'))).to.include({ kind: 'idempotency_conflict', retryable: false });
      nock(BASE).post('/v1/payment_intents/pi_gone/cancel').reply(404, { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such payment_intent' } });
      expect(err(await p.cancel('pi_gone', 'cancel-key-2'))).to.include({ kind: 'invalid_request', providerCode: 'resource_missing' });
      nock(BASE).post('/v1/payment_intents').reply(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
      expect(err(await p.authorizeDeposit(deposit())).kind).to.equal('authentication');
      nock(BASE).post('/v1/payment_intents').reply(429, { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' } });
      expect(err(await p.authorizeDeposit(deposit()))).to.include({ kind: 'rate_limited', retryable: true });
    });

    it('when the connection fails, then the result is "network" and retryable', async () => {
      nock(BASE).post('/v1/payment_intents').times(3).replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' });
      expect(err(await stripeProvider({ maxNetworkRetries: 0 }).authorizeDeposit(deposit()))).to.include({ kind: 'network', retryable: true });
    });
  });

  describe('Stripe: webhooks', () => {
    const p = () => stripeProvider();

    it('when the signature is good, then the event is normalised with its id, amount in yuan and time', () => {
      const { body, header } = signedEvent(piEvent('evt_auth', 'payment_intent.amount_capturable_updated', { status: 'requires_capture', amount_capturable: 5_000_000 }));
      const r = p().parseWebhook(body, header);
      expect(r).to.deep.equal({ ok: true, event: {
        eventId: 'evt_auth', type: 'authorized', providerRef: 'pi_123', refundRef: null, amount: '50000.00', currency: 'CNY',
        registrationId: 'reg-1', occurredAt: new Date(1_790_000_000 * 1000).toISOString(),
      } });
    });

    it('when the signature is wrong, the body was altered, the header is missing or the timestamp is stale, then it is "bad_signature"', () => {
      const ev = piEvent('evt_x', 'payment_intent.canceled', { status: 'canceled' });
      const forged = signedEvent(ev, { secret: 'whsec_someone_else' });
      expect(p().parseWebhook(forged.body, forged.header)).to.deep.include({ ok: false });
      expect((p().parseWebhook(forged.body, forged.header) as { error: { kind: string } }).error.kind).to.equal('bad_signature');

      const good = signedEvent(ev);
      const altered = Buffer.from(good.body.toString().replace('5000000', '5000001'));
      expect(p().parseWebhook(altered, good.header)).to.deep.equal({ ok: false, error: { kind: 'bad_signature', detail: 'signature does not match the body' } });
      expect(p().parseWebhook(good.body, undefined)).to.have.nested.property('error.kind', 'bad_signature');
      expect(p().parseWebhook(good.body, [good.header, good.header])).to.have.nested.property('error.kind', 'bad_signature');

      const stale = signedEvent(ev, { timestampSec: Math.floor(Date.now() / 1000) - 301 });
      expect(p().parseWebhook(stale.body, stale.header)).to.deep.equal({ ok: false, error: { kind: 'bad_signature', detail: 'signature timestamp is outside the tolerance window' } });
    });

    it('when a signed event is malformed, then it is "invalid_event"; when it is of no interest, then "ignored" with its id', () => {
      const notJson = Buffer.from('{"id": evt');
      const header = Stripe.webhooks.generateTestHeaderString({ payload: notJson.toString(), secret: WHSEC });
      expect(p().parseWebhook(notJson, header)).to.have.nested.property('error.kind', 'invalid_event');
      const wrongShape = signedEvent(piEvent('evt_bad', 'payment_intent.succeeded', { amount: '12.00' }));
      expect(p().parseWebhook(wrongShape.body, wrongShape.header)).to.have.nested.property('error.kind', 'invalid_event');
      const otherCurrency = signedEvent(piEvent('evt_usd', 'payment_intent.succeeded', { currency: 'usd' }));
      expect(p().parseWebhook(otherCurrency.body, otherCurrency.header)).to.have.nested.property('error.kind', 'invalid_event');
      const other = signedEvent({ id: 'evt_cus', object: 'event', type: 'customer.created', created: 1_790_000_000, data: { object: { id: 'cus_1' } } });
      expect(p().parseWebhook(other.body, other.header)).to.deep.equal({ ok: false, error: { kind: 'ignored', eventId: 'evt_cus', eventType: 'customer.created' } });
    });

    it('when the same event arrives twice, then both parse to the same eventId (deduplication is the caller\'s, by that id)', () => {
      const { body, header } = signedEvent(piEvent('evt_dup', 'payment_intent.canceled', { status: 'canceled' }));
      const first = p().parseWebhook(body, header);
      const second = p().parseWebhook(body, header);
      expect(first.ok && second.ok && first.event.eventId === 'evt_dup' && second.event.eventId === 'evt_dup').to.equal(true);
      expect(second).to.deep.equal(first);
    });

    it('when events arrive out of order, then each parses on its own with the time it happened', () => {
      const captured = signedEvent(piEvent('evt_2', 'payment_intent.succeeded', { status: 'succeeded', amount_received: 4_000_000 }, 1_790_000_200));
      const authorized = signedEvent(piEvent('evt_1', 'payment_intent.amount_capturable_updated', { status: 'requires_capture', amount_capturable: 5_000_000 }, 1_790_000_100));
      const refunded = signedEvent({ id: 'evt_3', object: 'event', type: 'refund.updated', created: 1_790_000_300,
        data: { object: { id: 're_9', object: 'refund', amount: 100_000, currency: 'cny', payment_intent: 'pi_123', status: 'succeeded' } } });
      const events = [refunded, captured, authorized].map(({ body, header }) => p().parseWebhook(body, header));
      expect(events.map((r) => r.ok && [r.event.eventId, r.event.type, r.event.amount, r.event.refundRef, r.event.occurredAt])).to.deep.equal([
        ['evt_3', 'refunded', '1000.00', 're_9', new Date(1_790_000_300_000).toISOString()],
        ['evt_2', 'captured', '40000.00', null, new Date(1_790_000_200_000).toISOString()],
        ['evt_1', 'authorized', '50000.00', null, new Date(1_790_000_100_000).toISOString()],
      ]);
    });

    it('when a balance payment succeeds or fails, then it is "succeeded" or "failed"', () => {
      const paid = signedEvent(piEvent('evt_p', 'payment_intent.succeeded', { capture_method: 'automatic', status: 'succeeded', amount_received: 29, amount: 29 }));
      expect(p().parseWebhook(paid.body, paid.header)).to.have.nested.include({ 'event.type': 'succeeded', 'event.amount': '0.29' });
      const failed = signedEvent(piEvent('evt_f', 'payment_intent.payment_failed', { capture_method: 'automatic' }));
      expect(p().parseWebhook(failed.body, failed.header)).to.have.nested.property('event.type', 'failed');
    });
  });

  describe('sandbox (embedded demo)', () => {
    let now = 1_790_000_000_000;
    const sandbox = () => new SandboxPaymentProvider({ webhookSecret: 'whsec_sbx_test', nowMs: () => now });
    const parseAll = (s: SandboxPaymentProvider) => s.takeWebhooks().map((w) => {
      const r = s.parseWebhook(w.rawBody, w.signature);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.event;
    });

    it('when a new user pays a deposit online, then the hold, the capture and a refund each arrive as verified webhooks', async () => {
      const s = sandbox();
      expect(s.name).to.equal('sandbox');
      const created = ok(await s.authorizeDeposit(deposit()));
      expect(created.providerRef).to.equal('sbx_pi_000001');
      expect(created.status).to.equal('awaiting_payment_method');
      expect(created.clientSecret).to.match(/^sbx_pi_000001_secret_/);
      expect(s.takeWebhooks()).to.have.length(0);

      expect(ok(await s.completePayment(created.clientSecret!)).status).to.equal('authorized');
      now += 60_000;
      expect(ok(await s.capture(created.providerRef, '50000.00', 'capture-sbx-1'))).to.include({ status: 'succeeded', amount: '50000.00' });
      expect(ok(await s.refund(created.providerRef, '1000.00', 'refund-sbx-1'))).to.include({ refundRef: 'sbx_re_000001', status: 'succeeded', amount: '1000.00' });

      const events = parseAll(s);
      expect(events.map((e) => [e.eventId, e.type, e.providerRef, e.amount, e.registrationId])).to.deep.equal([
        ['sbx_evt_000001', 'authorized', 'sbx_pi_000001', '50000.00', 'reg-1'],
        ['sbx_evt_000002', 'captured', 'sbx_pi_000001', '50000.00', 'reg-1'],
        ['sbx_evt_000003', 'refunded', 'sbx_pi_000001', '1000.00', 'reg-1'],
      ]);
      expect(events[2].refundRef).to.equal('sbx_re_000001');
    });

    it('when a loser\'s hold is cancelled or a card is declined, then "cancelled" and "failed" webhooks follow', async () => {
      const s = sandbox();
      const a = ok(await s.authorizeDeposit(deposit()));
      await s.completePayment(a.clientSecret!);
      expect(ok(await s.cancel(a.providerRef, 'release-sbx-1')).status).to.equal('cancelled');
      const b = ok(await s.authorizeDeposit(deposit({ registrationId: 'reg-2', idempotencyKey: 'deposit-reg-2-a' })));
      expect(err(await s.completePayment(b.clientSecret!, 'decline')).kind).to.equal('card_declined');
      expect(parseAll(s).map((e) => e.type)).to.deep.equal(['authorized', 'cancelled', 'failed']);
      expect(err(await s.capture(a.providerRef, '1.00', 'capture-after-cancel')).kind).to.equal('invalid_request');
    });

    it('when a call is repeated with its key, then the first result comes back and nothing happens twice; other parameters conflict', async () => {
      const s = sandbox();
      const first = ok(await s.authorizeDeposit(deposit()));
      expect(ok(await s.authorizeDeposit(deposit()))).to.deep.equal(first);
      expect(err(await s.authorizeDeposit(deposit({ amount: '1.00' }))).kind).to.equal('idempotency_conflict');
      await s.completePayment(first.clientSecret!);
      ok(await s.capture(first.providerRef, '50000.00', 'capture-once'));
      ok(await s.capture(first.providerRef, '50000.00', 'capture-once'));
      expect(parseAll(s).map((e) => e.type)).to.deep.equal(['authorized', 'captured']);
      expect(err(await s.refund(first.providerRef, '50000.01', 'refund-too-much')).kind).to.equal('invalid_request');
    });

    it('when two sandboxes get the same calls, then they give the same references (deterministic)', async () => {
      const refs = async () => {
        const s = sandbox();
        const a = ok(await s.authorizeDeposit(deposit()));
        const b = ok(await s.charge(deposit({ idempotencyKey: 'balance-reg-1' })));
        return [a.providerRef, a.clientSecret, b.providerRef];
      };
      expect(await refs()).to.deep.equal(await refs());
    });

    it('when a webhook is forged, or names a payment that is not the sandbox\'s, then the sandbox refuses it', async () => {
      const s = sandbox();
      const forged = signedEvent(piEvent('sbx_evt_9', 'payment_intent.canceled', { id: 'sbx_pi_000001', status: 'canceled' }), { secret: 'whsec_guess' });
      expect(s.parseWebhook(forged.body, forged.header)).to.have.nested.property('error.kind', 'bad_signature');
      const real = signedEvent(piEvent('evt_real', 'payment_intent.canceled', { status: 'canceled' }), { secret: 'whsec_sbx_test', timestampSec: Math.floor(now / 1000) });
      expect(s.parseWebhook(real.body, real.header)).to.deep.equal({ ok: false, error: { kind: 'invalid_event', detail: 'not a sandbox payment' } });
    });

    it('when a listener is attached, then webhooks are delivered to it on a later tick', async () => {
      const s = sandbox();
      const a = ok(await s.authorizeDeposit(deposit()));
      await s.completePayment(a.clientSecret!);
      const got: string[] = [];
      s.onWebhook((w) => { const r = s.parseWebhook(w.rawBody, w.signature); got.push(r.ok ? r.event.type : r.error.kind); });
      expect(got).to.deep.equal([]);
      await new Promise((r) => setImmediate(r));
      expect(got).to.deep.equal(['authorized']);
      expect(s.takeWebhooks()).to.deep.equal([]);
    });
  });

  describe('choosing the provider from the environment', () => {
    it('when Stripe keys are set, then Stripe is used, at STRIPE_API_BASE when given', async () => {
      const p = paymentProviderFromEnv({ STRIPE_SECRET_KEY: 'sk_test_env', STRIPE_WEBHOOK_SECRET: 'whsec_env', STRIPE_API_BASE: 'http://stripe.test:8080' }, { demo: true, stripe: { maxNetworkRetries: 0 } });
      expect(p?.name).to.equal('stripe');
      nock('http://stripe.test:8080').post('/v1/payment_intents').matchHeader('authorization', 'Bearer sk_test_env').reply(200, intent());
      expect(ok(await p!.authorizeDeposit(deposit())).providerRef).to.equal('pi_123');
    });

    it('when no keys are set, then the demo gets the sandbox and everything else bank transfer only', () => {
      expect(paymentProviderFromEnv({}, { demo: true })?.name).to.equal('sandbox');
      expect(paymentProviderFromEnv({ STRIPE_SECRET_KEY: '', STRIPE_WEBHOOK_SECRET: '' }, { demo: false })).to.equal(null);
      expect(paymentProviderFromEnv({ NODE_ENV: 'production' }, { demo: true })).to.equal(null);
    });

    it('when a value is bad, then the error names the variable and never echoes a secret', () => {
      const cases: Array<[Record<string, string>, RegExp]> = [
        [{ STRIPE_SECRET_KEY: 'pk_test_publishable', STRIPE_WEBHOOK_SECRET: 'whsec_x' }, /STRIPE_SECRET_KEY/],
        [{ STRIPE_SECRET_KEY: 'sk_test_x' }, /STRIPE_WEBHOOK_SECRET: is required/],
        [{ STRIPE_WEBHOOK_SECRET: 'whsec_x' }, /STRIPE_SECRET_KEY: is required/],
        [{ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'secret' }, /STRIPE_WEBHOOK_SECRET/],
        [{ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_API_BASE: 'ftp://stripe.test' }, /STRIPE_API_BASE.*ftp/],
        [{ STRIPE_SECRET_KEY: 'sk_test_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_API_BASE: 'http://stripe.test/v1' }, /STRIPE_API_BASE: must be scheme, host and port only/],
        [{ STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'whsec_x', STRIPE_API_BASE: 'http://stripe.test', NODE_ENV: 'production' }, /STRIPE_API_BASE: must use https/],
        [{ STRIPE_SECRET_KEY: 'sk_live_x', STRIPE_WEBHOOK_SECRET: 'whsec_x' }, /STRIPE_SECRET_KEY: a live key/],
      ];
      for (const [env, message] of cases) {
        expect(() => paymentProviderFromEnv(env, { demo: false }), JSON.stringify(env)).to.throw(message);
        try { paymentProviderFromEnv(env, { demo: false }); } catch (e) {
          expect((e as Error).message).not.to.include('pk_test_publishable');
          expect((e as Error).message).not.to.include('"secret"');
        }
      }
    });
  });
});
