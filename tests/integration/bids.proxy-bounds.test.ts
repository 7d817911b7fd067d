import { expect } from 'chai';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { auditDatabase } from '../support/audit';
import { courtServer, startTestServer, type ApiClient, type TestServer } from '../support/server';

/**
 * Bounds on proxy bids: a maximum at most 200 increments above the next bid (each step of a proxy contest is a
 * bid in the record), and a proxy bids with its owner's roles as they are now (A28: staff may not bid).
 * Starting price 70,000, increment 1,000 throughout.
 */
describe('proxy bids: the ceiling on a maximum and the owner\'s current roles', () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  before(async () => ({ t, staff, finance } = await courtServer()));
  after(async () => { await t.stop(); });

  const lotView = async (id: string) => (await t.anon.get(`/api/lots/${id}`)).body;

  it('when a maximum is more than 200 increments above the next bid, then it is refused with PROXY_MAX_TOO_HIGH and nothing is stored or bid', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    for (const maxAmount of ['270000.01', '999999999999999.99']) {
      const r = await a.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount });
      expect(r.status, maxAmount).to.equal(422);
      expect(r.body.error.code).to.equal('RULE_VIOLATION');
      expect(r.body.error.details).to.include({ rule: 'PROXY_MAX_TOO_HIGH', article: 'A20', ceiling: '270000.00' });
    }
    expect((await a.api.get(`/api/lots/${lot.id}/proxy-bid`)).body).to.deep.equal({ proxyBid: null });
    expect(await lotView(lot.id)).to.include({ bidCount: 0 });

    // At the ceiling it is accepted; once leading, the ceiling counts from the price it leads at plus one step.
    expect((await a.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '270000.00' })).status).to.equal(201);
    expect(await lotView(lot.id)).to.include({ bidCount: 1, currentPrice: '70000.00', leadingBidderCode: a.bidderCode });
    const higher = await a.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '271000.01' });
    expect(higher.status).to.equal(422);
    expect(higher.body.error.details).to.include({ rule: 'PROXY_MAX_TOO_HIGH', ceiling: '271000.00' });
    // The refused change left the maximum in force as it was.
    expect((await a.api.get(`/api/lots/${lot.id}/proxy-bid`)).body.proxyBid).to.include({ maxAmount: '270000.00' });
  });

  it('when a bidder with a proxy becomes court staff, then the proxy bids no more and the rival keeps the lead (A28)', async () => {
    const admin = (await t.user('admin')).api;
    const lot = await publishedLot(t, staff, { live: true });
    const proxied = await bidderWithDeposit(t, lot.id, finance);
    const rival = await bidderWithDeposit(t, lot.id, finance);
    expect((await rival.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'rival-1' })).status).to.equal(201);
    expect((await proxied.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '90000.00' })).status).to.equal(201);
    expect(await lotView(lot.id)).to.include({ currentPrice: '71000.00', leadingBidderCode: proxied.bidderCode });

    const roles = await admin.post(`/api/admin/users/${proxied.id}/roles`, { roles: ['court_staff'] });
    expect(roles.status, JSON.stringify(roles.body)).to.equal(200);
    expect((await rival.api.post(`/api/lots/${lot.id}/bids`, { amount: '72000.00', clientBidId: 'rival-2' })).status).to.equal(201);
    const v = await lotView(lot.id);
    expect(v).to.include({ currentPrice: '72000.00', leadingBidderCode: rival.bidderCode, bidCount: 3 });
    const log = (await t.anon.get(`/api/lots/${lot.id}/bid-log`)).body.entries as Array<{ bidderCode: string; amount: string }>;
    expect(log.map((e) => [e.bidderCode, e.amount])).to.deep.equal([
      [rival.bidderCode, '70000.00'], [proxied.bidderCode, '71000.00'], [rival.bidderCode, '72000.00'],
    ]);
  });
});

describe('proxy contests at the largest maxima allowed', () => {
  const audit = auditDatabase('auction-proxy-bounds-');

  it('when two proxies at their ceilings contest over more than one batch while another lot takes a bid, then both settle right and the record verifies', async function () {
    this.timeout(180_000);
    const database = await audit.open();
    const t = await startTestServer({ database });
    try {
      const staff = (await t.user('court_staff')).api;
      const finance = (await t.user('finance')).api;
      // The other lot is made four days later (the A16 notice wait): counted from then, it opens with the first.
      const lot = await publishedLot(t, staff, { startInDays: 25 });
      const other = await publishedLot(t, staff, { startInDays: 21 });
      // A priority holder matches instead of raising (A21): two bids per increment, about 400 in all, so the
      // contest runs over more than one batch of proxy bids.
      const holder = await bidderWithDeposit(t, lot.id, finance);
      expect((await staff.post(`/api/lots/${lot.id}/priority-holders`, { email: holder.email, rank: 1 })).status).to.equal(201);
      const plain = await bidderWithDeposit(t, lot.id, finance);
      const elsewhere = await bidderWithDeposit(t, other.id, finance);
      await t.advance(Math.max(new Date(lot.startsAt).getTime(), new Date(other.startsAt).getTime()) - t.now().getTime() + 1000);
      for (let i = 0; i < 50 && ((await t.anon.get(`/api/lots/${other.id}`)).body.status !== 'live'); i++) await new Promise((r) => setTimeout(r, 100));
      expect((await t.anon.get(`/api/lots/${lot.id}`)).body.status).to.equal('live');

      // No bids yet: the next bid is 70,000, so the ceiling is 270,000; set, it bids 70,000 at once.
      expect((await plain.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '270000.00' })).status).to.equal(201);
      // The holder may match 70,000: its ceiling is 270,000 too. Setting it starts the contest; a bid on the
      // other lot sent at the same time is answered too.
      const [set, bidElsewhere] = await Promise.all([
        holder.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '270000.00' }),
        elsewhere.api.post(`/api/lots/${other.id}/bids`, { amount: '70000.00', clientBidId: 'elsewhere-1' }),
      ]);
      expect(set.status, JSON.stringify(set.body)).to.equal(201);
      expect(bidElsewhere.status, JSON.stringify(bidElsewhere.body)).to.equal(201);

      // The plain proxy raises to 270,000, the holder matches it, and 271,000 is above the plain maximum.
      let v = (await t.anon.get(`/api/lots/${lot.id}`)).body;
      for (let i = 0; i < 100 && v.bidCount < 402; i++) {
        await new Promise((r) => setTimeout(r, 100));
        v = (await t.anon.get(`/api/lots/${lot.id}`)).body;
      }
      expect(v).to.include({ currentPrice: '270000.00', leadingBidderCode: holder.bidderCode, bidCount: 402 });
      const log = (await t.anon.get(`/api/lots/${lot.id}/bid-log`)).body.entries as Array<{ seq: number; bidderCode: string; amount: string }>;
      expect(log[0]).to.include({ bidderCode: plain.bidderCode, amount: '70000.00' });
      expect(log.at(-1)).to.include({ bidderCode: holder.bidderCode, amount: '270000.00' });
      expect(log).to.have.length(402);
      expect(log.every((e, i) => i === 0 || e.seq === log[i - 1].seq + 1), 'consecutive seqs').to.equal(true);
      expect((await t.anon.get(`/api/lots/${other.id}`)).body).to.include({ currentPrice: '70000.00', leadingBidderCode: elsewhere.bidderCode, bidCount: 1 });
    } finally {
      await t.stop();
      if (database.kind === 'pglite') await database.close();
    }
    const r = await audit.verify();
    expect(r.code, r.out).to.equal(0);
  });
});
