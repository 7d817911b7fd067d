import { expect } from 'chai';
import { assetWithReference, lotBody, publishedLot } from '../support/factories';
import { makePhoto, tempStorageDir, uploadFile } from '../support/files';
import { emitAck, startTestServer, type ApiClient, type TestServer } from '../support/server';

/** A lot is public once announced; a draft cancelled before its announcement never was, and stays the court's own. */
describe('a lot cancelled while still a draft stays private; one cancelled after its announcement stays public', function () {
  this.timeout(120_000);
  let t: TestServer;
  let staff: ApiClient;
  let bidder: { api: ApiClient; token: string };
  const storage = tempStorageDir();
  before(async () => {
    t = await startTestServer({ jobs: false, env: { STORAGE_DIR: storage.dir } });
    staff = (await t.user('court_staff')).api;
    const b = await t.user('bidder', { verified: true });
    bidder = { api: b.api, token: b.token };
  });
  after(async () => {
    await t?.stop();
    storage.remove();
  });

  const listed = async (api: ApiClient, query: string): Promise<string[]> => {
    const r = await api.get(`/api/lots${query}`);
    expect(r.status).to.equal(200);
    return r.body.lots.map((l: { id: string }) => l.id);
  };

  it('when a draft with a photo is cancelled, then anonymous readers get 404, it is in no public list, and the socket and watchlist refuse it; staff still see it', async () => {
    const { assetId } = await assetWithReference(t, staff);
    const photo = await uploadFile(staff, assetId, await makePhoto('png'), { title: '外观' });
    expect(photo.status).to.equal(201);
    const draft = await staff.post('/api/lots', lotBody(t, assetId));
    expect(draft.status).to.equal(201);
    const c = await staff.post(`/api/lots/${draft.body.id}/cancel`, { reason: 'The debtor paid before the announcement.' });
    expect(c.status).to.equal(200);
    expect(c.body).to.include({ status: 'cancelled', announcedAt: null });

    for (const api of [t.anon, bidder.api]) {
      const r = await api.get(`/api/lots/${draft.body.id}`);
      expect(r.status).to.equal(404);
      expect(JSON.stringify(r.body)).to.not.include('外观').and.not.include(DISCLOSURE_SAMPLE);
      expect(await listed(api, '?status=cancelled')).to.not.include(draft.body.id);
      expect(await listed(api, '')).to.not.include(draft.body.id);
    }
    expect((await bidder.api.request('PUT', `/api/me/watchlist/${draft.body.id}`)).status).to.equal(404);
    for (const token of [undefined, bidder.token]) {
      const socket = await t.socket(token);
      const ack = await emitAck<{ ok: boolean }>(socket, 'lot:watch', { lotId: draft.body.id });
      expect(ack.ok).to.equal(false);
    }
    const own = await staff.get(`/api/lots/${draft.body.id}`);
    expect(own.status).to.equal(200);
    expect(own.body).to.include({ status: 'cancelled' });
  });

  it('when an announced lot is cancelled, then it stays public: its page, the cancelled list and the socket', async () => {
    const lot = await publishedLot(t, staff);
    expect((await staff.post(`/api/lots/${lot.id}/cancel`, { reason: 'The debtor paid the claim in full.' })).status).to.equal(200);
    const r = await t.anon.get(`/api/lots/${lot.id}`);
    expect(r.status).to.equal(200);
    expect(r.body).to.include({ status: 'cancelled' });
    expect(r.body.announcedAt).to.be.a('string');
    expect(await listed(t.anon, '?status=cancelled')).to.include(lot.id);
    const socket = await t.socket();
    expect((await emitAck<{ ok: boolean }>(socket, 'lot:watch', { lotId: lot.id })).ok).to.equal(true);
    expect((await bidder.api.request('PUT', `/api/me/watchlist/${lot.id}`)).status).to.equal(200);
  });
});

const DISCLOSURE_SAMPLE = '后保险杠有轻微划痕';
