import crypto from 'node:crypto';
import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { eq, inArray } from 'drizzle-orm';
import { createClient } from 'redis';
import { schema } from '../../server/platform/db/index';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { emitAck, startTestServer, type ApiClient, type TestServer } from '../support/server';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('attack: the live bid path with Redis (lease table, forwarded requests)', () => {
  let a: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  let redis: ReturnType<typeof createClient>;
  before(async function () {
    this.timeout(180_000);
    a = await startTestServer({ env: { REDIS_URL, BID_RATE_PER_SECOND: '0', BID_LEASE_MS: '1000' } });
    staff = (await a.user('court_staff')).api;
    finance = (await a.user('finance')).api;
    redis = createClient({ url: REDIS_URL });
    await redis.connect();
  });
  after(async function () {
    this.timeout(60_000);
    await redis?.quit();
    await a?.stop();
  });

  it('when a signed-in user bids on lot ids that do not exist, then no lease row is written for them', async function () {
    this.timeout(60_000);
    const u = await a.user('bidder');
    const s = await a.socket(u.token);
    const ids = Array.from({ length: 30 }, () => `ghost-${crypto.randomUUID()}`);
    for (const lotId of ids) {
      const ack = await emitAck(s, 'bid:place', { lotId, amount: '100.00', clientBidId: `c-${lotId}` });
      expect(ack.ok).to.equal(false);
      expect(ack.error.code).to.equal('NOT_FOUND');
      await new Promise((r) => setTimeout(r, 60));
    }
    const rows = await a.database.db.select({ lotId: schema.lotLeases.lotId }).from(schema.lotLeases).where(inArray(schema.lotLeases.lotId, ids));
    expect(rows.length, 'lease rows written for lot ids that name no lot').to.equal(0);
  });

  it('when a request with an amount that is not a money string reaches a node on its bid channel, then it is refused and the lot is unchanged', async function () {
    this.timeout(60_000);
    const lot = await publishedLot(a, staff, { live: true });
    const victim = await bidderWithDeposit(a, lot.id, finance);
    const router = a.platform.services.bidding.router;
    const prefix = a.platform.ctx.config.REDIS_KEY_PREFIX ?? 'auction:';
    const replyTo = `attacker-${crypto.randomBytes(3).toString('hex')}`;
    const replies: unknown[] = [];
    const sub = redis.duplicate();
    await sub.connect();
    await sub.subscribe(`${prefix}bids:reply:${replyTo}`, (m) => replies.push(JSON.parse(m)));
    await redis.publish(`${prefix}bids:req:${router.nodeId}`, JSON.stringify({
      id: crypto.randomUUID(), from: replyTo, lotId: lot.id, user: { id: victim.id, roles: [] }, amount: 'NaN', clientBidId: 'forged-1',
    }));
    const t0 = Date.now();
    while (replies.length === 0 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 50));
    await sub.quit();
    const [row] = await a.database.db.select({ bidCount: schema.lots.bidCount, price: schema.lots.currentPrice }).from(schema.lots).where(eq(schema.lots.id, lot.id));
    expect({ reply: replies[0], bidCount: row.bidCount, price: row.price }, `the forwarded NaN bid: ${JSON.stringify(replies[0])}`).to.deep.include({ bidCount: 0, price: null });

    // The lot still takes a real bid at its starting price.
    const s = await a.socket(victim.token);
    const ack = await emitAck(s, 'bid:place', { lotId: lot.id, amount: new Decimal(lot.startingPrice).toFixed(2), clientBidId: 'real-1' });
    expect(ack.ok, JSON.stringify(ack)).to.equal(true);
  });

  it('when fifty signed-in users with no registration on a hot lot send it a thousand bids, then a registered bidder\'s raise sent behind them waits for about as many look-ups as there are strangers, not bids', async function () {
    this.timeout(120_000);
    const lot = await publishedLot(a, staff, { live: true });
    const first = await bidderWithDeposit(a, lot.id, finance);
    const second = await bidderWithDeposit(a, lot.id, finance);
    const accounts = a.platform.services.accounts;
    const bidding = a.platform.services.bidding;
    const opener = (await accounts.authenticate(first.token))!;
    const raiser = (await accounts.authenticate(second.token))!;
    const start = new Decimal(lot.startingPrice);
    await bidding.placeBid(opener, lot.id, start.toFixed(2), 'open');
    // Accounts cost nothing: no registration, identity or deposit is needed to reach the lot's sequencer.
    const strangers = await Promise.all(Array.from({ length: 50 }, async () => (await accounts.authenticate((await a.user('bidder')).token))!));
    // What one stranger's first bid costs on this machine now: a look-up of a registration that is not there.
    // A stranger's later bids within a second are answered from memory, so the raise below should wait for
    // about 50 such look-ups; when each of the 1,000 bids cost one, it waited for 1,000 (10 to 18 s).
    const probes = await Promise.all(Array.from({ length: 20 }, async () => (await accounts.authenticate((await a.user('bidder')).token))!));
    const p0 = performance.now();
    for (const [i, u] of probes.entries()) await bidding.placeBid(u, lot.id, '1.00', `probe-${i}`).catch((e) => e);
    const lookUp = (performance.now() - p0) / probes.length;
    const flood = strangers.flatMap((u) => Array.from({ length: 20 }, (_, i) => bidding.placeBid(u, lot.id, '1.00', `flood-${i}`).catch((e) => e)));
    const t0 = performance.now();
    const raise = await bidding.placeBid(raiser, lot.id, start.plus(lot.bidIncrement).toFixed(2), 'raise');
    const waited = performance.now() - t0;
    await Promise.all(flood);
    expect(raise.seq).to.be.a('number');
    expect(waited / lookUp, `look-ups' worth the raise waited behind the strangers' bids (one took ${lookUp.toFixed(1)} ms)`).to.be.below(300);
  });
});
