import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { lotBody, notifyAndPublish } from '../support/factories';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

type Change = { action: string; before: unknown; after: unknown };

describe("an asset's kind: chosen explicitly, correctable until a lot of it is published", () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  before(async () => ({ t, staff, finance } = await courtServer()));
  after(async () => { await t.stop(); });

  async function asset(body: Record<string, unknown>) {
    const c = await staff.post('/api/cases', { caseNumber: `(2026)类执${crypto.randomUUID().slice(0, 8)}号`, court: 'Kind Test Court', applicant: 'Bank', respondent: 'Zhao', claimAmount: '300000.00' });
    return staff.post('/api/assets', { caseId: c.body.id, title: '小型轿车一辆', description: 'Grey sedan.', ...body });
  }

  it('when an asset is recorded without a kind, then it is refused: there is no default', async () => {
    const r = await asset({});
    expect(r.status).to.equal(400);
    expect(JSON.stringify(r.body.error.details)).to.include('kind');
  });

  it('when a car recorded as real estate is corrected before publishing, then its kind and the announcement period follow; after a lot is published the kind is locked (409 ASSET_KIND_LOCKED)', async () => {
    const a = await asset({ kind: 'immovable' });
    expect(a.status).to.equal(201);
    expect((await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'negotiated', amount: '100000.00' })).status).to.equal(201);
    // A draft with a 16-day announcement: too short for real estate (30 days), enough for a car (15 days).
    const lot = await staff.post('/api/lots', lotBody(t, a.body.id, { startInDays: 20 }));
    expect(lot.status).to.equal(201);
    const fixed = await staff.post(`/api/assets/${a.body.id}/kind`, { kind: 'movable' });
    expect(fixed.status).to.equal(200);
    expect(fixed.body.kind).to.equal('movable');
    expect((await staff.get(`/api/assets/${a.body.id}`)).body.kind).to.equal('movable');
    const pub = await notifyAndPublish(t, staff, lot.body.id);
    expect(pub.status, JSON.stringify(pub.body)).to.equal(200);

    const locked = await staff.post(`/api/assets/${a.body.id}/kind`, { kind: 'immovable' });
    expect(locked.status).to.equal(409);
    expect(locked.body.error.code).to.equal('ASSET_KIND_LOCKED');
    expect(locked.body.error.details).to.include({ lotId: lot.body.id, kind: 'movable' });
    expect((await staff.get(`/api/assets/${a.body.id}`)).body.kind).to.equal('movable');
    const result = await t.database.db.execute(sql`select action, before, after from staff_changes where subject_type = 'asset' and subject_id = ${a.body.id}`);
    const changes = (result as { rows?: Change[] }).rows ?? (result as unknown as Change[]);
    expect(changes.map((r) => [r.action, r.before, r.after])).to.deep.equal([['kind_corrected', { kind: 'immovable' }, { kind: 'movable' }]]);
  });

  it('when finance, a bidder or nobody corrects a kind, or the kind is unknown, then it is refused', async () => {
    const a = await asset({ kind: 'movable' });
    expect((await finance.post(`/api/assets/${a.body.id}/kind`, { kind: 'immovable' })).status).to.equal(403);
    expect((await (await t.user('bidder')).api.post(`/api/assets/${a.body.id}/kind`, { kind: 'immovable' })).status).to.equal(403);
    expect((await t.anon.post(`/api/assets/${a.body.id}/kind`, { kind: 'immovable' })).status).to.equal(401);
    expect((await staff.post(`/api/assets/${a.body.id}/kind`, { kind: 'vehicle' })).status).to.equal(400);
    expect((await staff.post('/api/assets/no-such-asset/kind', { kind: 'movable' })).status).to.equal(404);
  });
});
