import { expect } from 'chai';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

/** Far-future dates: under PostgreSQL every test server shares the holidays table, and reads it when it starts. */
const HOLIDAY = `21${String(50 + Math.floor(Math.random() * 49)).padStart(2, '0')}-10-0${1 + Math.floor(Math.random() * 7)}`;

describe('the admin desk: users and roles, court holidays, every change recorded', () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  before(async () => ({ t, staff, finance } = await courtServer()));
  after(async () => {
    await t.admin.post(`/api/admin/holidays/${HOLIDAY}/remove`);
    await t.stop();
  });

  it('when an admin makes a bidder court staff, then the change applies to their open session at once and is recorded with before and after', async () => {
    const b = await t.user('bidder');
    expect((await b.api.get('/api/cases')).status).to.equal(403);
    const found = await t.admin.get(`/api/admin/users?q=${encodeURIComponent(b.email)}`);
    expect(found.status).to.equal(200);
    expect(found.body.users.map((u: { id: string }) => u.id)).to.deep.equal([b.id]);
    const set = await t.admin.post(`/api/admin/users/${b.id}/roles`, { roles: ['court_staff'] });
    expect(set.status).to.equal(200);
    expect(set.body.roles).to.deep.equal(['court_staff']);
    expect((await b.api.get('/api/cases')).status).to.equal(200);
    const changes = (await t.admin.get('/api/admin/changes?subjectType=user&limit=200')).body.changes as Array<{ subjectId: string; action: string; before: unknown; after: unknown; actorId: string }>;
    const mine = changes.filter((c) => c.subjectId === b.id);
    expect(mine).to.have.length(1);
    expect(mine[0]).to.deep.include({ action: 'roles_set', before: { roles: ['bidder'] }, after: { roles: ['court_staff'] } });
  });

  it('when an admin takes away their own admin role, then it is refused (409 OWN_ADMIN_ROLE); a bad role list is a 400', async () => {
    const me = (await t.admin.get('/api/me')).body.user;
    const r = await t.admin.post(`/api/admin/users/${me.id}/roles`, { roles: ['court_staff'] });
    expect(r.status).to.equal(409);
    expect(r.body.error.code).to.equal('OWN_ADMIN_ROLE');
    expect((await t.admin.post(`/api/admin/users/${me.id}/roles`, { roles: [] })).status).to.equal(400);
    expect((await t.admin.post(`/api/admin/users/${me.id}/roles`, { roles: ['judge'] })).status).to.equal(400);
    expect((await t.admin.post(`/api/admin/users/${me.id}/roles`, { roles: ['admin', 'admin'] })).status).to.equal(400);
    expect((await t.admin.post('/api/admin/users/nobody-here/roles', { roles: ['bidder'] })).status).to.equal(404);
  });

  it('when an admin adds a court holiday, then the period rules use it at once; removed, it is gone; both are recorded', async () => {
    const add = await t.admin.post('/api/admin/holidays', { date: HOLIDAY, name: '国庆节' });
    expect(add.status).to.equal(200);
    expect(add.body.holidays).to.deep.include({ date: HOLIDAY, name: '国庆节', source: 'admin' });
    expect(t.platform.ctx.config.holidays.has(HOLIDAY)).to.equal(true);
    expect((await t.admin.post('/api/admin/holidays', { date: '2026-02-30', name: 'x' })).status).to.equal(400);
    expect((await t.admin.post('/api/admin/holidays', { date: HOLIDAY, name: '' })).status).to.equal(400);
    const removed = await t.admin.post(`/api/admin/holidays/${HOLIDAY}/remove`, { reason: 'Entered on the wrong day.' });
    expect(removed.status).to.equal(200);
    expect(removed.body.holidays.some((h: { date: string }) => h.date === HOLIDAY)).to.equal(false);
    expect(t.platform.ctx.config.holidays.has(HOLIDAY)).to.equal(false);
    expect((await t.admin.post(`/api/admin/holidays/${HOLIDAY}/remove`)).status).to.equal(404);
    const log = (await t.admin.get('/api/admin/changes?subjectType=court_holiday&limit=200')).body.changes as Array<{ subjectId: string; action: string; after: unknown }>;
    expect(log.filter((c) => c.subjectId === HOLIDAY).map((c) => [c.action, c.after])).to.deep.equal([['holiday_removed', { reason: 'Entered on the wrong day.' }], ['holiday_added', { name: '国庆节' }]]);
  });

  it('when court staff, finance or a bidder call any admin route, then it is refused (403), and nothing changes', async () => {
    const b = await t.user('bidder');
    for (const api of [staff, finance, b.api]) {
      expect((await api.get('/api/admin/users')).status).to.equal(403);
      expect((await api.post(`/api/admin/users/${b.id}/roles`, { roles: ['admin'] })).status).to.equal(403);
      expect((await api.get('/api/admin/holidays')).status).to.equal(403);
      expect((await api.post('/api/admin/holidays', { date: HOLIDAY, name: 'Sneaky' })).status).to.equal(403);
      expect((await api.post(`/api/admin/holidays/${HOLIDAY}/remove`)).status).to.equal(403);
      expect((await api.get('/api/admin/changes')).status).to.equal(403);
    }
    expect((await t.anon.get('/api/admin/users')).status).to.equal(401);
    const u = (await t.admin.get(`/api/admin/users?q=${encodeURIComponent(b.email)}`)).body.users[0];
    expect(u.roles).to.deep.equal(['bidder']);
    expect(t.platform.ctx.config.holidays.has(HOLIDAY)).to.equal(false);
  });
});
