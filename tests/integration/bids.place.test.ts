import { expect } from 'chai';
import { assetWithReference, bidderWithDeposit, lotBody, NOTICE_WAIT_MS, publishedLot } from '../support/factories';
import { courtServer, emitAck, nextEvent, type ApiClient, type TestServer } from '../support/server';

describe('bidding on a live lot, over REST and Socket.IO through one service', () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  before(async () => ({ t, staff, finance } = await courtServer()));
  after(async () => { await t.stop(); });

  /** Two published lots with the same bidding window. */
  async function twoLotsLiveTogether() {
    const created = [];
    for (let i = 0; i < 2; i++) {
      const { assetId } = await assetWithReference(t, staff);
      const lot = await staff.post('/api/lots', lotBody(t, assetId));
      expect((await staff.post(`/api/lots/${lot.body.id}/notify-parties`, {})).status).to.equal(200);
      created.push(lot.body);
    }
    await t.advance(NOTICE_WAIT_MS);
    for (const lot of created) expect((await staff.post(`/api/lots/${lot.id}/publish`)).status).to.equal(200);
    return created;
  }

  it('when a verified bidder registers, then they get an anonymous code and bank-transfer details; finance confirms the deposit', async () => {
    const lot = await publishedLot(t, staff);
    const b = await t.user('bidder', { verified: true, name: '赵敏' });
    const reg = await b.api.post(`/api/lots/${lot.id}/registrations`);
    expect(reg.status).to.equal(201);
    expect(reg.body.bidderCode).to.match(/^[A-Z]\d{4}$/);
    expect(reg.body.depositStatus).to.equal('pending');
    expect(reg.body.payment).to.include({ method: 'bank_transfer', amount: '7000.00' });
    // A checked payment reference (server/modules/payments/payment-reference.ts): a typo is told from an unknown one.
    expect(reg.body.payment.reference).to.match(/^D-[23456789ABCDEFGHJKLMNPQRSTVWXYZ]{9}$/);
    const again = await b.api.post(`/api/lots/${lot.id}/registrations`);
    expect(again.status).to.equal(200);
    expect(again.body.bidderCode).to.equal(reg.body.bidderCode);

    const pending = await finance.get('/api/finance/deposits');
    const row = pending.body.deposits.find((d: { registrationId: string }) => d.registrationId === reg.body.id);
    expect(row).to.include({ payerName: '赵敏', amount: '7000.00', paymentReference: reg.body.payment.reference });
    expect(JSON.stringify(pending.body)).to.not.include(reg.body.bidderCode);

    const conf = await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `TX-${reg.body.id}` });
    expect(conf.status).to.equal(200);
    expect(conf.body.depositStatus).to.equal('held');
    expect(JSON.stringify(conf.body), 'finance never sees the bidder code (A18)').to.not.include(reg.body.bidderCode);
    expect((await b.api.get(`/api/lots/${lot.id}/registration`)).body.depositStatus).to.equal('held');
    const retry = await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `TX-${reg.body.id}` });
    expect(retry.status).to.equal(200);
    const tb = await finance.get('/api/finance/trial-balance');
    expect(tb.body.balanced).to.equal(true);
    expect(tb.body.accounts.find((a: { account: string }) => a.account === 'liability:deposits_held')).to.exist;
  });

  it('when a person has not verified their identity, or is court staff, then they cannot register', async () => {
    const lot = await publishedLot(t, staff);
    const b = await t.user('bidder');
    const r = await b.api.post(`/api/lots/${lot.id}/registrations`);
    expect(r.status).to.equal(403);
    expect(r.body.error.details.reason).to.equal('IDENTITY_NOT_VERIFIED');
    const s = await t.user('court_staff', { verified: true });
    const r2 = await s.api.post(`/api/lots/${lot.id}/registrations`);
    expect(r2.status).to.equal(422);
    expect(r2.body.error.details).to.include({ rule: 'STAFF_MAY_NOT_BID', article: 'A28' });
  });

  it('when the lot is only announced, then a bid is refused with LOT_NOT_LIVE', async () => {
    const lot = await publishedLot(t, staff);
    const b = await bidderWithDeposit(t, lot.id, finance);
    const r = await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'early-1' });
    expect(r.status).to.equal(409);
    expect(r.body.error.code).to.equal('LOT_NOT_LIVE');
  });

  it('when bids arrive, then the first must reach the starting price and each later one current + increment (A20)', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    const b = await bidderWithDeposit(t, lot.id, finance);
    const low = await a.api.post(`/api/lots/${lot.id}/bids`, { amount: '69999.99', clientBidId: 'a-0' });
    expect(low.status).to.equal(422);
    expect(low.body.error.details).to.include({ rule: 'FIRST_BID_BELOW_STARTING_PRICE', article: 'A20', minimum: '70000.00' });
    const first = await a.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'a-1' });
    expect(first.status).to.equal(201);
    expect(first.body).to.include({ amount: '70000.00', bidderCode: a.bidderCode });
    const tooLow = await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '70999.99', clientBidId: 'b-1' });
    expect(tooLow.status).to.equal(422);
    expect(tooLow.body.error.details).to.include({ rule: 'BID_BELOW_MINIMUM', minimum: '71000.00' });
    const second = await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '71000.00', clientBidId: 'b-2' });
    expect(second.status).to.equal(201);
    expect(second.body.seq).to.be.greaterThan(first.body.seq);
    const leadAgain = await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '80000.00', clientBidId: 'b-3' });
    expect(leadAgain.status).to.equal(409);
    expect(leadAgain.body.error.code).to.equal('ALREADY_LEADING');
    const view = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(view).to.include({ currentPrice: '71000.00', leadingBidderCode: b.bidderCode, bidCount: 2 });
    expect(view.bids.map((x: { amount: string }) => x.amount)).to.deep.equal(['71000.00', '70000.00']);
  });

  it('when a bidder has no registration or an unconfirmed deposit, then 403 and the lot is unchanged', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const stranger = await t.user('bidder', { verified: true });
    const r = await stranger.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 's-1' });
    expect(r.status).to.equal(403);
    expect(r.body.error.details.reason).to.equal('NOT_REGISTERED');
    await stranger.api.post(`/api/lots/${lot.id}/registrations`);
    const r2 = await stranger.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 's-2' });
    expect(r2.status).to.equal(403);
    expect(r2.body.error.details.reason).to.equal('DEPOSIT_NOT_HELD');
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.bidCount).to.equal(0);
  });

  it('when the same clientBidId comes again over REST or the socket, then the first result returns and only one bid exists', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    const first = await a.api.post(`/api/lots/${lot.id}/bids`, { amount: '72000.00', clientBidId: 'dup-1' });
    const replay = await a.api.post(`/api/lots/${lot.id}/bids`, { amount: '99000.00', clientBidId: 'dup-1' });
    expect(replay.status).to.equal(201);
    expect(replay.body).to.deep.equal(first.body);
    const s = await t.socket(a.token);
    const viaSocket = await emitAck(s, 'bid:place', { lotId: lot.id, amount: '99000.00', clientBidId: 'dup-1' });
    expect(viaSocket).to.deep.equal({ ok: true, bid: first.body });
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.bidCount).to.equal(1);
  });

  it('when a bidder reuses a clientBidId on another lot, then it is a new bid there, not the first lot\'s result, and every answer names its lot', async () => {
    const [lot1, lot2] = await twoLotsLiveTogether();
    const a = await bidderWithDeposit(t, lot1.id, finance);
    const reg2 = await a.api.post(`/api/lots/${lot2.id}/registrations`);
    expect((await finance.post(`/api/finance/deposits/${reg2.body.id}/confirm`, { bankReference: `TX2-${reg2.body.id}` })).status).to.equal(200);
    await t.advance(new Date(lot1.startsAt).getTime() - t.now().getTime() + 1000);
    const first = await a.api.post(`/api/lots/${lot1.id}/bids`, { amount: '70000.00', clientBidId: 'same-id' });
    expect(first.status).to.equal(201);
    expect(first.body.lotId).to.equal(lot1.id);
    const watcher = await t.socket();
    await emitAck(watcher, 'lot:watch', { lotId: lot2.id });
    const seen = nextEvent(watcher, 'lot:bid');
    const s = await t.socket(a.token);
    const second = await emitAck(s, 'bid:place', { lotId: lot2.id, amount: '71000.00', clientBidId: 'same-id' });
    expect(second.ok).to.equal(true);
    expect(second.bid).to.include({ lotId: lot2.id, amount: '71000.00' });
    expect((await seen)).to.include({ lotId: lot2.id, amount: '71000.00' });
    expect((await t.anon.get(`/api/lots/${lot2.id}`)).body).to.include({ bidCount: 1, currentPrice: '71000.00' });
    const replay = await a.api.post(`/api/lots/${lot2.id}/bids`, { amount: '99000.00', clientBidId: 'same-id' });
    expect(replay.body).to.deep.equal(second.bid);
    expect((await t.anon.get(`/api/lots/${lot1.id}`)).body.bidCount).to.equal(1);
  });

  it('when one client bids over the socket, then another watching client sees it with the next seq, and anonymous watchers see only codes', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    const watcher = await t.socket();
    const watched = await emitAck(watcher, 'lot:watch', { lotId: lot.id });
    expect(watched.ok).to.equal(true);
    expect(watched.snapshot).to.include({ id: lot.id, status: 'live' });
    const bidderSocket = await t.socket(a.token);
    const seen = nextEvent(watcher, 'lot:bid');
    const ack = await emitAck(bidderSocket, 'bid:place', { lotId: lot.id, amount: '70000.00', clientBidId: 'sock-1' });
    expect(ack.ok).to.equal(true);
    const event = await seen;
    expect(event).to.include({ lotId: lot.id, amount: '70000.00', bidderCode: a.bidderCode, seq: ack.bid.seq });
    expect(event.seq).to.equal(watched.snapshot.seq + 1);
    const payload = JSON.stringify(event) + JSON.stringify((await t.anon.get(`/api/lots/${lot.id}`)).body);
    expect(payload).to.not.include(a.id);
    expect(payload).to.not.include(a.registration.id);
    expect(payload).to.not.include(a.email);
  });

  it('when a bidder logs out, then an open socket can no longer bid', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    const s = await t.socket(a.token);
    await a.api.post('/api/auth/logout');
    const r = await emitAck(s, 'bid:place', { lotId: lot.id, amount: '70000.00', clientBidId: 'after-logout' });
    expect(r.ok).to.equal(false);
    expect(r.error.code).to.equal('UNAUTHENTICATED');
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.bidCount).to.equal(0);
  });

  it('when an anonymous socket tries to bid or sends a malformed payload, then the ack says why and nothing changes', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const anon = await t.socket();
    const r = await emitAck(anon, 'bid:place', { lotId: lot.id, amount: '70000.00', clientBidId: 'x' });
    expect(r.ok).to.equal(false);
    expect(r.error.code).to.equal('UNAUTHENTICATED');
    const a = await bidderWithDeposit(t, lot.id, finance);
    const s = await t.socket(a.token);
    for (const bad of [null, 'x', { lotId: lot.id }, { lotId: lot.id, amount: 70000, clientBidId: 'n' }, { lotId: lot.id, amount: '-1.00', clientBidId: 'n' }, { lotId: lot.id, amount: '70000.001', clientBidId: 'n' }, { lotId: '../etc', amount: '1.00', clientBidId: 'n' }]) {
      const res = await emitAck(s, 'bid:place', bad);
      expect(res.ok, JSON.stringify(bad)).to.equal(false);
      expect(res.error.code).to.equal('VALIDATION_FAILED');
    }
    const missing = await emitAck(s, 'bid:place', { lotId: 'no-such-lot', amount: '1.00', clientBidId: 'm' });
    expect(missing.error.code).to.equal('NOT_FOUND');
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.bidCount).to.equal(0);
  });

  it('when a bid comes 4:59 before the end, then the end moves to 5 minutes after it and watchers are told; at 5:01 it does not move', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    const b = await bidderWithDeposit(t, lot.id, finance);
    const end = new Date(lot.endsAt).getTime();
    await t.advance(end - t.now().getTime() - 301_000 - 500);
    const early = await a.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'e-1' });
    expect(early.status).to.equal(201);
    expect(early.body.extended).to.equal(false);
    expect(new Date(early.body.endsAt).getTime()).to.equal(end);

    await t.advance(end - t.now().getTime() - 299_000);
    const watcher = await t.socket();
    await emitAck(watcher, 'lot:watch', { lotId: lot.id });
    const seen = nextEvent(watcher, 'lot:bid');
    const late = await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '71000.00', clientBidId: 'l-1' });
    expect(late.status).to.equal(201);
    expect(late.body.extended).to.equal(true);
    expect(new Date(late.body.endsAt).getTime()).to.equal(new Date(late.body.at).getTime() + 300_000);
    const event = await seen;
    expect(event).to.include({ extended: true, endsAt: late.body.endsAt, extensionCount: 1 });
    const view = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(view).to.include({ endsAt: late.body.endsAt, extensionCount: 1 });
  });
});
