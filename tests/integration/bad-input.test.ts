import { expect } from 'chai';
import { assetWithReference, bidderWithDeposit, lotBody, publishedLot } from '../support/factories';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

describe('bad input gets a clear 4xx and changes nothing', () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  before(async () => ({ t, staff, finance } = await courtServer()));
  after(async () => { await t.stop(); });

  it('when the body is malformed JSON, then 400 VALIDATION_FAILED', async () => {
    const r = await staff.request('POST', '/api/cases', undefined, { raw: '{"caseNumber": "x",' });
    expect(r.status).to.equal(400);
    expect(r.body.error.code).to.equal('VALIDATION_FAILED');
  });

  it('when the body is over 64 KB, then 413 and nothing is stored', async () => {
    const r = await staff.post('/api/cases', { caseNumber: 'BIG', court: 'C', applicant: 'A', respondent: 'x'.repeat(70_000), claimAmount: '1.00' });
    expect(r.status).to.equal(413);
    expect(r.body.error.code).to.equal('PAYLOAD_TOO_LARGE');
    expect((await staff.get('/api/cases')).body.cases.some((c: { caseNumber: string }) => c.caseNumber === 'BIG')).to.equal(false);
  });

  const caseBase = { caseNumber: 'V-1', court: 'C', applicant: 'A', respondent: 'R', claimAmount: '100.00' };
  const badCases: Array<[string, unknown, string]> = [
    ['a number for money', { ...caseBase, claimAmount: 100 }, 'claimAmount'],
    ['a negative amount', { ...caseBase, claimAmount: '-1.00' }, 'claimAmount'],
    ['three decimal places', { ...caseBase, claimAmount: '1.001' }, 'claimAmount'],
    ['an exponent', { ...caseBase, claimAmount: '1e6' }, 'claimAmount'],
    ['zero', { ...caseBase, claimAmount: '0.00' }, 'claimAmount'],
    ['a missing field', { ...caseBase, court: undefined }, 'court'],
    ['an unknown field', { ...caseBase, isAdmin: true }, '(body)'],
    ['an array body', [caseBase], '(body)'],
  ];
  for (const [what, body, field] of badCases) {
    it(`when a case is sent with ${what}, then 400 names the field ${field}`, async () => {
      const r = await staff.post('/api/cases', body);
      expect(r.status).to.equal(400);
      expect(r.body.error.code).to.equal('VALIDATION_FAILED');
      expect(r.body.error.details.fields.map((f: { path: string }) => f.path)).to.include(field);
    });
  }

  it('when text carries a NUL character, in a body, a query or a login, then 400 and nothing is stored', async () => {
    expect((await staff.post('/api/cases', { ...caseBase, caseNumber: 'NUL\u0000X' })).status).to.equal(400);
    expect((await t.anon.get('/api/lots?q=%00')).status).to.equal(400);
    expect((await t.anon.post('/api/auth/login', { email: 'a\u0000@b.cn', password: 'whatever-123' })).status).to.equal(400);
    expect((await t.anon.post('/api/auth/register', { email: 'nul@b.cn', password: 'whatever-123', name: 'N\u0000' })).status).to.equal(400);
    expect((await staff.get('/api/cases')).body.cases.some((c: { caseNumber: string }) => c.caseNumber.startsWith('NUL'))).to.equal(false);
  });

  it('when ids are unknown, then 404 NOT_FOUND', async () => {
    expect((await t.anon.get('/api/lots/does-not-exist')).status).to.equal(404);
    expect((await staff.post('/api/assets', { caseId: 'nope', title: 'X', kind: 'movable', description: '' })).status).to.equal(404);
    expect((await staff.post('/api/assets/nope/valuations', { method: 'negotiated', amount: '1.00' })).status).to.equal(404);
    expect((await staff.post('/api/lots/nope/publish')).status).to.equal(404);
    expect((await finance.post('/api/finance/deposits/nope/confirm', { bankReference: 'ABC' })).status).to.equal(404);
    expect((await t.anon.get('/api/no-such-route')).body.error.code).to.equal('NOT_FOUND');
  });

  it('when an id carries path tricks or a query has a bad status, then 400', async () => {
    expect((await t.anon.get('/api/lots/..%2F..%2Fetc')).status).to.equal(400);
    expect((await t.anon.get('/api/lots?status=everything')).status).to.equal(400);
    expect((await t.anon.get('/api/lots?limit=100000')).status).to.equal(400);
  });

  it('when a lot has wrong kinds of values, then 400 and no lot exists', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const good = lotBody(t, assetId);
    for (const change of [{ round: 3 }, { startsAt: 'tomorrow' }, { startingPrice: '70,000.00' }, { balanceDueDays: 2.5 }, { deposit: null }]) {
      const r = await staff.post('/api/lots', { ...good, ...change });
      expect(r.status, JSON.stringify(change)).to.equal(400);
    }
    expect((await staff.get('/api/lots')).body.lots.some((l: { assetId: string }) => l.assetId === assetId)).to.equal(false);
  });

  it('when a bid amount is negative, non-decimal, over-precise or a number, then 400 and the lot is unchanged', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const b = await bidderWithDeposit(t, lot.id, finance);
    for (const amount of ['-70000.00', 'abc', '70000.001', 70000, '', '1e5', '99999999999999999.00']) {
      const r = await b.api.post(`/api/lots/${lot.id}/bids`, { amount, clientBidId: `bad-${String(amount)}`.replace(/[^A-Za-z0-9_.:-]/g, '_') });
      expect(r.status, String(amount)).to.equal(400);
    }
    const noId = await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00' });
    expect(noId.status).to.equal(400);
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.bidCount).to.equal(0);
  });

  it('when identity is sent with the wrong shape, then 400; the same bank reference twice, then 409', async () => {
    const u = await t.user('bidder');
    expect((await u.api.post('/api/me/identity', { realName: 'X' })).status).to.equal(400);
    const lot = await publishedLot(t, staff);
    const b1 = await t.user('bidder', { verified: true });
    const b2 = await t.user('bidder', { verified: true });
    const r1 = await b1.api.post(`/api/lots/${lot.id}/registrations`);
    const r2 = await b2.api.post(`/api/lots/${lot.id}/registrations`);
    expect((await finance.post(`/api/finance/deposits/${r1.body.id}/confirm`, { bankReference: 'SAME-REF-1' })).status).to.equal(200);
    const dup = await finance.post(`/api/finance/deposits/${r2.body.id}/confirm`, { bankReference: 'SAME-REF-1' });
    expect(dup.status).to.equal(409);
    expect(dup.body.error.code).to.equal('BANK_REFERENCE_USED');
    expect((await b2.api.get(`/api/lots/${lot.id}/registration`)).body.depositStatus).to.equal('pending');
    expect((await finance.get('/api/finance/trial-balance')).body.balanced).to.equal(true);
  });

  it('when a body nests 10,000 levels deep (20 KB, under the size limit), then every POST route answers 400, logins and registration included', async () => {
    const deep = '['.repeat(10_000);
    const before = (await staff.get('/api/cases')).body.cases.length;
    for (const [api, path] of [[t.anon, '/api/auth/login'], [t.anon, '/api/auth/register'], [staff, '/api/cases'], [staff, '/api/lots'], [finance, '/api/finance/deposits/nope/confirm']] as const) {
      const r = await api.request('POST', path, undefined, { raw: deep });
      expect(r.status, path).to.equal(400);
      expect(r.body.error.code, path).to.equal('VALIDATION_FAILED');
    }
    const nested = JSON.stringify({ caseNumber: 'DEEP', court: 'C', applicant: 'A', respondent: 'R', claimAmount: '1.00', x: JSON.parse('['.repeat(40) + ']'.repeat(40)) });
    const r = await staff.request('POST', '/api/cases', undefined, { raw: nested });
    expect(r.status).to.equal(400);
    expect(r.body.error.details.reason).to.equal('TOO_DEEP');
    expect((await staff.get('/api/cases')).body.cases.length).to.equal(before);
    expect((await t.anon.get('/api/health')).status).to.equal(200);
  });

  it('when text holds a lone UTF-16 surrogate, in a body, a key, a query or a path, then 400 names it and the lot\'s record is untouched', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const lot = (await staff.post('/api/lots', lotBody(t, assetId))).body;
    const auditBefore = (await staff.get(`/api/lots/${lot.id}/audit`)).body;
    const r = await staff.request('POST', `/api/lots/${lot.id}/notify-parties`, undefined, { raw: '{"note":"served \\ud800 in writing"}' });
    expect(r.status).to.equal(400);
    expect(r.body.error.details).to.deep.include({ reason: 'ILL_FORMED_UNICODE', fields: [{ path: 'note', message: 'is not well-formed Unicode (it holds a lone UTF-16 surrogate)' }] });
    expect((await staff.request('POST', `/api/lots/${lot.id}/notify-parties`, undefined, { raw: '{"\\udc00":"x"}' })).status).to.equal(400);
    expect((await t.anon.get(`/api/lots/${lot.id}%ED%A0%80`)).status).to.equal(400);
    expect((await staff.get(`/api/lots/${lot.id}/audit`)).body).to.deep.equal(auditBefore);
    // A well-formed pair (an emoji) is ordinary text.
    expect((await staff.post(`/api/lots/${lot.id}/notify-parties`, { note: '已书面送达 \u{1F4E8}' })).status).to.equal(200);
  });

  it('when a socket payload nests deeply or holds a lone surrogate, then the ack is VALIDATION_FAILED, never INTERNAL', async () => {
    const s = await t.socket();
    // Sent as raw frames: a well-behaved client library refuses to encode such payloads, an attacker does not.
    let ackId = 900;
    const rawAck = (event: string, payloadJson: string) => new Promise<any>((resolve, reject) => {
      const id = ackId++;
      const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), 5000);
      const onPacket = (p: { type: number; nsp: string; id?: number; data: unknown[] }) => {
        if (p.type !== 3 || p.nsp !== '/live' || p.id !== id) return;
        clearTimeout(timer);
        s.io.off('packet' as never, onPacket);
        resolve(p.data[0]);
      };
      s.io.on('packet' as never, onPacket);
      s.io.engine.write(`2/live,${id}["${event}",${payloadJson}]`);
    });
    const deep = '['.repeat(7000) + ']'.repeat(7000);
    for (const [event, payload] of [['lot:watch', `{"lotId":${deep}}`], ['lot:watch', deep], ['bid:place', deep], ['lot:watch', '{"lotId":"x\\ud800"}']]) {
      const ack = await rawAck(event, payload);
      expect(ack.ok, `${event} ${payload.slice(0, 20)}`).to.equal(false);
      expect(ack.error.code, `${event} ${payload.slice(0, 20)}`).to.equal(event === 'bid:place' ? 'UNAUTHENTICATED' : 'VALIDATION_FAILED');
    }
  });

  it('when asset flags are sent empty, then 400 and the asset is unchanged', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const before = (await staff.get(`/api/assets/${assetId}`)).body;
    const r = await staff.post(`/api/assets/${assetId}/flags`, {});
    expect(r.status).to.equal(400);
    expect(r.body.error.code).to.equal('VALIDATION_FAILED');
    expect((await staff.get(`/api/assets/${assetId}`)).body).to.deep.equal(before);
  });

  it('when a date falls outside any sensible year or a seizure date is in the future, then 400 names the field and nothing changes', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const before = (await staff.get(`/api/assets/${assetId}`)).body;
    for (const seizedAt of ['0000-01-01T00:00:00Z', new Date(t.now().getTime() + 24 * 3600e3).toISOString()]) {
      const r = await staff.post(`/api/assets/${assetId}/flags`, { seizedAt });
      expect(r.status, seizedAt).to.equal(400);
      expect(r.body.error.details.fields.map((f: { path: string }) => f.path), seizedAt).to.deep.equal(['seizedAt']);
      // The client words a future seizure date from this code, never from the server's English.
      expect(r.body.error.details.reason, seizedAt).to.equal(seizedAt.startsWith('0000') ? undefined : 'DATE_IN_FUTURE');
    }
    expect((await staff.get(`/api/assets/${assetId}`)).body).to.deep.equal(before);
    const far = await staff.post('/api/lots', { ...lotBody(t, assetId), startsAt: '9999-01-01T00:00:00Z', endsAt: '9999-01-02T00:00:00Z' });
    expect(far.status).to.equal(400);
    expect(far.body.error.details.fields.map((f: { path: string }) => f.path)).to.include('startsAt');
  });
});
