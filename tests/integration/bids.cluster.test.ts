import { expect } from 'chai';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { bidHash } from '../../server/modules/audit/audit.service';
import { schema } from '../../server/platform/db/index';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { ApiClient, emitAck, startTestServer, type TestServer } from '../support/server';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Short, so the takeover test waits about a second for a dead holder's lease to run out. */
const LEASE_MS = 1000;

/** One bid of a burst: the node it goes through, the bidder, how far above the minimum, and whether it is sent twice. */
const shot = fc.record({
  node: fc.constantFrom(0, 1),
  who: fc.nat({ max: 3 }),
  how: fc.constantFrom('minimum', 'raise', 'below'),
  twice: fc.boolean(),
});

interface Ack { ok: boolean; bid?: { seq: number; amount: string; bidderCode: string; lotId: string }; error?: { code: string } }

/** The bid log read from a node, its hash chain checked link by link. */
async function verifiedLog(t: TestServer, lotId: string) {
  const log = (await t.anon.get(`/api/lots/${lotId}/bid-log`)).body;
  let prev = '';
  for (const e of log.entries) {
    expect(e.prevHash, `bid ${e.seq} links to the one before`).to.equal(prev);
    expect(bidHash({ lotId, seq: e.seq, bidderCode: e.bidderCode, amount: e.amount, at: new Date(e.at), prevHash: prev }), `bid ${e.seq} hash`).to.equal(e.hash);
    prev = e.hash;
  }
  expect(log.head).to.equal(prev);
  return log.entries as Array<{ seq: number; amount: string; bidderCode: string }>;
}

describe('two nodes on one database: one sequencer per lot, held through a lease, the other node forwarding', () => {
  let a: TestServer;
  let b: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  before(async function () {
    this.timeout(180_000);
    const env = { REDIS_URL, BID_RATE_PER_SECOND: '0', BID_LEASE_MS: String(LEASE_MS) };
    a = await startTestServer({ env });
    b = await startTestServer({ env, database: a.database });
    staff = (await a.user('court_staff')).api;
    finance = (await a.user('finance')).api;
  });
  after(async function () {
    this.timeout(60_000);
    await b?.stop();
    await a?.stop();
  });

  const routerOf = (t: TestServer) => t.platform.services.bidding.router;

  /** A live lot, both nodes' clocks at its start, and four bidders with a socket on each node. */
  async function liveLot() {
    const lot = await publishedLot(a, staff, { live: true });
    await b.advance(a.now().getTime() - b.now().getTime());
    const bidders = [];
    for (let i = 0; i < 4; i++) {
      const bd = await bidderWithDeposit(a, lot.id, finance);
      bidders.push({ code: bd.bidderCode, sockets: [await a.socket(bd.token), await b.socket(bd.token)] as Socket[] });
    }
    return { lot, bidders };
  }

  it('when bursts of concurrent bids go through both nodes, then each bid is accepted once, every acknowledged bid is in the log with its seq and amount, the top bid wins, and the chain verifies', async function () {
    this.timeout(600_000);
    const before = { forwarded: routerOf(a).counts.forwarded + routerOf(b).counts.forwarded, served: routerOf(a).counts.served + routerOf(b).counts.served };
    await fc.assert(fc.asyncProperty(fc.array(fc.array(shot, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }), async (bursts) => {
      const { lot, bidders } = await liveLot();
      const inc = new Decimal(lot.bidIncrement);
      /** Accepted bids by (bidder, clientBidId): a bid sent twice must come back with the same seq. */
      const accepted = new Map<string, { seq: number; amount: string; bidderCode: string }>();
      for (const [round, burst] of bursts.entries()) {
        const view = (await a.anon.get(`/api/lots/${lot.id}`)).body;
        const minimum = view.bidCount === 0 ? new Decimal(view.startingPrice) : new Decimal(view.currentPrice).plus(inc);
        const sends: Array<Promise<{ key: string; ack: Ack; amount: string }>> = [];
        for (const [i, s] of burst.entries()) {
          const amount = { minimum, raise: minimum.plus(inc.mul(1 + (i % 3))), below: minimum.minus(inc) }[s.how].toFixed(2);
          const clientBidId = `c${round}-${i}`;
          const key = `${s.who}/${clientBidId}`;
          const nodes = s.twice ? [s.node, 1 - s.node] : [s.node];
          for (const n of nodes) {
            sends.push(emitAck<Ack>(bidders[s.who].sockets[n], 'bid:place', { lotId: lot.id, amount, clientBidId }, 30_000).then((ack) => ({ key, ack, amount })));
          }
        }
        for (const { key, ack, amount } of await Promise.all(sends)) {
          if (!ack.ok) {
            expect(['RULE_VIOLATION', 'ALREADY_LEADING'], JSON.stringify(ack)).to.include(ack.error!.code);
            continue;
          }
          expect(ack.bid!.amount).to.equal(amount);
          const first = accepted.get(key);
          if (first) expect(ack.bid, `${key} sent twice is one bid`).to.deep.include(first);
          else accepted.set(key, { seq: ack.bid!.seq, amount: ack.bid!.amount, bidderCode: ack.bid!.bidderCode });
        }
      }
      const acked = [...accepted.values()].sort((x, y) => x.seq - y.seq);
      // No double accept: one seq per accepted bid, following the lot's last event without a gap, each clearing the one before.
      expect(acked.map((x) => x.seq)).to.deep.equal(acked.map((_, i) => lot.seq + i + 1));
      for (let i = 1; i < acked.length; i++) {
        expect(new Decimal(acked[i].amount).gte(new Decimal(acked[i - 1].amount).plus(inc)), `bid ${acked[i].seq} clears the one before`).to.equal(true);
      }
      // No lost acknowledgement: the log holds exactly the acknowledged bids, as acknowledged, on both nodes.
      for (const t of [a, b]) {
        const log = await verifiedLog(t, lot.id);
        expect(log.map((e) => ({ seq: e.seq, amount: e.amount, bidderCode: e.bidderCode }))).to.deep.equal(acked);
      }
      const view = (await b.anon.get(`/api/lots/${lot.id}`)).body;
      expect(view.bidCount).to.equal(acked.length);
      if (acked.length > 0) {
        const top = acked[acked.length - 1];
        expect(view).to.include({ currentPrice: top.amount, leadingBidderCode: top.bidderCode });
        await a.advance(new Date(view.endsAt).getTime() - a.now().getTime() + 1000);
        const closed = (await a.anon.get(`/api/lots/${lot.id}`)).body;
        expect(closed).to.include({ status: 'sold', finalPrice: top.amount, winnerCode: top.bidderCode });
      }
      for (const bd of bidders) for (const s of bd.sockets) s.disconnect();
    }), { numRuns: 5, endOnFailure: true });
    // One node held each lot; the other's bids reached it through Redis.
    const forwarded = routerOf(a).counts.forwarded + routerOf(b).counts.forwarded - before.forwarded;
    const served = routerOf(a).counts.served + routerOf(b).counts.served - before.served;
    expect(forwarded, 'bids forwarded to the lease holder').to.be.greaterThan(0);
    expect(served, 'forwarded bids run by the holder').to.be.greaterThan(0);
  });

  it('when a bid is refused, then the bidder gets the same answer through the holder and through the node that forwards it, over Socket.IO and REST', async function () {
    this.timeout(180_000);
    const { lot, bidders } = await liveLot();
    const opened = await emitAck<Ack>(bidders[0].sockets[0], 'bid:place', { lotId: lot.id, amount: lot.startingPrice, clientBidId: 'o1' });
    expect(opened.ok, JSON.stringify(opened)).to.equal(true);
    const forwardedBefore = routerOf(b).counts.forwarded;
    const low = { lotId: lot.id, amount: lot.startingPrice };
    const viaHolder = await emitAck<Ack>(bidders[1].sockets[0], 'bid:place', { ...low, clientBidId: 'o2' });
    const viaOther = await emitAck<Ack>(bidders[1].sockets[1], 'bid:place', { ...low, clientBidId: 'o3' });
    expect(viaHolder.ok).to.equal(false);
    expect(viaOther).to.deep.equal(viaHolder);
    const leading = await emitAck<Ack>(bidders[0].sockets[1], 'bid:place', { lotId: lot.id, amount: new Decimal(lot.startingPrice).plus(lot.bidIncrement).toFixed(2), clientBidId: 'o4' });
    expect(leading.error?.code).to.equal('ALREADY_LEADING');
    expect(routerOf(b).counts.forwarded, 'node B forwarded its bids to the holder').to.equal(forwardedBefore + 2);
    const bidder = await bidderWithDeposit(a, lot.id, finance);
    const restHolder = await bidder.api.post(`/api/lots/${lot.id}/bids`, { amount: lot.startingPrice, clientBidId: 'o5' });
    const other = await new ApiClient(b.url, bidder.token).post(`/api/lots/${lot.id}/bids`, { amount: lot.startingPrice, clientBidId: 'o6' });
    expect(restHolder.status).to.equal(422);
    expect({ status: other.status, body: other.body }).to.deep.equal({ status: restHolder.status, body: restHolder.body });
    for (const bd of bidders) for (const s of bd.sockets) s.disconnect();
  });

  it('when the node holding a lot\'s lease dies without letting go, then the other node takes the lease once it runs out and its bids are accepted', async function () {
    this.timeout(180_000);
    const { lot, bidders } = await liveLot();
    const leaseOf = async () => (await a.database.db.select().from(schema.lotLeases).where(eq(schema.lotLeases.lotId, lot.id)))[0];
    const first = await emitAck<Ack>(bidders[0].sockets[0], 'bid:place', { lotId: lot.id, amount: lot.startingPrice, clientBidId: 'k1' });
    expect(first.ok, JSON.stringify(first)).to.equal(true);
    const held = await leaseOf();
    expect(held.owner).to.equal(routerOf(a).nodeId);

    // Node A's bidding stops dead: no release, no answers to forwarded bids.
    await routerOf(a).crash();
    const takenBefore = routerOf(b).counts.taken;
    const amount = new Decimal(lot.startingPrice).plus(lot.bidIncrement).toFixed(2);
    const second = await emitAck<Ack>(bidders[1].sockets[1], 'bid:place', { lotId: lot.id, amount, clientBidId: 'k2' }, 30_000);
    expect(second.ok, JSON.stringify(second)).to.equal(true);
    expect(second.bid).to.include({ seq: first.bid!.seq + 1, amount });
    const taken = await leaseOf();
    expect(taken.owner).to.equal(routerOf(b).nodeId);
    expect(taken.token, 'the new holder fences the old one out').to.be.greaterThan(held.token);
    expect(routerOf(b).counts.taken).to.equal(takenBefore + 1);
    // A bid node A's bidder sends again through node B is answered with its first result.
    const again = await emitAck<Ack>(bidders[0].sockets[1], 'bid:place', { lotId: lot.id, amount: lot.startingPrice, clientBidId: 'k1' });
    expect(again.bid).to.deep.equal(first.bid);
    const log = await verifiedLog(b, lot.id);
    expect(log.map((e) => [e.seq, e.amount])).to.deep.equal([[first.bid!.seq, lot.startingPrice], [first.bid!.seq + 1, amount]]);
    for (const bd of bidders) for (const s of bd.sockets) s.disconnect();
  });
});
