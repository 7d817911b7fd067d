import crypto from 'node:crypto';
import { expect } from 'chai';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { startTestServer, courtServer, type TestServer } from '../support/server';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'correct-horse-battery';

/** The server trusts X-Forwarded-For from loopback, so a test can speak from any address. */
function from(t: TestServer, address: string) {
  return {
    login: (email: string, password: string) =>
      t.anon.request('POST', '/api/auth/login', { email, password }, { headers: { 'x-forwarded-for': address } }),
  };
}

const newAddress = () => `10.${crypto.randomInt(0, 255)}.${crypto.randomInt(0, 255)}.${crypto.randomInt(1, 254)}`;

describe('accounts hardening: login throttling, registration privacy, password strength', () => {
  let t: TestServer;
  before(async function () {
    this.timeout(60_000);
    t = await startTestServer({ jobs: false });
  });
  after(async () => { await t.stop(); });

  it('when one address has failed many logins on other accounts, then a correct password on an untouched account from it still logs in', async function () {
    this.timeout(60_000);
    const office = from(t, newAddress());
    for (let i = 0; i < 60; i++) {
      const r = await office.login(`nobody-${i}@test.court`, 'wrong-password');
      expect(r.status).to.be.oneOf([401, 429]);
    }
    // Further failures on a touched account from that address are throttled...
    const touched = await t.user('bidder');
    await office.login(touched.email, 'wrong-password');
    expect((await office.login(touched.email, PASSWORD)).status).to.equal(429);
    // ...but a colleague nobody has failed on logs in.
    const colleague = await t.user('bidder');
    const ok = await office.login(colleague.email, PASSWORD);
    expect(ok.status).to.equal(200);
    expect(ok.body.token).to.be.a('string');
  });

  it('when an account is attacked from many addresses, then it is slowed down for new addresses, but its owner still logs in from an address that logged in before', async function () {
    this.timeout(60_000);
    const victim = await t.user('bidder');
    const home = from(t, newAddress());
    expect((await home.login(victim.email, PASSWORD)).status).to.equal(200);
    let throttled: { status: number; body: any } | null = null;
    for (let i = 0; i < 40 && !throttled; i++) {
      const r = await from(t, newAddress()).login(victim.email, `guess-${i}-wrong`);
      if (r.status === 429) throttled = r;
      else expect(r.status).to.equal(401);
    }
    expect(throttled, 'the account was never slowed down').to.not.equal(null);
    // Backoff, not a lockout: the wait is bounded.
    expect(throttled!.body.error.details.retryAfterMs).to.be.within(1, 15 * 60 * 1000);
    expect((await from(t, newAddress()).login(victim.email, PASSWORD)).status).to.equal(429);
    expect((await home.login(victim.email, PASSWORD)).status).to.equal(200);
  });

  it('when someone registers with an email that is taken, then the answer is the same as for a new email and the existing account is untouched', async () => {
    const email = `taken-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const first = await t.anon.post('/api/auth/register', { email, password: 'lina-court-bids-2026', name: 'Li Na' });
    const second = await t.anon.post('/api/auth/register', { email, password: 'another-strong-passphrase-9', name: 'Mallory' });
    expect(second.status).to.equal(first.status);
    expect(first.status).to.equal(201);
    expect(Object.keys(second.body).sort()).to.deep.equal(Object.keys(first.body).sort());
    expect(Object.keys(second.body.user).sort()).to.deep.equal(Object.keys(first.body.user).sort());
    expect(second.body).to.not.have.property('token');
    expect(second.headers.get('set-cookie')).to.equal(null);
    expect(second.body.user.roles).to.deep.equal(['bidder']);
    expect((await t.anon.post('/api/auth/login', { email, password: 'another-strong-passphrase-9' })).status).to.equal(401);
    const login = await t.anon.post('/api/auth/login', { email, password: 'lina-court-bids-2026' });
    expect(login.status).to.equal(200);
    expect(login.body.user.name).to.equal('Li Na');
  });

  it('when someone registers with a common or weak password, then 400 VALIDATION_FAILED naming the password', async () => {
    for (const password of ['12345678', 'password1', 'qwertyuiop']) {
      const r = await t.anon.post('/api/auth/register', { email: `weak-${crypto.randomUUID().slice(0, 8)}@example.com`, password, name: 'Wang' });
      expect(r.status, password).to.equal(400);
      expect(r.body.error.code).to.equal('VALIDATION_FAILED');
      expect(r.body.error.details.reason).to.equal('PASSWORD_TOO_WEAK');
      expect(r.body.error.details.fields[0].path).to.equal('password');
    }
  });
});

describe('bid rate per bidder (BID_RATE_PER_SECOND)', () => {
  for (const [rate, limited] of [['2', true], ['0', false]] as const) {
    it(`when a bidder sends a burst of bids with BID_RATE_PER_SECOND=${rate}, then ${limited ? 'some are refused with 429' : 'none is refused with 429'}`, async function () {
      this.timeout(120_000);
      const { t, staff, finance } = await courtServer({ env: { BID_RATE_PER_SECOND: rate } });
      try {
        const lot = await publishedLot(t, staff, { live: true });
        const bidder = await bidderWithDeposit(t, lot.id, finance);
        const statuses = await Promise.all(Array.from({ length: 8 }, (_, i) =>
          bidder.api.post(`/api/lots/${lot.id}/bids`, { amount: `${70000 + i * 1000}.00`, clientBidId: `r-${rate}-${i}` }).then((r) => r.status)));
        if (limited) expect(statuses).to.include(429);
        else expect(statuses).to.not.include(429);
      } finally {
        await t.stop();
      }
    });
  }
});

describe('login throttling shared across nodes through Redis', () => {
  let a: TestServer;
  let b: TestServer;
  before(async function () {
    this.timeout(120_000);
    const env = { REDIS_URL, REDIS_KEY_PREFIX: `test-${crypto.randomUUID()}:` };
    a = await startTestServer({ jobs: false, env });
    b = await startTestServer({ jobs: false, env, database: a.database });
  });
  after(async () => {
    await b.stop();
    await a.stop();
  });

  it('when failed logins are counted on node A, then node B throttles the same account and address', async () => {
    const u = await a.user('bidder');
    const address = newAddress();
    for (let i = 0; i < 5; i++) expect((await from(a, address).login(u.email, 'wrong-password')).status).to.equal(401);
    const onB = await from(b, address).login(u.email, PASSWORD);
    expect(onB.status).to.equal(429);
    expect(onB.body.error.code).to.equal('RATE_LIMITED');
    // A node that does not share the store knows nothing of those failures.
    const alone = await startTestServer({ jobs: false, database: a.database });
    try {
      expect((await from(alone, address).login(u.email, PASSWORD)).status).to.equal(200);
    } finally {
      await alone.stop();
    }
  });
});
