import { expect } from 'chai';
import { DISCLOSURE_ARTICLES, DISCLOSURE_FIELDS, DISCLOSURE_MAX_CHARS } from '../../shared/disclosure';
import { assetWithReference, DISCLOSURE, lotBody, NOTICE_WAIT_MS } from '../support/factories';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';

describe('a lot discloses its defects, burdens, taxes, viewing and bidding notice before it is published (A13, A14)', () => {
  let t: TestServer;
  let staff: ApiClient;
  before(async () => {
    t = await startTestServer({ jobs: false });
    staff = (await t.user('court_staff')).api;
  });
  after(async () => { await t.stop(); });

  /** The body api.md gives for POST /api/lots, with nothing more. */
  function contractBody(assetId: string) {
    const { disclosure: _, ...body } = lotBody(t, assetId);
    return body;
  }

  it('when a lot is created exactly as api.md writes the request, then it is a draft whose disclosure is empty and named missing, and publishing it is refused naming every field', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const created = await staff.post('/api/lots', contractBody(assetId));
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    expect(created.body.disclosureMissing).to.deep.equal([...DISCLOSURE_FIELDS]);
    for (const f of DISCLOSURE_FIELDS) {
      expect(created.body.disclosure[f]).to.equal('');
      expect(created.body.disclosure[`${f}En`]).to.equal(null);
    }
    expect((await staff.post(`/api/lots/${created.body.id}/notify-parties`, { note: 'Served.' })).status).to.equal(200);
    await t.advance(NOTICE_WAIT_MS);
    const refused = await staff.post(`/api/lots/${created.body.id}/publish`);
    expect(refused.status).to.equal(422);
    expect(refused.body.error.code).to.equal('RULE_VIOLATION');
    expect(refused.body.error.details.rule).to.equal('DISCLOSURE_MISSING');
    expect(refused.body.error.details.missing).to.deep.equal([...DISCLOSURE_FIELDS]);
    expect(refused.body.error.details.violations.map((v: { params: { field: string } }) => v.params.field)).to.deep.equal([...DISCLOSURE_FIELDS]);
    expect((await staff.get(`/api/lots/${created.body.id}`)).body.status).to.equal('draft');
  });

  it('when any one required field is empty or blank, then publishing is refused naming that field alone, and once it is filled the lot is published', async () => {
    const lots: Array<{ id: string; field: (typeof DISCLOSURE_FIELDS)[number] }> = [];
    for (const [i, field] of DISCLOSURE_FIELDS.entries()) {
      const { assetId } = await assetWithReference(t, staff);
      // Left out, empty and blank are the same: nothing is disclosed. Blank includes the characters that
      // show nothing (zero-width space, word joiner, Hangul filler, blank braille, BOM) and bare punctuation.
      const blanks = ['   \n ', '\u200b\u2060', '\u3164\u2800', '\ufeff — '];
      const disclosure: Record<string, string> = { ...DISCLOSURE };
      if (i % 3 === 0) delete disclosure[field];
      else disclosure[field] = i % 3 === 1 ? '' : blanks[i % blanks.length];
      const r = await staff.post('/api/lots', { ...lotBody(t, assetId), disclosure });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      expect(r.body.disclosureMissing).to.deep.equal([field]);
      lots.push({ id: r.body.id, field });
    }
    for (const l of lots) expect((await staff.post(`/api/lots/${l.id}/notify-parties`, { note: 'Served.' })).status).to.equal(200);
    await t.advance(NOTICE_WAIT_MS);
    for (const l of lots) {
      const refused = await staff.post(`/api/lots/${l.id}/publish`);
      expect(refused.status, l.field).to.equal(422);
      expect(refused.body.error.details, l.field).to.include({ rule: 'DISCLOSURE_MISSING', article: DISCLOSURE_ARTICLES[l.field], field: l.field });
      expect(refused.body.error.details.missing, l.field).to.deep.equal([l.field]);
      expect(refused.body.error.details.violations, l.field).to.have.length(1);
      expect((await t.anon.get(`/api/lots/${l.id}`)).status, 'still a draft, hidden from the public').to.equal(404);

      const filled = await staff.post(`/api/lots/${l.id}/disclosure`, { disclosure: { [l.field]: `补充披露：${l.field}` } });
      expect(filled.status, JSON.stringify(filled.body)).to.equal(200);
      expect(filled.body.disclosureMissing).to.deep.equal([]);
      const published = await staff.post(`/api/lots/${l.id}/publish`);
      expect(published.status, JSON.stringify(published.body)).to.equal(200);
      const pub = await t.anon.get(`/api/lots/${l.id}`);
      expect(pub.body.disclosure[l.field]).to.equal(`补充披露：${l.field}`);
    }
  });

  it('when staff write the disclosure with translations, then GET /api/lots/:id gives each field back as written, updates replace only the fields given, and a published lot is no longer changed', async () => {
    const c = await staff.post('/api/cases', { caseNumber: `(2026)测执${Math.floor(Math.random() * 1e9)}号`, court: '测试区人民法院', applicant: '甲银行', respondent: '乙', claimAmount: '500000.00' });
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: '灰色轿车一辆', titleEn: 'A grey sedan', kind: 'movable', description: '2019年登记。', descriptionEn: 'Registered in 2019.' });
    expect(a.status, JSON.stringify(a.body)).to.equal(201);
    expect(a.body).to.include({ title: '灰色轿车一辆', titleEn: 'A grey sedan', descriptionEn: 'Registered in 2019.' });
    await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '100000.00' });
    const disclosure = {
      ...DISCLOSURE,
      knownDefectsEn: 'Light scratches on the rear bumper.', encumbrancesEn: 'No mortgage or lease; the court holds the car.',
      taxesAndFeesEn: 'The buyer pays the transfer fees.', viewingTimeEn: 'Working days 9:00–17:00, by appointment',
      viewingPlaceEn: 'The court car park', viewingContactEn: 'Judge Wang, 0571-00000000', biddersNoticeEn: 'Register under your real name and pay the deposit.',
    };
    const created = await staff.post('/api/lots', { ...lotBody(t, a.body.id), announcement: '本院将公开拍卖下列财产。', announcementEn: 'The court will auction the property below.', disclosure });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const read = (await staff.get(`/api/lots/${created.body.id}`)).body;
    expect(read.disclosure).to.deep.equal(disclosure);
    expect(read.disclosureMissing).to.deep.equal([]);
    expect(read).to.include({ title: '灰色轿车一辆', titleEn: 'A grey sedan', description: '2019年登记。', descriptionEn: 'Registered in 2019.', announcement: '本院将公开拍卖下列财产。', announcementEn: 'The court will auction the property below.' });

    const updated = await staff.post(`/api/lots/${created.body.id}/disclosure`, { disclosure: { knownDefects: '后保险杠划痕，左前灯破损。', knownDefectsEn: null }, announcementEn: null });
    expect(updated.status, JSON.stringify(updated.body)).to.equal(200);
    expect(updated.body.disclosure).to.deep.equal({ ...disclosure, knownDefects: '后保险杠划痕，左前灯破损。', knownDefectsEn: null });
    expect(updated.body.announcementEn).to.equal(null);
    expect(updated.body.announcement).to.equal('本院将公开拍卖下列财产。');

    expect((await staff.post(`/api/lots/${created.body.id}/notify-parties`, { note: 'Served.' })).status).to.equal(200);
    await t.advance(NOTICE_WAIT_MS);
    expect((await staff.post(`/api/lots/${created.body.id}/publish`)).status).to.equal(200);
    const pub = await t.anon.get(`/api/lots/${created.body.id}`);
    expect(pub.body.disclosure).to.deep.equal(updated.body.disclosure);
    const late = await staff.post(`/api/lots/${created.body.id}/disclosure`, { disclosure: { knownDefects: '无' } });
    expect(late.status).to.equal(409);
    expect(late.body.error.code).to.equal('LOT_NOT_DRAFT');
    expect((await t.anon.get(`/api/lots/${created.body.id}`)).body.disclosure.knownDefects).to.equal('后保险杠划痕，左前灯破损。');
  });

  it('when the disclosure is malformed or written by someone other than court staff, then it is refused and nothing changes', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const tooLong = await staff.post('/api/lots', { ...lotBody(t, assetId), disclosure: { knownDefects: '瑕'.repeat(DISCLOSURE_MAX_CHARS + 1) } });
    expect(tooLong.status).to.equal(400);
    expect(tooLong.body.error.code).to.equal('VALIDATION_FAILED');
    const unknown = await staff.post('/api/lots', { ...lotBody(t, assetId), disclosure: { hiddenDefects: '无' } });
    expect(unknown.status).to.equal(400);
    const lot = await staff.post('/api/lots', lotBody(t, assetId));
    expect(lot.status).to.equal(201);
    expect((await staff.post(`/api/lots/${lot.body.id}/disclosure`, {})).status).to.equal(400);
    expect((await staff.post(`/api/lots/${lot.body.id}/disclosure`, { disclosure: { knownDefects: 42 } })).status).to.equal(400);
    const bidder = await t.user('bidder');
    expect((await bidder.api.post(`/api/lots/${lot.body.id}/disclosure`, { disclosure: { knownDefects: '无' } })).status).to.equal(403);
    expect((await t.anon.post(`/api/lots/${lot.body.id}/disclosure`, { disclosure: { knownDefects: '无' } })).status).to.equal(401);
    expect((await staff.post('/api/lots/00000000-0000-4000-8000-000000000000/disclosure', { disclosure: { knownDefects: '无' } })).status).to.equal(404);
    expect((await staff.get(`/api/lots/${lot.body.id}`)).body.disclosure.knownDefects).to.equal(DISCLOSURE.knownDefects);
  });
});
