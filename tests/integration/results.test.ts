import { expect } from 'chai';
import { parse as parseCsv } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { resultsService } from '../../server/modules/stats/results.service';
import { schema } from '../../server/platform/db/index';
import { lotBody, NOTICE_WAIT_MS } from '../support/factories';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

/**
 * GET /api/results (成交公示) and GET /api/stats/courts over lots driven through their lives: a sale, a
 * failure and a defaulted sale closing together just after midnight UTC+8, more failures in a second court,
 * a cancelled lot and a live lot with bids. Checked as the public, and as someone hunting for identities the
 * page must not give away: the losers', the defaulter's, the live bidders' and the buyer's full ID number.
 */

const DAY = 24 * 60 * 60 * 1000;
const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`;
const COURT = `Results Court ${suffix}`;
const COURT_B = `Results Court B ${suffix}`;
const utc8Day = (at: Date | string) => new Date(new Date(at).getTime() + 8 * 3600e3).toISOString().slice(0, 10);
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

interface Item {
  lotId: string; title: string; court: string; caseNumber: string; kind: string; round: string; outcome: string; closedAt: string;
  startingPrice: string; referencePrice: string | null; finalPrice: string | null; premiumOverStarting: string | null; premiumOverReference: string | null;
  bidCount: number; winnerCode: string | null; buyerName: string | null; buyerIdMasked: string | null;
}

describe('results (成交公示): GET /api/results and GET /api/stats/courts over lots driven through their lives', function () {
  this.timeout(600_000);
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  const ids = { sold: '', unsold: '', defaulted: '', cancelled: '', live: '', others: [] as string[] };
  let soldCase = '';
  let buyerCode = '';
  let defaulterCode = '';
  let buyerId = '';
  /** Names and ID numbers that must never be published: losers, the defaulter, bidders on the live lot. */
  const secrets: string[] = [];
  let closeDay = '';

  async function assetIn(court: string, title: string, kind: 'movable' | 'immovable' = 'movable') {
    const caseNumber = `(2026)公执${Math.floor(Math.random() * 1e9)}号`;
    const c = await staff.post('/api/cases', { caseNumber, court, applicant: 'Creditor Co.', respondent: 'Debtor Wang', claimAmount: '500000.00' });
    expect(c.status, JSON.stringify(c.body)).to.equal(201);
    const a = await staff.post('/api/assets', { caseId: c.body.id, title, kind, description: 'For the results page.' });
    const v = await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '100000.00' });
    expect(v.status, JSON.stringify(v.body)).to.equal(201);
    return { assetId: a.body.id as string, caseNumber };
  }

  /** A lot whose bidding runs from 00:30 to 00:30 (UTC+8) the next day, so that it closes on a different calendar day in UTC. */
  async function lotAt(assetId: string, startDay: string) {
    const startsAt = new Date(`${startDay}T00:30:00+08:00`);
    const body = { ...lotBody(t, assetId), startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + DAY).toISOString() };
    const r = await staff.post('/api/lots', body);
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return r.body as { id: string; startsAt: string; endsAt: string };
  }

  async function publish(batch: Array<{ id: string }>) {
    for (const l of batch) expect((await staff.post(`/api/lots/${l.id}/notify-parties`, { note: 'Served.' })).status).to.equal(200);
    await t.advance(NOTICE_WAIT_MS);
    for (const l of batch) expect((await staff.post(`/api/lots/${l.id}/publish`)).status).to.equal(200);
  }

  async function bidder(lotId: string, name: string) {
    const b = await t.user('bidder', { verified: true, name });
    const reg = await b.api.post(`/api/lots/${lotId}/registrations`);
    expect(reg.status, JSON.stringify(reg.body)).to.equal(201);
    expect((await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `RS-${reg.body.id}` })).status).to.equal(200);
    const [u] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, b.id));
    return { api: b.api, code: reg.body.bidderCode as string, idNumber: u.idNumber!, name };
  }

  const advanceTo = async (iso: string) => { await t.advance(Math.max(0, new Date(iso).getTime() - t.now().getTime()) + 1000); };
  const lotOf = async (id: string) => (await t.anon.get(`/api/lots/${id}`)).body;

  before(async () => {
    ({ t, staff, finance } = await courtServer());
    const startDay = utc8Day(new Date(t.now().getTime() + 36 * DAY));
    const sold = await assetIn(COURT, `Sedan 100% original_parts ${suffix}`);
    soldCase = sold.caseNumber;
    const soldLot = await lotAt(sold.assetId, startDay);
    const unsoldLot = await lotAt((await assetIn(COURT, `=1+2 Warehouse ${suffix}`, 'immovable')).assetId, startDay);
    const defaultedLot = await lotAt((await assetIn(COURT, `Excavator ${suffix}`)).assetId, startDay);
    const cancelledLot = await lotAt((await assetIn(COURT, `Cancelled tractor ${suffix}`)).assetId, startDay);
    const others = [];
    for (let i = 0; i < 5; i++) others.push(await lotAt((await assetIn(COURT_B, `Lot B${i} ${suffix}`)).assetId, startDay));
    // the live lot opens after the others have closed and the defaulter's deadline has passed
    const liveLot = await lotAt((await assetIn(COURT, `Live crane ${suffix}`)).assetId, utc8Day(new Date(t.now().getTime() + 52 * DAY)));
    Object.assign(ids, { sold: soldLot.id, unsold: unsoldLot.id, defaulted: defaultedLot.id, cancelled: cancelledLot.id, live: liveLot.id, others: others.map((o) => o.id) });
    await publish([soldLot, unsoldLot, defaultedLot, cancelledLot, ...others, liveLot]);
    expect((await staff.post(`/api/lots/${cancelledLot.id}/cancel`, { reason: 'The debt was paid.' })).status).to.equal(200);

    await advanceTo(soldLot.startsAt);
    const buyer = await bidder(soldLot.id, `张买受${suffix}`);
    const loser = await bidder(soldLot.id, `李落选${suffix}`);
    const defaulter = await bidder(defaultedLot.id, `王违约${suffix}`);
    buyerCode = buyer.code;
    defaulterCode = defaulter.code;
    buyerId = buyer.idNumber;
    secrets.push(loser.name, loser.idNumber, defaulter.name, defaulter.idNumber, buyer.idNumber);
    expect((await loser.api.post(`/api/lots/${soldLot.id}/bids`, { amount: '70000.00', clientBidId: 'l1' })).status).to.equal(201);
    expect((await buyer.api.post(`/api/lots/${soldLot.id}/bids`, { amount: '71000.00', clientBidId: 'b1' })).status).to.equal(201);
    expect((await loser.api.post(`/api/lots/${soldLot.id}/bids`, { amount: '72000.00', clientBidId: 'l2' })).status).to.equal(201);
    expect((await buyer.api.post(`/api/lots/${soldLot.id}/bids`, { amount: '75000.00', clientBidId: 'b2' })).status).to.equal(201);
    expect((await defaulter.api.post(`/api/lots/${defaultedLot.id}/bids`, { amount: '70000.00', clientBidId: 'd1' })).status).to.equal(201);
    await advanceTo(soldLot.endsAt);
    expect((await lotOf(soldLot.id)).status).to.equal('sold');
    expect((await finance.post(`/api/finance/lots/${soldLot.id}/balance`, { bankReference: `RSB-${soldLot.id}` })).status).to.equal(200);
    closeDay = utc8Day((await lotOf(soldLot.id)).closedAt);
    // the balance deadline (10 days) passes for the defaulter; then the live lot opens and gets bids
    await advanceTo(liveLot.startsAt);
    expect((await lotOf(defaultedLot.id)).status).to.equal('defaulted');
    expect((await lotOf(liveLot.id)).status).to.equal('live');
    const live1 = await bidder(liveLot.id, `赵在拍${suffix}`);
    const live2 = await bidder(liveLot.id, `钱在拍${suffix}`);
    secrets.push(live1.name, live1.idNumber, live1.code, live2.name, live2.idNumber, live2.code);
    expect((await live1.api.post(`/api/lots/${liveLot.id}/bids`, { amount: '70000.00', clientBidId: 'v1' })).status).to.equal(201);
    expect((await live2.api.post(`/api/lots/${liveLot.id}/bids`, { amount: '71000.00', clientBidId: 'v2' })).status).to.equal(201);
  });
  after(async () => { await t?.stop(); });

  const results = async (query: string) => {
    const r = await t.anon.get(`/api/results?${query}`);
    expect(r.status, `${query}: ${JSON.stringify(r.body)}`).to.equal(200);
    return r.body as { items: Item[]; nextCursor: string | null; total: number | null };
  };
  const court = (c = COURT) => `court=${encodeURIComponent(c)}`;
  /** Every page, following the cursor. */
  async function allPages(query: string, limit: number) {
    const items: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await results(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).to.be.at.most(limit);
      items.push(...page.items);
      cursor = page.nextCursor;
      pages++;
      expect(pages).to.be.below(50);
    } while (cursor);
    return { items, pages };
  }

  it('when the public asks for a court, then the sold, unsold and defaulted lots show with price, bids and winner code, and the buyer is named with the ID masked', async () => {
    const body = await results(court());
    expect(body.nextCursor).to.equal(null);
    const byId = new Map(body.items.map((i) => [i.lotId, i]));
    expect([...byId.keys()].sort()).to.deep.equal([ids.sold, ids.unsold, ids.defaulted].sort());
    const masked = `${buyerId.slice(0, 3)}${'*'.repeat(buyerId.length - 7)}${buyerId.slice(-4)}`;
    expect(byId.get(ids.sold)).to.deep.include({
      court: COURT, caseNumber: soldCase, kind: 'movable', round: '1', outcome: 'sold', startingPrice: '70000.00', referencePrice: '100000.00',
      finalPrice: '75000.00', bidCount: 4, winnerCode: buyerCode, buyerName: `张买受${suffix}`, buyerIdMasked: masked,
      // per lot, as signed four-place rates: 5,000 ÷ 70,000 over the start, −25,000 ÷ 100,000 under the reference
      premiumOverStarting: '0.0714', premiumOverReference: '-0.2500',
    });
    expect(body.total).to.equal(3);
    expect(masked).to.match(/^\d{3}\*{11}[\dX]{4}$/);
    expect(byId.get(ids.unsold)).to.deep.include({ outcome: 'unsold', kind: 'immovable', finalPrice: null, premiumOverStarting: null, premiumOverReference: null, bidCount: 0, winnerCode: null, buyerName: null, buyerIdMasked: null });
    // a defaulted sale shows the winning code and price, never the person (the sale is void, A24)
    expect(byId.get(ids.defaulted)).to.deep.include({ outcome: 'defaulted', finalPrice: '70000.00', bidCount: 1, winnerCode: defaulterCode, buyerName: null, buyerIdMasked: null });
    // newest close first, then by lot id, descending
    const keys = body.items.map((i) => `${i.closedAt} ${i.lotId}`);
    expect(keys).to.deep.equal([...keys].sort().reverse());
  });

  it('when anyone reads every page and the CSV, then no loser, defaulter, live bidder or full ID number appears, and neither the cancelled nor the live lot', async () => {
    const texts = [
      JSON.stringify(await results(court())),
      JSON.stringify((await allPages(`q=${encodeURIComponent(suffix)}`, 2)).items),
      JSON.stringify(await results(`q=${encodeURIComponent('Live crane')}`)),
      (await t.anon.get(`/api/results?format=csv&q=${encodeURIComponent(suffix)}`)).body as string,
      (await t.anon.get('/api/results?format=csv')).body as string,
    ];
    for (const text of texts) {
      for (const s of secrets) expect(text, `leaks ${s}`).to.not.include(s);
      expect(text).to.not.include(ids.live);
      expect(text).to.not.include(ids.cancelled);
    }
    // the live lot really is live with bids, so it is absent for its status, not for want of bids
    const live = await lotOf(ids.live);
    expect(live.status).to.equal('live');
    expect(live.bidCount).to.equal(2);
    const courts = (await t.anon.get('/api/stats/courts')).body as Array<{ court: string; lotsFinished: number }>;
    expect(courts.find((c) => c.court === COURT)?.lotsFinished).to.equal(3);
  });

  it('when filtered by outcome or kind, then only those lots come back', async () => {
    for (const [outcome, id] of [['sold', ids.sold], ['unsold', ids.unsold], ['defaulted', ids.defaulted]] as const) {
      expect((await results(`${court()}&outcome=${outcome}`)).items.map((i) => i.lotId), outcome).to.deep.equal([id]);
    }
    expect((await results(`${court()}&kind=immovable`)).items.map((i) => i.lotId)).to.deep.equal([ids.unsold]);
    expect((await results(`${court()}&kind=property_right`)).items).to.deep.equal([]);
    expect((await results(`${court(COURT_B)}&outcome=sold`)).items).to.deep.equal([]);
  });

  it('when the period is given, then it is [from, to) in calendar days of UTC+8, not of UTC', async () => {
    // the lots closed at 00:30 UTC+8, which is still the day before in UTC
    const closedAt = (await lotOf(ids.sold)).closedAt as string;
    expect(closedAt.slice(0, 10)).to.not.equal(closeDay);
    const n = async (q: string) => (await results(`${court()}&${q}`)).items.length;
    expect(await n(`from=${closeDay}`)).to.equal(3);
    expect(await n(`from=${closeDay}&to=${nextDay(closeDay)}`)).to.equal(3);
    expect(await n(`to=${closeDay}`)).to.equal(0);
    expect(await n(`from=${nextDay(closeDay)}`)).to.equal(0);
    const utcDay = closedAt.slice(0, 10);
    expect(await n(`from=${utcDay}&to=${closeDay}`)).to.equal(0);
  });

  it('when paged with the cursor, then every row comes exactly once, in order, even where close times tie', async () => {
    const whole = await results(`${court(COURT_B)}&limit=200`);
    expect(whole.items.map((i) => i.lotId).sort()).to.deep.equal([...ids.others].sort());
    // the five closed in the same scheduler run: the lot id orders them
    expect(new Set(whole.items.map((i) => i.closedAt)).size).to.equal(1);
    for (const limit of [1, 2, 3, 4, 5]) {
      const { items, pages } = await allPages(court(COURT_B), limit);
      expect(items.map((i) => i.lotId), `limit ${limit}`).to.deep.equal(whole.items.map((i) => i.lotId));
      expect(pages).to.equal(Math.max(1, Math.ceil(5 / limit)));
    }
    const both = await allPages(`q=${encodeURIComponent(suffix)}`, 3);
    expect(both.items.map((i) => i.lotId).sort()).to.deep.equal([ids.sold, ids.unsold, ids.defaulted, ...ids.others].sort());
    // without a limit, a page holds 50
    const page = await results('');
    expect(page.items.length).to.be.at.most(50);
  });

  it('when searching by text, then title and case number match, and SQL wildcards and quotes match only themselves', async () => {
    const ids1 = async (q: string) => (await results(`${court()}&q=${encodeURIComponent(q)}`)).items.map((i) => i.lotId);
    expect(await ids1('100%')).to.deep.equal([ids.sold]);
    expect(await ids1('%')).to.deep.equal([ids.sold]);
    expect(await ids1('l_p')).to.deep.equal([ids.sold]); // "original_parts" has "l_p"; a wildcard _ would match others too
    expect(await ids1('_')).to.deep.equal([ids.sold]);
    expect(await ids1('ORIGINAL')).to.deep.equal([ids.sold]); // case-insensitive
    expect(await ids1(soldCase)).to.deep.equal([ids.sold]);
    expect(await ids1('excavator')).to.deep.equal([ids.defaulted]);
    for (const q of ["' or '1'='1", "%' or 1=1 --", '\\', '\\%', "'; drop table lots; --", '%%%', '*']) {
      expect(await ids1(q), q).to.deep.equal([]);
    }
    // a court that tries the same gets nothing, not every court
    for (const c of [`${COURT}' or '1'='1`, '%', `Results Court%`]) {
      expect((await results(`court=${encodeURIComponent(c)}`)).items, c).to.deep.equal([]);
    }
    // the lots are all still there
    expect(await ids1(suffix)).to.have.length(3);
  });

  it('when the CSV is asked for, then it holds every matching row of every page, masked, with formulas neutralised', async () => {
    const r = await t.anon.get(`/api/results?format=csv&q=${encodeURIComponent(suffix)}&limit=1`);
    expect(r.status).to.equal(200);
    expect(r.headers.get('content-type')).to.match(/^text\/csv/);
    expect(r.headers.get('content-disposition')).to.match(/^attachment; filename="?results_all-courts\.csv"?$/);
    expect(r.headers.get('x-results-truncated')).to.equal(null);
    const rows = parseCsv(r.body as string) as string[][];
    expect(rows[0]).to.deep.equal(['lotId', 'title', 'court', 'caseNumber', 'kind', 'round', 'outcome', 'closedAt', 'startingPrice', 'referencePrice', 'finalPrice',
      'premiumOverStarting', 'premiumOverReference', 'bidCount', 'winnerCode', 'buyerName', 'buyerIdMasked']);
    const body = rows.slice(1);
    const json = await allPages(`q=${encodeURIComponent(suffix)}`, 200);
    expect(body.map((row) => row[0])).to.deep.equal(json.items.map((i) => i.lotId));
    const sold = body.find((row) => row[0] === ids.sold)!;
    expect(sold.slice(6)).to.deep.equal(['sold', sold[7], '70000.00', '100000.00', '75000.00', '0.0714', '-0.2500', '4', buyerCode, `张买受${suffix}`, json.items.find((i) => i.lotId === ids.sold)!.buyerIdMasked!]);
    expect(sold[7]).to.match(/^\d{4}-\d{2}-\d{2}T00:30:\d{2}\+08:00$/);
    expect(sold[7].slice(0, 10)).to.equal(closeDay);
    const unsold = body.find((row) => row[0] === ids.unsold)!;
    expect(unsold[1]).to.equal(`'=1+2 Warehouse ${suffix}`);
    expect(unsold.slice(10)).to.deep.equal(['', '', '', '0', '', '', '']);
    const defaulted = body.find((row) => row[0] === ids.defaulted)!;
    expect(defaulted.slice(14)).to.deep.equal([defaulterCode, '', '']);
    // filters apply to the file as to the page
    const one = parseCsv((await t.anon.get(`/api/results?format=csv&${court()}&outcome=defaulted`)).body as string) as string[][];
    expect(one.slice(1).map((row) => row[0])).to.deep.equal([ids.defaulted]);
  });

  it('when the CSV is asked for in Chinese, then the header row and the outcome, round and kind are Chinese, and the file starts with a UTF-8 byte order mark for Excel', async () => {
    const bytes = new Uint8Array(await (await fetch(`${t.url}/api/results?format=csv&${court()}&lang=zh`)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes)) as string[][];
    expect(rows[0].slice(0, 13)).to.deep.equal(['拍卖编号', '标的名称', '法院', '案号', '标的类型', '轮次', '结果', '结束时间', '起拍价', '参考价', '成交价', '溢价率（以起拍价计）', '溢价率（以参考价计）']);
    const byId = new Map(rows.slice(1).map((row) => [row[0], row]));
    expect(byId.get(ids.sold)!.slice(4, 7)).to.deep.equal(['动产', '一拍', '成交']);
    expect(byId.get(ids.unsold)!.slice(4, 7)).to.deep.equal(['不动产', '一拍', '流拍']);
    expect(byId.get(ids.defaulted)![6]).to.equal('悔拍');
    // English, the default, keeps the API's keys; a language the file does not come in is refused
    const en = parseCsv((await t.anon.get(`/api/results?format=csv&${court()}&lang=en`)).body as string) as string[][];
    expect(en[0][0]).to.equal('lotId');
    expect(new Set(en.slice(1).map((row) => row[6]))).to.deep.equal(new Set(['sold', 'unsold', 'defaulted']));
    expect((await t.anon.get(`/api/results?format=csv&lang=fr`)).status).to.equal(400);
  });

  it('when a search matches more than a page, then the first page says how many match in all, counted with the same filters', async () => {
    const everything = await allPages(`q=${encodeURIComponent(suffix)}`, 200);
    const first = await results(`q=${encodeURIComponent(suffix)}&limit=1`);
    expect(first.nextCursor).to.be.a('string');
    expect(first.total).to.equal(everything.items.length);
    expect((await results(`q=${encodeURIComponent(suffix)}&limit=1&cursor=${first.nextCursor}`)).total).to.equal(null);
    expect((await results(`${court()}&outcome=sold&limit=1`)).total).to.equal(1);
    expect((await results(`${court(COURT_B)}&limit=1`)).total).to.equal((await allPages(court(COURT_B), 200)).items.length);
  });

  it('when the CSV would pass its cap, then it stops at the cap and says so; below the cap, batches join without a gap or a repeat', async () => {
    const q = { court: COURT_B };
    const all = (await results(`${court(COURT_B)}&limit=200`)).items.map((i) => i.lotId);
    for (const [cap, batch] of [[5, 2], [5, 5], [6, 1], [4, 3], [2, 1000]] as const) {
      const r = await resultsService(t.database.db, { csvCap: cap, csvBatch: batch }).all(q);
      expect(r.items.map((i) => i.lotId), `cap ${cap}, batch ${batch}`).to.deep.equal(all.slice(0, cap));
      expect(r.truncated, `cap ${cap}, batch ${batch}`).to.equal(cap < all.length);
    }
    // over HTTP the cap is 50,000 and these five are far below it
    const r = await t.anon.get(`/api/results?format=csv&${court(COURT_B)}`);
    expect(r.headers.get('x-results-truncated')).to.equal(null);
    expect((parseCsv(r.body as string) as string[][]).length).to.equal(1 + all.length);
  });

  it('when the courts are listed, then each court with a finished auction comes once with its count, in name order, and courts with none do not', async () => {
    const r = await t.anon.get('/api/stats/courts');
    expect(r.status).to.equal(200);
    const list = r.body as Array<{ court: string; lotsFinished: number }>;
    const mine = list.filter((c) => c.court.endsWith(suffix));
    // by code point: "Results Court B …" comes before "Results Court m…"
    expect(mine).to.deep.equal([{ court: COURT_B, lotsFinished: 5 }, { court: COURT, lotsFinished: 3 }]);
    const names = list.map((c) => c.court);
    expect(new Set(names).size).to.equal(names.length);
    expect(names).to.deep.equal([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    // the only lot of this court is cancelled: a court with nothing finished is not listed
    const empty = `Results Empty ${suffix}`;
    const a = await assetIn(empty, 'Nothing finished');
    await lotAt(a.assetId, utc8Day(new Date(t.now().getTime() + 40 * DAY)));
    expect(((await t.anon.get('/api/stats/courts')).body as Array<{ court: string }>).map((c) => c.court)).to.not.include(empty);
  });

  it('when an input is bad or a cursor was tampered with, then the answer is 400 VALIDATION_FAILED, never a server error', async () => {
    const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
    const good = (await results(`${court(COURT_B)}&limit=1`)).nextCursor!;
    const decoded = JSON.parse(Buffer.from(good, 'base64url').toString());
    const bad = [
      'from=2026-03-02&to=2026-03-01', 'from=2026-03-01&to=2026-03-01', 'from=2026-02-30', 'to=tomorrow', 'outcome=cancelled', 'outcome=live',
      'kind=car', 'limit=0', 'limit=201', 'limit=abc', 'limit=1.5', 'extra=1', 'court=', 'q=', `q=${'x'.repeat(201)}`, 'format=xlsx', 'court=a&court=b', 'court[x]=1',
      'cursor=', 'cursor=!!!', `cursor=${good}!`, 'cursor=abc', `cursor=${b64('not json')}`, `cursor=${b64(null)}`, `cursor=${b64([])}`, `cursor=${b64({})}`,
      `cursor=${b64({ ...decoded, t: '2026-02-31T00:00:00.000000Z' })}`, `cursor=${b64({ ...decoded, t: '2026-01-01' })}`,
      `cursor=${b64({ ...decoded, t: "2026-01-01T00:00:00.000000Z' or '1'='1" })}`, `cursor=${b64({ ...decoded, i: "x' or '1'='1" })}`,
      `cursor=${b64({ ...decoded, i: 7 })}`, `cursor=${b64({ ...decoded, extra: 1 })}`, `cursor=${'A'.repeat(201)}`,
      `format=csv&cursor=${b64({ ...decoded, t: '9999-99-99T00:00:00.000000Z' })}`,
    ];
    for (const q of bad) {
      const r = await t.anon.get(`/api/results?${q}`);
      expect(r.status, `${q}: ${JSON.stringify(r.body)}`).to.equal(400);
      expect(r.body.error.code, q).to.equal('VALIDATION_FAILED');
    }
    // a cursor that is well formed but points anywhere just pages from there
    expect((await results(`${court(COURT_B)}&cursor=${b64({ ...decoded, t: '1999-01-01T00:00:00.000000Z' })}`)).items).to.deep.equal([]);
  });

  it('when no one is logged in, then both routes answer; nothing needs a session', async () => {
    expect((await t.anon.get('/api/results?limit=1')).status).to.equal(200);
    expect((await t.anon.get('/api/stats/courts')).status).to.equal(200);
  });
});
