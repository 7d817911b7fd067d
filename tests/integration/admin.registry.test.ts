import { expect } from 'chai';
import nock from 'nock';
import { courtServer, startTestServer, type ApiClient, type TestServer } from '../support/server';

/** Names of this run's own: under PostgreSQL every test server shares the registries. */
const tag = Math.random().toString(36).slice(2, 8);

interface FakePlatform { name: string; url: string; requests: number }
function fakePlatform(name: string): FakePlatform {
  const p: FakePlatform = { name, url: `http://${name.toLowerCase()}.registry.test`, requests: 0 };
  nock(p.url).persist().post('/inquiries').reply(() => {
    p.requests++;
    return [202, { platformRef: `ref-${name}` }];
  });
  nock(p.url).persist().get(`/inquiries/ref-${name}`).reply(200, { status: 'pending' });
  return p;
}

type Change = { actorId: string; subjectId: string; action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null };
type PlatformView = { id: string; name: string; url: string; fee: string | null; active: boolean; fromSetting: boolean };

describe('the admin desk: inquiry platforms and courts, every change recorded', () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  let adminId: string;
  const fromSetting = [`Near-${tag}`, `Far-${tag}`].map(fakePlatform);
  const added: string[] = [];

  before(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    ({ t, staff, finance } = await courtServer({ env: { INQUIRY_TIMEOUT_MS: '3000', INQUIRY_PLATFORMS: JSON.stringify(fromSetting.map((p, i) => ({ name: p.name, url: p.url, ...(i === 0 ? { fee: '800' } : {}) }))) } }));
    adminId = (await t.admin.get('/api/me')).body.user.id;
  });
  after(async () => {
    // The platforms added here stop being asked by the files that follow on the shared database.
    for (const id of added) await t.admin.post(`/api/admin/inquiry-platforms/${id}/deactivate`, { reason: 'Test over.' });
    await t.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  const platforms = async () => (await t.admin.call('adminInquiryPlatforms', {})).body.platforms as PlatformView[];
  const platform = async (name: string) => (await platforms()).find((p) => p.name === name);
  const changes = async (subjectType: string) => (await t.admin.get(`/api/admin/changes?subjectType=${subjectType}&limit=200`)).body.changes as Change[];

  async function startInquiry() {
    const c = await staff.post('/api/cases', { caseNumber: `RG-${Math.random()}`, court: `Registry Court ${tag}`, applicant: 'A', respondent: 'R', claimAmount: '100000.00' });
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: 'Seized van', kind: 'movable', description: 'White van.' });
    const v = await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'network_inquiry', skipAgreement: { note: 'Both parties agreed in writing to go straight to network inquiry.' } });
    expect(v.status, JSON.stringify(v.body)).to.equal(201);
    await t.advance(1000); // the job sends the inquiry to the platforms at once
    return v.body.id as string;
  }
  const quotedBy = async (valuationId: string) => ((await staff.get(`/api/valuations/${valuationId}`)).body.quotes as Array<{ platform: string }>).map((q) => q.platform).sort();

  it('when the server starts with INQUIRY_PLATFORMS, then the setting\'s platforms are in the registry, active, with their fee', async () => {
    expect(await platform(`Near-${tag}`)).to.deep.include({ url: fromSetting[0].url, fee: '800.00', active: true, fromSetting: true });
    expect(await platform(`Far-${tag}`)).to.deep.include({ url: fromSetting[1].url, fee: null, active: true, fromSetting: true });
  });

  it('when an admin adds, edits, deactivates and reactivates a platform, then the list shows each state and the change log says who and why', async () => {
    const name = `Ping-${tag}`;
    const add = await t.admin.post('/api/admin/inquiry-platforms', { name, url: 'https://ping.example/api', fee: '500.00', reason: 'Newly contracted.' });
    expect(add.status, JSON.stringify(add.body)).to.equal(201);
    added.push(add.body.id);
    expect(add.body).to.deep.include({ name, url: 'https://ping.example/api', fee: '500.00', active: true, fromSetting: false });
    const dup = await t.admin.post('/api/admin/inquiry-platforms', { name, url: 'https://other.example', fee: '1.00' });
    expect(dup.status).to.equal(409);
    expect(dup.body.error.code).to.equal('INQUIRY_PLATFORM_EXISTS');
    const edit = await t.admin.post(`/api/admin/inquiry-platforms/${add.body.id}`, { fee: '650.50', reason: 'New price list.' });
    expect(edit.status).to.equal(200);
    expect(edit.body).to.deep.include({ url: 'https://ping.example/api', fee: '650.50' });
    const off = await t.admin.post(`/api/admin/inquiry-platforms/${add.body.id}/deactivate`, { reason: 'Contract suspended.' });
    expect(off.body.active).to.equal(false);
    expect((await platform(name))!.active).to.equal(false);
    const on = await t.admin.post(`/api/admin/inquiry-platforms/${add.body.id}/reactivate`, { reason: 'Contract renewed.' });
    expect(on.body.active).to.equal(true);
    const log = (await changes('inquiry_platform')).filter((c) => c.subjectId === name);
    expect(log.map((c) => c.actorId)).to.deep.equal([adminId, adminId, adminId, adminId]);
    expect(log.map((c) => [c.action, c.after?.reason])).to.deep.equal([
      ['inquiry_platform_reactivated', 'Contract renewed.'], ['inquiry_platform_deactivated', 'Contract suspended.'],
      ['inquiry_platform_changed', 'New price list.'], ['inquiry_platform_added', 'Newly contracted.'],
    ]);
    expect(log[1].before).to.deep.include({ active: true });
    expect(log[1].after).to.deep.include({ active: false });
    expect(log[2].before).to.deep.include({ fee: '500.00' });
    expect(log[2].after).to.deep.include({ fee: '650.50' });
  });

  it('when an admin sends a bad platform (address, fee, reason, unknown field), then it is a 400 naming the rule, and nothing changes', async () => {
    const target = (await platform(`Far-${tag}`))!;
    const listBefore = await platforms();
    const logBefore = (await changes('inquiry_platform')).length;
    const bad: Array<[string, unknown]> = [
      ['/api/admin/inquiry-platforms', { name: `Bad-${tag}`, url: 'ftp://bad.example', fee: '1.00' }],
      ['/api/admin/inquiry-platforms', { name: `Bad-${tag}`, url: 'not a url', fee: '1.00' }],
      ['/api/admin/inquiry-platforms', { name: `Bad-${tag}`, url: 'https://bad.example', fee: '-1.00' }],
      ['/api/admin/inquiry-platforms', { name: `Bad-${tag}`, url: 'https://bad.example', fee: '1.234' }],
      ['/api/admin/inquiry-platforms', { name: `Bad-${tag}`, url: 'https://bad.example', fee: 800 }],
      ['/api/admin/inquiry-platforms', { name: '', url: 'https://bad.example', fee: '1.00' }],
      ['/api/admin/inquiry-platforms', { name: `Bad-${tag}`, url: 'https://bad.example', fee: '1.00', active: false }],
      [`/api/admin/inquiry-platforms/${target.id}`, { fee: 'free' }],
      [`/api/admin/inquiry-platforms/${target.id}`, {}],
      [`/api/admin/inquiry-platforms/${target.id}`, { url: 'javascript:alert(1)' }],
      [`/api/admin/inquiry-platforms/${target.id}/deactivate`, {}],
      [`/api/admin/inquiry-platforms/${target.id}/deactivate`, { reason: ' ' }],
    ];
    for (const [path, body] of bad) {
      const r = await t.admin.post(path, body);
      expect(r.status, `${path} ${JSON.stringify(body)}`).to.equal(400);
      expect(r.body.error.code).to.equal('VALIDATION_FAILED');
    }
    const fee = await t.admin.post('/api/admin/inquiry-platforms', { name: `Bad-${tag}`, url: 'https://bad.example', fee: '-1.00' });
    expect(JSON.stringify(fee.body.error)).to.match(/fee/);
    expect((await t.admin.post('/api/admin/inquiry-platforms/no-such-platform/deactivate', { reason: 'Gone.' })).status).to.equal(404);
    expect(await platforms()).to.deep.equal(listBefore);
    expect((await changes('inquiry_platform')).length).to.equal(logBefore);
  });

  it('when an admin gives a platform address on this host, the private network, the metadata service or with a query, then it is a 400 naming the rule, and nothing is stored', async () => {
    const target = (await platform(`Far-${tag}`))!;
    const listBefore = await platforms();
    const logBefore = (await changes('inquiry_platform')).length;
    const refused: Array<[string, string]> = [
      ['http://127.0.0.1:9000/latest/meta-data', 'url_not_public'],
      ['http://10.0.0.1/api', 'url_not_public'],
      ['http://169.254.169.254/latest/meta-data/iam', 'url_not_public'],
      ['http://localhost:8080', 'url_not_public'],
      ['http://[::1]:8080', 'url_not_public'],
      ['http://[fe80::1]/', 'url_not_public'],
      ['http://192.168.1.10/', 'url_not_public'],
      ['http://172.16.0.5/', 'url_not_public'],
      ['http://0.0.0.0:3000/', 'url_not_public'],
      ['http://[::ffff:127.0.0.1]/', 'url_not_public'],
      ['https://ping.example/api?x=', 'url_query'],
      ['https://ping.example/api#frag', 'url_query'],
      ['https://user:pw@ping.example/api', 'url_userinfo'],
    ];
    for (const [url, code] of refused) {
      for (const [path, body] of [['/api/admin/inquiry-platforms', { name: `Inner-${tag}`, url, fee: '1.00' }], [`/api/admin/inquiry-platforms/${target.id}`, { url }]] as const) {
        const r = await t.admin.post(path, body);
        expect(r.status, `${path} ${url}`).to.equal(400);
        expect(r.body.error.code).to.equal('VALIDATION_FAILED');
        expect(r.body.error.details.fields[0], url).to.include({ path: 'url', code });
      }
    }
    expect(await platforms()).to.deep.equal(listBefore);
    expect((await changes('inquiry_platform')).length).to.equal(logBefore);
  });

  it('when an admin deactivates a platform and adds another, then an inquiry started afterwards asks the active ones only, and the earlier inquiry keeps its platforms', async () => {
    const [near, far] = fromSetting;
    const first = await startInquiry();
    expect(await quotedBy(first)).to.include.members([near.name, far.name]);
    const farRow = (await platform(far.name))!;
    await t.admin.post(`/api/admin/inquiry-platforms/${farRow.id}/deactivate`, { reason: 'Late with every report.' });
    const extra = fakePlatform(`Extra-${tag}`);
    const add = await t.admin.post('/api/admin/inquiry-platforms', { name: extra.name, url: extra.url, fee: '300.00' });
    added.push(add.body.id);
    const farAsked = far.requests;
    const second = await startInquiry();
    const asked = await quotedBy(second);
    expect(asked).to.include.members([near.name, extra.name]);
    expect(asked).to.not.include(far.name);
    expect(far.requests).to.equal(farAsked);
    expect(extra.requests).to.equal(1);
    expect(await quotedBy(first)).to.include.members([near.name, far.name]);
  });

  it('when a second server starts on the database, then the courts cases name are in the registry; an admin adds and edits a court; court staff read it for the case form', async () => {
    const seeded = `Seeded Court ${tag}`;
    await staff.post('/api/cases', { caseNumber: `SC-${Math.random()}`, court: seeded, applicant: 'A', respondent: 'R', claimAmount: '1.00' });
    const other = await startTestServer({ database: t.database, jobs: false });
    try {
      const names = ((await other.admin.get('/api/admin/courts')).body.courts as Array<{ name: string }>).map((c) => c.name);
      expect(names).to.include(seeded);
    } finally {
      await other.stop();
    }
    const name = `杭州市上城区人民法院 ${tag}`;
    const add = await t.admin.post('/api/admin/courts', { name, region: '浙江省杭州市', phone: '0571-8888 0000' });
    expect(add.status, JSON.stringify(add.body)).to.equal(201);
    expect(add.body).to.deep.include({ name, region: '浙江省杭州市', address: '', phone: '0571-8888 0000' });
    const dup = await t.admin.post('/api/admin/courts', { name });
    expect(dup.status).to.equal(409);
    expect(dup.body.error.code).to.equal('COURT_EXISTS');
    const edit = await t.admin.post(`/api/admin/courts/${add.body.id}`, { address: '杭州市上城区解放路 1 号' });
    expect(edit.status).to.equal(200);
    expect(edit.body).to.deep.include({ region: '浙江省杭州市', address: '杭州市上城区解放路 1 号', phone: '0571-8888 0000' });
    const before = await t.admin.get('/api/admin/courts');
    const logBefore = (await changes('court')).length;
    for (const body of [{ phone: 'call me' }, {}, { name: 'Renamed' }, { region: 'x'.repeat(101) }]) {
      expect((await t.admin.post(`/api/admin/courts/${add.body.id}`, body)).status, JSON.stringify(body)).to.equal(400);
    }
    expect((await t.admin.post('/api/admin/courts', { name: '' })).status).to.equal(400);
    expect((await t.admin.post('/api/admin/courts/no-such-court', { phone: '1' })).status).to.equal(404);
    expect((await t.admin.get('/api/admin/courts')).body).to.deep.equal(before.body);
    const log = await changes('court');
    expect(log.length).to.equal(logBefore);
    expect(log.filter((c) => c.subjectId === name).map((c) => [c.action, c.actorId, c.before?.address ?? null, c.after?.address])).to.deep.equal([
      ['court_changed', adminId, '', '杭州市上城区解放路 1 号'], ['court_added', adminId, null, ''],
    ]);
    const forStaff = await staff.get('/api/courts');
    expect(forStaff.status).to.equal(200);
    expect(forStaff.body.courts.find((c: { name: string }) => c.name === name)).to.deep.include({ phone: '0571-8888 0000' });
    // A case may still name a court not in the registry.
    expect((await staff.post('/api/cases', { caseNumber: `FREE-${Math.random()}`, court: `Unlisted Court ${tag}`, applicant: 'A', respondent: 'R', claimAmount: '1.00' })).status).to.equal(201);
  });

  it('when court staff, finance or a bidder call the registries\' admin routes, then it is refused (403), and nothing changes', async () => {
    const b = await t.user('bidder');
    const near = (await platform(`Near-${tag}`))!;
    const court = ((await t.admin.get('/api/admin/courts')).body.courts as Array<{ id: string }>)[0];
    const before = [await platforms(), (await t.admin.get('/api/admin/courts')).body];
    for (const api of [staff, finance, b.api]) {
      expect((await api.get('/api/admin/inquiry-platforms')).status).to.equal(403);
      expect((await api.post('/api/admin/inquiry-platforms', { name: `Sneaky-${tag}`, url: 'https://sneaky.example', fee: '0.00' })).status).to.equal(403);
      expect((await api.post(`/api/admin/inquiry-platforms/${near.id}`, { url: 'https://sneaky.example' })).status).to.equal(403);
      expect((await api.post(`/api/admin/inquiry-platforms/${near.id}/deactivate`, { reason: 'Sneaky.' })).status).to.equal(403);
      expect((await api.post(`/api/admin/inquiry-platforms/${near.id}/reactivate`, { reason: 'Sneaky.' })).status).to.equal(403);
      expect((await api.get('/api/admin/courts')).status).to.equal(403);
      expect((await api.post('/api/admin/courts', { name: `Sneaky ${tag}` })).status).to.equal(403);
      expect((await api.post(`/api/admin/courts/${court.id}`, { phone: '110' })).status).to.equal(403);
    }
    expect((await finance.get('/api/courts')).status).to.equal(403);
    expect((await b.api.get('/api/courts')).status).to.equal(403);
    expect((await t.anon.get('/api/admin/inquiry-platforms')).status).to.equal(401);
    expect([await platforms(), (await t.admin.get('/api/admin/courts')).body]).to.deep.equal(before);
  });
});
