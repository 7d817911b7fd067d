import crypto from 'node:crypto';
import { expect } from 'chai';
import { eq, inArray } from 'drizzle-orm';
import { schema } from '../../server/platform/db/index';
import { withResidentIdCheckDigit } from '../../shared/rules';
import { createAccounts } from '../../server/modules/accounts/accounts.service';
import { createIdentityThrottle } from '../../server/modules/accounts/identity-throttle';
import { memoryLimiterStore } from '../../server/platform/rate-limit';
import { startTestServer, type TestServer } from '../support/server';

/** A valid resident ID nobody else in this (possibly shared) database holds. */
function freshId(): string {
  const birth = new Date(Date.UTC(1940, 0, 1) + crypto.randomInt(0, 25_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
  return withResidentIdCheckDigit(`${crypto.randomInt(110000, 660000)}${birth}${String(crypto.randomInt(0, 1000)).padStart(3, '0')}`);
}

let ipCounter = crypto.randomInt(0, 50_000);
const freshIp = () => { ipCounter++; return `172.${16 + (ipCounter >> 16) % 16}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`; };

/**
 * An attacker who knows a buyer's name and masked ID from the results page asks POST /api/me/identity
 * about each candidate number: 409 IDENTITY_IN_USE means "that is someone's", and a 200 followed by another
 * verification frees the number for the next guess. These tests try exactly that.
 */
describe('identity verification cannot be used to find or hold other people\'s ID numbers', () => {
  let t: TestServer;
  before(async () => { t = await startTestServer({ jobs: false }); });
  after(async () => { await t.stop(); });

  const verify = (api: TestServer['anon'], idNumber: string, ip: string, realName = '张伟') =>
    api.request('POST', '/api/me/identity', { realName, idNumber }, { headers: { 'x-forwarded-for': ip } });
  const holders = async (ids: string[]) =>
    (await t.database.db.select({ id: schema.users.id, idNumber: schema.users.idNumber }).from(schema.users).where(inArray(schema.users.idNumber, ids)));
  const idOf = async (userId: string) =>
    (await t.database.db.select({ idNumber: schema.users.idNumber, at: schema.users.identityVerifiedAt }).from(schema.users).where(eq(schema.users.id, userId)))[0];

  it('when a verified account verifies again with another ID, then 409 IDENTITY_LOCKED pointing to the court, and nothing changes', async () => {
    const ip = freshIp();
    const victim = await t.user('bidder');
    const victimId = freshId();
    expect((await verify(victim.api, victimId, freshIp())).status).to.equal(200);

    const attacker = await t.user('bidder');
    const own = freshId();
    const ok = await verify(attacker.api, own, ip);
    expect(ok.status, JSON.stringify(ok.body)).to.equal(200);
    const before = await idOf(attacker.id);

    const unheld = freshId();
    for (const candidate of [unheld, victimId]) {
      const r = await verify(attacker.api, candidate, ip);
      expect(r.status, JSON.stringify(r.body)).to.equal(409);
      // The same answer for a number someone holds and one nobody holds: no oracle.
      expect(r.body.error.code).to.equal('IDENTITY_LOCKED');
      expect(r.body.error.message).to.match(/contact the court or the platform/i);
    }
    expect(await idOf(attacker.id)).to.deep.equal(before);
    expect(await holders([victimId, unheld])).to.deep.equal([{ id: victim.id, idNumber: victimId }]);
    // The number the attacker tried is still free for its owner.
    const owner = await t.user('bidder');
    expect((await verify(owner.api, unheld, freshIp())).status).to.equal(200);
    // Sending one's own identity again is answered as done.
    expect((await verify(attacker.api, own, ip)).status).to.equal(200);
    expect((await attacker.api.get('/api/me')).body.user).to.include({ identityVerified: true });
  });

  it('when an account sends two different IDs at once, then exactly one is kept and the other is refused', async () => {
    const u = await t.user('bidder');
    const ip = freshIp();
    const [a, b] = [freshId(), freshId()];
    const answers = await Promise.all([verify(u.api, a, ip), verify(u.api, b, ip)]);
    expect(answers.map((r) => r.status).sort()).to.deep.equal([200, 409]);
    const kept = answers[0].status === 200 ? a : b;
    expect((await idOf(u.id)).idNumber).to.equal(kept);
    expect((await holders([a, b])).map((h) => h.idNumber)).to.deep.equal([kept]);
  });

  it('when one account asks about a 6th ID within the hour, then 429 RATE_LIMITED with the wait, and the number is not taken', async () => {
    const ip = freshIp();
    const victims = await Promise.all(Array.from({ length: 5 }, () => t.user('bidder')));
    const victimIds = victims.map(() => freshId());
    for (const [i, v] of victims.entries()) expect((await verify(v.api, victimIds[i], freshIp())).status).to.equal(200);

    const attacker = await t.user('bidder');
    for (const id of victimIds) {
      const r = await verify(attacker.api, id, ip);
      expect(r.status, JSON.stringify(r.body)).to.equal(409);
      expect(r.body.error.code).to.equal('IDENTITY_IN_USE');
    }
    const sixth = freshId();
    const refused = await verify(attacker.api, sixth, ip);
    expect(refused.status, JSON.stringify(refused.body)).to.equal(429);
    expect(refused.body.error.code).to.equal('RATE_LIMITED');
    expect(refused.body.error.details.retryAfterMs).to.be.within(1, 3_600_000);
    expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 3600);
    // From another address the account is still refused: the limit is the account's.
    const elsewhere = await verify(attacker.api, victimIds[0], freshIp());
    expect(elsewhere.status).to.equal(429);
    expect(elsewhere.body.error.code).to.equal('RATE_LIMITED');

    expect(await idOf(attacker.id)).to.deep.equal({ idNumber: null, at: null });
    expect(await holders([sixth])).to.deep.equal([]);
    expect((await holders(victimIds)).map((h) => h.id).sort()).to.deep.equal(victims.map((v) => v.id).sort());
  });

  it('when one address spreads 20 attempts over fresh accounts, then the 21st is 429 RATE_LIMITED and changes nothing', async () => {
    const ip = freshIp();
    const victim = await t.user('bidder');
    const victimId = freshId();
    expect((await verify(victim.api, victimId, freshIp())).status).to.equal(200);

    for (let account = 0; account < 5; account++) {
      const a = await t.user('bidder');
      for (let n = 0; n < 4; n++) {
        const r = await verify(a.api, victimId, ip);
        expect(r.status, JSON.stringify(r.body)).to.equal(409);
        expect(r.body.error.code).to.equal('IDENTITY_IN_USE');
      }
    }
    const next = await t.user('bidder');
    const free = freshId();
    const refused = await verify(next.api, free, ip);
    expect(refused.status, JSON.stringify(refused.body)).to.equal(429);
    expect(refused.body.error.code).to.equal('RATE_LIMITED');
    expect(refused.body.error.details.retryAfterMs).to.be.greaterThan(0);
    expect(await idOf(next.id)).to.deep.equal({ idNumber: null, at: null });
    expect(await holders([victimId, free])).to.deep.equal([{ id: victim.id, idNumber: victimId }]);
    // The refused account was not charged for it: from its own address it may still verify.
    expect((await verify(next.api, free, freshIp())).status).to.equal(200);
  });

  it('when the platform verifies identities itself (the demo seed, on every fresh start), then no address\'s share is used', async () => {
    // One question per address an hour: a seed counted under a shared address would fail on its second person.
    const accounts = createAccounts(t.platform.ctx, { identityThrottle: createIdentityThrottle(memoryLimiterStore(), { perAccount: 1, perAddress: 1 }) });
    for (let n = 0; n < 3; n++) {
      const u = await t.user('bidder', { verified: false });
      const id = freshId();
      expect((await accounts.verifyIdentity(u.id, '模拟', id)).idNumber).to.equal(id);
    }
    // A person's question from an address is still counted: the second from one address is refused.
    const ip = freshIp();
    const first = await t.user('bidder', { verified: false });
    await accounts.verifyIdentity(first.id, '张伟', freshId(), ip);
    const second = await t.user('bidder', { verified: false });
    let refused: unknown;
    await accounts.verifyIdentity(second.id, '张伟', freshId(), ip).catch((e) => { refused = e; });
    expect(refused).to.have.property('code', 'RATE_LIMITED');
    expect(await idOf(second.id)).to.deep.equal({ idNumber: null, at: null });
  });

  it('when an ID is mistyped (bad check digit), then 422 and the attempt is not counted', async () => {
    const u = await t.user('bidder');
    const ip = freshIp();
    const good = freshId();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    for (let n = 0; n < 8; n++) expect((await verify(u.api, bad, ip)).status).to.equal(422);
    expect((await verify(u.api, good, ip)).status).to.equal(200);
  });
});
