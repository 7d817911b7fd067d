import { expect } from 'chai';
import nock from 'nock';
import { bidderWithDeposit, lotBody, notifyAndPublish } from '../support/factories';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

const DAY = 24 * 60 * 60 * 1000;

describe('reference prices by each method, in legal order (B4–B27)', () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  const platformUrls = ['http://near.fee.test', 'http://far.fee.test', 'http://tie.fee.test'];
  before(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    ({ t, staff, finance } = await courtServer({ env: { INQUIRY_TIMEOUT_MS: '3000', INQUIRY_PLATFORMS: JSON.stringify(platformUrls.map((url, i) => ({ name: ['Near', 'Far', 'Tie'][i], url }))) } }));
  });
  after(async () => {
    await t.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  async function asset(o: { preserved?: boolean; appraisalMandatory?: boolean; claim?: string; caseId?: string } = {}) {
    const caseId = o.caseId ?? (await staff.post('/api/cases', { caseNumber: `M-${Math.random()}`, court: 'Method Court', applicant: 'A', respondent: 'R', claimAmount: o.claim ?? '1000000.00' })).body.id;
    const a = await staff.post('/api/assets', { caseId, title: 'Warehouse stock', kind: 'movable', description: 'Pallets.', preserved: o.preserved ?? false, appraisalMandatory: o.appraisalMandatory ?? false });
    expect(a.status, JSON.stringify(a.body)).to.equal(201);
    return { assetId: a.body.id as string, caseId: caseId as string };
  }

  it('when network inquiry is asked before negotiation or targeted inquiry without the parties\' agreement, then B4 refuses; a failed negotiation opens the way', async () => {
    const { assetId } = await asset();
    const r = await staff.post(`/api/assets/${assetId}/valuations`, { method: 'network_inquiry' });
    expect(r.status).to.equal(422);
    expect(r.body.error.details).to.include({ rule: 'METHOD_ORDER', article: 'B4' });
    const failed = await staff.post(`/api/assets/${assetId}/valuations`, { method: 'negotiated', noAgreement: true, note: 'The respondent did not attend.' });
    expect(failed.status).to.equal(201);
    expect(failed.body.status).to.equal('failed');
    nock('http://near.fee.test').post('/inquiries').reply(202, { platformRef: 'x1' });
    nock('http://far.fee.test').post('/inquiries').reply(202, { platformRef: 'x2' });
    nock('http://tie.fee.test').post('/inquiries').reply(202, { platformRef: 'x3' });
    const ok = await staff.post(`/api/assets/${assetId}/valuations`, { method: 'network_inquiry' });
    expect(ok.status).to.equal(201);
    await t.advance(1000);
  });

  it('when a law requires an appraisal, then every other method is refused (B14)', async () => {
    const { assetId } = await asset({ appraisalMandatory: true });
    const r = await staff.post(`/api/assets/${assetId}/valuations`, { method: 'negotiated', amount: '1000.00' });
    expect(r.status).to.equal(422);
    expect(r.body.error.details).to.include({ rule: 'APPRAISAL_MANDATORY', article: 'B14' });
  });

  it('when a targeted inquiry records a government-guided price and the body asked, then it is effective at once and admits no objection (B7, B22)', async () => {
    const { assetId } = await asset();
    const bad = await staff.post(`/api/assets/${assetId}/valuations`, { method: 'targeted_inquiry', priceBasis: 'market', bodyAsked: 'Tax bureau', amount: '1.00', skipAgreement: { note: 'agreed' } });
    expect(bad.status).to.equal(400);
    const v = await staff.post(`/api/assets/${assetId}/valuations`, { method: 'targeted_inquiry', priceBasis: 'government_guided', bodyAsked: 'Hangzhou Price Bureau', amount: '88000.00', documentRef: 'HPB-2026-77', skipAgreement: { note: 'Agreed at the hearing.' } });
    expect(v.status, JSON.stringify(v.body)).to.equal(201);
    expect(v.body).to.include({ status: 'effective', referencePrice: '88000.00' });
    expect(v.body.details).to.include({ priceBasis: 'government_guided', bodyAsked: 'Hangzhou Price Bureau' });
    const o = await staff.post(`/api/valuations/${v.body.id}/objections`, { party: 'Respondent', reason: 'Too low.' });
    expect(o.status).to.equal(422);
    expect(o.body.error.details).to.include({ rule: 'NO_OBJECTION_TO_AGREED_PRICE', article: 'B22' });
  });

  it('when agencies are drawn by lot, then the draw is reproducible from its seed; the report is due in 30 days, extendable twice by 15', async () => {
    const { assetId } = await asset({ appraisalMandatory: true });
    const candidates = ['Agency A', 'Agency B', 'Agency C', 'Agency D', 'Agency E'];
    const v1 = await staff.post(`/api/assets/${assetId}/valuations`, { method: 'appraisal', selection: 'lot', agencies: candidates, drawSeed: 'court-2026-11-26' });
    expect(v1.status, JSON.stringify(v1.body)).to.equal(201);
    const { assetId: other } = await asset({ appraisalMandatory: true });
    const v2 = await staff.post(`/api/assets/${other}/valuations`, { method: 'appraisal', selection: 'lot', agencies: candidates, drawSeed: 'court-2026-11-26' });
    expect(v1.body.details.agencies).to.have.length(3).and.deep.equal(v2.body.details.agencies);
    expect(v1.body.details.commissioned).to.equal(v1.body.details.agencies[0]);
    const days = (new Date(v1.body.deadlineAt).getTime() - new Date(v1.body.createdAt).getTime()) / DAY;
    expect(days).to.be.within(30, 31);
    for (let i = 0; i < 2; i++) expect((await staff.post(`/api/valuations/${v1.body.id}/appraisal/extend`, { reason: 'Site access delayed.' })).status).to.equal(200);
    const third = await staff.post(`/api/valuations/${v1.body.id}/appraisal/extend`, { reason: 'Again.' });
    expect(third.status).to.equal(422);
    expect(third.body.error.details).to.include({ rule: 'APPRAISAL_EXTENSIONS_EXHAUSTED', article: 'B19' });
    const report = await staff.post(`/api/valuations/${v1.body.id}/appraisal/report`, { agency: v1.body.details.commissioned, reportRef: 'APR-1', amount: '640000.00' });
    expect(report.body).to.include({ status: 'objection_window', referencePrice: '640000.00' });
    await t.advance(6 * DAY);
    expect((await staff.get(`/api/valuations/${v1.body.id}`)).body.status).to.equal('effective');
  });

  it('when preserved property is pre-valued above the claim, then the case shows the ratio and flags over-seizure; the figure later serves as the lot\'s reference price', async () => {
    const { assetId, caseId } = await asset({ preserved: true, claim: '100000.00' });
    const { assetId: second } = await asset({ preserved: true, caseId });
    const notPreserved = await asset();
    const refused = await staff.post(`/api/assets/${notPreserved.assetId}/valuations`, { method: 'pre_valuation', amount: '1.00' });
    expect(refused.status).to.equal(422);
    await staff.post(`/api/assets/${assetId}/valuations`, { method: 'pre_valuation', amount: '90000.00', note: 'Recorded from a bank valuation.' });
    let p = (await staff.get(`/api/cases/${caseId}/preservation`)).body;
    expect(p).to.include({ claimAmount: '100000.00', preservedTotal: '90000.00', ratio: '0.9000', overSeized: false, unvalued: 1 });
    await staff.post(`/api/assets/${second}/valuations`, { method: 'pre_valuation', amount: '60000.00' });
    p = (await staff.get(`/api/cases/${caseId}/preservation`)).body;
    expect(p).to.include({ preservedTotal: '150000.00', ratio: '1.5000', overSeized: true });
    const lot = await staff.post('/api/lots', lotBody(t, assetId, { startingPrice: '63000.00', deposit: '6300.00' }));
    expect(lot.status, JSON.stringify(lot.body)).to.equal(201);
    expect(lot.body).to.include({ referencePrice: '90000.00', referenceMethod: 'pre_valuation' });
  });

  it('when the reference price has passed its one-year validity, then publishing the first auction is refused (B27)', async () => {
    const { assetId } = await asset();
    await staff.post(`/api/assets/${assetId}/valuations`, { method: 'negotiated', amount: '100000.00' });
    const lot = await staff.post('/api/lots', lotBody(t, assetId, { startInDays: 400 }));
    expect(lot.status, JSON.stringify(lot.body)).to.equal(201);
    await staff.post(`/api/lots/${lot.body.id}/notify-parties`, {});
    await t.advance(367 * DAY);
    const r = await staff.post(`/api/lots/${lot.body.id}/publish`);
    expect(r.status).to.equal(422);
    expect(r.body.error.details).to.include({ rule: 'REFERENCE_PRICE_EXPIRED', article: 'B27' });
  });

  it('when an asset seized 31 days ago has no valuation, or a price took effect 11 days ago with no lot, then the worklist flags B1 and B30', async () => {
    const c = await staff.post('/api/cases', { caseNumber: `D-${Math.random()}`, court: 'Duty Court', applicant: 'A', respondent: 'R', claimAmount: '1.00' });
    const seizedAt = new Date(t.now().getTime() - 29 * DAY).toISOString();
    const seized = await staff.post('/api/assets', { caseId: c.body.id, title: 'Unvalued lorry', kind: 'movable', description: '', seizedAt });
    const priced = await staff.post('/api/assets', { caseId: c.body.id, title: 'Priced lorry', kind: 'movable', description: '' });
    await staff.post(`/api/assets/${priced.body.id}/valuations`, { method: 'negotiated', amount: '5000.00' });
    const flags = async () => (await staff.get('/api/valuations/worklist')).body.lateDuties.filter((d: { caseId: string }) => d.caseId === c.body.id);
    expect(await flags()).to.deep.equal([]);
    await t.advance(3 * DAY);
    expect((await flags()).map((d: { rule: string; assetId: string }) => [d.rule, d.assetId])).to.deep.equal([['B1', seized.body.id]]);
    await t.advance(9 * DAY);
    expect((await flags()).map((d: { rule: string }) => d.rule).sort()).to.deep.equal(['B1', 'B30']);
  });

  it('when a lot priced by network inquiry sells, then the inquiry fee goes to the platform closest to the sale price, split on a tie (B31)', async () => {
    const { assetId } = await asset();
    for (const [url, price] of [['http://near.fee.test', '80000.00'], ['http://far.fee.test', '60000.00'], ['http://tie.fee.test', '80000.00']] as const) {
      nock(url).post('/inquiries').reply(202, { platformRef: 'fee' });
      nock(url).persist().get('/inquiries/fee').reply(200, { status: 'done', price, currency: 'CNY' });
    }
    const v = await staff.post(`/api/assets/${assetId}/valuations`, { method: 'network_inquiry', skipAgreement: { note: 'Agreed.' } });
    await t.advance(1000);
    await t.advance(31_000);
    expect((await staff.get(`/api/valuations/${v.body.id}`)).body).to.include({ status: 'objection_window', referencePrice: '73333.33' });
    await t.advance(6 * DAY);
    expect((await staff.get(`/api/valuations/${v.body.id}`)).body.status).to.equal('effective');
    const created = await staff.post('/api/lots', lotBody(t, assetId, { startingPrice: '51400.00', deposit: '5140.00', bidIncrement: '500.00' }));
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    await notifyAndPublish(t, staff, created.body.id);
    await t.advance(new Date(created.body.startsAt).getTime() - t.now().getTime() + 1000);
    const b = await bidderWithDeposit(t, created.body.id, finance);
    await b.api.post(`/api/lots/${created.body.id}/bids`, { amount: '79000.00', clientBidId: 'fee' });
    await t.advance(new Date(created.body.endsAt).getTime() - t.now().getTime() + 1000);
    const after = (await staff.get(`/api/valuations/${v.body.id}`)).body;
    expect(after.details.inquiryFee).to.deep.include({ winners: ['Near', 'Tie'], share: '1/2', finalPrice: '79000.00' });
  });
});
