import crypto from 'node:crypto';
import { expect } from 'chai';
import { inArray } from 'drizzle-orm';
import nock from 'nock';
import { schema } from '../../server/platform/db/index';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';

const DAY = 24 * 60 * 60 * 1000;
const POLL = 31_000;

/** A mocked inquiry platform: what it answers to a poll is set by the test as time moves. */
interface FakePlatform { name: string; url: string; reply: () => nock.ReplyFnResult | Promise<nock.ReplyFnResult>; requests: number; delayMs?: number }

function fakePlatform(name: string): FakePlatform {
  const p: FakePlatform = { name, url: `http://${name.toLowerCase()}.inquiry.test`, reply: () => [200, { status: 'pending' }], requests: 0 };
  nock(p.url).persist().post('/inquiries').reply(function () {
    p.requests++;
    return [202, { platformRef: `ref-${name}` }];
  });
  nock(p.url).persist().get(`/inquiries/ref-${name}`).reply(() => p.reply() as nock.ReplyFnResult);
  return p;
}
const done = (price: string, extra: Record<string, unknown> = {}) => (): nock.ReplyFnResult => [200, { status: 'done', price, currency: 'CNY', reportUrl: 'https://reports.example/1.pdf', ...extra }];

describe('network inquiry across every configured platform (B10–13, B21–24)', () => {
  let t: TestServer;
  let staff: ApiClient;
  const platforms: Record<string, FakePlatform> = {};
  const names = ['Alpha', 'Beta', 'Gamma'];

  before(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    for (const n of names) platforms[n] = fakePlatform(n);
    t = await startTestServer({ env: { INQUIRY_TIMEOUT_MS: '3000', INQUIRY_PLATFORMS: JSON.stringify(names.map((n) => ({ name: n, url: platforms[n].url }))) } });
    staff = (await t.user('court_staff')).api;
  });
  after(async () => {
    await t.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });
  beforeEach(() => {
    for (const n of names) platforms[n].reply = () => [200, { status: 'pending' }];
  });

  async function asset() {
    const c = await staff.post('/api/cases', { caseNumber: `NI-${Math.random()}`, court: 'Inquiry Court', applicant: 'A', respondent: 'R', claimAmount: '100000.00' });
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: 'Seized van', kind: 'movable', description: 'White van.' });
    return a.body.id as string;
  }
  async function startInquiry() {
    const assetId = await asset();
    const v = await staff.post(`/api/assets/${assetId}/valuations`, { method: 'network_inquiry', skipAgreement: { note: 'Both parties agreed in writing to go straight to network inquiry.' } });
    expect(v.status, JSON.stringify(v.body)).to.equal(201);
    expect(v.body.status).to.equal('pending');
    await t.advance(1000); // the job sends the inquiry to every platform at once
    return { assetId, id: v.body.id as string };
  }
  const detail = async (id: string) => (await staff.get(`/api/valuations/${id}`)).body;

  it('when every platform reports on time, then the reference is the exact average, rounded half-up to the fen, open to objection for 5 days, then effective', async () => {
    const { id } = await startInquiry();
    expect((await detail(id)).quotes.map((q: { status: string }) => q.status)).to.deep.equal(['pending', 'pending', 'pending']);
    platforms.Alpha.reply = done('333.33');
    platforms.Beta.reply = done('333.33');
    platforms.Gamma.reply = done('333.34');
    await t.advance(POLL);
    await t.advance(1000);
    const v = await detail(id);
    expect(v.status).to.equal('objection_window');
    expect(v.referencePrice).to.equal('333.33'); // 1000.00 / 3 = 333.333…
    await t.advance(6 * DAY);
    const final = await detail(id);
    expect(final.status).to.equal('effective');
    expect(final.validUntil).to.be.a('string');
  });

  it('when hundreds of older determinations are running but not due (appraisals awaiting reports, open windows, pending objections), then a new inquiry still reaches its objection window', async function () {
    this.timeout(60_000);
    // The job once read the 200 oldest running determinations, due or not: past 200 the newest were never reached.
    const holder = await asset();
    const [{ createdBy }] = await t.database.db.select({ createdBy: schema.users.id }).from(schema.users).limit(1);
    const long = new Date(t.now().getTime() + 30 * DAY);
    const older = new Date(t.now().getTime() - DAY);
    const rows = Array.from({ length: 250 }, (_, i) => ({
      id: crypto.randomUUID(), assetId: holder, createdBy, createdAt: older,
      ...(i % 2
        ? { method: 'appraisal', status: 'pending', deadlineAt: long, details: {} }
        : { method: 'network_inquiry', status: 'objection_window', referencePrice: '1000.00', objectionWindowEndsAt: long, details: { via: 'network_inquiry' } }),
    }));
    await t.database.db.insert(schema.valuations).values(rows);
    try {
      const { id } = await startInquiry();
      for (const n of names) platforms[n].reply = done('100000.00');
      await t.advance(POLL);
      await t.advance(1000);
      expect(await detail(id)).to.include({ status: 'objection_window', referencePrice: '100000.00' });
    } finally {
      await t.database.db.delete(schema.valuations).where(inArray(schema.valuations.id, rows.map((r) => r.id)));
    }
  });

  it('when one platform reports after the 3 days, then its late report is kept on record but not averaged', async () => {
    const { id } = await startInquiry();
    platforms.Alpha.reply = done('100000.00');
    platforms.Beta.reply = done('110000.00');
    await t.advance(POLL);
    expect((await detail(id)).status).to.equal('pending');
    await t.advance(4 * DAY);
    const v = await detail(id);
    expect(v.status).to.equal('objection_window');
    expect(v.referencePrice).to.equal('105000.00');
    platforms.Gamma.reply = done('500000.00');
    await t.advance(POLL);
    const after = await detail(id);
    expect(after.quotes.find((q: { platform: string }) => q.platform === 'Gamma').status).to.equal('late');
    expect(after.referencePrice).to.equal('105000.00');
  });

  it('when no platform reports on time, then one 3-day extension runs; a report within it is used; none at all fails the inquiry', async () => {
    const { id } = await startInquiry();
    await t.advance(4 * DAY);
    const extended = await detail(id);
    expect(extended.status).to.equal('extended');
    expect(extended.extensionCount).to.equal(1);
    platforms.Beta.reply = done('88000.00');
    await t.advance(POLL);
    await t.advance(4 * DAY);
    const v = await detail(id);
    expect(v.status).to.equal('objection_window');
    expect(v.referencePrice).to.equal('88000.00');

    const second = await startInquiry();
    for (const n of names) platforms[n].reply = () => [200, { status: 'pending' }];
    await t.advance(4 * DAY);
    await t.advance(4 * DAY);
    expect((await detail(second.id)).status).to.equal('failed');
  });

  it('when a platform corrects its report within 3 days, then the correction replaces it and the average follows', async () => {
    const { id } = await startInquiry();
    platforms.Alpha.reply = done('100000.00');
    platforms.Beta.reply = done('100000.00');
    platforms.Gamma.reply = done('100000.00');
    await t.advance(POLL);
    await t.advance(1000);
    expect((await detail(id)).referencePrice).to.equal('100000.00');
    platforms.Gamma.reply = done('130000.00');
    await t.advance(POLL);
    const v = await detail(id);
    const gamma = v.quotes.find((q: { platform: string }) => q.platform === 'Gamma');
    expect(gamma).to.include({ price: '130000.00', correctionCount: 1 });
    expect(v.referencePrice).to.equal('110000.00');
  });

  it('when an objection to one report is sustained, then that report leaves the average; a rejected one changes nothing; the price takes effect once none is pending', async () => {
    const { id } = await startInquiry();
    platforms.Alpha.reply = done('90000.00');
    platforms.Beta.reply = done('100000.00');
    platforms.Gamma.reply = done('200000.00');
    await t.advance(POLL);
    await t.advance(1000);
    const v = await detail(id);
    expect(v.referencePrice).to.equal('130000.00');
    const gamma = v.quotes.find((q: { platform: string }) => q.platform === 'Gamma');
    const o1 = await staff.post(`/api/valuations/${id}/objections`, { party: 'Respondent Li', reason: 'Gamma valued a newer model.', quoteId: gamma.id });
    expect(o1.status, JSON.stringify(o1.body)).to.equal(201);
    const o2 = await staff.post(`/api/valuations/${id}/objections`, { party: 'Applicant bank', reason: 'All quotes are too low.' });
    await t.advance(6 * DAY);
    expect((await detail(id)).status, 'a pending objection holds the price back').to.equal('objection_window');
    const sustained = await staff.post(`/api/valuations/${id}/objections/${o1.body.id}/resolve`, { decision: 'sustained', resolution: 'The report describes a 2023 model; ours is 2015.' });
    expect(sustained.body.referencePrice).to.equal('95000.00');
    expect(sustained.body.quotes.find((q: { platform: string }) => q.platform === 'Gamma').excluded).to.equal(true);
    const rejected = await staff.post(`/api/valuations/${id}/objections/${o2.body.id}/resolve`, { decision: 'rejected', resolution: 'No evidence offered.' });
    expect(rejected.body.referencePrice).to.equal('95000.00');
    await t.advance(1000);
    expect((await detail(id)).status).to.equal('effective');
    const late = await staff.post(`/api/valuations/${id}/objections`, { party: 'Respondent Li', reason: 'Too late now?' });
    expect(late.status).to.equal(422);
    expect(late.body.error.details).to.include({ rule: 'OBJECTION_PERIOD_CLOSED', article: 'B22' });
  });

  it('when staff open the worklist, then pending, extended and objection-window determinations show with their deadlines', async () => {
    const { id } = await startInquiry();
    const list = (await staff.get('/api/valuations/worklist')).body.items;
    const row = list.find((i: { valuationId: string }) => i.valuationId === id);
    expect(row).to.include({ method: 'network_inquiry', status: 'pending', overdue: false });
    expect(row.deadlineAt).to.be.a('string');
  });
});

describe('hostile inquiry platforms are recorded, never trusted, and never stall the others', () => {
  let t: TestServer;
  let staff: ApiClient;
  const hostile: Array<[string, () => nock.Scope]> = [];
  before(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    const scope = (name: string) => {
      const url = `http://${name}.hostile.test`;
      nock(url).persist().post('/inquiries').reply(202, { platformRef: `r-${name}` });
      return { url, get: nock(url).persist().get(`/inquiries/r-${name}`) };
    };
    const defs: Record<string, (g: nock.Interceptor) => nock.Scope> = {
      good: (g) => g.reply(200, { status: 'done', price: '50000.00', currency: 'CNY' }),
      words: (g) => g.reply(200, { status: 'done', price: 'fifty thousand', currency: 'CNY' }),
      negative: (g) => g.reply(200, { status: 'done', price: '-50000.00', currency: 'CNY' }),
      absurd: (g) => g.reply(200, { status: 'done', price: '999999999999999.00', currency: 'CNY' }),
      dollars: (g) => g.reply(200, { status: 'done', price: '7000.00', currency: 'USD' }),
      broken: (g) => g.reply(200, '{"status": "done", "price": ', { 'content-type': 'application/json' }),
      hanging: (g) => g.delay(2000).reply(200, { status: 'done', price: '1.00' }),
      numeric: (g) => g.reply(200, { status: 'done', price: 50000, currency: 'CNY' }),
      huge: (g) => g.reply(200, { status: 'done', price: '1.00', padding: 'x'.repeat(200_000) }),
      nul: (g) => g.reply(200, '{"status": "done", "price": "1\u0000"}', { 'content-type': 'application/json' }),
      text: (g) => g.reply(200, 'AccessKeyId=ASIA-SECRET-CREDENTIAL instance-role', { 'content-type': 'text/plain' }),
    };
    const list = Object.entries(defs).map(([name, def]) => {
      const s = scope(name);
      def(s.get);
      return { name, url: s.url };
    });
    void hostile;
    t = await startTestServer({ env: { INQUIRY_TIMEOUT_MS: '1000', INQUIRY_PLATFORMS: JSON.stringify(list) } });
    staff = (await t.user('court_staff')).api;
  });
  after(async () => {
    await t.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('when platforms answer with words, negatives, absurd sums, dollars, broken JSON, numbers or not at all, then each error is recorded against it and the good quote alone decides', async function () {
    this.timeout(30_000);
    const c = await staff.post('/api/cases', { caseNumber: `H-${Math.random()}`, court: 'C', applicant: 'A', respondent: 'R', claimAmount: '100.00' });
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: 'Boat', kind: 'movable', description: '' });
    const v = await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'network_inquiry', skipAgreement: { note: 'Agreed by the parties.' } });
    await t.advance(1000);
    await t.advance(POLL);
    const d = (await staff.get(`/api/valuations/${v.body.id}`)).body;
    const by = (n: string) => d.quotes.find((q: { platform: string }) => q.platform === n);
    expect(by('good')).to.include({ status: 'reported', price: '50000.00' });
    const kinds: Record<string, string> = { huge: 'invalid_reply', nul: 'malformed_json', words: 'invalid_reply', negative: 'invalid_reply', absurd: 'implausible_price', dollars: 'wrong_currency', broken: 'malformed_json', hanging: 'timeout', numeric: 'invalid_reply', text: 'malformed_json' };
    for (const [name, kind] of Object.entries(kinds)) {
      expect(by(name).status, name).to.equal('pending');
      expect(by(name).price, name).to.equal(null);
      expect(by(name).errors.map((e: { kind: string }) => e.kind), name).to.include(kind);
    }
    // A reply that is not JSON is recorded by its kind, status and size: its text is never kept or shown.
    expect(by('text').errors[0].detail).to.equal('HTTP 200, 48 bytes, not JSON');
    expect(JSON.stringify(d)).to.not.include('SECRET').and.not.include('AccessKeyId');
    await t.advance(4 * DAY);
    const after = (await staff.get(`/api/valuations/${v.body.id}`)).body;
    expect(after.status).to.equal('objection_window');
    expect(after.referencePrice).to.equal('50000.00');
    expect((await t.anon.get('/api/clock')).status).to.equal(200);
  });
});
