import { expect } from 'chai';
import { assetWithReference, lotBody, notifyAndPublish, NOTICE_WAIT_MS } from '../support/factories';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';

const DAY = 24 * 60 * 60 * 1000;

describe('court staff list a seized asset: case, asset, negotiated reference price, lot, publish', () => {
  let t: TestServer;
  let staff: ApiClient;
  before(async () => {
    t = await startTestServer({ jobs: false });
    staff = (await t.user('court_staff')).api;
  });
  after(async () => { await t.stop(); });

  it('when staff record a negotiated price, then it is effective at once for one year and listed newest first', async () => {
    const { assetId, valuation } = await assetWithReference(t, staff, { reference: '250000.00' });
    expect(valuation).to.include({ method: 'negotiated', status: 'effective', referencePrice: '250000.00' });
    const validMs = new Date(valuation.validUntil).getTime() - new Date(valuation.effectiveAt).getTime();
    expect(validMs).to.be.within(365 * DAY, 366 * DAY);
    await staff.post(`/api/assets/${assetId}/valuations`, { method: 'negotiated', amount: '260000.00' });
    const list = await staff.get(`/api/assets/${assetId}/valuations`);
    expect(list.body.valuations.map((v: { referencePrice: string }) => v.referencePrice)).to.deep.equal(['260000.00', '250000.00']);
  });

  it('when a first-round lot meets A10, A17 and A20, then it is created as a draft that the public cannot see', async () => {
    const { assetId } = await assetWithReference(t, staff, { reference: '100000.00' });
    const r = await staff.post('/api/lots', lotBody(t, assetId));
    expect(r.status).to.equal(201);
    expect(r.body).to.include({ status: 'draft', startingPrice: '70000.00', referencePrice: '100000.00', deposit: '7000.00', bidCount: 0 });
    expect((await t.anon.get(`/api/lots/${r.body.id}`)).status).to.equal(404);
    expect((await t.anon.get('/api/lots')).body.lots.map((l: { id: string }) => l.id)).to.not.include(r.body.id);
    expect((await staff.get(`/api/lots/${r.body.id}`)).body.status).to.equal('draft');
  });

  const violations: Array<[string, Record<string, string | number>, string, string]> = [
    ['the starting price is 69.99% of the reference', { startingPrice: '69990.00', deposit: '7000.00' }, 'STARTING_PRICE_BELOW_70_PERCENT', 'A10'],
    ['the deposit is under 5%', { deposit: '3499.99' }, 'DEPOSIT_OUT_OF_RANGE', 'A17'],
    ['the deposit is over 20%', { deposit: '14000.01' }, 'DEPOSIT_OUT_OF_RANGE', 'A17'],
  ];
  for (const [when, change, rule, article] of violations) {
    it(`when ${when}, then 422 names ${rule} (${article}) and no lot is created`, async () => {
      const { assetId } = await assetWithReference(t, staff, { reference: '100000.00' });
      const r = await staff.post('/api/lots', { ...lotBody(t, assetId), ...change });
      expect(r.status).to.equal(422);
      expect(r.body.error.code).to.equal('RULE_VIOLATION');
      expect(r.body.error.details).to.include({ rule, article });
      const lots = await staff.get('/api/lots?status=draft');
      expect(lots.body.lots.filter((l: { assetId: string }) => l.assetId === assetId)).to.have.length(0);
    });
  }

  it('when bidding would last under 24 hours, then A20 refuses the lot', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const body = lotBody(t, assetId);
    body.endsAt = new Date(new Date(body.startsAt).getTime() + DAY - 1000).toISOString();
    const r = await staff.post('/api/lots', body);
    expect(r.status).to.equal(422);
    expect(r.body.error.details).to.include({ rule: 'BIDDING_PERIOD_TOO_SHORT', article: 'A20' });
  });

  it('when the asset has no reference price, then the lot is refused naming A10', async () => {
    const c = await staff.post('/api/cases', { caseNumber: `N-${Date.now()}`, court: 'C', applicant: 'A', respondent: 'R', claimAmount: '10.00' });
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: 'Unvalued', kind: 'movable', description: '' });
    const r = await staff.post('/api/lots', lotBody(t, a.body.id));
    expect(r.status).to.equal(422);
    expect(r.body.error.details).to.include({ rule: 'REFERENCE_PRICE_REQUIRED', article: 'A10' });
  });

  it('when a movable lot published on day D (UTC+8) would start on D+15, then publish is refused (A12); from D+16 it is announced', async () => {
    const { assetId } = await assetWithReference(t, staff);
    // Publishing happens after the A16 notice wait; count the announcement days from that day (D).
    const publishAt = t.now().getTime() + NOTICE_WAIT_MS;
    const cstMidnightToday = new Date(Math.floor((publishAt + 8 * 3600e3) / DAY) * DAY - 8 * 3600e3);
    const tooEarly = new Date(cstMidnightToday.getTime() + 15 * DAY + 23 * 3600e3); // D+15, 23:00 CST (published 1 March: 16 March)
    const body = { ...lotBody(t, assetId), startsAt: tooEarly.toISOString(), endsAt: new Date(tooEarly.getTime() + DAY).toISOString() };
    const lot = await staff.post('/api/lots', body);
    expect(lot.status).to.equal(201);
    const { assetId: asset2 } = await assetWithReference(t, staff);
    const onTime = new Date(cstMidnightToday.getTime() + 16 * DAY); // D+16, 00:00 CST (published 1 March: 17 March)
    const ok = await staff.post('/api/lots', { ...lotBody(t, asset2), startsAt: onTime.toISOString(), endsAt: new Date(onTime.getTime() + DAY).toISOString() });
    await staff.post(`/api/lots/${ok.body.id}/notify-parties`, {});
    const refused = await notifyAndPublish(t, staff, lot.body.id);
    expect(refused.status).to.equal(422);
    expect(refused.body.error.details).to.include({ rule: 'ANNOUNCEMENT_PERIOD_TOO_SHORT', article: 'A12' });
    expect((await staff.get(`/api/lots/${lot.body.id}`)).body.status).to.equal('draft');

    const published = await staff.post(`/api/lots/${ok.body.id}/publish`);
    expect(published.status).to.equal(200);
    expect(published.body.status).to.equal('announced');
    expect(new Date(published.body.announcedAt).getTime()).to.be.closeTo(t.now().getTime(), 5000);
    expect((await t.anon.get(`/api/lots/${ok.body.id}`)).body.status).to.equal('announced');
    const again = await staff.post(`/api/lots/${ok.body.id}/publish`);
    expect(again.status).to.equal(409);
  });

  it('when the parties have not been notified, or only two days ago, then publish is refused (A16)', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const lot = await staff.post('/api/lots', lotBody(t, assetId));
    const missing = await staff.post(`/api/lots/${lot.body.id}/publish`);
    expect(missing.status).to.equal(422);
    expect(missing.body.error.details).to.include({ rule: 'PARTY_NOTICE_MISSING', article: 'A16' });
    await staff.post(`/api/lots/${lot.body.id}/notify-parties`, { note: 'Served by post.' });
    await t.advance(2 * DAY);
    const recent = await staff.post(`/api/lots/${lot.body.id}/publish`);
    expect(recent.status).to.equal(422);
    expect(recent.body.error.details).to.include({ rule: 'PARTY_NOTICE_TOO_RECENT', article: 'A16' });
    await t.advance(2 * DAY);
    expect((await staff.post(`/api/lots/${lot.body.id}/publish`)).status).to.equal(200);
  });

  it('when an immovable lot is published 29 days ahead, then A12 requires 30 days', async () => {
    const { assetId } = await assetWithReference(t, staff, { kind: 'immovable' });
    const lot = await staff.post('/api/lots', lotBody(t, assetId, { startInDays: 33 }));
    const r = await notifyAndPublish(t, staff, lot.body.id);
    expect(r.status).to.equal(422);
    expect(r.body.error.details).to.include({ rule: 'ANNOUNCEMENT_PERIOD_TOO_SHORT', article: 'A12', days: '30' });
  });

  it('when the asset already has an unfinished lot, then a second one is refused', async () => {
    const { assetId } = await assetWithReference(t, staff);
    expect((await staff.post('/api/lots', lotBody(t, assetId))).status).to.equal(201);
    const r = await staff.post('/api/lots', lotBody(t, assetId));
    expect(r.status).to.equal(409);
    expect(r.body.error.code).to.equal('ASSET_HAS_OPEN_LOT');
  });

  it('when a second round is asked for an asset whose first round has not failed, then A26 refuses it', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const r = await staff.post('/api/lots', { ...lotBody(t, assetId), round: 2 });
    expect(r.status).to.equal(422);
    expect(r.body.error.details).to.include({ rule: 'SECOND_ROUND_NEEDS_FAILED_FIRST', article: 'A26' });
  });
  it('when the asset\'s reference price has run out, then creating a first auction names B27 and the date it expired, not a missing price', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const valuations = (await staff.get(`/api/assets/${assetId}/valuations`)).body.valuations;
    const validUntil = valuations[0].validUntil as string;
    await t.advance(new Date(validUntil).getTime() - t.now().getTime() + DAY);
    const r = await staff.post('/api/lots', lotBody(t, assetId));
    expect(r.status).to.equal(422);
    expect(r.body.error.details).to.include({ rule: 'REFERENCE_PRICE_EXPIRED', article: 'B27', validUntil });
    expect(r.body.error.message).to.include(validUntil);
    expect(r.body.error.details.violations.map((v: { rule: string }) => v.rule)).to.not.include('REFERENCE_PRICE_REQUIRED');
  });
});

describe('a court\'s public holidays (COURT_HOLIDAYS)', () => {
  it('when the announcement period would end on a configured holiday, then it runs to the next working day and an earlier start is refused', async function () {
    this.timeout(30_000);
    const today = Date.now();
    const cst = (ms: number) => new Date(ms + 8 * 3600e3).toISOString().slice(0, 10);
    // Days 16 to 25 after the notice wait are holidays: a 15-day announcement ending in them runs past them.
    const publishAt = today + NOTICE_WAIT_MS;
    const holidays = Array.from({ length: 10 }, (_, i) => cst(publishAt + (15 + i) * DAY)).join(',');
    const { courtServer } = await import('../support/server');
    const { t, staff } = await courtServer({ env: { COURT_HOLIDAYS: holidays } });
    try {
      const { assetId } = await assetWithReference(t, staff);
      const publishDay = Math.floor((publishAt + 8 * 3600e3) / DAY) * DAY - 8 * 3600e3;
      const startsAt = new Date(publishDay + 20 * DAY); // lawful without holidays (D+16 would do)
      const lot = await staff.post('/api/lots', { ...lotBody(t, assetId), startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + DAY).toISOString() });
      const r = await notifyAndPublish(t, staff, lot.body.id);
      expect(r.status).to.equal(422);
      expect(r.body.error.details).to.include({ rule: 'ANNOUNCEMENT_PERIOD_TOO_SHORT', article: 'A12', earliestStartDate: cst(publishDay + 26 * DAY) });
    } finally {
      await t.stop();
    }
  });
});
