import { expect } from 'chai';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

/**
 * GET /api/cases as the court's search: text over the case number and the parties' names (part of them, any
 * case, % and _ matching only themselves), cursor pages newest first that hold every case exactly once even when
 * cases share a creation time, a cursor that was not given out refused as 400, court staff only; and a call
 * without a query answers as it always has: `{cases}` alone, the newest first. Every case here carries this
 * run's mark, so the shared PostgreSQL database of a whole test run never leaks into the answers.
 */

const mark = `k${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;

interface Item { id: string; caseNumber: string; applicant: string; respondent: string; createdAt: string; assetCount: number }
interface Page { cases: Item[]; nextCursor?: string | null }

describe('case search: GET /api/cases with q, limit and cursor', function () {
  this.timeout(300_000);
  let t: TestServer;
  let staff: ApiClient;
  const made: { id: string; name: string }[] = [];
  const nameOf = (id: string) => made.find((m) => m.id === id)?.name ?? `foreign ${id}`;

  async function register(name: string, o: { applicant?: string; respondent?: string } = {}) {
    const r = await staff.post('/api/cases', {
      caseNumber: `(2026)浙0106执${mark}-${name}号`, court: `Search Court ${mark}`,
      applicant: o.applicant ?? `Creditor ${name}`, respondent: o.respondent ?? `Debtor ${name}`, claimAmount: '100000.00',
    });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    made.push({ id: r.body.id, name });
    return r.body.id as string;
  }

  async function page(query: string): Promise<Page> {
    const r = await staff.get(`/api/cases?${query}`);
    expect(r.status, `${query}: ${JSON.stringify(r.body)}`).to.equal(200);
    return r.body;
  }

  before(async () => {
    ({ t, staff } = await courtServer());
    // Three cases at one moment (they tie on the creation time), then others a second apart.
    await register('a1', { applicant: `Zhou 100% ${mark}` });
    await register('a2', { applicant: `Zhou 1000 ${mark}` });
    await register('a3', { respondent: `Li_Na ${mark}` });
    await t.advance(1000);
    await register('b1', { respondent: `LiXNa ${mark}` });
    await t.advance(1000);
    await register('b2', { respondent: `Qian\\Sun ${mark}` });
    await t.advance(1000);
    await register('b3');
    await t.advance(1000);
    await register('b4');
  });

  it('when the text is part of a case number, an applicant or a respondent, in any case, then those cases come, newest first, with nextCursor', async () => {
    const all = await page(`q=${encodeURIComponent(mark.toUpperCase())}&limit=200`);
    expect(all.cases.map((c) => nameOf(c.id))).to.have.members(['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'b4']);
    expect(all.cases.map((c) => nameOf(c.id)).slice(0, 4)).to.deep.equal(['b4', 'b3', 'b2', 'b1']);
    expect(all.nextCursor).to.equal(null);
    expect((await page(`q=${encodeURIComponent(`${mark}-b3`)}`)).cases.map((c) => nameOf(c.id))).to.deep.equal(['b3']);
    expect((await page(`q=${encodeURIComponent(`creditor b2`)}`)).cases.map((c) => nameOf(c.id))).to.include('b2');
    expect((await page(`q=${encodeURIComponent(`Debtor b4`)}`)).cases.map((c) => nameOf(c.id))).to.include('b4');
    const some = all.cases.find((c) => nameOf(c.id) === 'b4')!;
    expect(some.caseNumber).to.equal(`(2026)浙0106执${mark}-b4号`);
    expect(some.assetCount).to.equal(0);
  });

  it('when the text holds %, _ or a backslash, then they match only themselves', async () => {
    expect((await page(`q=${encodeURIComponent(`100% ${mark}`)}`)).cases.map((c) => nameOf(c.id))).to.deep.equal(['a1']);
    expect((await page(`q=${encodeURIComponent(`Li_Na ${mark}`)}`)).cases.map((c) => nameOf(c.id))).to.deep.equal(['a3']);
    expect((await page(`q=${encodeURIComponent(`Qian\\Sun ${mark}`)}`)).cases.map((c) => nameOf(c.id))).to.deep.equal(['b2']);
    expect((await page(`q=${encodeURIComponent(`%${mark}_`)}`)).cases).to.deep.equal([]);
  });

  it('when read two at a time, then the pages hold every case once, newest first, and the last one has no cursor', async () => {
    const seen: Item[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < 10; n++) {
      const p = await page(`q=${encodeURIComponent(mark)}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(p.cases.length).to.be.at.most(2);
      seen.push(...p.cases);
      cursor = p.nextCursor ?? null;
      expect(p).to.have.property('nextCursor');
      if (cursor === null) break;
      expect(p.cases.length, 'a page before the last is full').to.equal(2);
    }
    expect(cursor).to.equal(null);
    const names = seen.map((c) => nameOf(c.id));
    expect(names).to.have.length(7);
    expect(new Set(names).size).to.equal(7);
    expect(names.slice(0, 4)).to.deep.equal(['b4', 'b3', 'b2', 'b1']);
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1].createdAt >= seen[i].createdAt, 'newest first').to.equal(true);
  });

  it('when called without a query, then the answer is {cases} alone as before: the newest first, no cursor', async () => {
    const r = await staff.get('/api/cases');
    expect(r.status).to.equal(200);
    expect(Object.keys(r.body)).to.deep.equal(['cases']);
    const list: Item[] = r.body.cases;
    expect(list.length).to.be.at.most(500);
    for (let i = 1; i < list.length; i++) expect(list[i - 1].createdAt >= list[i].createdAt, 'newest first').to.equal(true);
    const mine = list.filter((c) => made.some((m) => m.id === c.id)).map((c) => nameOf(c.id));
    expect(mine.slice(0, 4)).to.deep.equal(['b4', 'b3', 'b2', 'b1']);
    expect(mine).to.have.length(7);
    // The same cases, in the same order, as the first page of a search with no text.
    const first = await page('limit=200');
    expect(first.cases).to.deep.equal(list.slice(0, 200));
  });

  const bad: [string, string][] = [
    ['cursor=not%20a%20cursor', 'cursor'], ['cursor=', 'cursor'],
    [`cursor=${Buffer.from(JSON.stringify({ t: 'drop table cases', i: 'x' })).toString('base64url')}`, 'cursor'],
    [`cursor=${Buffer.from(JSON.stringify({ t: '2026-02-30T00:00:00.000000Z', i: 'x' })).toString('base64url')}`, 'cursor'],
    ['limit=0', 'limit'], ['limit=201', 'limit'], ['limit=many', 'limit'], [`q=${'x'.repeat(201)}`, 'q'], ['q=a%00b', ''], ['q=a&q=b', 'q'],
    ['sort=caseNumber', ''],
  ];
  for (const [query, field] of bad) {
    it(`when ?${query.slice(0, 60)}, then 400 VALIDATION_FAILED${field ? ` names ${field}` : ''}`, async () => {
      const r = await staff.get(`/api/cases?${query}`);
      expect(r.status, JSON.stringify(r.body)).to.equal(400);
      expect(r.body.error.code).to.equal('VALIDATION_FAILED');
      if (field) expect(r.body.error.details.fields.map((f: { path: string }) => f.path)).to.include(field);
    });
  }

  it('when a bidder, finance or nobody asks, then 403 or 401: the search is for court staff only', async () => {
    const bidder = await t.user('bidder');
    const finance = await t.user('finance');
    for (const q of ['', `?q=${mark}`, `?limit=2`]) {
      expect((await bidder.api.get(`/api/cases${q}`)).status).to.equal(403);
      expect((await finance.api.get(`/api/cases${q}`)).status).to.equal(403);
      expect((await t.anon.get(`/api/cases${q}`)).status).to.equal(401);
    }
  });
});
