import crypto from 'node:crypto';
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { schema, type Database, type Db } from '../../server/platform/db/index';
import { createSessionCache, type CachedSession } from '../../server/modules/accounts/session-cache';
import { withResidentIdCheckDigit } from '../../shared/rules';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { emitAck, startTestServer, type ApiClient, type TestServer } from '../support/server';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The same database, with every read of the sessions table counted. */
function countingSessionReads(database: Database): { database: Database; reads: () => number } {
  let reads = 0;
  const db = new Proxy(database.db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      if (prop !== 'select') return value.bind(target);
      return (...args: unknown[]) => {
        const builder = value.apply(target, args);
        return new Proxy(builder, {
          get(b, p) {
            const v = Reflect.get(b, p, b);
            if (typeof v !== 'function') return v;
            if (p !== 'from') return v.bind(b);
            return (table: unknown, ...rest: unknown[]) => {
              if (table === schema.sessions) reads++;
              return v.apply(b, [table, ...rest]);
            };
          },
        });
      };
    },
  }) as Db;
  return { database: { ...database, db }, reads: () => reads };
}

let amountCounter = 0;
/**
 * A revocation travels to the other node through Redis, so it lands there a moment after the request that
 * made it returns. Reads `read` until `ok` holds, for at most one second: far inside the 30 s for which a
 * session is trusted, so passing means the message arrived, not that the entry expired.
 */
async function onOtherNode<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const deadline = Date.now() + 1000;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function bid(s: Socket, lotId: string, amount: string) {
  return emitAck(s, 'bid:place', { lotId, amount, clientBidId: `sc-${++amountCounter}` });
}

describe('signed-in sessions are kept in memory for the bid path, and a logout reaches every node', () => {
  let a: TestServer;
  let b: TestServer;
  let bReads: () => number;
  let staff: ApiClient;
  let finance: ApiClient;
  const prefix = `sessions-test-${crypto.randomUUID().slice(0, 8)}:`;
  before(async function () {
    this.timeout(120_000);
    a = await startTestServer({ env: { REDIS_URL, REDIS_KEY_PREFIX: prefix, BID_RATE_PER_SECOND: '0' } });
    const counted = countingSessionReads(a.database);
    bReads = counted.reads;
    b = await startTestServer({ env: { REDIS_URL, REDIS_KEY_PREFIX: prefix, BID_RATE_PER_SECOND: '0' }, database: counted.database });
    staff = (await a.user('court_staff')).api;
    finance = (await a.user('finance')).api;
  });
  after(async () => {
    await b?.stop();
    await a?.stop();
  });

  /** A live lot; each node has its own test clock, so B's is brought to A's time. */
  async function liveLot() {
    const lot = await publishedLot(a, staff, { live: true });
    await b.advance(Math.max(0, a.now().getTime() - b.now().getTime()));
    return lot;
  }

  it('when sockets bid again and again, then each session is read from the database once, not once per bid', async () => {
    const lot = await liveLot();
    const x = await bidderWithDeposit(a, lot.id, finance);
    const y = await bidderWithDeposit(a, lot.id, finance);
    const before = bReads();
    const sockets = [await b.socket(x.token), await b.socket(y.token)];
    expect(bReads() - before, 'each handshake reads its session').to.equal(2);
    for (let i = 0; i < 10; i++) {
      const r = await bid(sockets[i % 2], lot.id, `${70000 + i * 1000}.00`);
      expect(r.ok, JSON.stringify(r)).to.equal(true);
    }
    // Refusals and REST requests with the same tokens are answered from memory too.
    expect((await bid(sockets[1], lot.id, '90000.00')).error.code).to.equal('ALREADY_LEADING');
    expect((await b.anon.as(x.token).get('/api/me')).status).to.equal(200);
    expect(bReads() - before).to.equal(2);
  });

  it('when a bidder logs out, then the next bid is refused on the node that logged out and on the other node', async () => {
    const lot = await liveLot();
    const x = await bidderWithDeposit(a, lot.id, finance);
    const y = await bidderWithDeposit(a, lot.id, finance);
    const onA = await a.socket(x.token);
    const onB = await b.socket(x.token);
    const rival = await a.socket(y.token);
    // Both nodes hold x's session in memory.
    expect((await bid(onA, lot.id, '70000.00')).ok).to.equal(true);
    expect((await bid(rival, lot.id, '71000.00')).ok).to.equal(true);
    expect((await bid(onB, lot.id, '72000.00')).ok).to.equal(true);
    expect((await bid(rival, lot.id, '73000.00')).ok).to.equal(true);
    expect((await b.anon.as(x.token).get('/api/me')).status).to.equal(200);

    expect((await x.api.post('/api/auth/logout')).status).to.equal(204);
    expect((await onOtherNode(() => b.anon.as(x.token).get('/api/me'), (r) => r.status === 401)).status).to.equal(401);
    for (const s of [onA, onB]) {
      const r = await bid(s, lot.id, '80000.00');
      expect(r.ok).to.equal(false);
      expect(r.error.code).to.equal('UNAUTHENTICATED');
    }
    expect((await b.anon.as(x.token).get('/api/me')).status).to.equal(401);
    expect((await a.anon.as(x.token).get('/api/me')).status).to.equal(401);
    const view = (await a.anon.get(`/api/lots/${lot.id}`)).body;
    expect(view.bidCount).to.equal(4);
    expect(view.currentPrice).to.equal('73000.00');
  });

  it('when a session expires, then its next bid is refused although it was in memory', async function () {
    this.timeout(20_000);
    const lot = await liveLot();
    const bidder = await bidderWithDeposit(a, lot.id, finance);
    // Sessions expire in real time; this one is written to expire in a moment.
    const token = crypto.randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + 1500);
    await a.database.db.insert(schema.sessions).values({
      tokenHash: crypto.createHash('sha256').update(token).digest('hex'), userId: bidder.id, createdAt: new Date(), expiresAt,
    });
    const s = await b.socket(token);
    expect((await bid(s, lot.id, '70000.00')).ok).to.equal(true);
    await new Promise((r) => setTimeout(r, expiresAt.getTime() - Date.now() + 50));
    const r = await bid(s, lot.id, '71000.00');
    expect(r.ok).to.equal(false);
    expect(r.error.code).to.equal('UNAUTHENTICATED');
    expect((await b.anon.as(token).get('/api/me')).status).to.equal(401);
  });

  it('when a user\'s identity or roles change on one node, then the other node answers with the new user within a second', async () => {
    const u = await a.user('bidder');
    const onB = b.anon.as(u.token);
    expect((await onB.get('/api/me')).body.user.identityVerified).to.equal(false);
    const idNumber = await freshResidentId(a);
    const verified = await u.api.post('/api/me/identity', { realName: '王五', idNumber });
    expect(verified.status, JSON.stringify(verified.body)).to.equal(200);
    const me = (await onOtherNode(() => onB.get('/api/me'), (r) => r.body.user.identityVerified === true)).body.user;
    expect(me.identityVerified).to.equal(true);
    expect(me.realName).to.equal('王五');

    await a.platform.services.accounts.upsertUser({ email: u.email, password: 'correct-horse-battery', role: 'finance' });
    expect((await onOtherNode(() => onB.get('/api/me'), (r) => r.body.user.roles.includes('finance'))).body.user.roles).to.include('finance');
  });

  it('when a token has just been logged in, then it works at once on both nodes', async () => {
    const u = await a.user('bidder');
    const again = await a.anon.call('login', { body: { email: u.email, password: 'correct-horse-battery' } });
    expect((await b.anon.as(again.body.token).get('/api/me')).status).to.equal(200);
    expect((await a.anon.as(again.body.token).get('/api/me')).status).to.equal(200);
  });
});

/** A valid resident ID that no account has verified. */
async function freshResidentId(t: TestServer): Promise<string> {
  for (;;) {
    const birth = 19500101 + crypto.randomInt(0, 40) * 10000 + crypto.randomInt(0, 12) * 100 + crypto.randomInt(1, 28);
    const id = withResidentIdCheckDigit(`110105${birth}${String(crypto.randomInt(0, 1000)).padStart(3, '0')}`);
    const used = await t.database.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.idNumber, id));
    if (used.length === 0) return id;
  }
}

describe('the session cache on its own', () => {
  const user = (id: string) => ({ id, roles: ['bidder'] });
  function loader(expiresIn = 3_600_000) {
    const loads: string[] = [];
    const now = { ms: 1_000_000 };
    const load = (hash: string, userId = `u-${hash}`) => async (): Promise<CachedSession<{ id: string; roles: string[] }> | undefined> => {
      loads.push(hash);
      return { user: user(userId), expiresAt: new Date(now.ms + expiresIn) };
    };
    return { loads, now, load };
  }

  it('when more sessions are used than it may hold, then it keeps the most recently used ones and no more', async () => {
    const { loads, now, load } = loader();
    const cache = await createSessionCache({ max: 3, now: () => now.ms });
    for (const h of ['a', 'b', 'c']) await cache.get(h, load(h));
    await cache.get('a', load('a'));
    await cache.get('d', load('d'));
    expect(cache.size).to.equal(3);
    loads.length = 0;
    for (const h of ['a', 'c', 'd']) await cache.get(h, load(h));
    expect(loads, 'a, c and d are still held').to.deep.equal([]);
    await cache.get('b', load('b'));
    expect(loads, 'b, the least recently used, was dropped').to.deep.equal(['b']);
    for (let i = 0; i < 1000; i++) await cache.get(`x${i}`, load(`x${i}`));
    expect(cache.size).to.equal(3);
    await cache.close();
  });

  it('when the time to live or the session\'s expiry passes, then the session is read again', async () => {
    const { loads, now, load } = loader(10_000);
    const cache = await createSessionCache({ ttlMs: 30_000, now: () => now.ms });
    await cache.get('a', load('a'));
    now.ms += 9_000;
    await cache.get('a', load('a'));
    expect(loads).to.deep.equal(['a']);
    // The session expires 10 s after it was read, before the 30 s a session is kept.
    now.ms += 1_500;
    await cache.get('a', load('a'));
    expect(loads).to.deep.equal(['a', 'a']);
    await cache.close();
  });

  it('when nothing is found, then nothing is kept: the next look-up reads again', async () => {
    let loads = 0;
    const cache = await createSessionCache();
    const missing = async () => { loads++; return undefined; };
    expect(await cache.get('n', missing)).to.equal(undefined);
    expect(await cache.get('n', missing)).to.equal(undefined);
    expect(loads).to.equal(2);
    expect(cache.size).to.equal(0);
    await cache.close();
  });

  it('when a session is revoked while it is being read, then the read is answered but not kept', async () => {
    const { loads, now, load } = loader();
    const cache = await createSessionCache({ now: () => now.ms });
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const slow = async () => { await gate; return load('a')(); };
    const pending = cache.get('a', slow);
    await cache.revokeToken('a');
    release();
    expect(await pending).to.deep.equal(user('u-a'));
    expect(cache.size).to.equal(0);
    await cache.get('a', load('a'));
    expect(loads).to.deep.equal(['a', 'a']);
    await cache.revokeUser('u-a');
    expect(cache.size).to.equal(0);
    await cache.close();
  });

  it('when two requests miss the same session together, then it is read once', async () => {
    const { loads, load } = loader();
    const cache = await createSessionCache();
    await Promise.all([cache.get('a', load('a')), cache.get('a', load('a')), cache.get('a', load('a'))]);
    expect(loads).to.deep.equal(['a']);
    await cache.close();
  });
});
