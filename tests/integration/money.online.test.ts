import { expect } from 'chai';
import fc from 'fast-check';
import { eq, inArray } from 'drizzle-orm';
import { schema } from '../../server/platform/db/index';
import { StripePaymentProvider } from '../../server/modules/payments/stripe.provider';
import { OUTBOX_MAX_ATTEMPTS, backoffMs } from '../../server/modules/payments/outbox.runner';
import { FAKE_WHSEC, FakeStripe } from '../support/fake-stripe';
import { publishedLot } from '../support/factories';
import { serverHooks } from '../support/money';
import { startTestServer, type ApiClient, type TestServer, sandboxProvider } from '../support/server';

const stripe = () => new StripePaymentProvider({
  secretKey: 'sk_test_online', webhookSecret: FAKE_WHSEC, apiBase: { protocol: 'http', host: 'stripe.test', port: 80 }, timeoutMs: 500, maxNetworkRetries: 0,
});

async function bidder(t: TestServer, lotId: string) {
  const b = await t.user('bidder', { verified: true });
  const reg = await b.api.post(`/api/lots/${lotId}/registrations`);
  expect(reg.status).to.equal(201);
  return { ...b, registrationId: reg.body.id as string };
}

async function ledgerOf(t: TestServer, registrationId: string) {
  const rows = await t.database.db.select({ key: schema.ledgerEntries.idempotencyKey, phase: schema.ledgerEntries.phase })
    .from(schema.ledgerEntries).where(eq(schema.ledgerEntries.registrationId, registrationId));
  return Object.fromEntries(rows.map((r) => [r.key.replace(/:.*$/, ''), r.phase]));
}

async function outboxRows(t: TestServer) {
  return t.database.db.select().from(schema.outbox);
}

/** The authorize call of a registration's (only) online payment. */
async function authorizeRow(t: TestServer, registrationId: string) {
  const [payment] = await t.database.db.select().from(schema.providerPayments).where(eq(schema.providerPayments.registrationId, registrationId));
  const [row] = await t.database.db.select().from(schema.outbox).where(eq(schema.outbox.idempotencyKey, `authorize:${payment.id}`));
  return row;
}

async function depositStatus(api: ApiClient, lotId: string) {
  return (await api.get(`/api/lots/${lotId}/registration`)).body.depositStatus as string;
}

async function webhook(t: TestServer, e: { body: string; signature: string }) {
  return t.anon.request('POST', '/api/payments/webhook', undefined, { raw: e.body, headers: { 'stripe-signature': e.signature } });
}

describe('online deposits through a Stripe-compatible provider', () => {
  let t: TestServer, staff: ApiClient;
  let fake: FakeStripe;
  serverHooks(async () => {
    const s = await startTestServer({ paymentProvider: stripe() });
    return { t: s, staff: (await s.user('court_staff')).api };
  }, (s) => ({ t, staff } = s), { books: true, localNetwork: 'each' });
  beforeEach(() => { fake = new FakeStripe().install(); });

  /** A bidder pays online and the provider reports the hold. */
  async function heldOnline(lotId: string) {
    const b = await bidder(t, lotId);
    const pay = await b.api.call('payDepositOnline', { params: { id: lotId } });
    fake.authorize(pay.body.providerRef);
    const ack = await webhook(t, fake.intentEvent(`evt_auth_${pay.body.providerRef}`, 'payment_intent.amount_capturable_updated', pay.body.providerRef));
    expect(ack.status).to.equal(200);
    return { ...b, providerRef: pay.body.providerRef as string };
  }

  it('when a bidder pays online and the provider authorizes, then the deposit is held as a pending hold on the ledger', async () => {
    const lot = await publishedLot(t, staff);
    const b = await bidder(t, lot.id);
    const pay = await b.api.call('payDepositOnline', { params: { id: lot.id } });
    expect(pay.body).to.include({ provider: 'stripe', status: 'awaiting_payment_method', amount: '7000.00' });
    expect(pay.body.clientSecret).to.match(/_secret_/);
    const created = fake.effective(/^\/v1\/payment_intents$/);
    expect(created).to.have.length(1);
    expect(created[0].body.get('amount')).to.equal('700000');
    expect(created[0].body.get('capture_method')).to.equal('manual');
    expect(created[0].key).to.match(/^authorize:/);
    // Asking again answers the same payment, without a second call.
    const again = await b.api.call('payDepositOnline', { params: { id: lot.id } });
    expect(again.body.providerRef).to.equal(pay.body.providerRef);
    expect(fake.calls).to.have.length(1);
    expect(await depositStatus(b.api, lot.id)).to.equal('pending');

    fake.authorize(pay.body.providerRef);
    // A partial authorization (1.00 of the deposit) holds nothing, even signed by the provider.
    const partial = await webhook(t, fake.intentEvent('evt_auth_partial', 'payment_intent.amount_capturable_updated', pay.body.providerRef, { amount: 100, amount_capturable: 100 }));
    expect(partial.body).to.deep.equal({ received: true, duplicate: false });
    expect(await depositStatus(b.api, lot.id)).to.equal('pending');
    expect(await ledgerOf(t, b.registrationId)).to.deep.equal({});
    const ack = await webhook(t, fake.intentEvent('evt_auth_1', 'payment_intent.amount_capturable_updated', pay.body.providerRef));
    expect(ack.body).to.deep.equal({ received: true, duplicate: false });
    expect(await depositStatus(b.api, lot.id)).to.equal('held');
    expect(await ledgerOf(t, b.registrationId)).to.deep.equal({ 'online-hold': 'pending' });
    const [reg] = await t.database.db.select().from(schema.registrations).where(eq(schema.registrations.id, b.registrationId));
    expect(reg.depositMethod).to.equal('online');
    const paid = await b.api.post(`/api/lots/${lot.id}/registration/pay-online`);
    expect(paid.status).to.equal(409);
    expect(paid.body.error.code).to.equal('DEPOSIT_NOT_PENDING');
  });

  it('when the lot closes, then the winner\'s hold is captured and posted and the losers\' cancelled and voided', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await heldOnline(lot.id);
    const b = await heldOnline(lot.id);
    const c = await heldOnline(lot.id);
    expect((await a.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'a1' })).status).to.equal(201);
    expect((await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '72000.00', clientBidId: 'b1' })).status).to.equal(201);
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
    await t.platform.runJobsNow();

    // Only this lot's payments: an earlier test's lot may close in the same move of the clock.
    const ours = (re: RegExp) => fake.effective(re).filter((x) => [a, b, c].some((p) => x.path.includes(p.providerRef)));
    const captures = ours(/\/capture$/);
    expect(captures.map((x) => x.path)).to.deep.equal([`/v1/payment_intents/${b.providerRef}/capture`]);
    expect(captures[0].body.get('amount_to_capture')).to.equal('700000');
    expect(ours(/\/cancel$/).map((x) => x.path).sort()).to.deep.equal([a.providerRef, c.providerRef].map((r) => `/v1/payment_intents/${r}/cancel`).sort());
    expect(await depositStatus(b.api, lot.id)).to.equal('applied');
    expect(await ledgerOf(t, b.registrationId)).to.deep.equal({ 'online-hold': 'posted', 'deposit-apply': 'posted' });
    for (const loser of [a, c]) {
      expect(await depositStatus(loser.api, lot.id)).to.equal('released');
      expect(await ledgerOf(t, loser.registrationId)).to.deep.equal({ 'online-hold': 'voided' });
    }
    // The provider's own events for the same changes arrive later and change nothing.
    const late = await webhook(t, fake.intentEvent('evt_captured_late', 'payment_intent.succeeded', b.providerRef));
    expect(late.body).to.deep.equal({ received: true, duplicate: false });
    expect(await ledgerOf(t, b.registrationId)).to.deep.equal({ 'online-hold': 'posted', 'deposit-apply': 'posted' });
    const rows = (await outboxRows(t)).filter((r) => [a, b, c].some((p) => (r.payload as Record<string, string>).registrationId === p.registrationId));
    expect(rows.map((r) => `${r.kind}:${r.status}`).sort()).to.deep.equal(['cancel_deposit:done', 'cancel_deposit:done', 'capture_deposit:done']);
  });

  it('when the provider answers 5xx, then the call backs off and the retry, with the same Idempotency-Key, succeeds', async () => {
    const lot = await publishedLot(t, staff);
    const b = await bidder(t, lot.id);
    fake.failNext('500');
    const pay = await b.api.call('payDepositOnline', { params: { id: lot.id } });
    expect(pay.body).to.include({ status: 'created', clientSecret: null });
    const row = await authorizeRow(t, b.registrationId);
    expect(row.status).to.equal('pending');
    expect(row).to.include({ attempts: 1 });
    expect(row.lastError).to.match(/^unavailable/);
    expect(row.nextAttemptAt.getTime()).to.be.closeTo(t.now().getTime() + backoffMs(1), 2000);
    await t.advance(backoffMs(1) + 100);
    await t.platform.runJobsNow();
    expect(fake.calls.filter((c) => c.path === '/v1/payment_intents').map((c) => c.key)).to.deep.equal([row.idempotencyKey, row.idempotencyKey]);
    expect(fake.effective(/payment_intents$/)).to.have.length(1);
    const now = await b.api.call('payDepositOnline', { params: { id: lot.id } });
    expect(now.body.status).to.equal('awaiting_payment_method');
    expect(now.body.clientSecret).to.match(/_secret_/);
    const [done] = await t.database.db.select().from(schema.outbox).where(eq(schema.outbox.id, row.id));
    expect(done).to.include({ status: 'done', attempts: 2 });
  });

  it('when the provider does not answer in time, then the call is retried later with the same key and acts once', async () => {
    const lot = await publishedLot(t, staff);
    const b = await bidder(t, lot.id);
    fake.failNext('hang');
    const pay = await b.api.call('payDepositOnline', { params: { id: lot.id } });
    expect(pay.body.status).to.equal('created');
    const row = await authorizeRow(t, b.registrationId);
    expect(row).to.include({ status: 'pending', attempts: 1 });
    expect(row.lastError).to.match(/^(timeout|network)/);
    await t.advance(backoffMs(1) + 100);
    await t.platform.runJobsNow();
    expect(fake.calls.filter((c) => c.path === '/v1/payment_intents').map((c) => c.key)).to.deep.equal([row.idempotencyKey, row.idempotencyKey]);
    expect(fake.effective(/payment_intents$/)).to.have.length(1);
    expect((await b.api.call('payDepositOnline', { params: { id: lot.id } })).body.status).to.equal('awaiting_payment_method');
  });

  it('when the provider refuses the call, then the row is marked failed for finance, the payment failed, and paying again starts afresh', async () => {
    const lot = await publishedLot(t, staff);
    const b = await bidder(t, lot.id);
    fake.failNext('refuse');
    const pay = await b.api.call('payDepositOnline', { params: { id: lot.id } });
    expect(pay.body).to.include({ status: 'failed', clientSecret: null });
    const row = await authorizeRow(t, b.registrationId);
    expect(row).to.include({ status: 'failed', attempts: 1 });
    expect(row.lastError).to.match(/^invalid_request: This account cannot take payments/);
    await t.advance(backoffMs(5));
    expect(fake.calls.filter((c) => c.key === row.idempotencyKey)).to.have.length(1);
    const again = await b.api.call('payDepositOnline', { params: { id: lot.id } });
    expect(again.body.status).to.equal('awaiting_payment_method');
    expect(fake.effective(/payment_intents$/).map((c) => c.key)).to.have.length(1).and.not.include(row.idempotencyKey);
    expect(await depositStatus(b.api, lot.id)).to.equal('pending');
  });

  it('when the provider keeps failing, then the call is retried with backoff up to its limit and then marked failed', async () => {
    const lot = await publishedLot(t, staff);
    const b = await bidder(t, lot.id);
    fake.failNext(...Array<'500'>(OUTBOX_MAX_ATTEMPTS).fill('500'));
    await b.api.call('payDepositOnline', { params: { id: lot.id } });
    for (let attempt = 1; attempt < OUTBOX_MAX_ATTEMPTS; attempt++) {
      expect(await authorizeRow(t, b.registrationId)).to.include({ status: 'pending', attempts: attempt });
      await t.advance(backoffMs(attempt) + 100);
    }
    const row = await authorizeRow(t, b.registrationId);
    expect(row).to.include({ status: 'failed', attempts: OUTBOX_MAX_ATTEMPTS });
    expect(row.lastError).to.match(/^unavailable/);
    const creations = fake.calls.filter((c) => c.path === '/v1/payment_intents');
    expect(creations.map((c) => c.key)).to.deep.equal(Array<string>(OUTBOX_MAX_ATTEMPTS).fill(row.idempotencyKey));
  });

  it('when a webhook\'s signature does not verify, then it is refused with 400 BAD_SIGNATURE and nothing changes', async () => {
    const lot = await publishedLot(t, staff);
    const b = await bidder(t, lot.id);
    const pay = await b.api.call('payDepositOnline', { params: { id: lot.id } });
    fake.authorize(pay.body.providerRef);
    const forged = fake.intentEvent('evt_forged', 'payment_intent.amount_capturable_updated', pay.body.providerRef);
    for (const signature of [fake.event('evt_forged', 'x', {}, 'whsec_other_secret').signature, 'garbage', '']) {
      const r = await webhook(t, { body: forged.body, signature });
      expect(r.status).to.equal(400);
      expect(r.body.error.code).to.equal('BAD_SIGNATURE');
    }
    const tampered = await webhook(t, { body: forged.body.replace('"amount":700000', '"amount":1'), signature: forged.signature });
    expect(tampered.status).to.equal(400);
    expect(await depositStatus(b.api, lot.id)).to.equal('pending');
    expect(await ledgerOf(t, b.registrationId)).to.deep.equal({});
    const events = await t.database.db.select().from(schema.webhookEvents).where(eq(schema.webhookEvents.eventId, 'evt_forged'));
    expect(events).to.have.length(0);
  });

  it('when the webhook gets junk, forged, stale or tampered bodies, then it always answers 400 with the error shape and stores nothing', async () => {
    const lot = await publishedLot(t, staff);
    const b = await bidder(t, lot.id);
    const pay = await b.api.call('payDepositOnline', { params: { id: lot.id } });
    fake.authorize(pay.body.providerRef);
    const good = fake.intentEvent('evt_fuzz', 'payment_intent.amount_capturable_updated', pay.body.providerRef);
    const stale = good.signature.replace(/t=(\d+)/, (_m, ts: string) => `t=${Number(ts) - 3600}`);
    const counts = () => Promise.all([schema.webhookEvents, schema.ledgerEntries, schema.providerPayments, schema.registrations]
      .map(async (table) => JSON.stringify(await t.database.db.select().from(table))));
    const before = await counts();
    await fc.assert(fc.asyncProperty(
      fc.oneof(
        fc.string({ maxLength: 200 }).map((body) => ({ body, signature: good.signature })),
        fc.json({ maxDepth: 3 }).map((body) => ({ body, signature: good.signature })),
        fc.nat({ max: good.body.length - 1 }).chain((i) => fc.string({ minLength: 1, maxLength: 1 }).filter((ch) => ch !== good.body[i]).map((ch) => ({ body: good.body.slice(0, i) + ch + good.body.slice(i + 1), signature: good.signature }))),
        fc.string({ maxLength: 300 }).map((signature) => ({ body: good.body, signature })),
        fc.constant({ body: good.body, signature: stale }),
        fc.constant({ body: good.body, signature: fake.event('evt_fuzz', 'x', {}, 'whsec_someone_else').signature }),
      ),
      async (e) => {
        const r = await t.anon.request('POST', '/api/payments/webhook', undefined, { raw: e.body, headers: { 'stripe-signature': e.signature, 'content-type': 'application/json' } });
        const show = `${JSON.stringify(e).slice(0, 200)} → ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
        expect(r.status, show).to.equal(400);
        expect(r.body?.error?.code, show).to.equal('BAD_SIGNATURE');
        expect(r.body.error.message, show).to.be.a('string').and.not.equal('');
      },
    ), { numRuns: 60, seed: 20261201 });
    expect(await counts()).to.deep.equal(before);
    expect(await depositStatus(b.api, lot.id)).to.equal('pending');
  });

  it('when the same webhook arrives twice, even at once, then it takes effect once', async () => {
    const lot = await publishedLot(t, staff);
    const b = await bidder(t, lot.id);
    const pay = await b.api.call('payDepositOnline', { params: { id: lot.id } });
    fake.authorize(pay.body.providerRef);
    const e = fake.intentEvent('evt_dup', 'payment_intent.amount_capturable_updated', pay.body.providerRef);
    const acks = await Promise.all([webhook(t, e), webhook(t, e), webhook(t, e)]);
    expect(acks.map((a) => a.status)).to.deep.equal([200, 200, 200]);
    expect(acks.filter((a) => a.body.duplicate === false)).to.have.length(1);
    expect(await depositStatus(b.api, lot.id)).to.equal('held');
    const entries = await t.database.db.select().from(schema.ledgerEntries).where(eq(schema.ledgerEntries.registrationId, b.registrationId));
    expect(entries).to.have.length(1);
  });

  it('when events come out of order, then a late one never moves a payment back', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const w = await bidder(t, lot.id);
    const pay = await w.api.call('payDepositOnline', { params: { id: lot.id } });
    fake.authorize(pay.body.providerRef);
    const authorized = fake.intentEvent('evt_ooo_auth', 'payment_intent.amount_capturable_updated', pay.body.providerRef);
    await webhook(t, authorized);
    expect((await w.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'w1' })).status).to.equal(201);
    // The capture's own event arrives before our capture call's answer is applied.
    fake.intents.get(pay.body.providerRef)!.status = 'succeeded';
    const captured = fake.intentEvent('evt_ooo_captured', 'payment_intent.succeeded', pay.body.providerRef, { amount_received: 700000 });
    fake.intents.get(pay.body.providerRef)!.status = 'requires_capture';
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
    await t.platform.runJobsNow();
    expect(await ledgerOf(t, w.registrationId)).to.deep.equal({ 'online-hold': 'posted', 'deposit-apply': 'posted' });
    // Then the older events: a repeat of the authorization, a cancellation, the capture: none moves it back.
    const cancelled = fake.intentEvent('evt_ooo_cancel', 'payment_intent.canceled', pay.body.providerRef);
    for (const e of [fake.intentEvent('evt_ooo_auth2', 'payment_intent.amount_capturable_updated', pay.body.providerRef, { amount_capturable: 700000 }), cancelled, captured]) {
      expect((await webhook(t, e)).status).to.equal(200);
    }
    expect(await depositStatus(w.api, lot.id)).to.equal('applied');
    expect(await ledgerOf(t, w.registrationId)).to.deep.equal({ 'online-hold': 'posted', 'deposit-apply': 'posted' });
    const [payment] = await t.database.db.select().from(schema.providerPayments).where(eq(schema.providerPayments.providerRef, pay.body.providerRef));
    expect(payment.status).to.equal('succeeded');
  });

  it('when an authorization arrives after the lot closed, then the hold is cancelled rather than held', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const b = await bidder(t, lot.id);
    const pay = await b.api.call('payDepositOnline', { params: { id: lot.id } });
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
    fake.authorize(pay.body.providerRef);
    await webhook(t, fake.intentEvent('evt_late_auth', 'payment_intent.amount_capturable_updated', pay.body.providerRef));
    await t.platform.runJobsNow();
    expect(fake.effective(/\/cancel$/).map((c) => c.path)).to.deep.equal([`/v1/payment_intents/${pay.body.providerRef}/cancel`]);
    expect(await depositStatus(b.api, lot.id)).to.equal('pending');
    expect(await ledgerOf(t, b.registrationId)).to.deep.equal({});
  });

  it('when the close, the provider\'s webhooks and the outbox race over a loser whose money the provider took, then it is refunded once', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const w = await heldOnline(lot.id);
    const l = await heldOnline(lot.id);
    expect((await l.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'l1' })).status).to.equal(201);
    expect((await w.api.post(`/api/lots/${lot.id}/bids`, { amount: '71000.00', clientBidId: 'w1' })).status).to.equal(201);
    // The provider took the loser's money (a capture made outside the platform); its events race the close.
    const pi = fake.intents.get(l.providerRef)!;
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    const taken1 = fake.intentEvent('evt_race_taken_1', 'payment_intent.succeeded', l.providerRef);
    const taken2 = fake.intentEvent('evt_race_taken_2', 'payment_intent.succeeded', l.providerRef);
    await Promise.all([
      t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10),
      webhook(t, taken1), webhook(t, taken2), webhook(t, taken1),
      t.platform.runJobsNow(),
    ]);
    for (let i = 0; i < 3; i++) await t.platform.runJobsNow();

    const refundCalls = fake.calls.filter((c) => c.path === '/v1/refunds' && c.body.get('payment_intent') === l.providerRef);
    expect(refundCalls.filter((c) => c.effective), 'refunds made at the provider').to.have.length(1);
    expect(refundCalls[0].body.get('amount')).to.equal('700000');
    expect(refundCalls[0].key).to.match(/^refund:/);
    const owed = await t.database.db.select().from(schema.refunds).where(eq(schema.refunds.registrationId, l.registrationId));
    expect(owed).to.have.length(1);
    expect(owed[0]).to.include({ method: 'provider', status: 'sent', amount: '7000.00' });
    expect(owed[0].providerRef).to.match(/^re_/);

    // The provider's refund events, twice and repeated, at once: the refund stays paid once.
    const refundObject = { id: owed[0].providerRef, object: 'refund', amount: 700000, currency: 'cny', payment_intent: l.providerRef, status: 'succeeded' };
    const r1 = fake.event('evt_race_refund_1', 'refund.created', refundObject);
    const r2 = fake.event('evt_race_refund_2', 'refund.updated', refundObject);
    const acks = await Promise.all([webhook(t, r1), webhook(t, r2), webhook(t, r1)]);
    expect(acks.map((a) => a.status)).to.deep.equal([200, 200, 200]);
    await t.platform.runJobsNow();
    expect(fake.calls.filter((c) => c.path === '/v1/refunds' && c.effective && c.body.get('payment_intent') === l.providerRef)).to.have.length(1);
    const sent = await t.database.db.select().from(schema.ledgerEntries).where(eq(schema.ledgerEntries.registrationId, l.registrationId));
    expect(sent.filter((e) => e.kind === 'refund_sent')).to.have.length(1);
    expect(sent.filter((e) => e.kind === 'deposit_returned')).to.have.length(1);
    expect(await depositStatus(l.api, lot.id)).to.equal('released');
    expect(await depositStatus(w.api, lot.id)).to.equal('applied');
    expect(await ledgerOf(t, w.registrationId)).to.deep.equal({ 'online-hold': 'posted', 'deposit-apply': 'posted' });
  });

  it('when no provider is configured, then paying online is 404 and the webhook is 404', async () => {
    const bare = await startTestServer();
    try {
      const s = (await bare.user('court_staff')).api;
      const lot = await publishedLot(bare, s);
      const b = await bidder(bare, lot.id);
      const r = await b.api.post(`/api/lots/${lot.id}/registration/pay-online`);
      expect(r.status).to.equal(404);
      expect((await bare.anon.request('POST', '/api/payments/webhook', undefined, { raw: '{}' })).status).to.equal(404);
      expect((await b.api.post('/api/payments/sandbox/pay', { clientSecret: 'x_secret_y', outcome: 'succeed' })).status).to.equal(404);
    } finally {
      await bare.stop();
    }
  });
});

describe('online deposits in the demo sandbox', () => {
  let t: TestServer;
  serverHooks(async () => ({ t: await startTestServer({ paymentProvider: sandboxProvider() }) }), (s) => ({ t } = s), { books: true });

  it('when a bidder pays in the sandbox checkout, then the deposit is held, and its webhook arrives through the same path once', async () => {
    const staff = (await t.user('court_staff')).api;
    const lot = await publishedLot(t, staff);
    const b = await bidder(t, lot.id);
    const pay = await b.api.call('payDepositOnline', { params: { id: lot.id } });
    expect(pay.body).to.include({ provider: 'sandbox', status: 'awaiting_payment_method' });
    expect(pay.body.providerRef).to.match(/^sbx_[a-z0-9]+_pi_/);
    // Someone else holding the secret cannot complete or decline the bidder's payment.
    for (const other of [(await t.user('bidder', { verified: true })).api, (await t.user('finance')).api]) {
      expect((await other.post('/api/payments/sandbox/pay', { clientSecret: pay.body.clientSecret!, outcome: 'decline' })).status).to.equal(404);
    }
    expect(await depositStatus(b.api, lot.id)).to.equal('pending');
    const declined = await b.api.call('sandboxPay', { body: { clientSecret: pay.body.clientSecret!, outcome: 'decline' } });
    expect(declined.body.status).to.equal('failed');
    const retry = await b.api.call('payDepositOnline', { params: { id: lot.id } });
    expect(retry.body.providerRef).to.not.equal(pay.body.providerRef);
    const paid = await b.api.call('sandboxPay', { body: { clientSecret: retry.body.clientSecret!, outcome: 'succeed' } });
    expect(paid.body).to.include({ status: 'authorized', clientSecret: null });
    expect(await depositStatus(b.api, lot.id)).to.equal('held');
    // The sandbox's signed webhook is delivered on a later tick and recorded once.
    for (let i = 0; i < 50; i++) {
      const seen = await t.database.db.select().from(schema.webhookEvents).where(inArray(schema.webhookEvents.providerRef, [retry.body.providerRef]));
      if (seen.length > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const seen = await t.database.db.select().from(schema.webhookEvents).where(eq(schema.webhookEvents.providerRef, retry.body.providerRef));
    expect(seen.map((e) => e.type)).to.deep.equal(['authorized']);
    expect(await ledgerOf(t, b.registrationId)).to.deep.equal({ 'online-hold': 'pending' });
  });
});
