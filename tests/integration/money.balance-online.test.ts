import { expect } from 'chai';
import { and, eq } from 'drizzle-orm';
import nock from 'nock';
import { schema } from '../../server/platform/db/index';
import { StripePaymentProvider } from '../../server/modules/payments/stripe.provider';
import { FAKE_WHSEC, FakeStripe } from '../support/fake-stripe';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { moneyServer, serverHooks, soldLot } from '../support/money';
import { courtServer, type ApiClient, type TestServer, sandboxProvider } from '../support/server';

const stripe = () => new StripePaymentProvider({
  secretKey: 'sk_test_balance', webhookSecret: FAKE_WHSEC, apiBase: { protocol: 'http', host: 'stripe.test', port: 80 }, timeoutMs: 500, maxNetworkRetries: 0,
});

/** A sold lot: two bidders with deposits held by bank, the second wins at 75,000.00 (balance 68,000.00). */
async function soldForBalance(t: TestServer, staff: ApiClient, finance: ApiClient) {
  const { lot, buyer, loser } = await soldLot(t, staff, finance);
  return { lotId: lot.id as string, buyer, loser };
}

async function lotRow(t: TestServer, lotId: string) {
  const [l] = await t.database.db.select().from(schema.lots).where(eq(schema.lots.id, lotId));
  return l;
}

async function balanceEntries(t: TestServer, lotId: string) {
  return t.database.db.select({ account: schema.ledgerLines.account, debit: schema.ledgerLines.debit })
    .from(schema.ledgerLines).innerJoin(schema.ledgerEntries, eq(schema.ledgerLines.entryId, schema.ledgerEntries.id))
    .where(and(eq(schema.ledgerEntries.lotId, lotId), eq(schema.ledgerEntries.kind, 'balance_received')));
}

describe('money: the buyer pays the balance online, an ordinary payment at the provider', () => {
  describe('through a Stripe-compatible provider', () => {
    let t: TestServer, staff: ApiClient, finance: ApiClient;
    let fake: FakeStripe;
    serverHooks(() => courtServer({ paymentProvider: stripe() }), (s) => ({ t, staff, finance } = s), { books: true, localNetwork: 'each' });
    beforeEach(() => { fake = new FakeStripe().install(); });

    const webhook = (e: { body: string; signature: string }) =>
      t.anon.request('POST', '/api/payments/webhook', undefined, { raw: e.body, headers: { 'stripe-signature': e.signature } });

    it('when the buyer pays and the provider reports success, then the balance is recorded once into provider clearing, whatever repeats or comes late', async () => {
      const { lotId, buyer, loser } = await soldForBalance(t, staff, finance);
      expect((await loser.api.post(`/api/lots/${lotId}/balance/pay-online`)).status).to.equal(403);
      const stranger = await t.user('bidder', { verified: true });
      expect((await stranger.api.post(`/api/lots/${lotId}/balance/pay-online`)).status).to.equal(403);

      const pay = await buyer.api.call('payBalanceOnline', { params: { id: lotId } });
      expect(pay.body).to.include({ provider: 'stripe', status: 'awaiting_payment_method', amount: '68000.00' });
      const created = fake.effective(/^\/v1\/payment_intents$/);
      expect(created).to.have.length(1);
      expect(created[0].body.get('amount')).to.equal('6800000');
      expect(created[0].body.get('capture_method')).to.not.equal('manual');
      expect(created[0].key).to.match(/^charge:/);
      const again = await buyer.api.call('payBalanceOnline', { params: { id: lotId } });
      expect(again.body.providerRef).to.equal(pay.body.providerRef);
      expect(fake.calls).to.have.length(1);

      // A decline that arrives after the success is stale and changes nothing.
      const paid = fake.intentEvent('evt_bal_ok', 'payment_intent.succeeded', pay.body.providerRef, { status: 'succeeded', amount_received: 6800000 });
      const failedLate = fake.intentEvent('evt_bal_fail', 'payment_intent.payment_failed', pay.body.providerRef);
      expect((await webhook(paid)).body).to.deep.equal({ received: true, duplicate: false });
      expect((await webhook(paid)).body).to.deep.equal({ received: true, duplicate: true });
      expect((await webhook(failedLate)).body).to.deep.equal({ received: true, duplicate: false });

      const lot = await lotRow(t, lotId);
      expect(lot.balancePaidAt).to.not.equal(null);
      expect(lot.balanceBankReference).to.equal(pay.body.providerRef);
      const lines = await balanceEntries(t, lotId);
      expect(lines.filter((l) => l.debit !== '0.00' && l.debit !== '0')).to.deep.equal([{ account: 'asset:provider_clearing', debit: '68000.00' }]);
      const reg = (await buyer.api.call('myRegistration', { params: { id: lotId } })).body;
      expect(reg.balance!.paidAt).to.not.equal(null);
      const more = await buyer.api.post(`/api/lots/${lotId}/balance/pay-online`);
      expect(more.status).to.equal(409);
      expect(more.body.error.code).to.equal('BALANCE_ALREADY_PAID');
    });

    it('when the balance was recorded by bank before the online payment succeeds, then the online money is refunded through the provider, never applied twice', async () => {
      const { lotId, buyer } = await soldForBalance(t, staff, finance);
      const pay = await buyer.api.call('payBalanceOnline', { params: { id: lotId } });
      expect((await finance.post(`/api/finance/lots/${lotId}/balance`, { bankReference: `BAL-${lotId}` })).status).to.equal(200);
      const paid = fake.intentEvent('evt_bal_late', 'payment_intent.succeeded', pay.body.providerRef, { status: 'succeeded', amount_received: 6800000 });
      fake.intents.get(pay.body.providerRef)!.status = 'succeeded';
      expect((await webhook(paid)).status).to.equal(200);
      await t.platform.runJobsNow();
      expect((await lotRow(t, lotId)).balanceBankReference).to.equal(`BAL-${lotId}`);
      expect(await balanceEntries(t, lotId)).to.have.length(2); // one entry: the bank's debit and the proceeds' credit
      const refunds = await t.database.db.select().from(schema.refunds).where(eq(schema.refunds.lotId, lotId));
      const online = refunds.filter((r) => r.method === 'provider');
      expect(online).to.have.length(1);
      expect(online[0]).to.include({ amount: '68000.00', kind: 'overpayment', status: 'sent' });
      expect(fake.effective(/^\/v1\/refunds$/)).to.have.length(1);
    });

    it('when two different success events for the same payment race, then the balance is applied once and nothing is owed back', async () => {
      const { lotId, buyer } = await soldForBalance(t, staff, finance);
      const pay = await buyer.api.call('payBalanceOnline', { params: { id: lotId } });
      const over = { status: 'succeeded', amount_received: 6800000 };
      const events = ['evt_race_a', 'evt_race_b', 'evt_race_c'].map((id) => fake.intentEvent(id, 'payment_intent.succeeded', pay.body.providerRef, over));
      const acks = await Promise.all(events.map((e) => webhook(e)));
      expect(acks.map((a) => a.status)).to.deep.equal([200, 200, 200]);
      await t.platform.runJobsNow();
      expect(await balanceEntries(t, lotId)).to.have.length(2);
      // The loser's deposit is the lot's only refund.
      const refunds = await t.database.db.select().from(schema.refunds).where(eq(schema.refunds.lotId, lotId));
      expect(refunds.map((r) => [r.kind, r.method])).to.deep.equal([['deposit_release', 'bank']]);
      expect((await lotRow(t, lotId)).balancePaidAt).to.not.equal(null);
    });

    it('when a refund call fails for good, then finance sees it among the provider calls, retries it, and the refund goes out once', async () => {
      const { lotId, buyer } = await soldForBalance(t, staff, finance);
      const pay = await buyer.api.call('payBalanceOnline', { params: { id: lotId } });
      expect((await finance.post(`/api/finance/lots/${lotId}/balance`, { bankReference: `BAL-${lotId}` })).status).to.equal(200);
      // The provider refuses refunds for now: a permanent error, not retried by itself.
      nock.cleanAll();
      nock('http://stripe.test').post('/v1/refunds').reply(400, { error: { type: 'invalid_request_error', message: 'Refunds are paused on this account.' } });
      const paid = fake.intentEvent('evt_bal_refund', 'payment_intent.succeeded', pay.body.providerRef, { status: 'succeeded', amount_received: 6800000 });
      expect((await webhook(paid)).status).to.equal(200);
      await t.platform.runJobsNow();

      const failed = (await finance.call('outboxCalls', { query: { status: 'failed' } })).body.calls.filter((c) => c.lotId === lotId);
      expect(failed).to.have.length(1);
      expect(failed[0]).to.include({ kind: 'refund', status: 'failed', attempts: 1, registrationId: buyer.registration.id });
      expect(failed[0].lastError).to.match(/Refunds are paused/);
      const retrying = (await finance.call('outboxCalls', { query: { status: 'retrying' } })).body.calls;
      expect(retrying.some((c) => c.id === failed[0].id)).to.equal(false);
      const [refund] = await t.database.db.select().from(schema.refunds).where(eq(schema.refunds.id, failed[0].refundId!));
      expect(refund.status).to.equal('failed');

      fake.install();
      const retried = await finance.call('retryOutboxCall', { params: { id: failed[0].id } });
      expect(retried.body).to.include({ id: failed[0].id, status: 'pending', attempts: 0 });
      // Due now: at once, not after the failed call's backoff.
      expect(new Date(retried.body.nextAttemptAt).getTime()).to.be.within(t.now().getTime() - 1000, t.now().getTime());
      const twice = await finance.post(`/api/finance/outbox/${failed[0].id}/retry`);
      expect(twice.status).to.equal(409);
      expect(twice.body.error.code).to.equal('CALL_NOT_FAILED');
      await t.platform.runJobsNow();
      const [sent] = await t.database.db.select().from(schema.refunds).where(eq(schema.refunds.id, failed[0].refundId!));
      expect(sent.status).to.equal('sent');
      expect(fake.effective(/^\/v1\/refunds$/)).to.have.length(1);
      expect((await finance.call('outboxCalls')).body.calls.some((c) => c.id === failed[0].id)).to.equal(false);
      expect((await finance.post('/api/finance/outbox/no-such-call/retry')).status).to.equal(404);
    });

    it('when a payment creation fails for good, then it is listed, and retrying it is refused: the payer pays afresh', async () => {
      const { lotId, buyer } = await soldForBalance(t, staff, finance);
      fake.failNext('refuse');
      const pay = await buyer.api.post(`/api/lots/${lotId}/balance/pay-online`);
      expect(pay.status).to.equal(200);
      expect(pay.body.status).to.equal('failed');
      const failed = (await finance.call('outboxCalls', { query: { status: 'failed' } })).body.calls.filter((c) => c.lotId === lotId);
      expect(failed.map((c) => c.kind)).to.deep.equal(['charge_balance']);
      const retry = await finance.post(`/api/finance/outbox/${failed[0].id}/retry`);
      expect(retry.status).to.equal(409);
      expect(retry.body.error.code).to.equal('CALL_NOT_FAILED');
      const again = await buyer.api.call('payBalanceOnline', { params: { id: lotId } });
      expect(again.body.status).to.equal('awaiting_payment_method');
      expect(again.body.providerRef).to.not.equal('');
    });

    it('when the lot is not sold, then paying its balance online is 409 LOT_NOT_SOLD', async () => {
      const lot = await publishedLot(t, staff, { live: true });
      const b = await bidderWithDeposit(t, lot.id, finance);
      const res = await b.api.post(`/api/lots/${lot.id}/balance/pay-online`);
      expect(res.status).to.equal(409);
      expect(res.body.error.code).to.equal('LOT_NOT_SOLD');
    });
  });

  describe('through the demo sandbox checkout', () => {
    let t: TestServer, staff: ApiClient, finance: ApiClient;
    moneyServer((s) => ({ t, staff, finance } = s), { paymentProvider: sandboxProvider() });

    it('when the buyer pays in the sandbox checkout, then the balance is paid at once and the sandbox\'s own webhook changes nothing more', async () => {
      const { lotId, buyer } = await soldForBalance(t, staff, finance);
      const pay = await buyer.api.call('payBalanceOnline', { params: { id: lotId } });
      expect(pay.body).to.include({ provider: 'sandbox', status: 'awaiting_payment_method', amount: '68000.00' });
      const done = await buyer.api.call('sandboxPay', { body: { clientSecret: pay.body.clientSecret!, outcome: 'succeed' } });
      expect(done.body.status).to.equal('succeeded');
      await new Promise((r) => setTimeout(r, 200)); // the sandbox's webhook arrives on a later tick
      expect((await lotRow(t, lotId)).balancePaidAt).to.not.equal(null);
      expect(await balanceEntries(t, lotId)).to.have.length(2);
      expect((await buyer.api.call('myRegistration', { params: { id: lotId } })).body.balance!.paidAt).to.not.equal(null);
    });
  });
});
