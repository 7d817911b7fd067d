import { expect } from 'chai';
import { withResidentIdCheckDigit } from '../../shared/rules';
import { startTestServer, type TestServer } from '../support/server';

describe('accounts: register, log in, verify identity, roles', () => {
  let t: TestServer;
  before(async () => { t = await startTestServer({ jobs: false }); });
  after(async () => { await t.stop(); });

  it('when a person registers and logs in, then they are a bidder with a bearer token and an httpOnly session cookie', async () => {
    const email = `p-${Date.now()}@example.com`;
    const reg = await t.anon.post('/api/auth/register', { email, password: 'a-long-password', name: 'Li Na' });
    expect(reg.status).to.equal(201);
    expect(reg.body.user).to.include({ email, name: 'Li Na', identityVerified: false });
    expect(reg.body.user.roles).to.deep.equal(['bidder']);
    expect(reg.body.user).to.not.have.property('passwordHash');
    const login = await t.anon.post('/api/auth/login', { email: email.toUpperCase(), password: 'a-long-password' });
    expect(login.status).to.equal(200);
    expect(login.body.token).to.be.a('string').with.length.greaterThan(30);
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).to.match(/session=/).and.match(/HttpOnly/i).and.match(/SameSite=Lax/i);
    const me = await t.anon.as(login.body.token).get('/api/me');
    expect(me.body.user.email).to.equal(email);
    const viaCookie = await t.anon.request('GET', '/api/me', undefined, { headers: { cookie: cookie.split(';')[0] } });
    expect(viaCookie.status).to.equal(200);
    // Registering a taken email again neither fails visibly nor changes the account.
    expect((await t.anon.post('/api/auth/register', { email, password: 'another-password', name: 'X' })).status).to.equal(201);
    expect((await t.anon.post('/api/auth/login', { email, password: 'another-password' })).status).to.equal(401);
  });

  it('when the password is wrong, then 401; after five failures the account is rate-limited even with the right password', async () => {
    const u = await t.user('bidder');
    for (let i = 0; i < 5; i++) {
      const r = await t.anon.post('/api/auth/login', { email: u.email, password: 'wrong-password' });
      expect(r.status).to.equal(401);
      expect(r.body.error.code).to.equal('UNAUTHENTICATED');
    }
    const blocked = await t.anon.post('/api/auth/login', { email: u.email, password: 'correct-horse-battery' });
    expect(blocked.status).to.equal(429);
    expect(blocked.body.error.code).to.equal('RATE_LIMITED');
  });

  it('when a bidder verifies with a valid resident ID, then identityVerified; a wrong check digit gets IDENTITY_INVALID and changes nothing', async () => {
    const u = await t.user('bidder');
    const good = withResidentIdCheckDigit('44030419850612301');
    const lastDigit = good[17] === '0' ? '1' : '0';
    const bad = await u.api.post('/api/me/identity', { realName: '王芳', idNumber: good.slice(0, 17) + lastDigit });
    expect(bad.status).to.equal(422);
    expect(bad.body.error.code).to.equal('IDENTITY_INVALID');
    expect((await u.api.get('/api/me')).body.user.identityVerified).to.equal(false);
    const ok = await u.api.post('/api/me/identity', { realName: '王芳', idNumber: good });
    expect(ok.status).to.equal(200);
    expect(ok.body.identityVerified).to.equal(true);
    expect((await u.api.get('/api/me')).body.user.identityVerified).to.equal(true);
  });

  it('when an ID number is already verified on another account, then 409; a verified identity cannot be swapped once the person has registered', async () => {
    const idNumber = withResidentIdCheckDigit('51010719770707771');
    const first = await t.user('bidder');
    expect((await first.api.post('/api/me/identity', { realName: '李明', idNumber })).status).to.equal(200);
    const second = await t.user('bidder');
    const dup = await second.api.post('/api/me/identity', { realName: '李明', idNumber });
    expect(dup.status).to.equal(409);
    expect(dup.body.error.code).to.equal('IDENTITY_IN_USE');
    expect((await second.api.get('/api/me')).body.user.identityVerified).to.equal(false);
  });

  it('when no token is sent, then 401; when a bidder calls a staff route, then 403 and nothing is created', async () => {
    expect((await t.anon.get('/api/me')).status).to.equal(401);
    expect((await t.anon.as('not-a-real-token').get('/api/me')).status).to.equal(401);
    const b = await t.user('bidder');
    const body = { caseNumber: 'X-1', court: 'C', applicant: 'A', respondent: 'R', claimAmount: '1.00' };
    const r = await b.api.post('/api/cases', body);
    expect(r.status).to.equal(403);
    expect(r.body.error.code).to.equal('FORBIDDEN');
    const fin = await t.user('finance');
    expect((await fin.api.post('/api/cases', body)).status).to.equal(403);
    expect((await b.api.get('/api/finance/trial-balance')).status).to.equal(403);
    const staff = await t.user('court_staff');
    expect((await staff.api.get('/api/cases')).body.cases.map((c: { caseNumber: string }) => c.caseNumber)).to.not.include('X-1');
  });

  it('when a user logs out, then the token stops working', async () => {
    const u = await t.user('bidder');
    expect((await u.api.post('/api/auth/logout')).status).to.equal(204);
    expect((await u.api.get('/api/me')).status).to.equal(401);
  });

  it('when the API is asked for its description, then it publishes OpenAPI', async () => {
    const r = await t.anon.get('/api/openapi.json');
    expect(r.status).to.equal(200);
    expect(r.body.openapi).to.match(/^3\./);
    expect(r.body.paths).to.have.property('/api/lots/{id}/bids');
    expect(r.headers.get('content-security-policy')).to.match(/default-src 'self'/);
    expect(r.headers.get('x-content-type-options')).to.equal('nosniff');
  });
});
