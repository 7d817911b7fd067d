import crypto from 'node:crypto';
import { expect } from 'chai';
import nock from 'nock';
import { canonicalJson } from '../../server/modules/audit/audit.service';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';

const DAY = 24 * 60 * 60 * 1000;
const POLL = 31_000;

interface RecordEntry { seq: number; at: string; actorId: string | null; action: string; valuationId: string; data: Record<string, unknown>; prevHash: string; hash: string }

/** Recomputes an asset's valuation record from what the API shows, as anyone could: SHA-256 over the RFC 8785 bytes. */
function recompute(assetId: string, entries: RecordEntry[], head: string) {
  let prev = '';
  for (const e of entries) {
    expect(e.prevHash, `entry #${e.seq} links`).to.equal(prev);
    const jcs = canonicalJson({ kind: 'valuation', assetId, valuationId: e.valuationId, seq: e.seq, at: e.at, actorId: e.actorId, action: e.action, data: e.data, prevHash: e.prevHash });
    expect(crypto.createHash('sha256').update(Buffer.from(jcs, 'utf8')).digest('hex'), `entry #${e.seq} hash`).to.equal(e.hash);
    prev = e.hash;
  }
  expect(head).to.equal(prev);
}

/** A mocked inquiry platform whose poll answer the test sets as time moves. */
function fakePlatform(name: string) {
  const p = { name, url: `http://${name.toLowerCase()}.record.test`, reply: (): nock.ReplyFnResult => [200, { status: 'pending' }] };
  nock(p.url).persist().post('/inquiries').reply(202, { platformRef: `ref-${name}` });
  nock(p.url).persist().get(`/inquiries/ref-${name}`).reply(() => p.reply());
  return p;
}
const done = (price: string) => (): nock.ReplyFnResult => [200, { status: 'done', price, currency: 'CNY', reportUrl: 'https://reports.example/r.pdf' }];

describe('valuation events in the tamper-evident record, and one determination at a time', () => {
  let a: TestServer;
  let b: TestServer;
  let staff: ApiClient;
  // Registered in before(): another file's after() may clear every interceptor when it ends.
  let platforms: Array<ReturnType<typeof fakePlatform>> = [];

  before(async function () {
    this.timeout(120_000);
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    platforms = ['Red', 'Blue'].map(fakePlatform);
    const env = { INQUIRY_TIMEOUT_MS: '3000', INQUIRY_PLATFORMS: JSON.stringify(platforms.map((p) => ({ name: p.name, url: p.url }))) };
    a = await startTestServer({ env });
    // A second node on the same database, its job ticks run through its own test clock.
    b = await startTestServer({ env, database: a.database });
    staff = (await a.user('court_staff')).api;
  });
  after(async () => {
    await b.stop();
    await a.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });
  beforeEach(() => {
    for (const p of platforms) p.reply = () => [200, { status: 'pending' }];
  });

  async function asset(o: { appraisalMandatory?: boolean } = {}) {
    const c = await staff.post('/api/cases', { caseNumber: `VR-${crypto.randomUUID()}`, court: 'Record Court', applicant: 'A', respondent: 'R', claimAmount: '100000.00' });
    const r = await staff.post('/api/assets', { caseId: c.body.id, title: 'Seized boat', kind: 'movable', description: 'A small boat.', appraisalMandatory: o.appraisalMandatory ?? false });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return r.body.id as string;
  }
  const record = async (assetId: string) => {
    const r = await staff.get(`/api/assets/${assetId}/audit`);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return r.body as { entries: RecordEntry[]; head: string };
  };
  const actions = (entries: RecordEntry[]) => entries.map((e) => e.action);
  /** Both nodes move their clocks by the same amount at once, so both run the valuations job over the same rows. */
  const advanceBoth = (ms: number) => Promise.all([a.advance(ms), b.advance(ms)]);
  const inquiry = { method: 'network_inquiry', skipAgreement: { note: 'The parties agreed in writing to a network inquiry.' } };

  it('when a network inquiry runs from start to effect with a correction and an objection, then each event is in the asset\'s chain once, and the chain recomputes from its JCS bytes', async function () {
    this.timeout(60_000);
    const assetId = await asset();
    const v = await staff.post(`/api/assets/${assetId}/valuations`, inquiry);
    expect(v.status, JSON.stringify(v.body)).to.equal(201);
    await a.advance(1000);
    platforms[0].reply = done('100000.00');
    platforms[1].reply = done('120000.00');
    await a.advance(POLL);
    await a.advance(1000);
    platforms[1].reply = done('110000.00'); // a correction within 3 days (B12)
    await a.advance(POLL);
    const shown = (await staff.get(`/api/valuations/${v.body.id}`)).body;
    expect(shown.status, JSON.stringify(shown)).to.equal('objection_window');
    const quotes = shown.quotes as Array<{ id: string; platform: string }>;
    const o = await staff.post(`/api/valuations/${v.body.id}/objections`, { party: 'Respondent', reason: 'Blue valued the wrong hull.', quoteId: quotes.find((q) => q.platform === 'Blue')!.id });
    expect(o.status, JSON.stringify(o.body)).to.equal(201);
    const resolved = await staff.post(`/api/valuations/${v.body.id}/objections/${o.body.id}/resolve`, { decision: 'rejected', resolution: 'The report is of this hull.' });
    expect(resolved.status).to.equal(200);
    await a.advance(6 * DAY);
    const { entries, head } = await record(assetId);
    expect(actions(entries)).to.deep.equal([
      'started', 'quote_reported', 'quote_reported', 'result_sent', 'quote_corrected', 'reference_recomputed', 'objection_filed', 'objection_resolved', 'effective',
    ]);
    expect(entries.find((e) => e.action === 'result_sent')!.data).to.include({ referencePrice: '110000.00' });
    expect(entries.find((e) => e.action === 'reference_recomputed')!.data).to.include({ referencePrice: '105000.00' });
    expect(entries.find((e) => e.action === 'effective')!.data).to.include({ referencePrice: '105000.00' });
    expect(entries.every((e) => e.valuationId === v.body.id)).to.equal(true);
    recompute(assetId, entries, head);
    // A bidder cannot read the court's record.
    const bidder = await a.user('bidder');
    expect((await bidder.api.get(`/api/assets/${assetId}/audit`)).status).to.equal(403);
  });

  it('when an appraisal is commissioned, extended and reported, and the price later expires, then each step is recorded', async function () {
    this.timeout(60_000);
    const assetId = await asset({ appraisalMandatory: true });
    const v = await staff.post(`/api/assets/${assetId}/valuations`, { method: 'appraisal', selection: 'agreed', agencies: ['Agency A', 'Agency B', 'Agency C'] });
    expect(v.status, JSON.stringify(v.body)).to.equal(201);
    expect((await staff.post(`/api/valuations/${v.body.id}/appraisal/extend`, { reason: 'Site access delayed.' })).status).to.equal(200);
    expect((await staff.post(`/api/valuations/${v.body.id}/appraisal/report`, { agency: 'Agency A', reportRef: 'APR-9', amount: '640000.00' })).status).to.equal(200);
    await a.advance(6 * DAY);
    await a.advance(366 * DAY);
    expect((await staff.get(`/api/valuations/${v.body.id}`)).body.status).to.equal('expired');
    const { entries, head } = await record(assetId);
    expect(actions(entries)).to.deep.equal(['started', 'extended', 'appraisal_report_received', 'result_sent', 'effective', 'expired']);
    recompute(assetId, entries, head);
  });

  it('when two determinations are started at once for one asset, then one starts and the other is refused with 409 DETERMINATION_IN_PROGRESS', async function () {
    this.timeout(30_000);
    const assetId = await asset();
    const both = await Promise.all([staff.post(`/api/assets/${assetId}/valuations`, inquiry), staff.post(`/api/assets/${assetId}/valuations`, inquiry)]);
    expect(both.map((r) => r.status).sort()).to.deep.equal([201, 409]);
    expect(both.find((r) => r.status === 409)!.body.error.code).to.equal('DETERMINATION_IN_PROGRESS');
    const later = await staff.post(`/api/assets/${assetId}/valuations`, { method: 'negotiated', amount: '1.00' });
    expect(later.status).to.equal(409);
    const list = (await staff.get(`/api/assets/${assetId}/valuations`)).body.valuations;
    expect(list).to.have.length(1);
    expect(actions((await record(assetId)).entries)).to.deep.equal(['started']);
  });

  it('when two nodes tick over the same due determination, then the result is sent once and takes effect once', async function () {
    this.timeout(60_000);
    const assetId = await asset();
    const v = await staff.post(`/api/assets/${assetId}/valuations`, inquiry);
    await advanceBoth(1000);
    platforms[0].reply = done('90000.00');
    platforms[1].reply = done('90000.00');
    await advanceBoth(POLL);
    await advanceBoth(1000);
    await advanceBoth(6 * DAY);
    await advanceBoth(1000);
    const detail = (await staff.get(`/api/valuations/${v.body.id}`)).body;
    expect(detail.status).to.equal('effective');
    const { entries, head } = await record(assetId);
    expect(actions(entries)).to.deep.equal(['started', 'quote_reported', 'quote_reported', 'result_sent', 'effective']);
    recompute(assetId, entries, head);
  });

  it('when an objection is sustained while the job ticks past the objection window, then there is one consistent outcome', async function () {
    this.timeout(60_000);
    const assetId = await asset();
    const v = await staff.post(`/api/assets/${assetId}/valuations`, inquiry);
    await a.advance(1000);
    platforms[0].reply = done('100000.00');
    platforms[1].reply = done('200000.00');
    await a.advance(POLL);
    await a.advance(1000);
    const quotes = (await staff.get(`/api/valuations/${v.body.id}`)).body.quotes as Array<{ id: string; platform: string }>;
    const o = await staff.post(`/api/valuations/${v.body.id}/objections`, { party: 'Applicant', reason: 'Blue is absurd.', quoteId: quotes.find((q) => q.platform === 'Blue')!.id });
    expect(o.status, JSON.stringify(o.body)).to.equal(201);
    // The window ends while the objection is still pending: the ruling and both nodes' ticks race.
    const [, , ruling] = await Promise.all([
      a.advance(6 * DAY), b.advance(6 * DAY),
      staff.post(`/api/valuations/${v.body.id}/objections/${o.body.id}/resolve`, { decision: 'sustained', resolution: 'Blue valued another boat.' }),
    ]);
    expect(ruling.status, JSON.stringify(ruling.body)).to.equal(200);
    await advanceBoth(1000);
    const detail = (await staff.get(`/api/valuations/${v.body.id}`)).body;
    expect(detail).to.include({ status: 'effective', referencePrice: '100000.00' });
    const { entries, head } = await record(assetId);
    const counts = actions(entries).reduce<Record<string, number>>((m, x) => ({ ...m, [x]: (m[x] ?? 0) + 1 }), {});
    expect(counts).to.include({ objection_resolved: 1, reference_recomputed: 1, effective: 1, result_sent: 1 });
    expect(actions(entries).indexOf('effective')).to.be.greaterThan(actions(entries).indexOf('objection_resolved'));
    recompute(assetId, entries, head);
  });
});
