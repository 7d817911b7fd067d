import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiClient, ContractViolation } from '../support/server';

/** A stand-in server that answers whatever the test sets, to show what the test client does with it. */
function fakeServer() {
  let answer: { status: number; body: unknown } = { status: 200, body: {} };
  const server = http.createServer((_req, res) => {
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  return {
    set: (status: number, body: unknown) => { answer = { status, body }; },
    start: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('contract: the test client checks every success against the route table', () => {
  const fake = fakeServer();
  let client: ApiClient;
  before(async () => { client = new ApiClient(await fake.start()); });
  after(() => fake.stop());

  it('when a success matches its route, then the body comes back typed', async () => {
    fake.set(200, { now: '2026-12-01T02:00:00.000Z' });
    const r = await client.call('clock');
    expect(r.body.now).to.equal('2026-12-01T02:00:00.000Z');
  });

  it('when a success does not match its route, then the call fails naming the route and the field', async () => {
    fake.set(200, { now: 1764554400000 });
    const err = await client.call('clock').then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(ContractViolation);
    expect((err as Error).message).to.match(/GET \/api\/clock \(clock\)[\s\S]*at now/);
  });

  it('when the untyped get meets a route of the table, then it is checked too; a refusal or a path outside the table is not', async () => {
    fake.set(200, { lotId: 'l1', seq: 1, amount: 100, bidderCode: 'A1234' });
    const err = await client.post('/api/lots/l1/bids', {}).then(() => null, (e: unknown) => e);
    expect((err as Error).message).to.match(/answered 200; the contract names 201/);
    fake.set(201, { lotId: 'l1', seq: 1, amount: 100, bidderCode: 'A1234' });
    const money = await client.post('/api/lots/l1/bids', {}).then(() => null, (e: unknown) => e);
    expect((money as Error).message).to.match(/POST \/api\/lots\/\{id\}\/bids \(placeBid\)[\s\S]*at amount/);
    fake.set(409, { error: { code: 'LOT_NOT_LIVE', message: 'no' } });
    expect((await client.post('/api/lots/l1/bids', {})).status).to.equal(409);
    fake.set(200, { anything: true });
    expect((await client.get('/api/not-in-the-table')).status).to.equal(200);
  });

  it('when a typed call is refused, then it throws with the status and error body', async () => {
    fake.set(404, { error: { code: 'NOT_FOUND', message: 'The lot was not found.' } });
    const err = await client.call('getLot', { params: { id: 'x' } }).then(() => null, (e: unknown) => e);
    expect((err as Error).message).to.match(/getLot: GET \/api\/lots\/x answered 404 .*NOT_FOUND/);
  });
});
