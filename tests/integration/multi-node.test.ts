import { expect } from 'chai';
import { assetWithReference, bidderWithDeposit, lotBody, NOTICE_WAIT_MS, publishedLot } from '../support/factories';
import { emitAck, nextEvent, startTestServer, type TestServer } from '../support/server';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('two server nodes on one database, fanned out through Redis', () => {
  let a: TestServer;
  let b: TestServer;
  before(async function () {
    this.timeout(30_000);
    a = await startTestServer({ env: { REDIS_URL } });
    b = await startTestServer({ env: { REDIS_URL }, database: a.database });
  });
  after(async () => {
    await b.stop();
    await a.stop();
  });

  it('when a bid is placed on node A, then a watcher connected to node B sees it', async () => {
    const staff = (await a.user('court_staff')).api;
    const finance = (await a.user('finance')).api;
    const lot = await publishedLot(a, staff, { live: true });
    const bidder = await bidderWithDeposit(a, lot.id, finance);
    const watcher = await b.socket();
    await emitAck(watcher, 'lot:watch', { lotId: lot.id });
    const seen = nextEvent(watcher, 'lot:bid');
    const r = await bidder.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'x-node' });
    expect(r.status).to.equal(201);
    expect((await seen).seq).to.equal(r.body.seq);
  });

  it('when both nodes tick over the same due lots, then each lot is closed exactly once', async function () {
    this.timeout(30_000);
    const staff = (await a.user('court_staff')).api;
    const finance = (await a.user('finance')).api;
    const drafts = [];
    for (let i = 0; i < 6; i++) {
      const { assetId } = await assetWithReference(a, staff);
      const d = await staff.post('/api/lots', lotBody(a, assetId));
      await staff.post(`/api/lots/${d.body.id}/notify-parties`, {});
      drafts.push(d.body);
    }
    await a.advance(NOTICE_WAIT_MS);
    for (const d of drafts) expect((await staff.post(`/api/lots/${d.id}/publish`)).status).to.equal(200);
    const lots = drafts;
    const lastStart = Math.max(...lots.map((l) => new Date(l.startsAt).getTime()));
    await a.advance(lastStart - a.now().getTime() + 1000);
    for (const [i, lot] of lots.entries()) {
      const bidder = await bidderWithDeposit(a, lot.id, finance);
      const r = await bidder.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: `n${i}` });
      expect(r.status).to.equal(201);
    }
    const watcher = await a.socket();
    const closedEvents: Array<{ lotId: string }> = [];
    watcher.on('lot:closed', (e) => closedEvents.push(e));
    for (const lot of lots) await emitAck(watcher, 'lot:watch', { lotId: lot.id });
    const lastEnd = Math.max(...lots.map((l) => new Date(l.endsAt).getTime()));
    const bNow = b.now().getTime();
    const aNow = a.now().getTime();
    // Both clocks pass the end; both nodes run their jobs concurrently.
    await Promise.all([a.advance(lastEnd - aNow + 1000), b.advance(lastEnd - bNow + 1000)]);
    await Promise.all([a.platform.runJobsNow(), b.platform.runJobsNow()]);
    await new Promise((r) => setTimeout(r, 300));
    for (const lot of lots) {
      const view = (await a.anon.get(`/api/lots/${lot.id}`)).body;
      expect(view.status).to.equal('sold');
      // published, live, one bid, closed: four events, so a double close would show as a fifth
      expect(view.seq).to.equal(4);
      expect(closedEvents.filter((e) => e.lotId === lot.id)).to.have.length(1);
    }
    expect((await finance.get('/api/finance/trial-balance')).body.balanced).to.equal(true);
  });
});
