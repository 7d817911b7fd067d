import { expect } from 'chai';
import { DISCLOSURE_ARTICLES } from '../../shared/disclosure';
import { assetWithReference, DISCLOSURE, lotBody, NOTICE_WAIT_MS } from '../support/factories';
import { startTestServer, type ApiClient, type TestServer } from '../support/server';

interface Action { action: string; allowed: boolean; reasonCode: string; reasonParams: Record<string, string>; article?: string }

describe('the lot control page says publishing waits for a complete disclosure (A13, A14)', () => {
  let t: TestServer;
  let staff: ApiClient;
  before(async () => {
    t = await startTestServer({ jobs: false });
    staff = (await t.user('court_staff')).api;
  });
  after(async () => { await t.stop(); });

  const publishAction = async (lotId: string): Promise<Action> => {
    const r = await staff.get(`/api/lots/${lotId}/actions`);
    expect(r.status, JSON.stringify(r.body)).to.equal(200);
    return (r.body.actions as Action[]).find((a) => a.action === 'publish')!;
  };

  it('when a notified draft lacks disclosure fields, then publish is blocked with the code the publish endpoint refuses with, naming the fields; once filled, it is allowed and publishes', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const { knownDefects: _, taxesAndFees: __, ...partial } = DISCLOSURE;
    const created = await staff.post('/api/lots', { ...lotBody(t, assetId), disclosure: partial });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const lotId = created.body.id as string;
    expect((await staff.post(`/api/lots/${lotId}/notify-parties`, { note: 'Served.' })).status).to.equal(200);
    await t.advance(NOTICE_WAIT_MS);

    const blocked = await publishAction(lotId);
    expect(blocked).to.deep.include({ allowed: false, reasonCode: 'DISCLOSURE_MISSING', reasonParams: { fields: 'knownDefects,taxesAndFees' } });
    expect(blocked.article).to.equal(DISCLOSURE_ARTICLES.knownDefects);

    const refused = await staff.post(`/api/lots/${lotId}/publish`);
    expect(refused.status).to.equal(422);
    expect(refused.body.error.details.rule).to.equal(blocked.reasonCode);
    expect(refused.body.error.details.missing).to.deep.equal(blocked.reasonParams.fields.split(','));

    const filled = await staff.post(`/api/lots/${lotId}/disclosure`, { disclosure: { knownDefects: DISCLOSURE.knownDefects, taxesAndFees: DISCLOSURE.taxesAndFees } });
    expect(filled.status, JSON.stringify(filled.body)).to.equal(200);
    expect(await publishAction(lotId)).to.deep.include({ allowed: true, reasonCode: 'PUBLISH_READY', article: 'A12' });
    expect((await staff.post(`/api/lots/${lotId}/publish`)).status).to.equal(200);
  });

  it('when a draft with a complete disclosure has no party notice yet, then publish is blocked for the notice, not the disclosure', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const created = await staff.post('/api/lots', lotBody(t, assetId));
    expect(created.status).to.equal(201);
    expect(await publishAction(created.body.id)).to.deep.include({ allowed: false, reasonCode: 'PARTY_NOTICE_MISSING', article: 'A16' });
  });
});
