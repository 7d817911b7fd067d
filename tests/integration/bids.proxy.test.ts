import { expect } from 'chai';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { auditDatabase } from '../support/audit';
import { courtServer, startTestServer, type ApiClient, type TestServer } from '../support/server';

/** Proxy bids (代理出价): ordinary bids placed for a bidder when outbid, up to the maximum they set. */
describe('proxy bids: the minimum step placed for a bidder whenever outbid, up to their maximum', () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  before(async () => ({ t, staff, finance } = await courtServer()));
  after(async () => { await t.stop(); });

  const lotView = async (id: string) => (await t.anon.get(`/api/lots/${id}`)).body;
  let n = 0;
  const bid = (b: { api: ApiClient }, lotId: string, amount: string) => b.api.post(`/api/lots/${lotId}/bids`, { amount, clientBidId: `proxy-test-${++n}` });

  it('when a manual bidder bids against a proxy, then each of their bids is answered at once by the proxy, one step up, until the maximum', async () => {
    // Starting price 70,000, increment 1,000.
    const lot = await publishedLot(t, staff, { live: true });
    const proxied = await bidderWithDeposit(t, lot.id, finance);
    const manual = await bidderWithDeposit(t, lot.id, finance);
    const set = await proxied.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '73000.00' });
    expect(set.status, JSON.stringify(set.body)).to.equal(201);
    expect(set.body).to.deep.include({ lotId: lot.id, maxAmount: '73000.00', exhausted: false });
    // Set while no one leads: it bids the starting price at once.
    let v = await lotView(lot.id);
    expect(v).to.include({ currentPrice: '70000.00', leadingBidderCode: proxied.bidderCode, bidCount: 1 });

    expect((await bid(manual, lot.id, '71000.00')).status).to.equal(201);
    v = await lotView(lot.id);
    expect(v).to.include({ currentPrice: '72000.00', leadingBidderCode: proxied.bidderCode, bidCount: 3 });
    expect((await bid(manual, lot.id, '73000.00')).status).to.equal(201);
    // 74,000 would be above the maximum: the proxy stops, the manual bidder leads.
    v = await lotView(lot.id);
    expect(v).to.include({ currentPrice: '73000.00', leadingBidderCode: manual.bidderCode, bidCount: 4 });
    const mine = await proxied.api.get(`/api/lots/${lot.id}/proxy-bid`);
    expect(mine.body.proxyBid).to.deep.include({ maxAmount: '73000.00', exhausted: true });

    // Every step is an ordinary bid in the public record, under the bidder's code.
    const log = (await t.anon.get(`/api/lots/${lot.id}/bid-log`)).body.entries as Array<{ seq: number; bidderCode: string; amount: string }>;
    expect(log.map((e) => [e.bidderCode, e.amount])).to.deep.equal([
      [proxied.bidderCode, '70000.00'], [manual.bidderCode, '71000.00'], [proxied.bidderCode, '72000.00'], [manual.bidderCode, '73000.00'],
    ]);
    // The maximum is the bidder's alone: no public view or other bidder's view carries it.
    for (const body of [await lotView(lot.id), (await manual.api.get(`/api/lots/${lot.id}`)).body]) {
      expect(JSON.stringify(body)).to.not.include('maxAmount');
    }
    expect((await manual.api.get(`/api/lots/${lot.id}/proxy-bid`)).body).to.deep.equal({ proxyBid: null });
  });

  it('when two proxies compete, then they outbid each other step by step and the higher maximum leads one step above the lower', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const low = await bidderWithDeposit(t, lot.id, finance);
    const high = await bidderWithDeposit(t, lot.id, finance);
    const manual = await bidderWithDeposit(t, lot.id, finance);
    expect((await bid(manual, lot.id, '70000.00')).status).to.equal(201);
    expect((await low.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '75000.00' })).status).to.equal(201);
    expect((await lotView(lot.id))).to.include({ currentPrice: '71000.00', leadingBidderCode: low.bidderCode });
    const set = await high.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '80000.00' });
    expect(set.status).to.equal(201);
    const v = await lotView(lot.id);
    expect(v).to.include({ currentPrice: '76000.00', leadingBidderCode: high.bidderCode });
    const amounts = (v.bids as Array<{ amount: string; bidderCode: string }>).map((b) => b.amount);
    // 72,000 by the higher proxy, 73,000 by the lower, … 75,000 by the lower, 76,000 by the higher.
    expect(amounts.slice(0, 5)).to.have.members(['72000.00', '73000.00', '74000.00', '75000.00', '76000.00']);
    expect(v.bidCount).to.equal(7);
  });

  it('when a proxy is withdrawn, then it bids no more and the bids it placed stand', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const proxied = await bidderWithDeposit(t, lot.id, finance);
    const manual = await bidderWithDeposit(t, lot.id, finance);
    expect((await proxied.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '90000.00' })).status).to.equal(201);
    expect((await proxied.api.request('DELETE', `/api/lots/${lot.id}/proxy-bid`)).status).to.equal(204);
    expect((await proxied.api.request('DELETE', `/api/lots/${lot.id}/proxy-bid`)).status).to.equal(404);
    expect((await bid(manual, lot.id, '71000.00')).status).to.equal(201);
    const v = await lotView(lot.id);
    expect(v).to.include({ currentPrice: '71000.00', leadingBidderCode: manual.bidderCode, bidCount: 2 });
    expect((await proxied.api.get(`/api/lots/${lot.id}/proxy-bid`)).body).to.deep.equal({ proxyBid: null });
  });

  it('when a proxy is set before the start, then it bids the starting price when the lot opens', async () => {
    const lot = await publishedLot(t, staff);
    const proxied = await bidderWithDeposit(t, lot.id, finance);
    expect((await proxied.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '80000.00' })).status).to.equal(201);
    expect(await lotView(lot.id)).to.include({ status: 'announced', bidCount: 0 });
    await t.advance(new Date(lot.startsAt).getTime() - t.now().getTime() + 1000);
    for (let i = 0; i < 50 && (await lotView(lot.id)).bidCount === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await lotView(lot.id)).to.include({ status: 'live', currentPrice: '70000.00', leadingBidderCode: proxied.bidderCode });
  });

  it('when a priority holder sets a proxy, then it matches the top price rather than raising it (A21)', async () => {
    const lot = await publishedLot(t, staff);
    const holder = await bidderWithDeposit(t, lot.id, finance);
    expect((await staff.post(`/api/lots/${lot.id}/priority-holders`, { email: holder.email, rank: 1 })).status).to.equal(201);
    const other = await bidderWithDeposit(t, lot.id, finance);
    await t.advance(new Date(lot.startsAt).getTime() - t.now().getTime() + 1000);
    expect((await bid(other, lot.id, '70000.00')).status).to.equal(201);
    expect((await holder.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '72000.00' })).status).to.equal(201);
    let v = await lotView(lot.id);
    expect(v).to.include({ currentPrice: '70000.00', leadingBidderCode: holder.bidderCode, bidCount: 2 });
    expect((await bid(other, lot.id, '72000.00')).status).to.equal(201);
    v = await lotView(lot.id);
    expect(v).to.include({ currentPrice: '72000.00', leadingBidderCode: holder.bidderCode, bidCount: 4 });
  });

  it('when a proxy bids in the last five minutes, then the end moves as for any bid (A20)', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const proxied = await bidderWithDeposit(t, lot.id, finance);
    const manual = await bidderWithDeposit(t, lot.id, finance);
    expect((await proxied.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '90000.00' })).status).to.equal(201);
    const endsAt = new Date((await lotView(lot.id)).endsAt).getTime();
    await t.advance(endsAt - t.now().getTime() - 60_000);
    expect((await bid(manual, lot.id, '71000.00')).status).to.equal(201);
    const v = await lotView(lot.id);
    expect(v).to.include({ currentPrice: '72000.00', leadingBidderCode: proxied.bidderCode });
    // The proxy answered as of the manual bid's arrival: both bids carry its time, the first moved the end to
    // five minutes after it, and the second found it there.
    const [proxyBid, manualBid] = v.bids as Array<{ at: string }>;
    expect(proxyBid.at).to.equal(manualBid.at);
    expect(new Date(v.endsAt).getTime()).to.equal(new Date(manualBid.at).getTime() + 5 * 60_000);
    expect(new Date(v.endsAt).getTime()).to.be.greaterThan(endsAt);
    expect(v.extensionCount).to.equal(1);
  });

  it('when the maximum is below the next bid, the deposit is not held, the caller is staff or the lot is closed, then it is refused and nothing is bid', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    const b = await bidderWithDeposit(t, lot.id, finance);
    expect((await bid(a, lot.id, '70000.00')).status).to.equal(201);
    const low = await b.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '70500.00' });
    expect(low.status).to.equal(422);
    expect(low.body.error.details).to.include({ rule: 'BID_BELOW_MINIMUM', minimum: '71000.00' });
    for (const amount of ['abc', '-1', '1e9', '70000.001', '']) {
      const r = await b.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: amount });
      expect(r.status, amount).to.equal(400);
    }
    expect((await b.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '80000.00', extra: 1 })).status).to.equal(400);
    const unpaid = await t.user('bidder', { verified: true });
    expect((await unpaid.api.post(`/api/lots/${lot.id}/registrations`)).status).to.equal(201);
    const notHeld = await unpaid.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '80000.00' });
    expect(notHeld.status).to.equal(403);
    expect(notHeld.body.error.details.reason).to.equal('DEPOSIT_NOT_HELD');
    const staffTry = await staff.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '80000.00' });
    expect(staffTry.status).to.equal(422);
    expect(staffTry.body.error.details.rule).to.equal('STAFF_MAY_NOT_BID');
    expect((await t.anon.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '80000.00' })).status).to.equal(401);
    expect(await lotView(lot.id)).to.include({ currentPrice: '70000.00', bidCount: 1 });

    const endsAt = new Date((await lotView(lot.id)).endsAt).getTime();
    await t.advance(endsAt - t.now().getTime() + 2000);
    for (let i = 0; i < 50 && (await lotView(lot.id)).status === 'live'; i++) await new Promise((r) => setTimeout(r, 100));
    const closed = await b.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '80000.00' });
    expect(closed.status).to.equal(409);
    expect(closed.body.error.code).to.equal('LOT_NOT_LIVE');
  });
});

describe('proxy bids in the tamper-evident record', () => {
  const audit = auditDatabase('auction-proxy-audit-');

  it('when proxies have bid against each other and a manual bidder, then audit:verify passes over the lot', async function () {
    this.timeout(120_000);
    const database = await audit.open();
    const t = await startTestServer({ database });
    try {
      const staff = (await t.user('court_staff')).api;
      const finance = (await t.user('finance')).api;
      const lot = await publishedLot(t, staff, { live: true });
      const a = await bidderWithDeposit(t, lot.id, finance);
      const b = await bidderWithDeposit(t, lot.id, finance);
      const c = await bidderWithDeposit(t, lot.id, finance);
      expect((await a.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '80000.00' })).status).to.equal(201);
      expect((await b.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '85000.00' })).status).to.equal(201);
      expect((await c.api.post(`/api/lots/${lot.id}/bids`, { amount: '90000.00', clientBidId: 'c-1' })).status).to.equal(201);
      const v = (await t.anon.get(`/api/lots/${lot.id}`)).body;
      expect(v).to.include({ currentPrice: '90000.00', leadingBidderCode: c.bidderCode });
      expect(v.bidCount).to.equal(13);
    } finally {
      await t.stop();
      if (database.kind === 'pglite') await database.close();
    }
    const r = await audit.verify();
    expect(r.code, r.out).to.equal(0);
  });
});
