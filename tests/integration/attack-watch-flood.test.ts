import crypto from 'node:crypto';
import http from 'node:http';
import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import { createRealtime, type RealtimeHandlers } from '../../server/platform/realtime';
import { createLogger } from '../../server/platform/logger';
import { publishedLot } from '../support/factories';
import { emitAck, startTestServer, type ApiClient, type TestServer } from '../support/server';

/** A socket that says, through the trusted loopback proxy, that it comes from `address`. */
async function socketFrom(url: string, address: string): Promise<Socket> {
  const s = connect(`${url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false, extraHeaders: { 'x-forwarded-for': address } });
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  return s;
}

let counter = crypto.randomInt(0, 1 << 16);
const freshAddress = () => { counter = (counter + 1) % (1 << 16); return `198.18.${counter >> 8}.${counter & 255}`; };
const ghost = () => `ghost-${crypto.randomUUID()}`;

/**
 * An anonymous client opened many sockets and sent lot:watch for made-up lot ids as fast as the per-socket
 * limit allowed, without waiting for answers: every watch was a database read, and the reads queued without
 * bound until the whole platform, bidding included, stopped answering.
 */
describe('attack: flooding lot:watch with lots that do not exist', () => {
  let t: TestServer;
  let staff: ApiClient;
  const sockets: Socket[] = [];
  before(async function () {
    this.timeout(120_000);
    t = await startTestServer({ jobs: false });
    staff = (await t.user('court_staff')).api;
  });
  after(async () => {
    for (const s of sockets) s.disconnect();
    await t.stop();
  });

  it('when one address has watched 30 unknown lots within a minute, then it gets one lot read a second and the rest are refused with 429 unread, while lots known to exist and other addresses are served', async function () {
    this.timeout(60_000);
    const lot = await publishedLot(t, staff);
    const address = freshAddress();
    const a = await socketFrom(t.url, address);
    const b = await socketFrom(t.url, address);
    sockets.push(a, b);
    // Spread over two sockets of the address, as a flood would be: the share is the address's, not the socket's.
    for (let n = 0; n < 30; n++) {
      const ack = await emitAck(n % 2 ? a : b, 'lot:watch', { lotId: ghost() });
      expect(ack.ok, JSON.stringify(ack)).to.equal(false);
      expect(ack.error.code).to.equal('NOT_FOUND');
      if (n % 15 === 14) await new Promise((r) => setTimeout(r, 1100)); // under the 20 events a second a socket may send
    }
    // Past its share the address gets one read a second: of two watches sent together, one is refused unread.
    const pair = await Promise.all([emitAck(a, 'lot:watch', { lotId: ghost() }), emitAck(b, 'lot:watch', { lotId: ghost() })]);
    expect(pair.map((x) => x.error.code).sort()).to.deep.equal(['NOT_FOUND', 'RATE_LIMITED']);
    const refused = pair.find((x) => x.error.code === 'RATE_LIMITED');
    expect(refused.error.retryAfterMs).to.be.greaterThan(0);

    // A real lot new to the node is still reached through that one read a second ...
    await new Promise((r) => setTimeout(r, 1100));
    const late = await socketFrom(t.url, address);
    sockets.push(late);
    const real = await emitAck(late, 'lot:watch', { lotId: lot.id });
    expect(real.ok, JSON.stringify(real)).to.equal(true);
    expect(real.snapshot.id).to.equal(lot.id);
    // ... which leaves none for an unknown one in the same second; once known, the real lot is served at once.
    expect((await emitAck(late, 'lot:watch', { lotId: ghost() })).error.code).to.equal('RATE_LIMITED');
    const again = await socketFrom(t.url, address);
    sockets.push(again);
    expect((await emitAck(again, 'lot:watch', { lotId: lot.id })).ok).to.equal(true);

    const other = await socketFrom(t.url, freshAddress());
    sockets.push(other);
    const elsewhere = await emitAck(other, 'lot:watch', { lotId: ghost() });
    expect(elsewhere.error.code).to.equal('NOT_FOUND');
  });
});

describe('lot reads for watchers are bounded in the process', () => {
  let server: http.Server;
  let url: string;
  let inFlight = 0;
  let most = 0;
  let reads = 0;
  const sockets: Socket[] = [];
  before(async () => {
    server = http.createServer();
    const handlers: RealtimeHandlers = {
      authenticate: async () => null,
      snapshot: async (lotId) => {
        reads++;
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
        return lotId.startsWith('real') ? { id: lotId, seq: 0 } : null;
      },
      placeBid: async () => { throw new Error('not used'); },
      now: () => new Date(),
    };
    const realtime = await createRealtime(server, handlers, createLogger('silent'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    after(async () => {
      for (const s of sockets) s.disconnect();
      await realtime.close();
      await new Promise((r) => server.close(r));
    });
  });

  it('when 40 addresses send 20 watches each without waiting, then at most 8 reads run at once, the rest wait their turn or are refused with 429, and every watch is answered', async function () {
    this.timeout(60_000);
    const clients = await Promise.all(Array.from({ length: 40 }, () => socketFrom(url, freshAddress())));
    sockets.push(...clients);
    // This server's lots are not the platform's: its answers are read as they come, not against the contract.
    const acks = await Promise.all(clients.flatMap((s) => Array.from({ length: 20 }, () => s.timeout(30_000).emitWithAck('lot:watch', { lotId: ghost() }))));
    expect(acks).to.have.length(800);
    const codes = acks.map((a: { error?: { code: string } }) => a.error?.code);
    expect(codes.every((c) => c === 'NOT_FOUND' || c === 'RATE_LIMITED'), JSON.stringify([...new Set(codes)])).to.equal(true);
    expect(most).to.be.at.most(8);
    // At most 8 running and 256 waiting: the rest were refused before any read, and only reads answer 404.
    expect(codes.filter((c) => c === 'RATE_LIMITED').length).to.be.greaterThan(0);
    expect(reads).to.equal(codes.filter((c) => c === 'NOT_FOUND').length);

    // Once the crowd is answered, a watch of a real lot is read and served.
    const s = await socketFrom(url, freshAddress());
    sockets.push(s);
    const ok = await s.timeout(5000).emitWithAck('lot:watch', { lotId: 'real-1' });
    expect(ok.ok, JSON.stringify(ok)).to.equal(true);
  });
});
