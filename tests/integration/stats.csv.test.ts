import { expect } from 'chai';
import { parse } from 'csv-parse/sync';
import { Decimal } from 'decimal.js';
import { lotBody, NOTICE_WAIT_MS } from '../support/factories';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

/**
 * GET /api/stats?format=csv: the same figures as the JSON answer, as a file a spreadsheet opens: one row
 * for the total and one per group, every figure a column, money as decimal strings.
 */

const suffix = Math.floor(Math.random() * 1e9);
// A comma in the name: the cell must be quoted, not split.
const COURT_A = `CSV Court, East ${suffix}`;
const COURT_B = `统计法院 ${suffix}`;

const HEADER = ['group', 'key', 'lotsFinished', 'lotsSold', 'lotsDefaulted', 'successRate', 'turnover', 'startingTotal', 'referenceTotal',
  'premiumOverStarting', 'premiumOverReference', 'realisationRate', 'commissionSaved', 'commissionShareOfTurnover',
  'unsoldRateRound1', 'unsoldRateRound2', 'unsoldRateSellOff', 'biddersPerLot', 'bidsPerLot', 'extensionsPerLot', 'loserDepositsRefundedWithin24hShare'];

type Figures = Record<string, unknown> & { unsoldRateByRound: Record<'1' | '2' | 'sell_off', string> };

/** A JSON figures object as the CSV row the server should write for it. */
function asRow(group: string, key: string, f: Figures): string[] {
  const { unsoldRateByRound, ...flat } = f;
  const byName: Record<string, unknown> = { ...flat, unsoldRateRound1: unsoldRateByRound['1'], unsoldRateRound2: unsoldRateByRound['2'], unsoldRateSellOff: unsoldRateByRound.sell_off };
  return [group, key, ...HEADER.slice(2).map((h) => String(byName[h]))];
}

describe('statistics: GET /api/stats?format=csv', function () {
  this.timeout(300_000);
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  let from: string;
  let to: string;
  const utc8Day = (at: Date) => new Date(at.getTime() + 8 * 3600e3).toISOString().slice(0, 10);

  async function lotIn(court: string, starting: string, reference: string) {
    const c = await staff.post('/api/cases', { caseNumber: `(2026)统执${Math.floor(Math.random() * 1e9)}号`, court, applicant: 'Creditor Co.', respondent: 'Debtor Zhao', claimAmount: '900000.00' });
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: 'Seized flat', kind: 'immovable', description: 'For the statistics file.' });
    expect((await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: reference })).status).to.equal(201);
    const deposit = new Decimal(starting).times('0.1').toFixed(2);
    const r = await staff.post('/api/lots', { ...lotBody(t, a.body.id, { startInDays: 36 }), startingPrice: starting, deposit });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return r.body as { id: string; startsAt: string; endsAt: string };
  }

  async function bidder(lotId: string) {
    const b = await t.user('bidder', { verified: true });
    const reg = await b.api.post(`/api/lots/${lotId}/registrations`);
    expect((await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `CSV-${reg.body.id}` })).status).to.equal(200);
    return b.api;
  }

  before(async () => {
    ({ t, staff, finance } = await courtServer());
    from = utc8Day(t.now());
    // Court A: a sale over two tiers with a competing bidder, and an unsold lot. Court B: one sale at the start.
    const soldA = await lotIn(COURT_A, '2000000.00', '2100000.00');
    const unsoldA = await lotIn(COURT_A, '70000.00', '100000.00');
    const soldB = await lotIn(COURT_B, '70000.00', '100000.00');
    for (const l of [soldA, unsoldA, soldB]) expect((await staff.post(`/api/lots/${l.id}/notify-parties`, { note: 'Served.' })).status).to.equal(200);
    await t.advance(NOTICE_WAIT_MS);
    for (const l of [soldA, unsoldA, soldB]) { const p = await staff.post(`/api/lots/${l.id}/publish`); expect(p.status, JSON.stringify(p.body)).to.equal(200); }
    await t.advance(new Date(soldA.startsAt).getTime() - t.now().getTime() + 1000);
    const [a1, a2, b1] = [await bidder(soldA.id), await bidder(soldA.id), await bidder(soldB.id)];
    expect((await a1.post(`/api/lots/${soldA.id}/bids`, { amount: '2000000.00', clientBidId: 'a1' })).status).to.equal(201);
    expect((await a2.post(`/api/lots/${soldA.id}/bids`, { amount: '2501000.00', clientBidId: 'a2' })).status).to.equal(201);
    expect((await b1.post(`/api/lots/${soldB.id}/bids`, { amount: '70000.00', clientBidId: 'b1' })).status).to.equal(201);
    await t.advance(new Date(soldA.endsAt).getTime() - t.now().getTime() + 1000);
    for (const [l, s] of [[soldA, 'sold'], [unsoldA, 'unsold'], [soldB, 'sold']] as const) expect((await t.anon.get(`/api/lots/${l.id}`)).body.status).to.equal(s);
    to = utc8Day(new Date(t.now().getTime() + 2 * 24 * 3600e3));
  });
  after(async () => { await t.stop(); });

  const both = async (query: string) => {
    const json = await t.anon.get(`/api/stats?${query}`);
    expect(json.status, JSON.stringify(json.body)).to.equal(200);
    const file = await t.anon.get(`/api/stats?${query}&format=csv`);
    expect(file.status, String(file.body)).to.equal(200);
    expect(file.headers.get('content-type')).to.match(/^text\/csv/);
    return { json: json.body, file, rows: parse(file.body as string, { bom: true }) as string[][] };
  };

  it('when one court is asked for, then the file is a header and a total row equal to the JSON figures, money as decimal strings', async () => {
    const { json, file, rows } = await both(`court=${encodeURIComponent(COURT_A)}&from=${from}&to=${to}`);
    expect(rows).to.deep.equal([HEADER, asRow('total', '', json)]);
    // 2,501,000: 5% of 2,000,000 + 3% of 501,000 = 115,030 saved; the unsold lot counts as finished
    expect(rows[1].slice(2, 7)).to.deep.equal(['2', '1', '0', '0.5000', '2501000.00']);
    expect(rows[1][HEADER.indexOf('commissionSaved')]).to.equal('115030.00');
    expect(rows[1][HEADER.indexOf('premiumOverStarting')]).to.equal('0.2505');
    expect(rows[1][HEADER.indexOf('premiumOverReference')]).to.equal('0.1910');
    // lines end CRLF, and the court's comma stays inside its cell
    expect(file.body as string).to.match(/\r\n$/);
    const disposition = file.headers.get('content-disposition') ?? '';
    expect(disposition).to.match(/^attachment;/);
    expect(disposition).to.include(`from-${from}`).and.include(`to-${to}`).and.include(String(suffix));
  });

  it('when grouped, then one row per group follows the total and each equals its JSON group', async () => {
    for (const groupBy of ['court', 'round', 'month', 'kind'] as const) {
      const { json, file, rows } = await both(`from=${from}&to=${to}&groupBy=${groupBy}`);
      expect(rows[0]).to.deep.equal(HEADER);
      expect(rows[1]).to.deep.equal(asRow('total', '', json));
      expect(rows.slice(2)).to.deep.equal(json.groups.map((g: Figures & { key: string }) => { const { key, ...f } = g; return asRow(groupBy, key, f as Figures); }));
      expect(file.headers.get('content-disposition')).to.include(`by-${groupBy}`);
    }
    const byCourt = parse((await t.anon.get(`/api/stats?from=${from}&to=${to}&groupBy=court&format=csv`)).body as string) as string[][];
    const mine = byCourt.filter((r) => r[1] === COURT_A || r[1] === COURT_B).map((r) => [r[1], r[2], r[3], r[6]]);
    expect(mine).to.have.deep.members([[COURT_A, '2', '1', '2501000.00'], [COURT_B, '1', '1', '70000.00']]);
  });

  it('when the file is asked for in Chinese, then it starts with a UTF-8 byte order mark, its header row and group words are Chinese, and the figures are the same', async () => {
    const query = `court=${encodeURIComponent(COURT_A)}&from=${from}&to=${to}&groupBy=round`;
    const en = await both(query);
    const bytes = new Uint8Array(await (await fetch(`${t.url}/api/stats?${query}&format=csv&lang=zh`)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const rows = parse(new TextDecoder().decode(bytes)) as string[][];
    expect(rows[0].slice(0, 7)).to.deep.equal(['分组', '项目', '结束场次', '成交场次', '悔拍场次', '成交率', '成交额']);
    expect(rows[0]).to.have.length(HEADER.length);
    expect(rows[1][0]).to.equal('合计');
    expect(rows.slice(2).map((r) => [r[0], r[1]])).to.deep.equal(en.json.groups.map((g: { key: string }) => ['轮次', ({ '1': '一拍', '2': '二拍', sell_off: '变卖' } as Record<string, string>)[g.key]]));
    // the same figures, whatever the language of the words around them
    expect(rows.slice(1).map((r) => r.slice(2))).to.deep.equal(en.rows.slice(1).map((r) => r.slice(2)));
    const kinds = parse(new TextDecoder().decode(new Uint8Array(await (await fetch(`${t.url}/api/stats?from=${from}&to=${to}&groupBy=kind&format=csv&lang=zh`)).arrayBuffer()))) as string[][];
    expect(kinds.slice(2).every((r) => ['动产', '不动产', '财产权利'].includes(r[1]))).to.equal(true);
    // the English file (the default) keeps the API's keys
    expect(en.rows[0]).to.deep.equal(HEADER);
    expect((await t.anon.get(`/api/stats?${query}&format=csv&lang=de`)).status).to.equal(400);
  });

  it('when the period holds no finished lot, then the file has a total row of zeros', async () => {
    const { json, rows } = await both(`court=${encodeURIComponent(COURT_B)}&from=2000-01-01&to=2000-02-01&groupBy=month`);
    expect(rows).to.deep.equal([HEADER, asRow('total', '', json)]);
    expect(rows[1].slice(2, 7)).to.deep.equal(['0', '0', '0', '0.0000', '0.00']);
  });

  it('when a filter is bad, then format=csv is a 400 VALIDATION_FAILED in JSON too', async () => {
    for (const q of ['from=2026-03-02&to=2026-03-01', 'round=3', 'groupBy=year', 'kind=car', 'extra=1', 'format=xlsx']) {
      const r = await t.anon.get(`/api/stats?${q}${q.startsWith('format') ? '' : '&format=csv'}`);
      expect(r.status, q).to.equal(400);
      expect(r.body.error.code, q).to.equal('VALIDATION_FAILED');
    }
  });
});
