import crypto from 'node:crypto';
import { expect } from 'chai';
import type { Socket } from 'socket.io-client';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { emitAck, nextEvent, startTestServer, type ApiClient, type TestServer } from '../support/server';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let n = 0;
const bid = (s: Socket, lotId: string, amount: string) => emitAck(s, 'bid:place', { lotId, amount, clientBidId: `lo-${++n}` });

describe('a logout signs out the sockets of that session, on every node, and they keep watching', () => {
  let a: TestServer;
  let b: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  const prefix = `logout-test-${crypto.randomUUID().slice(0, 8)}:`;
  before(async function () {
    this.timeout(120_000);
    a = await startTestServer({ env: { REDIS_URL, REDIS_KEY_PREFIX: prefix, BID_RATE_PER_SECOND: '0' } });
    b = await startTestServer({ env: { REDIS_URL, REDIS_KEY_PREFIX: prefix, BID_RATE_PER_SECOND: '0' }, database: a.database });
    staff = (await a.user('court_staff')).api;
    finance = (await a.user('finance')).api;
  });
  after(async () => {
    await b?.stop();
    await a?.stop();
  });

  it('when a bidder logs out, then its sockets on this node and on the other hear session:ended and go on as anonymous watchers; other sessions stay signed in', async () => {
    const lot = await publishedLot(a, staff, { live: true });
    await b.advance(Math.max(0, a.now().getTime() - b.now().getTime()));
    const x = await bidderWithDeposit(a, lot.id, finance);
    const y = await bidderWithDeposit(a, lot.id, finance);
    // The same bidder signed in a second time (another device): a separate session.
    const second = await a.anon.call('login', { body: { email: x.email, password: 'correct-horse-battery' } });
    expect(second.status).to.equal(200);

    const onA = await a.socket(x.token);
    const onB = await b.socket(x.token);
    const otherDevice = await b.socket(second.body.token);
    const rival = await a.socket(y.token);
    for (const s of [onA, onB, otherDevice, rival]) {
      expect((await emitAck(s, 'lot:watch', { lotId: lot.id })).ok).to.equal(true);
    }
    let otherHeard = false;
    for (const s of [otherDevice, rival]) s.on('session:ended', () => { otherHeard = true; });
    const heard = [nextEvent(onA, 'session:ended'), nextEvent(onB, 'session:ended')];
    expect((await x.api.post('/api/auth/logout')).status).to.equal(204);
    expect(await Promise.all(heard)).to.deep.equal([{}, {}]);

    // They still watch: a bid by the rival reaches them; their own bids are refused.
    const seen = [nextEvent(onA, 'lot:bid'), nextEvent(onB, 'lot:bid')];
    expect((await bid(rival, lot.id, '70000.00')).ok).to.equal(true);
    for (const e of await Promise.all(seen)) expect(e).to.include({ lotId: lot.id, amount: '70000.00' });
    for (const s of [onA, onB]) {
      expect(s.connected).to.equal(true);
      const r = await bid(s, lot.id, '80000.00');
      expect(r.ok).to.equal(false);
      expect(r.error.code).to.equal('UNAUTHENTICATED');
    }
    // The bidder's other session is untouched and bids.
    expect((await bid(otherDevice, lot.id, '71000.00')).ok).to.equal(true);
    expect(otherHeard).to.equal(false);
    let error: unknown = null;
    await a.socket(x.token).catch((err: unknown) => { error = err; });
    expect((error as { message?: string } | null)?.message).to.equal('UNAUTHENTICATED');
    expect((await a.anon.get(`/api/lots/${lot.id}`)).body.bidCount).to.equal(2);
  });

  it('when a logout carries no session, then no socket hears session:ended', async () => {
    const u = await a.user('bidder');
    const s = await b.socket(u.token);
    let heard = false;
    s.on('session:ended', () => { heard = true; });
    expect((await a.anon.post('/api/auth/logout')).status).to.equal(204);
    await new Promise((r) => setTimeout(r, 300));
    expect(heard).to.equal(false);
    expect(s.connected).to.equal(true);
  });
});
