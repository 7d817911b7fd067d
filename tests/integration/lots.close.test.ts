import crypto from 'node:crypto';
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { eq, inArray } from 'drizzle-orm';
import { schema } from '../../server/platform/db/index';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { courtServer, emitAck, nextEvent, type ApiClient, type TestServer } from '../support/server';

describe('a lot opens and closes on its own by the server clock', () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  before(async () => ({ t, staff, finance } = await courtServer()));
  after(async () => { await t.stop(); });

  it('when the start time comes, then the lot turns live and watchers get lot:status', async () => {
    const lot = await publishedLot(t, staff);
    const watcher = await t.socket();
    await emitAck(watcher, 'lot:watch', { lotId: lot.id });
    const live = nextEvent(watcher, 'lot:status', (e) => e.status === 'live');
    await t.advance(new Date(lot.startsAt).getTime() - t.now().getTime() + 500);
    expect((await live).lotId).to.equal(lot.id);
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.status).to.equal('live');
  });

  it('when the end passes with bids, then it is sold to the highest bidder, watchers see it, the winner\'s deposit is applied and the others released', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    const b = await bidderWithDeposit(t, lot.id, finance);
    const c = await bidderWithDeposit(t, lot.id, finance);
    await a.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'a1' });
    await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '75000.00', clientBidId: 'b1' });
    const watcher = await t.socket();
    await emitAck(watcher, 'lot:watch', { lotId: lot.id });
    const closedEvent = nextEvent(watcher, 'lot:closed');
    const before = (await finance.get('/api/finance/trial-balance')).body;
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
    const closed = await closedEvent;
    expect(closed).to.include({ lotId: lot.id, status: 'sold', finalPrice: '75000.00', winnerCode: b.bidderCode });
    const view = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(view).to.include({ status: 'sold', finalPrice: '75000.00', winnerCode: b.bidderCode });
    expect((await b.api.get(`/api/lots/${lot.id}/registration`)).body.depositStatus).to.equal('applied');
    for (const loser of [a, c]) {
      const reg = (await loser.api.get(`/api/lots/${lot.id}/registration`)).body;
      expect(reg.depositStatus).to.equal('released');
      expect(new Date(reg.releaseDueBy).getTime()).to.be.greaterThan(t.now().getTime());
    }
    const tb = (await finance.get('/api/finance/trial-balance')).body;
    expect(tb.balanced).to.equal(true);
    const bal = (x: typeof tb, acct: string) => new Decimal(x.accounts.find((r: { account: string }) => r.account === acct)?.credit ?? '0');
    expect(bal(tb, 'liability:court_proceeds').minus(bal(before, 'liability:court_proceeds')).toFixed(2)).to.equal('7000.00');
    expect(bal(tb, 'liability:refunds_payable').minus(bal(before, 'liability:refunds_payable')).toFixed(2)).to.equal('14000.00');
    const late = await a.api.post(`/api/lots/${lot.id}/bids`, { amount: '90000.00', clientBidId: 'late' });
    expect(late.status).to.equal(409);
    expect(late.body.error.code).to.equal('LOT_NOT_LIVE');
  });

  it('when more lots end at once than one batch holds (after a pause), then one tick closes every one of them', async function () {
    this.timeout(60_000);
    const lot = await publishedLot(t, staff, { live: true });
    // 250 copies of a live lot, all ending together: the tick used to close 100 and leave the rest a second.
    const [row] = await t.database.db.select().from(schema.lots).where(eq(schema.lots.id, lot.id));
    const ids = Array.from({ length: 250 }, () => crypto.randomUUID());
    await t.database.db.insert(schema.lots).values(ids.map((id) => ({ ...row, id })));
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 1000);
    const statuses = await t.database.db.select({ status: schema.lots.status }).from(schema.lots).where(inArray(schema.lots.id, [lot.id, ...ids]));
    expect(statuses).to.have.length(251);
    expect([...new Set(statuses.map((x) => x.status))]).to.deep.equal(['unsold']);
  });

  it('when the end passes with no bid, then the lot is unsold and every deposit is released', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
    const view = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(view).to.include({ status: 'unsold', finalPrice: null, winnerCode: null });
    expect((await a.api.get(`/api/lots/${lot.id}/registration`)).body.depositStatus).to.equal('released');
  });

  it('when one bidder alone bids the starting price, then the sale is valid (A11)', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    await a.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'solo' });
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body).to.include({ status: 'sold', finalPrice: '70000.00', winnerCode: a.bidderCode });
  });
});
