import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { assetWithReference, bidderWithDeposit, lotBody, notifyAndPublish, NOTICE_WAIT_MS, publishedLot } from '../support/factories';
import { courtServer, emitAck, nextEvent, type ApiClient, type TestServer } from '../support/server';
import { resumeDueBy } from '../../shared/rules';

const DAY = 24 * 60 * 60 * 1000;
const MIN = 60 * 1000;

describe('the whole life of a lot, driven by court staff and the clock', () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  before(async () => ({ t, staff, finance } = await courtServer()));
  after(async () => { await t.stop(); });

  /** A first-round lot that closed unsold, on an asset of the given kind. */
  async function failedFirstRound(kind: 'movable' | 'immovable' = 'movable') {
    const lot = await publishedLot(t, staff, { live: true, kind, startInDays: kind === 'immovable' ? 36 : 21 });
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 1000);
    const closed = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(closed.status).to.equal('unsold');
    return closed;
  }

  it('when a live lot is suspended for 2 hours and resumed, then bids are refused meanwhile and the lost time is given back (A29)', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const b = await bidderWithDeposit(t, lot.id, finance);
    const remainingBefore = new Date(lot.endsAt).getTime() - t.now().getTime();
    const watcher = await t.socket();
    await emitAck(watcher, 'lot:watch', { lotId: lot.id });
    const suspendedEvent = nextEvent(watcher, 'lot:status', (e) => e.status === 'suspended');
    const s = await staff.post(`/api/lots/${lot.id}/suspend`, { reason: 'A third party objected to the seizure.' });
    expect(s.status).to.equal(200);
    expect(s.body.status).to.equal('suspended');
    const resumeWindow = new Date(s.body.resumeBy).getTime() - new Date(s.body.suspendedAt).getTime();
    expect(resumeWindow).to.be.greaterThan(5 * DAY).and.at.most(6 * DAY); // to the end of the 5th day, UTC+8
    expect((new Date(s.body.resumeBy).getTime() + 8 * 3600e3 + 1) % DAY).to.equal(0);
    await suspendedEvent;
    const refused = await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'during-suspension' });
    expect(refused.status).to.equal(409);
    expect(refused.body.error.code).to.equal('LOT_NOT_LIVE');
    await t.advance(2 * 60 * MIN);
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.status).to.equal('suspended');
    const r = await staff.post(`/api/lots/${lot.id}/resume`);
    expect(r.status).to.equal(200);
    expect(r.body.status).to.equal('live');
    const remainingAfter = new Date(r.body.endsAt).getTime() - t.now().getTime();
    expect(remainingAfter).to.be.closeTo(remainingBefore, 2000);
    expect((await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'after-resume' })).status).to.equal(201);
  });

  it('when a lot is cancelled with a reason, then it is withdrawn, held deposits are released and the audit names the reason', async () => {
    const lot = await publishedLot(t, staff);
    const b = await bidderWithDeposit(t, lot.id, finance);
    expect((await staff.post(`/api/lots/${lot.id}/cancel`, { reason: '' })).status).to.equal(400);
    const c = await staff.post(`/api/lots/${lot.id}/cancel`, { reason: 'The debtor paid the claim in full.' });
    expect(c.status).to.equal(200);
    expect(c.body).to.include({ status: 'cancelled', cancelReason: 'The debtor paid the claim in full.' });
    expect((await b.api.get(`/api/lots/${lot.id}/registration`)).body.depositStatus).to.equal('released');
    const audit = (await staff.get(`/api/lots/${lot.id}/audit`)).body;
    expect(audit.entries.map((e: { action: string }) => e.action)).to.deep.equal(['created', 'parties_notified', 'published', 'cancelled']);
    expect(audit.entries[3].reason).to.equal('The debtor paid the claim in full.');
    expect((await staff.post(`/api/lots/${lot.id}/cancel`, { reason: 'again please' })).status).to.equal(409);
    expect((await finance.get('/api/finance/trial-balance')).body.balanced).to.equal(true);
  });

  it('when a second round cuts the starting price by 20%, then it is accepted; by 20.01%, then A26 refuses it', async () => {
    const first = await failedFirstRound();
    const body = (startingPrice: string) => ({ ...lotBody(t, first.assetId, { startInDays: 13 }), round: 2, startingPrice, deposit: '5600.00' });
    const tooDeep = await staff.post('/api/lots', body('55993.00'));
    expect(tooDeep.status).to.equal(422);
    expect(tooDeep.body.error.details).to.include({ rule: 'SECOND_ROUND_CUT_OVER_20_PERCENT', article: 'A26', minimum: '56000.00' });
    const ok = await staff.post('/api/lots', body('56000.00'));
    expect(ok.status).to.equal(201);
    expect(ok.body).to.include({ round: 2, previousLotId: first.id, referencePrice: '100000.00' });
  });

  it('when a second round of movable property is published 7 days ahead it is announced; 6 days is refused (A26)', async () => {
    const first = await failedFirstRound();
    const now = new Date(t.now().getTime() + NOTICE_WAIT_MS);
    const cstMidnight = new Date(Math.floor((now.getTime() + 8 * 3600e3) / DAY) * DAY - 8 * 3600e3);
    const startsEarly = new Date(cstMidnight.getTime() + 7 * DAY + 12 * 3600e3); // D+7 noon CST: only 6 clear days
    const early = await staff.post('/api/lots', { ...lotBody(t, first.assetId), round: 2, startingPrice: '60000.00', deposit: '6000.00', startsAt: startsEarly.toISOString(), endsAt: new Date(startsEarly.getTime() + DAY).toISOString() });
    expect(early.status).to.equal(201);
    const refused = await notifyAndPublish(t, staff, early.body.id);
    expect(refused.status).to.equal(422);
    expect(refused.body.error.details).to.include({ rule: 'ANNOUNCEMENT_PERIOD_TOO_SHORT', article: 'A26', days: '7' });
    await staff.post(`/api/lots/${early.body.id}/cancel`, { reason: 'Wrong start date.' });
    const publishAt = t.now().getTime() + NOTICE_WAIT_MS;
    const publishDay = new Date(Math.floor((publishAt + 8 * 3600e3) / DAY) * DAY - 8 * 3600e3);
    const startsOk = new Date(publishDay.getTime() + 8 * DAY); // D+8 00:00 CST: 7 clear days
    const ok = await staff.post('/api/lots', { ...lotBody(t, first.assetId), round: 2, startingPrice: '60000.00', deposit: '6000.00', startsAt: startsOk.toISOString(), endsAt: new Date(startsOk.getTime() + DAY).toISOString() });
    expect(ok.status).to.equal(201);
    expect((await notifyAndPublish(t, staff, ok.body.id)).status).to.equal(200);
  });

  it('when a second round would start more than 30 days after the failed first, then A26 refuses it', async () => {
    const first = await failedFirstRound();
    await t.advance(25 * DAY);
    const r = await staff.post('/api/lots', { ...lotBody(t, first.assetId, { startInDays: 8 }), round: 2, startingPrice: '60000.00', deposit: '6000.00' });
    expect(r.status).to.equal(422);
    expect(r.body.error.details).to.include({ rule: 'SECOND_ROUND_TOO_LATE', article: 'A26' });
  });

  it('when the second round fails too, then a sell-off runs 60 days at its price and the first bid opens a 24-hour round; a creditor may instead take the property', async () => {
    const first = await failedFirstRound();
    const second = await staff.post('/api/lots', { ...lotBody(t, first.assetId, { startInDays: 13 }), round: 2, startingPrice: '60000.00', deposit: '6000.00' });
    await notifyAndPublish(t, staff, second.body.id);
    await t.advance(new Date(second.body.startsAt).getTime() - t.now().getTime() + 1000);
    await t.advance(new Date(second.body.endsAt).getTime() - t.now().getTime() + 1000);
    expect((await t.anon.get(`/api/lots/${second.body.id}`)).body.status).to.equal('unsold');
    const actions = (await staff.get(`/api/lots/${second.body.id}/actions`)).body.actions;
    expect(actions.find((a: { action: string }) => a.action === 'sell_off').allowed).to.equal(true);
    expect(actions.find((a: { action: string }) => a.action === 'creditor_takeover').allowed).to.equal(true);

    const wrongPrice = await staff.post('/api/lots', { ...lotBody(t, first.assetId, { startInDays: 6 }), round: 'sell_off', startingPrice: '59000.00', deposit: '5900.00' });
    expect(wrongPrice.status).to.equal(422);
    expect(wrongPrice.body.error.details).to.include({ rule: 'SELL_OFF_PRICE', article: 'A26' });
    const sellOff = await staff.post('/api/lots', { ...lotBody(t, first.assetId, { startInDays: 6 }), round: 'sell_off', startingPrice: '60000.00', deposit: '6000.00' });
    expect(sellOff.status).to.equal(201);
    const windowMs = new Date(sellOff.body.endsAt).getTime() - new Date(sellOff.body.startsAt).getTime();
    expect(windowMs).to.be.greaterThan(60 * DAY).and.at.most(61 * DAY); // to the end of the 60th day, UTC+8
    const unnoticed = await staff.post(`/api/lots/${sellOff.body.id}/publish`);
    expect(unnoticed.status).to.equal(422);
    expect(unnoticed.body.error.details).to.include({ rule: 'PARTY_NOTICE_MISSING', article: 'A16' });
    expect((await notifyAndPublish(t, staff, sellOff.body.id)).status).to.equal(200);
    await t.advance(new Date(sellOff.body.startsAt).getTime() - t.now().getTime() + 1000);
    await t.advance(10 * DAY);
    const b = await bidderWithDeposit(t, sellOff.body.id, finance);
    const low = await b.api.post(`/api/lots/${sellOff.body.id}/bids`, { amount: '59999.99', clientBidId: 'so-low' });
    expect(low.status).to.equal(422);
    const bid = await b.api.post(`/api/lots/${sellOff.body.id}/bids`, { amount: '60000.00', clientBidId: 'so-1' });
    expect(bid.status).to.equal(201);
    expect(new Date(bid.body.endsAt).getTime() - new Date(bid.body.at).getTime()).to.equal(DAY);
    await t.advance(DAY + 1000);
    expect((await t.anon.get(`/api/lots/${sellOff.body.id}`)).body).to.include({ status: 'sold', finalPrice: '60000.00' });
  });

  it('when a creditor takes the property after a failed second round, then it is recorded at the reserve (以物抵债)', async () => {
    const first = await failedFirstRound();
    const early = await staff.post(`/api/lots/${first.id}/creditor-takeover`, { creditor: 'Creditor Bank' });
    expect(early.status).to.equal(422);
    expect(early.body.error.details.rule).to.equal('TAKEOVER_NEEDS_FAILED_LATER_ROUND');
    const second = await staff.post('/api/lots', { ...lotBody(t, first.assetId, { startInDays: 13 }), round: 2, startingPrice: '60000.00', deposit: '6000.00' });
    await notifyAndPublish(t, staff, second.body.id);
    await t.advance(new Date(second.body.endsAt).getTime() - t.now().getTime() + 1000);
    const r = await staff.post(`/api/lots/${second.body.id}/creditor-takeover`, { creditor: 'Creditor Bank', note: 'Accepted in lieu of 60,000 of the debt.' });
    expect(r.status).to.equal(200);
    expect(r.body.creditorTakeover).to.include({ creditor: 'Creditor Bank', price: '60000.00' });
    expect((await staff.post('/api/lots', { ...lotBody(t, first.assetId, { startInDays: 6 }), round: 'sell_off', startingPrice: '60000.00', deposit: '6000.00' })).status).to.equal(422);
  });

  it('when the buyer pays the balance on time, then finance records it on the ledger and the lot stays sold', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const b = await bidderWithDeposit(t, lot.id, finance);
    await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '80000.00', clientBidId: 'buy' });
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 1000);
    const sold = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(sold.status).to.equal('sold');
    const due = new Date(sold.balanceDueAt).getTime();
    expect(due - new Date(sold.closedAt).getTime()).to.be.within(10 * DAY, 11 * DAY);
    const before = (await finance.get('/api/finance/trial-balance')).body;
    const paid = await finance.post(`/api/finance/lots/${lot.id}/balance`, { bankReference: `BAL-${lot.id}` });
    expect(paid.status).to.equal(200);
    expect(paid.body.balancePaidAt).to.be.a('string');
    expect((await finance.post(`/api/finance/lots/${lot.id}/balance`, { bankReference: `BAL-${lot.id}` })).status).to.equal(200);
    const after = (await finance.get('/api/finance/trial-balance')).body;
    const bank = (x: typeof after) => new Decimal(x.accounts.find((a: { account: string }) => a.account === 'asset:bank').debit);
    expect(bank(after).minus(bank(before)).toFixed(2)).to.equal('73000.00');
    await t.advance(12 * DAY);
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.status).to.equal('sold');
  });

  it('when the buyer has not paid by the deadline, then the lot defaults, the deposit is forfeited and the defaulter is barred from the re-auction (A24)', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const buyer = await bidderWithDeposit(t, lot.id, finance);
    await buyer.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'will-default' });
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 1000);
    const sold = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    await t.advance(new Date(sold.balanceDueAt).getTime() - t.now().getTime() - 60_000);
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.status).to.equal('sold');
    await t.advance(61_000);
    const defaulted = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(defaulted.status).to.equal('defaulted');
    expect((await buyer.api.get(`/api/lots/${lot.id}/registration`)).body.depositStatus).to.equal('forfeited');
    const tb = (await finance.get('/api/finance/trial-balance')).body;
    expect(tb.balanced).to.equal(true);
    expect(tb.accounts.map((a: { account: string }) => a.account)).to.include('liability:forfeited_deposits');
    const actions = (await staff.get(`/api/lots/${lot.id}/actions`)).body.actions;
    expect(actions.find((a: { action: string }) => a.action === 're_auction').allowed).to.equal(true);

    const again = await staff.post('/api/lots', lotBody(t, lot.assetId));
    expect(again.status).to.equal(201);
    expect((await notifyAndPublish(t, staff, again.body.id)).status).to.equal(200);
    const barred = await buyer.api.post(`/api/lots/${again.body.id}/registrations`);
    expect(barred.status).to.equal(422);
    expect(barred.body.error.details).to.include({ rule: 'DEFAULTER_BARRED', article: 'A24' });
    const other = await t.user('bidder', { verified: true });
    expect((await other.api.post(`/api/lots/${again.body.id}/registrations`)).status).to.equal(201);
  });

  it('when a first round is asked again for an asset that already had one, then it is refused unless the buyer defaulted', async () => {
    const first = await failedFirstRound();
    const r = await staff.post('/api/lots', lotBody(t, first.assetId));
    expect(r.status).to.equal(422);
    expect(r.body.error.details.rule).to.equal('FIRST_ROUND_ALREADY_HELD');
  });

  it('when staff ask what they may do with a draft, then notice and cancel are allowed, publish waits for the notice (A16), resume is not, each with a reason', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const draft = await staff.post('/api/lots', lotBody(t, assetId));
    const { actions } = (await staff.get(`/api/lots/${draft.body.id}/actions`)).body;
    const by = (n: string) => actions.find((a: { action: string }) => a.action === n);
    expect(by('notify_parties').allowed).to.equal(true);
    expect(by('publish')).to.include({ allowed: false, article: 'A16' });
    expect(by('cancel').allowed).to.equal(true);
    expect(by('resume')).to.include({ allowed: false, article: 'A29' });
    expect(by('resume').reason).to.be.a('string').and.not.empty;
    await staff.post(`/api/lots/${draft.body.id}/notify-parties`, {});
    await t.advance(NOTICE_WAIT_MS);
    const later = (await staff.get(`/api/lots/${draft.body.id}/actions`)).body.actions;
    expect(later.find((a: { action: string }) => a.action === 'publish').allowed).to.equal(true);
    const bidder = await t.user('bidder');
    expect((await bidder.api.get(`/api/lots/${draft.body.id}/actions`)).status).to.equal(403);
  });
});

describe('a suspension over the court\'s public holidays (A29, COURT_HOLIDAYS)', () => {
  it('when the five days to resume end on a holiday, then the lot page shows the same later resume-by date the service enforces', async function () {
    this.timeout(60_000);
    const cst = (ms: number) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 10);
    // The lot is suspended just after its start; every day from the second to the fifteenth after that is a holiday.
    const startInDays = 21;
    const suspendAround = Date.now() + startInDays * DAY;
    const holidays = Array.from({ length: 14 }, (_, i) => cst(suspendAround + (2 + i) * DAY)).join(',');
    const { t, staff } = await courtServer({ env: { COURT_HOLIDAYS: holidays } });
    try {
      const lot = await publishedLot(t, staff, { live: true, startInDays });
      const s = await staff.post(`/api/lots/${lot.id}/suspend`, { reason: 'A third party objected to the seizure.' });
      expect(s.status).to.equal(200);
      const expected = resumeDueBy(new Date(s.body.suspendedAt), new Set(holidays.split(',')));
      expect(expected.getTime() - new Date(s.body.suspendedAt).getTime()).to.be.greaterThan(14 * DAY);
      expect(s.body.resumeBy).to.equal(expected.toISOString());
      expect((await t.anon.get(`/api/lots/${lot.id}`)).body.resumeBy).to.equal(expected.toISOString());
      const resume = (await staff.get(`/api/lots/${lot.id}/actions`)).body.actions.find((a: { action: string }) => a.action === 'resume');
      expect(resume.reason).to.include(expected.toISOString());
    } finally {
      await t.stop();
    }
  });
});
