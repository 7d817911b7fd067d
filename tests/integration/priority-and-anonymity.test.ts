import { expect } from 'chai';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { expectCjkText } from '../support/pdf';
import { courtServer, emitAck, type ApiClient, type TestServer } from '../support/server';

describe('priority purchase rights, anonymity and the confirmation of sale', () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  before(async () => ({ t, staff, finance } = await courtServer()));
  after(async () => { await t.stop(); });

  /** A priority holder of the given rank, registered with a held deposit. */
  async function holder(lotId: string, rank: number) {
    const u = await t.user('bidder', { verified: true });
    const added = await staff.post(`/api/lots/${lotId}/priority-holders`, { email: u.email, rank });
    expect(added.status).to.equal(201);
    expect(Object.keys(added.body).sort()).to.deep.equal(['id', 'rank']);
    const reg = await u.api.post(`/api/lots/${lotId}/registrations`);
    expect(reg.body.bidderCode).to.match(/^[A-Z]\d{4}$/);
    expect(reg.body.priorityRank).to.equal(rank);
    await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `P-${reg.body.id}` });
    return { ...u, code: reg.body.bidderCode as string };
  }

  it('when a priority holder matches the top price, then they lead; a higher rank beats a lower one at the same price; the same rank cannot match (A21)', async () => {
    const lot = await publishedLot(t, staff);
    const rank2 = await holder(lot.id, 2);
    const rank1 = await holder(lot.id, 1);
    const rank2b = await holder(lot.id, 2);
    const ordinary = await bidderWithDeposit(t, lot.id, finance);
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.priorityRights).to.equal(true);
    await t.advance(new Date(lot.startsAt).getTime() - t.now().getTime() + 1000);

    expect((await ordinary.api.post(`/api/lots/${lot.id}/bids`, { amount: '75000.00', clientBidId: 'o1' })).status).to.equal(201);
    const between = await rank2.api.post(`/api/lots/${lot.id}/bids`, { amount: '75500.00', clientBidId: 'p2-between' });
    expect(between.status).to.equal(422);
    expect(between.body.error.details).to.include({ rule: 'PRIORITY_BID_BETWEEN_MATCH_AND_RAISE', article: 'A21' });
    const match = await rank2.api.post(`/api/lots/${lot.id}/bids`, { amount: '75000.00', clientBidId: 'p2-match' });
    expect(match.status).to.equal(201);
    expect(match.body.priorityMatch).to.equal(true);
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body).to.include({ leadingBidderCode: rank2.code, currentPrice: '75000.00' });

    const ordinaryMatch = await ordinary.api.post(`/api/lots/${lot.id}/bids`, { amount: '75000.00', clientBidId: 'o-match' });
    expect(ordinaryMatch.status).to.equal(422);
    expect(ordinaryMatch.body.error.details).to.include({ rule: 'BID_BELOW_MINIMUM', minimum: '76000.00' });
    const sameRank = await rank2b.api.post(`/api/lots/${lot.id}/bids`, { amount: '75000.00', clientBidId: 'p2b-match' });
    expect(sameRank.status).to.equal(422);

    const s = await t.socket(rank1.token);
    const higher = await emitAck(s, 'bid:place', { lotId: lot.id, amount: '75000.00', clientBidId: 'p1-match' });
    expect(higher.ok).to.equal(true);
    expect(higher.bid.priorityMatch).to.equal(true);
    const lowerBack = await rank2.api.post(`/api/lots/${lot.id}/bids`, { amount: '75000.00', clientBidId: 'p2-again' });
    expect(lowerBack.status).to.equal(422);

    await t.advance(new Date((await t.anon.get(`/api/lots/${lot.id}`)).body.endsAt).getTime() - t.now().getTime() + 1000);
    const closed = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(closed).to.include({ status: 'sold', finalPrice: '75000.00', winnerCode: rank1.code });
    expect(closed.bids.filter((b: { priorityMatch: boolean }) => b.priorityMatch)).to.have.length(2);
  });

  it('when a lot is live, then no response, socket event or staff screen links a bidder code to a person; after the close staff and the buyer see the buyer', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    const b = await bidderWithDeposit(t, lot.id, finance);
    const watcher = await t.socket();
    const events: unknown[] = [];
    watcher.onAny((_e, p) => events.push(p));
    await emitAck(watcher, 'lot:watch', { lotId: lot.id });
    await a.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'anon-a' });
    await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '71000.00', clientBidId: 'anon-b' });
    const meA = (await a.api.get('/api/me')).body.user;
    const secrets = [a.id, b.id, a.email, b.email, meA.realName, a.registration.id, b.registration.id, a.registration.payment.reference];
    const seen = JSON.stringify([
      (await t.anon.get(`/api/lots/${lot.id}`)).body, (await t.anon.get('/api/lots')).body, (await t.anon.get(`/api/lots/${lot.id}/bid-log`)).body,
      (await staff.get(`/api/lots/${lot.id}`)).body, (await staff.get(`/api/lots/${lot.id}/audit`)).body, (await staff.get(`/api/lots/${lot.id}/actions`)).body,
      (await b.api.get(`/api/lots/${lot.id}`)).body, events,
    ]);
    for (const secret of secrets) expect(seen, `leaks ${secret}`).to.not.include(secret);
    const early = await staff.get(`/api/lots/${lot.id}/buyer`);
    expect(early.status).to.equal(409);
    expect((await staff.get(`/api/lots/${lot.id}/confirmation`)).status).to.equal(409);

    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 1000);
    const forStaff = await staff.get(`/api/lots/${lot.id}/buyer`);
    expect(forStaff.status).to.equal(200);
    expect(forStaff.body).to.include({ bidderCode: b.bidderCode, email: b.email });
    expect((await b.api.get(`/api/lots/${lot.id}/buyer`)).status).to.equal(200);
    expect((await a.api.get(`/api/lots/${lot.id}/buyer`)).status).to.equal(403);
  });

  it('when the lot is sold, then the buyer and court staff download the confirmation of sale as a PDF; others may not', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const buyer = await bidderWithDeposit(t, lot.id, finance);
    await buyer.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'pdf' });
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 1000);
    for (const client of [buyer.api, staff]) {
      const res = await fetch(`${t.url}/api/lots/${lot.id}/confirmation`, { headers: { authorization: `Bearer ${client.token}` } });
      expect(res.status).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('application/pdf');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(0, 5).toString()).to.equal('%PDF-');
      expect(bytes.length).to.be.greaterThan(1000);
      expectCjkText(bytes, '网络司法拍卖成交确认书买受人柒万元整');
    }
    const stranger = await t.user('bidder', { verified: true });
    expect((await stranger.api.get(`/api/lots/${lot.id}/confirmation`)).status).to.equal(403);
    expect((await t.anon.get(`/api/lots/${lot.id}/confirmation`)).status).to.equal(401);
  });

  it('when a person who already registered is made a priority holder, then their code stays the same and no staff answer carries a code (A18)', async () => {
    const lot = await publishedLot(t, staff);
    const b = await bidderWithDeposit(t, lot.id, finance);
    const added = await staff.post(`/api/lots/${lot.id}/priority-holders`, { email: b.email, rank: 1 });
    expect(added.status).to.equal(201);
    expect(added.body).to.have.keys('id', 'rank');
    const mine = (await b.api.get(`/api/lots/${lot.id}/registration`)).body;
    expect(mine).to.include({ bidderCode: b.bidderCode, priorityRank: 1 });
    const staffSees = [added.body, (await staff.get(`/api/lots/${lot.id}/priority-holders`)).body, (await staff.get(`/api/lots/${lot.id}`)).body];
    for (const body of staffSees) expect(JSON.stringify(body)).to.not.include(b.bidderCode);
    const holders = (await staff.get(`/api/lots/${lot.id}/priority-holders`)).body.holders;
    expect(holders[0]).to.include({ rank: 1, email: b.email });
    expect(holders[0]).to.not.have.any.keys('bidderCode', 'priorityCode', 'code');
  });

  it('when priority holders are added after bidding started or twice, then it is refused', async () => {
    const lot = await publishedLot(t, staff);
    const u = await t.user('bidder', { verified: true });
    expect((await staff.post(`/api/lots/${lot.id}/priority-holders`, { userId: u.id, rank: 1 })).status).to.equal(201);
    expect((await staff.post(`/api/lots/${lot.id}/priority-holders`, { userId: u.id, rank: 1 })).status).to.equal(409);
    const list = (await staff.get(`/api/lots/${lot.id}/priority-holders`)).body.holders;
    expect(list).to.have.length(1);
    expect(list[0]).to.include({ rank: 1, email: u.email });
    expect((await u.api.get(`/api/lots/${lot.id}/priority-holders`)).status).to.equal(403);
    expect((await staff.post(`/api/lots/${lot.id}/priority-holders`, { rank: 1 })).status).to.equal(400);
    await t.advance(new Date(lot.startsAt).getTime() - t.now().getTime() + 1000);
    const late = await t.user('bidder', { verified: true });
    expect((await staff.post(`/api/lots/${lot.id}/priority-holders`, { userId: late.id, rank: 2 })).status).to.equal(409);
  });
});
