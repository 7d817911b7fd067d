import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { schema } from '../../server/platform/db/index';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

/**
 * An address an administrator gave is checked again on every connection: a name that resolved to a public host
 * when saved and now resolves to this host (DNS rebinding) is refused before anything is sent.
 */
describe('an admin-added inquiry platform whose name now resolves to this host is refused at request time', function () {
  this.timeout(60_000);
  let t: TestServer;
  let staff: ApiClient;
  let inner: http.Server;
  let innerRequests = 0;
  let platformId = '';
  const name = `Rebound-${Math.random().toString(36).slice(2, 8)}`;
  before(async () => {
    inner = http.createServer((_req, res) => { innerRequests += 1; res.writeHead(200, { 'content-type': 'text/plain' }); res.end('internal secret'); });
    await new Promise<void>((resolve) => inner.listen(0, '127.0.0.1', resolve));
    ({ t, staff } = await courtServer({ env: { INQUIRY_TIMEOUT_MS: '1000' } }));
  });
  after(async () => {
    if (platformId) await t.admin.post(`/api/admin/inquiry-platforms/${platformId}/deactivate`, { reason: 'Test platform removed.' });
    await t?.stop();
    await new Promise<void>((resolve) => inner.close(() => resolve()));
  });

  it('when the inquiry runs, then the quote records a refused connection, the inner service gets no request, and no reply text is shown', async () => {
    const add = await t.admin.post('/api/admin/inquiry-platforms', { name, url: 'https://rebound.invalid/api', fee: '1.00' });
    expect(add.status, JSON.stringify(add.body)).to.equal(201);
    platformId = add.body.id;
    // The name now resolves to loopback: "localhost" stands for a rebound name (the save-time check already passed).
    const { port } = inner.address() as AddressInfo;
    await t.database.db.update(schema.inquiryPlatforms).set({ url: `http://localhost:${port}/latest/meta-data` }).where(eq(schema.inquiryPlatforms.id, platformId));
    const c = await staff.post('/api/cases', { caseNumber: `RB-${Math.random()}`, court: 'C', applicant: 'A', respondent: 'R', claimAmount: '100.00' });
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: 'Van', kind: 'movable', description: '' });
    const v = await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'network_inquiry', skipAgreement: { note: 'Agreed by the parties.' } });
    expect(v.status, JSON.stringify(v.body)).to.equal(201);
    await t.advance(1000);
    const d = (await staff.get(`/api/valuations/${v.body.id}`)).body;
    const q = d.quotes.find((x: { platform: string }) => x.platform === name);
    expect(q.status).to.equal('requesting');
    expect(q.errors.map((e: { kind: string }) => e.kind)).to.deep.equal(['network']);
    expect(innerRequests).to.equal(0);
    expect(JSON.stringify(d)).to.not.include('internal secret');
  });
});
