import crypto from 'node:crypto';
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import { bidHash } from '../../server/modules/audit/audit.service';
import { bruteForceFigures, bruteForceStats, generateProvince, type ProvinceResult } from '../../server/modules/demo/province';
import { refreshStatsFacts } from '../../server/modules/stats/stats.facts';
import { aggregate, type AuctionFact, type AuctionRound } from '../../shared/stats';
import { ASSET_KINDS } from '../../shared/contract/cases';
import { startTestServer, type TestServer } from '../support/server';

/**
 * A generated province-year (server/modules/demo/province.ts): GET /api/stats over it equals a brute-force
 * SQL aggregate and shared/stats.ts's `aggregate` over its lots, court by court and month by month; the same
 * seed gives the same figures; and the rows look like a province's year. Court names carry a random prefix,
 * so the province can share a PostgreSQL database with other tests.
 */

const YEAR = 2025;
const FROM = `${YEAR}-01-01`;
const TO = `${YEAR + 1}-01-01`;
const FROM_AT = new Date(`${FROM}T00:00:00+08:00`);
const TO_AT = new Date(`${TO}T00:00:00+08:00`);
const run = crypto.randomUUID().slice(0, 8);

type Rows<T> = { rows: T[] };

/** Every finished auction of one court, read straight from the tables, as shared/stats.ts counts them. */
async function factsOf(t: TestServer, court: string): Promise<AuctionFact[]> {
  const res = await t.database.db.execute(sql`
    select l.round, l.status, l.starting_price::text as starting, l.reference_price::text as reference, l.final_price::text as final,
      (select count(distinct b.registration_id) from bids b where b.lot_id = l.id)::int as bidders, l.bid_count as bids, l.extension_count as extensions,
      (select count(*) from registrations r where r.lot_id = l.id and r.deposit_status = 'released' and r.id is distinct from l.winner_registration_id)::int as losers,
      (select count(*) from registrations r where r.lot_id = l.id and r.deposit_status = 'released' and r.id is distinct from l.winner_registration_id
        and r.settled_at <= l.closed_at + interval '24 hours')::int as refunded
    from lots l join assets a on a.id = l.asset_id join cases c on c.id = a.case_id
    where c.court = ${court} and l.status in ('sold', 'unsold', 'defaulted') and l.closed_at >= ${FROM_AT.toISOString()} and l.closed_at < ${TO_AT.toISOString()}`);
  return (res as unknown as Rows<Record<string, string | number | null>>).rows.map((r) => ({
    round: r.round as AuctionRound,
    outcome: r.status as AuctionFact['outcome'],
    startingPrice: new Decimal(r.starting as string),
    referencePrice: new Decimal((r.reference as string | null) ?? 0),
    finalPrice: r.final === null ? null : new Decimal(r.final as string),
    bidders: Number(r.bidders), bids: Number(r.bids), extensions: Number(r.extensions),
    loserDeposits: Number(r.losers), loserDepositsRefundedWithin24h: Number(r.refunded),
  }));
}

async function stats(t: TestServer, query: Record<string, string>) {
  const r = await t.anon.get(`/api/stats?${new URLSearchParams(query)}`);
  expect(r.status, JSON.stringify(r.body)).to.equal(200);
  return r.body;
}

describe('province generator: statistics over a generated province-year equal a brute-force computation', function () {
  this.timeout(600_000);
  let t: TestServer;
  let province: ProvinceResult;
  const prefix = `Province ${run} `;

  before(async () => {
    t = await startTestServer({ jobs: false });
    province = await generateProvince(t.database.db, { lots: 2000, courts: 12, year: YEAR, seed: 7, courtPrefix: prefix, namespace: `test-${run}` });
    await refreshStatsFacts(t.database.db);
  });
  after(async () => {
    await t?.stop();
  });

  it('writes a province-year that looks like one: the lots asked for, every kind, mostly real estate, every round and outcome', async () => {
    expect(province.lots).to.equal(2000);
    expect(province.courts).to.have.length(12);
    expect(new Set(province.courts).size).to.equal(12);
    for (const c of province.courts) expect(c.startsWith(prefix) && c.endsWith('法院')).to.equal(true);
    const res = await t.database.db.execute(sql`
      select a.kind, l.round, l.status, (l.creditor_takeover is not null) as takeover, count(*)::int as n,
        min(l.closed_at) as first, max(l.closed_at) as last
      from lots l join assets a on a.id = l.asset_id join cases c on c.id = a.case_id
      where c.court like ${`${prefix}%`} group by 1, 2, 3, 4`);
    const rows = (res as unknown as Rows<{ kind: string; round: string; status: string; takeover: boolean; n: number; first: Date | string; last: Date | string }>).rows;
    const count = (p: (r: (typeof rows)[number]) => boolean) => rows.filter(p).reduce((s, r) => s + Number(r.n), 0);
    expect(count(() => true)).to.equal(2000);
    for (const kind of ASSET_KINDS) expect(count((r) => r.kind === kind), kind).to.be.greaterThan(0);
    expect(count((r) => r.kind === 'immovable')).to.be.greaterThan(count((r) => r.kind !== 'immovable'));
    const firstRounds = count((r) => r.round === '1');
    const firstSold = count((r) => r.round === '1' && r.status === 'sold') / firstRounds;
    expect(firstSold).to.be.within(0.45, 0.75);
    expect(count((r) => r.round === '2')).to.be.greaterThan(0);
    expect(count((r) => r.round === 'sell_off' && r.status === 'sold')).to.be.greaterThan(0);
    expect(count((r) => r.status === 'defaulted') / 2000).to.be.within(0.005, 0.04);
    expect(count((r) => r.takeover)).to.be.greaterThan(0);
    expect(count((r) => r.takeover && r.status !== 'unsold')).to.equal(0);
    for (const r of rows) {
      expect(new Date(r.first).getTime()).to.be.at.least(FROM_AT.getTime());
      expect(new Date(r.last).getTime()).to.be.below(TO_AT.getTime());
    }
  });

  it('prices follow the rules: the first round at 70% of the reference, the second at 80% of the first, the sell-off at the second\'s price', async () => {
    const res = await t.database.db.execute(sql`
      select l.round, l.starting_price::text as start, l.reference_price::text as ref, p.round as prev_round, p.starting_price::text as prev_start,
        l.final_price::text as final, l.bid_increment::text as inc, l.status, l.bid_count
      from lots l join assets a on a.id = l.asset_id join cases c on c.id = a.case_id left join lots p on p.id = l.previous_lot_id
      where c.court like ${`${prefix}%`}`);
    const rows = (res as unknown as Rows<Record<string, string | number | null>>).rows;
    for (const r of rows) {
      const start = new Decimal(r.start as string);
      if (r.round === '1') expect(start.toFixed(2)).to.equal(new Decimal(r.ref as string).times('0.7').toFixed(2));
      if (r.round === '2' && r.prev_round === '1') expect(start.toFixed(2)).to.equal(new Decimal(r.prev_start as string).times('0.8').toFixed(2));
      if (r.round === 'sell_off' && r.prev_round === '2') expect(start.toFixed(2)).to.equal(r.prev_start);
      if (r.status !== 'unsold') {
        // the final price is the start plus a whole number of increments
        const steps = new Decimal(r.final as string).minus(start).div(r.inc as string);
        expect(steps.isInteger() && steps.gte(0), `${r.final} from ${r.start} by ${r.inc}`).to.equal(true);
        expect(Number(r.bid_count)).to.be.greaterThan(0);
      } else {
        expect(r.final).to.equal(null);
        expect(Number(r.bid_count)).to.equal(0);
      }
    }
  });

  it('bids are chained by the platform\'s bid hash, and the last bid is the sale', async () => {
    const res = await t.database.db.execute(sql`
      select l.id, l.bid_head, l.bid_count, l.final_price::text as final, l.winner_registration_id as winner,
        coalesce(json_agg(json_build_object('seq', b.seq, 'amount', b.amount::text, 'at', b.at, 'prev', b.prev_hash, 'hash', b.hash, 'code', r.bidder_code, 'reg', b.registration_id) order by b.seq)
          filter (where b.id is not null), '[]') as bids
      from lots l join assets a on a.id = l.asset_id join cases c on c.id = a.case_id
        left join bids b on b.lot_id = l.id left join registrations r on r.id = b.registration_id
      where c.court like ${`${prefix}%`} and l.status in ('sold', 'defaulted')
      group by l.id order by l.id limit 60`);
    const lots = (res as unknown as Rows<{ id: string; bid_head: string; bid_count: number; final: string; winner: string; bids: string | Array<{ seq: number; amount: string; at: string; prev: string; hash: string; code: string; reg: string }> }>).rows;
    expect(lots.length).to.equal(60);
    for (const lot of lots) {
      const bids = typeof lot.bids === 'string' ? JSON.parse(lot.bids) : lot.bids;
      let prev = '';
      for (const b of bids) {
        expect(b.prev).to.equal(prev);
        const amount = new Decimal(b.amount).toFixed(2);
        expect(bidHash({ lotId: lot.id, seq: b.seq, bidderCode: b.code, amount, at: new Date(b.at), prevHash: prev })).to.equal(b.hash);
        prev = b.hash;
      }
      expect(lot.bid_head).to.equal(prev);
      expect(bids.length).to.equal(Number(lot.bid_count));
      expect(new Decimal(bids[bids.length - 1].amount).eq(lot.final)).to.equal(true);
      expect(bids[bids.length - 1].reg).to.equal(lot.winner);
    }
  });

  it('GET /api/stats for each court\'s year equals the brute-force SQL and shared/stats.ts over its lots', async () => {
    for (const court of province.courts) {
      const api = await stats(t, { from: FROM, to: TO, court });
      const [brute] = await bruteForceStats(t.database.db, { from: FROM_AT, to: TO_AT, court, deposits: true });
      expect(api, court).to.deep.equal(bruteForceFigures(brute));
      expect(api, court).to.deep.equal(aggregate(await factsOf(t, court)));
    }
  });

  it('grouped by court over the year, each generated court\'s group has the same figures', async () => {
    const api = await stats(t, { from: FROM, to: TO, groupBy: 'court' });
    const mine = (api.groups as Array<{ key: string }>).filter((g) => g.key.startsWith(prefix));
    expect(mine.map((g) => g.key).sort()).to.deep.equal([...province.courts].sort());
    const brute = await bruteForceStats(t.database.db, { from: FROM_AT, to: TO_AT, groupBy: 'court', deposits: true });
    for (const g of mine) {
      const { key, ...figures } = g;
      expect(figures, key).to.deep.equal(bruteForceFigures(brute.find((b) => b.key === key)!));
    }
  });

  it('one court grouped by month equals the brute force month by month, and the months add up to the year', async () => {
    const [busiest] = (await bruteForceStats(t.database.db, { from: FROM_AT, to: TO_AT, groupBy: 'court' }))
      .filter((r) => r.key.startsWith(prefix)).sort((a, b) => b.finished - a.finished);
    const api = await stats(t, { from: FROM, to: TO, court: busiest.key, groupBy: 'month' });
    const months = await bruteForceStats(t.database.db, { from: FROM_AT, to: TO_AT, court: busiest.key, groupBy: 'month', deposits: true });
    expect((api.groups as Array<{ key: string }>).map((g) => g.key)).to.deep.equal(months.map((m) => m.key));
    for (const m of months) {
      const { key, ...figures } = (api.groups as Array<{ key: string }>).find((g) => g.key === m.key)!;
      expect(figures, key).to.deep.equal(bruteForceFigures(m));
    }
    expect(api.lotsFinished).to.equal(busiest.finished);
    expect(months.reduce((s, m) => s + m.finished, 0)).to.equal(busiest.finished);
  });

  it('the same seed gives the same province; another seed another one', async () => {
    const a = `Province ${run} A `;
    const b = `Province ${run} B `;
    const c = `Province ${run} C `;
    const ra = await generateProvince(t.database.db, { lots: 400, courts: 12, year: YEAR, seed: 99, courtPrefix: a, namespace: `test-${run}-a` });
    const rb = await generateProvince(t.database.db, { lots: 400, courts: 12, year: YEAR, seed: 99, courtPrefix: b, namespace: `test-${run}-b` });
    const rc = await generateProvince(t.database.db, { lots: 400, courts: 12, year: YEAR, seed: 100, courtPrefix: c, namespace: `test-${run}-c` });
    const counts = (r: ProvinceResult) => ({ ...r, courts: r.courts.length, ms: 0 });
    expect(counts(rb)).to.deep.equal(counts(ra));
    expect(counts(rc)).to.not.deep.equal(counts(ra));
    await refreshStatsFacts(t.database.db);
    // The embedded engine runs in this process: the writes above held the event loop long enough for the
    // server to time out the client's idle keep-alive connection. Let that close be seen before a new request.
    await new Promise((r) => setTimeout(r, 200));
    const api = await stats(t, { from: FROM, to: TO, groupBy: 'court' });
    const of = (p: string) => Object.fromEntries((api.groups as Array<{ key: string }>).filter((g) => g.key.startsWith(p)).map(({ key, ...f }) => [key.slice(p.length), f]));
    expect(Object.keys(of(a))).to.have.length.greaterThan(5);
    expect(of(b)).to.deep.equal(of(a));
    expect(of(c)).to.not.deep.equal(of(a));
  });
});
