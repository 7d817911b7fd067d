import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { bidderWithDeposit, lotBody, notifyAndPublish } from '../support/factories';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

/**
 * GET /api/lots as a search: court, kind, price range (current price, or starting price before the first
 * bid, both bounds included), start date (UTC+8 days, [startsFrom, startsTo)), text, the five orders, and
 * cursor pages that hold every lot exactly once even when lots tie on the sort key. The lots live in a court
 * named for this run, so the shared PostgreSQL database of a whole test run never leaks into the answers.
 */

const DAY = 24 * 60 * 60 * 1000;
const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
const COURT = `Search Court ${suffix}`;
const OTHER_COURT = `Search Court B ${suffix}`;
const WILD_COURT = `Search 100%_Court ${suffix}`;
const utc8Day = (at: Date) => new Date(at.getTime() + 8 * 3600e3).toISOString().slice(0, 10);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

interface Lot { id: string; title: string; court: string; kind: string; status: string; startsAt: string; endsAt: string; startingPrice: string; currentPrice: string | null; bidCount: number }
interface Made { id: string; name: string; startsAt: string; endsAt: string; price: string }

describe('lot search: GET /api/lots with filters, sorts and cursor pages', function () {
  this.timeout(600_000);
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  let day = '';
  const made: Made[] = [];
  const byName = (name: string) => made.find((m) => m.name === name)!.id;

  async function caseIn(court: string) {
    const c = await staff.post('/api/cases', { caseNumber: `(2026)搜执${Math.floor(Math.random() * 1e9)}号`, court, applicant: 'Creditor Co.', respondent: 'Debtor Zhao', claimAmount: '900000.00' });
    expect(c.status, JSON.stringify(c.body)).to.equal(201);
    return c.body.id as string;
  }

  /** A draft lot (only staff see drafts) starting at `startsAt`, for 24 hours, at this starting price. */
  async function lot(caseId: string, name: string, o: { kind?: 'movable' | 'immovable' | 'property_right'; startsAt: string; price: string; title?: string }) {
    const a = await staff.post('/api/assets', { caseId, title: o.title ?? `${name} ${suffix}`, kind: o.kind ?? 'movable', description: 'For the search.' });
    expect(a.status, JSON.stringify(a.body)).to.equal(201);
    const v = await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '100000.00' });
    expect(v.status, JSON.stringify(v.body)).to.equal(201);
    const startsAt = new Date(o.startsAt);
    const deposit = new Decimal(o.price).div(10).toFixed(2);
    const r = await staff.post('/api/lots', {
      ...lotBody(t, a.body.id), startingPrice: o.price, deposit, startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + DAY).toISOString(),
    });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    made.push({ id: r.body.id, name, startsAt: r.body.startsAt, endsAt: r.body.endsAt, price: o.price });
    return r.body.id as string;
  }

  async function search(query: string, as: ApiClient = staff): Promise<{ lots: Lot[]; nextCursor: string | null }> {
    const r = await as.get(`/api/lots?court=${encodeURIComponent(COURT)}&limit=200${query ? `&${query}` : ''}`);
    expect(r.status, `${query}: ${JSON.stringify(r.body)}`).to.equal(200);
    return r.body;
  }
  const names = (lots: Lot[]) => lots.map((l) => made.find((m) => m.id === l.id)?.name ?? `foreign ${l.id}`).sort();

  /** Every page of a search, `limit` at a time, following nextCursor to the end. */
  async function allPages(query: string, limit: number): Promise<Lot[]> {
    const out: Lot[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 100; page++) {
      const r: { status: number; body: { lots: Lot[]; nextCursor: string | null } } = await staff.get(`/api/lots?court=${encodeURIComponent(COURT)}&limit=${limit}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(r.body.lots.length).to.be.at.most(limit);
      out.push(...r.body.lots);
      cursor = r.body.nextCursor;
      if (cursor === null) return out;
      expect(r.body.lots.length, 'a page before the last is full').to.equal(limit);
    }
    throw new Error('more than 100 pages');
  }

  before(async () => {
    ({ t, staff, finance } = await courtServer());
    // A day 40 days on, as the court's calendar (UTC+8) names it: every lot below starts around its edges.
    day = utc8Day(new Date(t.now().getTime() + 40 * DAY));
    const at = (d: string, time: string) => `${d}T${time}+08:00`;
    const caseId = await caseIn(COURT);
    await lot(caseId, 'lastMsBefore', { startsAt: at(addDays(day, -1), '23:59:59.999'), price: '70000.00' });
    await lot(caseId, 'midnight', { startsAt: at(day, '00:00:00.000'), price: '70000.00' });
    await lot(caseId, 'midnightToo', { startsAt: at(day, '00:00:00.000'), price: '79999.99' });
    await lot(caseId, 'noonFlat', { startsAt: at(day, '12:00:00.000'), price: '80000.00', kind: 'immovable' });
    await lot(caseId, 'nextMidnight', { startsAt: at(addDays(day, 1), '00:00:00.000'), price: '90000.00' });
    await lot(caseId, 'nextMidnightToo', { startsAt: at(addDays(day, 1), '00:00:00.000'), price: '80000.01' });
    await lot(caseId, 'equity', { startsAt: at(addDays(day, 2), '09:30:00.000'), price: '80000.00', kind: 'property_right', title: `Share of 100% (${suffix}) 股权` });
    // the same terms in another court: never in this court's answers
    await lot(await caseIn(OTHER_COURT), 'elsewhere', { startsAt: at(day, '00:00:00.000'), price: '80000.00' });
    // a court whose name holds % and _, for the court filter to match them as themselves
    await lot(await caseIn(WILD_COURT), 'wild', { startsAt: at(day, '00:00:00.000'), price: '80000.00' });
  });
  after(async () => t?.stop());

  const mine = ['lastMsBefore', 'midnight', 'midnightToo', 'noonFlat', 'nextMidnight', 'nextMidnightToo', 'equity'];

  it('when only the court is given, then every lot of that court and no other is found, with the page shape api.md gives and no next page', async () => {
    const r = await search('');
    expect(names(r.lots)).to.deep.equal([...mine].sort());
    expect(r.nextCursor).to.equal(null);
  });

  it('when the public searches, then drafts stay hidden', async () => {
    expect((await search('', t.anon)).lots).to.deep.equal([]);
  });

  describe('price range (both bounds included)', () => {
    it('when minPrice is 80000.00, then lots at exactly 80000.00 are in and 79999.99 is out', async () => {
      expect(names((await search('minPrice=80000.00')).lots)).to.deep.equal(['equity', 'nextMidnight', 'nextMidnightToo', 'noonFlat']);
    });
    it('when maxPrice is 80000.00, then lots at exactly 80000.00 are in and 80000.01 is out', async () => {
      expect(names((await search('maxPrice=80000.00')).lots)).to.deep.equal(['equity', 'lastMsBefore', 'midnight', 'midnightToo', 'noonFlat']);
    });
    it('when minPrice equals maxPrice, then the lots at that very price are found', async () => {
      expect(names((await search('minPrice=80000&maxPrice=80000.0')).lots)).to.deep.equal(['equity', 'noonFlat']);
    });
  });

  describe('start date (UTC+8 calendar days, startsTo the first day left out)', () => {
    it('when startsFrom is the day, then a lot starting at 23:59:59.999 the evening before is out and one at 00:00 is in', async () => {
      expect(names((await search(`startsFrom=${day}`)).lots)).to.deep.equal(['equity', 'midnight', 'midnightToo', 'nextMidnight', 'nextMidnightToo', 'noonFlat']);
    });
    it('when startsTo is the next day, then lots starting at 00:00 that next day are out', async () => {
      expect(names((await search(`startsFrom=${day}&startsTo=${addDays(day, 1)}`)).lots)).to.deep.equal(['midnight', 'midnightToo', 'noonFlat']);
    });
    it('when startsTo is the day, then only the lot starting the evening before is found', async () => {
      expect(names((await search(`startsTo=${day}`)).lots)).to.deep.equal(['lastMsBefore']);
    });
  });

  it('when kind is given, then only lots of that kind are found', async () => {
    expect(names((await search('kind=immovable')).lots)).to.deep.equal(['noonFlat']);
    expect(names((await search('kind=property_right')).lots)).to.deep.equal(['equity']);
  });

  it('when q holds % and _, then they match only themselves, in the title or the court', async () => {
    expect(names((await search(`q=${encodeURIComponent('100%')}`)).lots)).to.deep.equal(['equity']);
    expect(names((await search(`q=${encodeURIComponent('%')}`)).lots)).to.deep.equal(['equity']);
    expect(names((await search('q=_')).lots)).to.deep.equal([]);
    expect(names((await search(`q=${encodeURIComponent('股权')}`)).lots)).to.deep.equal(['equity']);
    expect(names((await search(`q=${encodeURIComponent(`court b ${suffix}`)}`)).lots)).to.deep.equal([]);
    const r = await staff.get(`/api/lots?q=${encodeURIComponent(`Search Court B ${suffix}`)}`);
    expect(r.body.lots.map((l: Lot) => l.id)).to.deep.equal([byName('elsewhere')]);
  });

  it('when the court is given in part, in any case, then lots of every court whose name holds it are found, % and _ matching only themselves', async () => {
    const byCourt = async (court: string) => {
      const r = await staff.get(`/api/lots?court=${encodeURIComponent(court)}&limit=200`);
      expect(r.status, `${court}: ${JSON.stringify(r.body)}`).to.equal(200);
      return names(r.body.lots);
    };
    expect(await byCourt(`search court ${suffix}`)).to.deep.equal([...mine].sort());
    expect(await byCourt(`COURT B ${suffix}`)).to.deep.equal(['elsewhere']);
    expect(await byCourt(suffix)).to.deep.equal([...mine, 'elsewhere', 'wild'].sort());
    expect(await byCourt(`100%_court ${suffix}`)).to.deep.equal(['wild']);
    expect(await byCourt(`Search%Court ${suffix}`)).to.deep.equal([]);
    expect(await byCourt(`Search_Court ${suffix}`)).to.deep.equal([]);
    expect(await byCourt(`100%_${suffix}`)).to.deep.equal([]);
  });

  it('when filters are combined, then a lot must meet them all', async () => {
    expect(names((await search(`startsFrom=${day}&startsTo=${addDays(day, 2)}&minPrice=80000.00&maxPrice=85000.00&kind=movable`)).lots)).to.deep.equal(['nextMidnightToo']);
  });

  /** The expected order of this court's lots: by key, then by id, both in the sort's direction. */
  function expected(sort: string): string[] {
    const desc = sort.startsWith('-');
    const key = sort.replace(/^-/, '');
    const value = (m: Made) => (key === 'currentPrice' ? new Decimal(m.price).toNumber() : Date.parse(key === 'startsAt' ? m.startsAt : m.endsAt));
    const sorted = made.filter((m) => mine.includes(m.name)).sort((a, b) => value(a) - value(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return (desc ? sorted.reverse() : sorted).map((m) => m.id);
  }

  for (const sort of ['startsAt', '-startsAt', 'endsAt', 'currentPrice', '-currentPrice']) {
    it(`when sorted by ${sort}, then the lots come in that order, ties by id, and pages of 2 hold each lot exactly once in the same order`, async () => {
      const want = expected(sort);
      expect((await search(`sort=${sort}`)).lots.map((l) => l.id)).to.deep.equal(want);
      expect((await allPages(`sort=${sort}`, 2)).map((l) => l.id)).to.deep.equal(want);
      expect((await allPages(`sort=${sort}`, 1)).map((l) => l.id)).to.deep.equal(want);
    });
  }

  it('when no sort is given, then upcoming lots come by their end, and pages of 3 hold each exactly once in the same order', async () => {
    const want = expected('endsAt');
    expect((await search('')).lots.map((l) => l.id)).to.deep.equal(want);
    expect((await allPages('', 3)).map((l) => l.id)).to.deep.equal(want);
  });

  it('when pages are read with filters, then the filters hold on every page', async () => {
    const ids = (await allPages(`sort=-currentPrice&minPrice=80000.00`, 1)).map((l) => l.id);
    expect(ids).to.deep.equal(expected('-currentPrice').filter((id) => ['equity', 'nextMidnight', 'nextMidnightToo', 'noonFlat'].map(byName).includes(id)));
  });

  describe('bad input is a 400 naming the field', () => {
    const cases: Array<[string, string]> = [
      ['minPrice=-1', 'minPrice'], ['minPrice=1.234', 'minPrice'], ['minPrice=abc', 'minPrice'], ['maxPrice=1e6', 'maxPrice'],
      ['minPrice=100.00&maxPrice=99.99', 'maxPrice'],
      ['startsFrom=2026-02-30', 'startsFrom'], ['startsTo=20261201', 'startsTo'], ['startsFrom=2026-12-01&startsTo=2026-12-01', 'startsTo'],
      ['startsFrom=2026-12-02&startsTo=2026-12-01', 'startsTo'],
      ['sort=price', 'sort'], ['sort=-endsAt', 'sort'], ['sort=startsAt&sort=endsAt', 'sort'],
      ['limit=0', 'limit'], ['limit=201', 'limit'], ['cursor=not%20a%20cursor', 'cursor'], ['cursor=', 'cursor'],
      [`cursor=${Buffer.from(JSON.stringify({ s: 'startsAt', k: ['drop table lots'], i: 'x' })).toString('base64url')}&sort=startsAt`, 'cursor'],
    ];
    for (const [query, field] of cases) {
      it(`when ?${query.slice(0, 60)}, then 400 VALIDATION_FAILED names ${field}`, async () => {
        const r = await t.anon.get(`/api/lots?${query}`);
        expect(r.status, JSON.stringify(r.body)).to.equal(400);
        expect(r.body.error.code).to.equal('VALIDATION_FAILED');
        expect(r.body.error.details.fields.map((f: { path: string }) => f.path)).to.include(field);
      });
    }

    it('when a cursor of one order is read with another, then 400 names the cursor', async () => {
      const first = await staff.get(`/api/lots?court=${encodeURIComponent(COURT)}&limit=1&sort=startsAt`);
      expect(first.body.nextCursor).to.be.a('string');
      for (const other of ['sort=endsAt', 'sort=-startsAt', '']) {
        const r = await staff.get(`/api/lots?court=${encodeURIComponent(COURT)}&limit=1&${other}&cursor=${encodeURIComponent(first.body.nextCursor)}`);
        expect(r.status, other).to.equal(400);
        expect(r.body.error.details.fields.map((f: { path: string }) => f.path)).to.include('cursor');
      }
    });
  });

// Last: it moves the clock and adds a lot to the court (mocha runs a suite's own cases before its inner suites).
  describe('a lot with bids', () => {
    it('when a lot has bids, then its current price is what the range and the price sort read, the public finds it, and only its bidder code shows', async () => {
      // a lot of this court, published and opened; the clock moves past its start
      const caseId = await caseIn(COURT);
      const a = await staff.post('/api/assets', { caseId, title: `Bid on ${suffix}`, kind: 'movable', description: 'For the search.' });
      await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '100000.00' });
      const created = await staff.post('/api/lots', lotBody(t, a.body.id, { startInDays: 21 }));
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      const id = created.body.id as string;
      const pub = await notifyAndPublish(t, staff, id);
      expect(pub.status, JSON.stringify(pub.body)).to.equal(200);
      await t.advance(new Date(created.body.startsAt).getTime() - t.now().getTime() + 1000);
      expect((await t.anon.get(`/api/lots/${id}`)).body.status).to.equal('live');

      // before the first bid the starting price (70000.00) is what counts
      expect((await search('minPrice=70000.00&maxPrice=70000.00', t.anon)).lots.map((l) => l.id)).to.deep.equal([id]);

      const bidder = await bidderWithDeposit(t, id, finance);
      const bid = await bidder.api.post(`/api/lots/${id}/bids`, { amount: '85000.00', clientBidId: `search-${suffix}` });
      expect(bid.status, JSON.stringify(bid.body)).to.equal(201);

      expect((await search('minPrice=70000.00&maxPrice=84999.99', t.anon)).lots.map((l) => l.id)).to.deep.equal([]);
      const found = await search('minPrice=85000.00&maxPrice=85000.00', t.anon);
      expect(found.lots.map((l) => l.id)).to.deep.equal([id]);
      expect(found.lots[0].currentPrice).to.equal('85000.00');
      // by price it sorts at 85,000, after every draft (at most 90,000.00 for nextMidnight, which comes after it)
      const order = (await search('sort=currentPrice')).lots.map((l) => l.id);
      expect(order.indexOf(id)).to.equal(order.indexOf(byName('nextMidnight')) - 1);
      // live first when no order is asked for
      expect((await search('')).lots[0].id).to.equal(id);

      const body = JSON.stringify(await search('', t.anon));
      expect(body).to.include(bidder.bidderCode);
      expect(body).not.to.include(bidder.id);
      expect(body).not.to.include(bidder.email);
      expect(body).not.to.include(bidder.registration.id);
    });
  });
});
