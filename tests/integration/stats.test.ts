import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { lotBody, NOTICE_WAIT_MS } from '../support/factories';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

/**
 * GET /api/stats against lots driven through their whole lives by court staff, bidders and the clock:
 * sales on each C29 tier boundary, unsold lots, a second-round and a sell-off sale, a defaulted sale and a
 * creditor takeover, in two courts. Every figure is also computed here, by brute force, from the lots.
 */

const DAY = 24 * 60 * 60 * 1000;
const suffix = Math.floor(Math.random() * 1e9);
const COURT_A = `Stats Court A ${suffix}`;
const COURT_B = `Stats Court B ${suffix}`;

type Round = '1' | '2' | 'sell_off';
interface Finished {
  court: string; kind: string; round: Round; outcome: 'sold' | 'unsold' | 'defaulted';
  starting: string; reference: string; final: string | null; bidders: number; bids: number; losers: number;
  /** Losers' deposits whose bank refund was sent within 24 h of the close. */
  refunded24h?: number;
  extensions?: number;
}

/** C29 marginal schedule, written out again here so the test does not trust the code it checks. */
function c29(price: Decimal): Decimal {
  const bands: Array<[number, string]> = [[2e6, '0.05'], [1e7, '0.03'], [5e7, '0.02'], [1e8, '0.01'], [Infinity, '0.005']];
  let lower = new Decimal(0);
  let sum = new Decimal(0);
  for (const [upper, rate] of bands) {
    const top = Decimal.min(price, upper === Infinity ? price : new Decimal(upper));
    if (top.gt(lower)) sum = sum.plus(top.minus(lower).times(rate));
    if (upper !== Infinity) lower = new Decimal(upper);
  }
  return sum;
}

const r4 = (a: Decimal, b: Decimal) => (b.isZero() ? '0.0000' : a.div(b).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4));

function bruteForce(lots: Finished[]) {
  const sold = lots.filter((l) => l.outcome === 'sold');
  const sum = (xs: Decimal[]) => xs.reduce((s, x) => s.plus(x), new Decimal(0));
  const turnover = sum(sold.map((l) => new Decimal(l.final!)));
  const starting = sum(sold.map((l) => new Decimal(l.starting)));
  const reference = sum(sold.map((l) => new Decimal(l.reference)));
  const commission = sum(sold.map((l) => c29(new Decimal(l.final!))));
  const n = new Decimal(lots.length);
  const unsold = (round: Round) => {
    const inRound = lots.filter((l) => l.round === round);
    return r4(new Decimal(inRound.filter((l) => l.outcome === 'unsold').length), new Decimal(inRound.length));
  };
  return {
    lotsFinished: lots.length,
    lotsSold: sold.length,
    lotsDefaulted: lots.filter((l) => l.outcome === 'defaulted').length,
    successRate: r4(new Decimal(sold.length), n),
    turnover: turnover.toFixed(2),
    startingTotal: starting.toFixed(2),
    referenceTotal: reference.toFixed(2),
    premiumOverStarting: r4(turnover.minus(starting), starting),
    premiumOverReference: r4(turnover.minus(reference), reference),
    realisationRate: r4(turnover, reference),
    commissionSaved: commission.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    commissionShareOfTurnover: r4(commission, turnover),
    unsoldRateByRound: { '1': unsold('1'), '2': unsold('2'), sell_off: unsold('sell_off') },
    biddersPerLot: r4(new Decimal(lots.reduce((s, l) => s + l.bidders, 0)), n),
    bidsPerLot: r4(new Decimal(lots.reduce((s, l) => s + l.bids, 0)), n),
    extensionsPerLot: r4(new Decimal(lots.reduce((s, l) => s + (l.extensions ?? 0), 0)), n),
    loserDepositsRefundedWithin24hShare: r4(new Decimal(lots.reduce((s, l) => s + (l.refunded24h ?? 0), 0)), new Decimal(lots.reduce((s, l) => s + l.losers, 0))),
  };
}

describe('statistics: GET /api/stats over lots driven through their lives', function () {
  this.timeout(600_000);
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  const finished: Finished[] = [];
  let from: string;
  let to: string;

  async function assetIn(court: string, reference: string, kind: 'movable' | 'immovable' = 'movable') {
    const c = await staff.post('/api/cases', { caseNumber: `(2026)统执${Math.floor(Math.random() * 1e9)}号`, court, applicant: 'Creditor Co.', respondent: 'Debtor Wang', claimAmount: '500000.00' });
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: 'Seized property', kind, description: 'For the statistics.' });
    const v = await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: reference });
    expect(v.status, JSON.stringify(v.body)).to.equal(201);
    return a.body.id as string;
  }

  async function lot(assetId: string, o: { round?: 1 | 2 | 'sell_off'; starting: string; startInDays: number }) {
    const deposit = new Decimal(o.starting).times('0.1').toFixed(2);
    const r = await staff.post('/api/lots', { ...lotBody(t, assetId, { startInDays: o.startInDays }), round: o.round ?? 1, startingPrice: o.starting, deposit });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return r.body as { id: string; startsAt: string; endsAt: string };
  }

  /** Notices for a whole batch, one wait for A16, then every announcement: the batch keeps one timetable. */
  async function publish(batch: Array<{ id: string }>) {
    for (const l of batch) expect((await staff.post(`/api/lots/${l.id}/notify-parties`, { note: 'Served.' })).status).to.equal(200);
    await t.advance(NOTICE_WAIT_MS);
    for (const l of batch) expect((await staff.post(`/api/lots/${l.id}/publish`)).status).to.equal(200);
  }

  async function register(lotId: string, n: number) {
    const out: ApiClient[] = [];
    for (let i = 0; i < n; i++) {
      const b = await t.user('bidder', { verified: true });
      const reg = await b.api.post(`/api/lots/${lotId}/registrations`);
      expect((await finance.post(`/api/finance/deposits/${reg.body.id}/confirm`, { bankReference: `ST-${reg.body.id}` })).status).to.equal(200);
      out.push(b.api);
    }
    return out;
  }

  const payBalance = async (lotId: string) => {
    const r = await finance.post(`/api/finance/lots/${lotId}/balance`, { bankReference: `STB-${lotId}` });
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
  };
  const advanceTo = async (iso: string) => { await t.advance(Math.max(0, new Date(iso).getTime() - t.now().getTime()) + 1000); };
  const status = async (id: string) => (await t.anon.get(`/api/lots/${id}`)).body.status as string;
  const utc8Day = (at: Date) => new Date(at.getTime() + 8 * 3600e3).toISOString().slice(0, 10);

  before(async () => {
    ({ t, staff, finance } = await courtServer());
    from = utc8Day(t.now());
    // First rounds, all opening together: one tier-boundary sale each, a defaulted sale and three failures.
    const tiers = ['2000000.00', '10000000.00', '50000000.00', '100000000.00'];
    // each sells exactly on its boundary: the loser bids the starting price, one increment below it
    const sales = [];
    for (const [i, boundary] of tiers.entries()) {
      const court = i % 2 === 0 ? COURT_A : COURT_B;
      const kind = i === 1 ? 'immovable' : 'movable';
      const starting = new Decimal(boundary).minus('1000').toFixed(2);
      sales.push({ court, kind, boundary, starting, lot: await lot(await assetIn(court, starting, kind), { starting, startInDays: 36 }) });
    }
    const defaultAsset = await assetIn(COURT_A, '100000.00');
    const defaulting = await lot(defaultAsset, { starting: '70000.00', startInDays: 36 });
    const failAssets = [await assetIn(COURT_B, '100000.00'), await assetIn(COURT_B, '100000.00'), await assetIn(COURT_A, '100000.00')];
    const failed = [];
    for (const a of failAssets) failed.push(await lot(a, { starting: '70000.00', startInDays: 36 }));
    await publish([...sales.map((s) => s.lot), defaulting, ...failed]);
    await advanceTo(sales[0].lot.startsAt);
    const winners: ApiClient[] = [];
    for (const s of sales) {
      const [winner, loser] = await register(s.lot.id, 2);
      winners.push(winner);
      expect((await loser.post(`/api/lots/${s.lot.id}/bids`, { amount: s.starting, clientBidId: 'first' })).status).to.equal(201);
    }
    for (const [i, s] of sales.slice(0, 3).entries()) {
      expect((await winners[i].post(`/api/lots/${s.lot.id}/bids`, { amount: s.boundary, clientBidId: 'top' })).status).to.equal(201);
    }
    const [buyer] = await register(defaulting.id, 1);
    expect((await buyer.post(`/api/lots/${defaulting.id}/bids`, { amount: '70000.00', clientBidId: 'will-default' })).status).to.equal(201);
    // the 100,000,000 lot's top bid comes in the last minute: one anti-sniping extension (A20)
    await t.advance(new Date(sales[3].lot.endsAt).getTime() - t.now().getTime() - 60_000);
    const late = await winners[3].post(`/api/lots/${sales[3].lot.id}/bids`, { amount: sales[3].boundary, clientBidId: 'top' });
    expect(late.status, JSON.stringify(late.body)).to.equal(201);
    await advanceTo(late.body.endsAt);
    for (const s of sales) {
      expect(await status(s.lot.id)).to.equal('sold');
      await payBalance(s.lot.id);
      expect((await t.anon.get(`/api/lots/${s.lot.id}`)).body.finalPrice).to.equal(s.boundary);
      finished.push({ court: s.court, kind: s.kind, round: '1', outcome: 'sold', starting: s.starting, reference: s.starting, final: s.boundary, bidders: 2, bids: 2, losers: 1, extensions: s === sales[3] ? 1 : 0 });
    }
    // Losers' refunds: the 2,000,000 lot's is sent within the day, the 50,000,000 lot's a day late, the others not yet.
    const sendRefund = async (lotId: string) => {
      const due = (await finance.get('/api/finance/refunds?status=due')).body.find((r: { lotId: string; kind: string }) => r.lotId === lotId && r.kind === 'deposit_release');
      const sent = await finance.post(`/api/finance/refunds/${due.id}/sent`, { bankReference: `STR-${due.id}`, payeeAccount: '6222020200112233445' });
      expect(sent.status, JSON.stringify(sent.body)).to.equal(200);
    };
    await sendRefund(sales[0].lot.id);
    finished[0].refunded24h = 1;
    await t.advance(DAY + 60_000);
    await sendRefund(sales[2].lot.id);
    for (const [i, f] of failed.entries()) {
      expect(await status(f.id)).to.equal('unsold');
      finished.push({ court: i === 2 ? COURT_A : COURT_B, kind: 'movable', round: '1', outcome: 'unsold', starting: '70000.00', reference: '100000.00', final: null, bidders: 0, bids: 0, losers: 0 });
    }

    // Second rounds for the three failures; meanwhile the buyer of the fourth lot lets the balance deadline pass.
    const seconds = [];
    for (const a of failAssets) seconds.push(await lot(a, { round: 2, starting: '60000.00', startInDays: 13 }));
    await publish(seconds);
    await advanceTo(seconds[0].startsAt);
    const [secondBuyer] = await register(seconds[0].id, 1);
    expect((await secondBuyer.post(`/api/lots/${seconds[0].id}/bids`, { amount: '61000.00', clientBidId: 'second' })).status).to.equal(201);
    await advanceTo(seconds[0].endsAt);
    expect(await status(defaulting.id)).to.equal('defaulted');
    finished.push({ court: COURT_A, kind: 'movable', round: '1', outcome: 'defaulted', starting: '70000.00', reference: '100000.00', final: '70000.00', bidders: 1, bids: 1, losers: 0 });
    expect(await status(seconds[0].id)).to.equal('sold');
    await payBalance(seconds[0].id);
    finished.push({ court: COURT_B, kind: 'movable', round: '2', outcome: 'sold', starting: '60000.00', reference: '100000.00', final: '61000.00', bidders: 1, bids: 1, losers: 0 });
    for (const [i, s] of seconds.slice(1).entries()) {
      expect(await status(s.id)).to.equal('unsold');
      finished.push({ court: i === 1 ? COURT_A : COURT_B, kind: 'movable', round: '2', outcome: 'unsold', starting: '60000.00', reference: '100000.00', final: null, bidders: 0, bids: 0, losers: 0 });
    }

    // The third asset goes to its creditor (not a sale by auction); the second is sold off.
    const takeover = await staff.post(`/api/lots/${seconds[2].id}/creditor-takeover`, { creditor: 'Creditor Bank' });
    expect(takeover.status, JSON.stringify(takeover.body)).to.equal(200);
    const sellOff = await lot(failAssets[1], { round: 'sell_off', starting: '60000.00', startInDays: 6 });
    await publish([sellOff]);
    await advanceTo(sellOff.startsAt);
    const [sellOffBuyer] = await register(sellOff.id, 1);
    expect((await sellOffBuyer.post(`/api/lots/${sellOff.id}/bids`, { amount: '60000.00', clientBidId: 'sell-off' })).status).to.equal(201);
    await t.advance(DAY + 1000);
    expect(await status(sellOff.id)).to.equal('sold');
    await payBalance(sellOff.id);
    finished.push({ court: COURT_B, kind: 'movable', round: 'sell_off', outcome: 'sold', starting: '60000.00', reference: '100000.00', final: '60000.00', bidders: 1, bids: 1, losers: 0 });
    to = utc8Day(new Date(t.now().getTime() + 2 * DAY));
  });
  after(async () => { await t.stop(); });

  const get = async (query: string) => {
    const r = await t.anon.get(`/api/stats?${query}`);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return r.body;
  };
  const of = (court: string) => finished.filter((l) => l.court === court);

  it('when each court is asked for, then every figure equals the brute-force computation over its lots', async () => {
    for (const court of [COURT_A, COURT_B]) {
      const body = await get(`court=${encodeURIComponent(court)}&from=${from}&to=${to}`);
      expect(body).to.deep.equal(bruteForce(of(court)));
    }
  });

  it('when lots sell on the C29 tier boundaries, then commission saved is the hand-computed per-lot sum', async () => {
    // Court A: 2,000,000 → 5% = 100,000; 50,000,000 → 100,000 + 240,000 + 800,000 = 1,140,000; the defaulted 70,000 is not a sale.
    const a = await get(`court=${encodeURIComponent(COURT_A)}&from=${from}&to=${to}`);
    expect(a.commissionSaved).to.equal('1240000.00');
    expect(a.turnover).to.equal('52000000.00');
    // two losers' deposits: one refund sent within 24 h, one a day late
    expect(a.loserDepositsRefundedWithin24hShare).to.equal('0.5000');
    expect(a.lotsFinished).to.equal(5);
    expect(a.lotsSold).to.equal(2);
    expect(a.lotsDefaulted).to.equal(1);
    // Court B: 10,000,000 → 340,000; 100,000,000 → 1,640,000; second round 61,000 → 3,050; sell-off 60,000 → 3,000.
    const b = await get(`court=${encodeURIComponent(COURT_B)}&from=${from}&to=${to}`);
    expect(b.commissionSaved).to.equal('1986050.00');
    expect(b.turnover).to.equal('110121000.00');
    // never the schedule on the total: 110,121,000 would give 1,640,000 + 50,605 = 1,690,605
    expect(b.lotsFinished).to.equal(7);
    expect(b.lotsSold).to.equal(4);
    expect(b.extensionsPerLot).to.equal('0.1429'); // one extension over seven auctions
  });

  it('when filtered by round and kind, or grouped, then each answer is the brute force over that slice', async () => {
    const court = encodeURIComponent(COURT_B);
    for (const round of ['1', '2', 'sell_off'] as const) {
      expect(await get(`court=${court}&round=${round}`)).to.deep.equal(bruteForce(of(COURT_B).filter((l) => l.round === round)));
    }
    expect(await get(`court=${court}&kind=immovable`)).to.deep.equal(bruteForce(of(COURT_B).filter((l) => l.kind === 'immovable')));
    const byRound = await get(`court=${court}&groupBy=round`);
    expect(byRound.groups.map((g: { key: string }) => g.key)).to.deep.equal(['1', '2', 'sell_off']);
    for (const g of byRound.groups) {
      const { key, ...figures } = g;
      expect(figures).to.deep.equal(bruteForce(of(COURT_B).filter((l) => l.round === key)));
    }
    const byCourt = await get(`from=${from}&to=${to}&groupBy=court`);
    for (const court of [COURT_A, COURT_B]) {
      const { key, ...figures } = byCourt.groups.find((g: { key: string }) => g.key === court);
      expect(key).to.equal(court);
      expect(figures).to.deep.equal(bruteForce(of(court)));
    }
    const byMonth = await get(`court=${court}&groupBy=month`);
    const total = byMonth.groups.reduce((s: number, g: { lotsFinished: number }) => s + g.lotsFinished, 0);
    expect(total).to.equal(of(COURT_B).length);
    for (const g of byMonth.groups) expect(g.key).to.match(/^\d{4}-\d{2}$/);
  });

  it('when the period holds no finished lot, then every figure is zero, not an error', async () => {
    const body = await get(`court=${encodeURIComponent(COURT_A)}&from=2000-01-01&to=2000-01-02`);
    expect(body).to.deep.equal(bruteForce([]));
    expect(body.turnover).to.equal('0.00');
    expect(body.successRate).to.equal('0.0000');
  });

  it('when a filter is bad, then the answer is 400 VALIDATION_FAILED', async () => {
    for (const q of ['from=2026-03-02&to=2026-03-01', 'from=2026-03-01&to=2026-03-01', 'from=2026-02-30', 'from=0999-05-05', 'from=9999-12-02', 'to=1999-12-31', 'round=3', 'groupBy=year', 'kind=car', 'extra=1']) {
      const r = await t.anon.get(`/api/stats?${q}`);
      expect(r.status, q).to.equal(400);
      expect(r.body.error.code, q).to.equal('VALIDATION_FAILED');
    }
  });
});
