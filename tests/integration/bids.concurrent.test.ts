import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import type { Socket } from 'socket.io-client';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { emitAck, startTestServer, type TestServer } from '../support/server';

describe('20 bidders racing on one lot', () => {
  let t: TestServer;
  before(async () => { t = await startTestServer(); });
  after(async () => { await t.stop(); });

  it('when 20 clients bid at once for several rounds, then every accepted bid clears the previous by the increment and the leader holds the highest', async function () {
    this.timeout(60_000);
    const staff = (await t.user('court_staff')).api;
    const finance = (await t.user('finance')).api;
    const lot = await publishedLot(t, staff, { live: true });
    const bidders = [];
    for (let i = 0; i < 20; i++) bidders.push(await bidderWithDeposit(t, lot.id, finance));
    const sockets: Socket[] = await Promise.all(bidders.map((b) => t.socket(b.token)));
    const watcher = await t.socket();
    const seen: Array<{ seq: number; amount: string }> = [];
    watcher.on('lot:bid', (e) => seen.push(...e.bids));
    await emitAck(watcher, 'lot:watch', { lotId: lot.id });

    const accepted: Array<{ seq: number; amount: string; bidderCode: string }> = [];
    let rejected = 0;
    for (let round = 0; round < 5; round++) {
      const view = (await t.anon.get(`/api/lots/${lot.id}`)).body;
      const minimum = view.bidCount === 0 ? new Decimal(view.startingPrice) : new Decimal(view.currentPrice).plus(view.bidIncrement);
      // Everyone aims at or just above the same minimum, so most collide.
      const acks = await Promise.all(sockets.map((s, i) => emitAck(s, 'bid:place', {
        lotId: lot.id, amount: minimum.plus(new Decimal(view.bidIncrement).mul(i % 3)).toFixed(2), clientBidId: `r${round}-${i}`,
      }, 15_000)));
      for (const a of acks) {
        if (a.ok) accepted.push(a.bid);
        else {
          rejected++;
          expect(['RULE_VIOLATION', 'ALREADY_LEADING']).to.include(a.error.code);
        }
      }
    }
    expect(accepted.length).to.be.greaterThan(5);
    expect(rejected).to.be.greaterThan(0);
    accepted.sort((a, b) => a.seq - b.seq);
    for (let i = 1; i < accepted.length; i++) {
      expect(new Decimal(accepted[i].amount).gte(new Decimal(accepted[i - 1].amount).plus('1000.00')), `bid ${accepted[i].seq}`).to.equal(true);
    }
    const highest = accepted[accepted.length - 1];
    const view = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(view.currentPrice).to.equal(highest.amount);
    expect(view.leadingBidderCode).to.equal(highest.bidderCode);
    expect(view.bidCount).to.equal(accepted.length);
    expect(new Set(accepted.map((a) => a.seq)).size).to.equal(accepted.length);
    // The watcher got every accepted bid, in seq order.
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.map((e) => e.seq)).to.deep.equal(accepted.map((a) => a.seq));

    await t.advance(new Date(view.endsAt).getTime() - t.now().getTime() + 1000);
    const closed = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(closed).to.include({ status: 'sold', finalPrice: highest.amount, winnerCode: highest.bidderCode });
    expect((await finance.get('/api/finance/trial-balance')).body.balanced).to.equal(true);
  });
});
