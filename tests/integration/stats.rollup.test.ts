import { expect } from 'chai';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import { generateProvince } from '../../server/modules/demo/province';
import { finishedAuctions, type AuctionFactRow } from '../../server/modules/stats/stats.repository';
import { refreshStatsFacts } from '../../server/modules/stats/stats.facts';
import { startOfDayUtc8 } from '../../server/modules/stats/stats.service';
import { ASSET_KINDS } from '../../shared/contract/cases';
import { aggregate, type AuctionFact, type AuctionRound, type StatsFigures } from '../../shared/stats';
import { startTestServer, type TestServer } from '../support/server';

/**
 * The rollup (monthly sums plus per-auction facts for the days of a partly covered month) answers exactly
 * what the definition gives when it is applied to every finished lot one by one: for random periods with
 * edges inside months, every filter and grouping, and after lots change once they finished.
 */

const suffix = Math.floor(Math.random() * 1e9);
const PREFIX = `Rollup ${suffix} `;
const YEAR = 2031;

const UTC8_MS = 8 * 60 * 60 * 1000;
const monthOf = (d: Date) => new Date(d.getTime() + UTC8_MS).toISOString().slice(0, 7);

/** The definition: the lot's row as shared/stats.ts reads a finished auction. */
function asFact(r: AuctionFactRow): AuctionFact {
  return {
    round: r.round as AuctionRound,
    outcome: r.status === 'sold' ? 'sold' : r.status === 'defaulted' ? 'defaulted' : 'unsold',
    startingPrice: new Decimal(r.startingPrice),
    referencePrice: new Decimal(r.referencePrice ?? 0),
    finalPrice: r.finalPrice === null ? null : new Decimal(r.finalPrice),
    bidders: r.bidders, bids: r.bids, extensions: r.extensions,
    loserDeposits: r.loserDeposits, loserDepositsRefundedWithin24h: r.loserDepositsRefundedWithin24h,
    loserDepositsOpen: r.loserDepositsOpen, closedAt: r.closedAt,
  };
}

type Query = { from?: string; to?: string; court?: string; kind?: string; round?: string; groupBy?: 'court' | 'kind' | 'month' | 'round' };

describe('statistics rollup: equal to the per-lot definition', function () {
  this.timeout(600_000);
  let t: TestServer;
  let courts: string[];

  /** The figures by brute force over this province's lots only (the database may hold other tests' lots). */
  async function expected(q: Query): Promise<StatsFigures & { groups?: Array<StatsFigures & { key: string }> }> {
    const rows = (await finishedAuctions(t.platform.ctx.db, {
      from: q.from ? startOfDayUtc8(q.from) : undefined, to: q.to ? startOfDayUtc8(q.to) : undefined,
      court: q.court, kind: q.kind, round: q.round,
    })).filter((r) => r.court.startsWith(PREFIX));
    const now = t.now();
    const total = aggregate(rows.map(asFact), now);
    if (!q.groupBy) return total;
    const keyOf = (r: AuctionFactRow) => (q.groupBy === 'month' ? monthOf(r.closedAt) : r[q.groupBy!]);
    const keys = [...new Set(rows.map(keyOf))].sort();
    return { ...total, groups: keys.map((key) => ({ key, ...aggregate(rows.filter((r) => keyOf(r) === key).map(asFact), now) })) };
  }

  /** The API's answer restricted to this province: one court asked for, or only its courts' groups. */
  async function actual(q: Query) {
    const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined) as Array<[string, string]>);
    const res = await t.anon.get(`/api/stats?${params}`);
    expect(res.status, JSON.stringify(res.body)).to.equal(200);
    return res.body;
  }

  before(async () => {
    t = await startTestServer();
    const result = await generateProvince(t.platform.ctx.db, { lots: 1500, courts: 6, year: YEAR, seed: suffix % 100_000, namespace: `rollup-${suffix}`, courtPrefix: PREFIX });
    courts = result.courts;
    expect(courts).to.have.length(6);
  });
  after(async () => t?.stop());

  it('when periods start and end inside months, then each court\'s figures equal the definition over its lots', async () => {
    const day = fc.integer({ min: -40, max: 400 }).map((d) => new Date(Date.UTC(YEAR, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const query = fc.record({
      from: fc.option(day, { nil: undefined }),
      to: fc.option(day, { nil: undefined }),
      court: fc.constantFrom(...courts),
      kind: fc.option(fc.constantFrom(...ASSET_KINDS), { nil: undefined, freq: 4 }),
      round: fc.option(fc.constantFrom('1', '2', 'sell_off'), { nil: undefined, freq: 4 }),
      groupBy: fc.option(fc.constantFrom('court', 'kind', 'month', 'round') as fc.Arbitrary<Query['groupBy']>, { nil: undefined }),
    }).filter((q) => q.from === undefined || q.to === undefined || q.from < q.to);
    await fc.assert(fc.asyncProperty(query, async (q) => {
      expect(await actual(q), JSON.stringify(q)).to.deep.equal(await expected(q));
    }), { numRuns: 40 });
  });

  it('when grouped by court over the whole year, then every one of the province\'s courts equals the definition', async () => {
    const q: Query = { from: `${YEAR}-01-01`, to: `${YEAR + 1}-01-01`, groupBy: 'court' };
    const body = await actual(q);
    const mine = body.groups.filter((g: { key: string }) => g.key.startsWith(PREFIX));
    expect(mine.map((g: { key: string }) => g.key)).to.deep.equal([...courts].sort());
    expect(mine).to.deep.equal((await expected(q)).groups);
    expect(mine.reduce((s: number, g: { lotsFinished: number }) => s + g.lotsFinished, 0)).to.equal(1500);
  });

  it('when finished lots change (a default, a deposit given back late, a kind corrected), then the next read counts them as they are now', async () => {
    const db = t.platform.ctx.db;
    const court = courts[0];
    const q: Query = { court, from: `${YEAR}-01-01`, to: `${YEAR + 1}-01-01`, groupBy: 'month' };
    const before = await actual(q);
    const [sold] = ((await db.execute(sql`select l.id from lots l join assets a on a.id = l.asset_id join cases c on c.id = a.case_id
      where c.court = ${court} and l.status = 'sold' order by l.id limit 1`)) as unknown as { rows: Array<{ id: string }> }).rows;
    await db.execute(sql`update lots set status = 'defaulted', defaulted_at = closed_at + interval '20 days' where id = ${sold.id}`);
    const [asset] = ((await db.execute(sql`select a.id, a.kind from lots l join assets a on a.id = l.asset_id join cases c on c.id = a.case_id
      where c.court = ${court} and l.status = 'unsold' order by l.id limit 1`)) as unknown as { rows: Array<{ id: string; kind: string }> }).rows;
    const [late] = ((await db.execute(sql`select r.id from registrations r join lots l on l.id = r.lot_id join assets a on a.id = l.asset_id
      join cases c on c.id = a.case_id where c.court = ${court} and r.deposit_status = 'released' and r.id is distinct from l.winner_registration_id
      and r.settled_at <= l.closed_at + interval '24 hours' order by r.id limit 1`)) as unknown as { rows: Array<{ id: string }> }).rows;
    await db.execute(sql`update registrations set settled_at = settled_at + interval '3 days' where id = ${late.id}`);
    await db.execute(sql`update assets set kind = ${asset.kind === 'movable' ? 'immovable' : 'movable'} where id = ${asset.id}`);
    const after = await actual(q);
    expect(after.lotsSold).to.equal(before.lotsSold - 1);
    expect(after.lotsDefaulted).to.equal(before.lotsDefaulted + 1);
    expect(after.loserDepositsRefundedWithin24hShare).to.not.equal(before.loserDepositsRefundedWithin24hShare);
    expect(after).to.deep.equal(await expected(q));
    for (const groupBy of ['kind', 'round'] as const) expect(await actual({ ...q, groupBy })).to.deep.equal(await expected({ ...q, groupBy }));
  });

  it('when a loser\'s deposit is not back yet, then it counts against the 24-hour share only once its 24 hours are over', async () => {
    const db = t.platform.ctx.db;
    const court = courts[2];
    const [open] = ((await db.execute(sql`select r.id, l.closed_at from registrations r join lots l on l.id = r.lot_id join assets a on a.id = l.asset_id
      join cases c on c.id = a.case_id where c.court = ${court} and r.deposit_status = 'released' and r.id is distinct from l.winner_registration_id
      order by l.closed_at desc limit 1`)) as unknown as { rows: Array<{ id: string; closed_at: string }> }).rows;
    const q: Query = { court, from: `${YEAR - 1}-01-01`, to: `${YEAR + 2}-01-01` };
    const before = await actual(q);
    await db.execute(sql`update registrations set settled_at = null where id = ${open.id}`);
    // The test clock is years before these closes: the deposit's 24 hours have not even begun to run out.
    const within = await actual(q);
    expect(within).to.deep.equal(await expected(q));
    expect(within.lotsFinished).to.equal(before.lotsFinished);
    const closedAt = new Date(open.closed_at).getTime();
    // the test clock moves at most 400 days at a time
    while (t.now().getTime() < closedAt + 25 * 60 * 60 * 1000) await t.advance(Math.min(closedAt + 25 * 60 * 60 * 1000 - t.now().getTime(), 399 * 24 * 60 * 60 * 1000));
    const late = await actual(q);
    expect(late).to.deep.equal(await expected(q));
    expect(Number(late.loserDepositsRefundedWithin24hShare)).to.be.lessThan(Number(within.loserDepositsRefundedWithin24hShare));
  });

  it('when two readers find the same lots dirty at once, then both answer the definition and each lot is counted once', async () => {
    const db = t.platform.ctx.db;
    await db.execute(sql`insert into stats_dirty (lot_id) select l.id from lots l join assets a on a.id = l.asset_id join cases c on c.id = a.case_id
      where c.court like ${`${PREFIX}%`} on conflict do nothing`);
    const q: Query = { from: `${YEAR}-02-10`, to: `${YEAR}-11-20`, groupBy: 'court' };
    const [a, b] = await Promise.all([actual(q), actual(q)]);
    const want = (await expected(q)).groups;
    for (const body of [a, b]) expect(body.groups.filter((g: { key: string }) => g.key.startsWith(PREFIX))).to.deep.equal(want);
    const [{ n }] = ((await db.execute(sql`select count(*)::int as n from auction_facts where court like ${`${PREFIX}%`}`)) as unknown as { rows: Array<{ n: number }> }).rows;
    expect(n).to.equal(1500);
    expect(await refreshStatsFacts(db)).to.be.at.least(0);
  });

  it('when a period is shorter than a month or spans a year boundary, then the edges are counted once', async () => {
    for (const q of [
      { court: courts[1], from: `${YEAR}-03-15`, to: `${YEAR}-03-16` },
      { court: courts[1], from: `${YEAR}-03-01`, to: `${YEAR}-04-01` },
      { court: courts[1], from: `${YEAR}-02-28`, to: `${YEAR}-03-02` },
      { court: courts[1], from: `${YEAR - 1}-12-31`, to: `${YEAR + 1}-01-02`, groupBy: 'month' as const },
      { court: courts[1], to: `${YEAR}-06-15` },
      { court: courts[1], from: `${YEAR}-06-15` },
    ]) expect(await actual(q), JSON.stringify(q)).to.deep.equal(await expected(q));
  });
});
