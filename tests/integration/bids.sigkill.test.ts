import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import { io, type Socket } from 'socket.io-client';
import { bidHash } from '../../server/modules/audit/audit.service';
import { openDatabase, type Database } from '../../server/platform/db/index';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { ApiClient, emitAck, startTestServer } from '../support/server';

interface Node { child: ChildProcess; url: string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }

/** tests/support/bid-node.ts in a process of its own, on the test's database. */
async function startNode(db: { databaseUrl?: string; dataDir?: string }): Promise<Node> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !['PUBLIC_URL', 'REDIS_URL'].includes(k)) env[k] = v;
  Object.assign(env, { LOG_LEVEL: 'warn', DATABASE_URL: db.databaseUrl ?? '', DATA_DIR: db.dataDir ?? path.join(os.tmpdir(), 'unused-data') });
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/bid-node.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /bid node listening on (\d+)/.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`the node exited before it started:\n${out}`)));
    setTimeout(() => reject(new Error(`the node did not start:\n${out}`)), 150_000);
  });
  return { child, url, exited };
}

const BIDDERS = 6;

describe('a node killed in the middle of a bid storm', () => {
  const databaseUrl = process.env.TEST_DATABASE_URL;
  let dataDir: string | undefined;
  let node: Node | undefined;
  after(async () => {
    if (node && node.child.exitCode === null && node.child.signalCode === null) {
      node.child.kill('SIGKILL');
      await node.exited;
    }
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // The embedded engine is one process's at a time: it is set up here, closed, opened by the node, and
  // opened here again once the node is dead.
  const open = (): Promise<Database> => (databaseUrl ? openDatabase({ databaseUrl }) : openDatabase({ dataDir: dataDir! }));

  it('when the node is SIGKILLed while bidders bid over Socket.IO, then every acknowledged bid is in the bid log with its seq and amount, and the chain verifies', async function () {
    this.timeout(600_000);
    dataDir = databaseUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'auction-sigkill-'));
    let database = await open();
    let setup = await startTestServer({ database });
    const staff = (await setup.user('court_staff')).api;
    const finance = (await setup.user('finance')).api;
    const lot = await publishedLot(setup, staff, { live: true });
    const bidders = [];
    for (let i = 0; i < BIDDERS; i++) bidders.push(await bidderWithDeposit(setup, lot.id, finance));
    const adminToken = setup.admin.token!;
    const lotTime = setup.now().getTime();
    await setup.stop();
    if (!databaseUrl) await database.close();

    node = await startNode({ databaseUrl, dataDir });
    // The node's test clock starts at the real time; move it to the lot's time, where the lot is live.
    expect((await new ApiClient(node.url, adminToken).post('/api/admin/clock/advance', { ms: lotTime - Date.now() })).status).to.equal(200);
    const sockets: Socket[] = await Promise.all(bidders.map((bd) => new Promise<Socket>((resolve, reject) => {
      const s = io(`${node!.url}/live`, { auth: { token: bd.token }, transports: ['websocket'], forceNew: true, reconnection: false });
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    })));

    const inc = new Decimal(lot.bidIncrement);
    let top: Decimal | null = null;
    const acked: Array<{ seq: number; amount: string; bidderCode: string }> = [];
    let refused = 0;
    let dead = false;
    const killAt = 40;
    const killed = new Promise<void>((resolve, reject) => {
      const storm = sockets.map(async (s, i) => {
        for (let n = 0; !dead; n++) {
          const amount = top ? top.plus(inc.mul(1 + ((i + n) % 2))) : new Decimal(lot.startingPrice).plus(inc.mul(i % 2));
          let ack;
          try {
            ack = await emitAck(s, 'bid:place', { lotId: lot.id, amount: amount.toFixed(2), clientBidId: `s${i}-${n}` }, 20_000);
          } catch {
            return; // the node is gone: this bid has no acknowledgement
          }
          if (ack.ok) {
            acked.push({ seq: ack.bid.seq, amount: ack.bid.amount, bidderCode: ack.bid.bidderCode });
            expect(ack.bid.amount).to.equal(amount.toFixed(2));
          } else if (ack.error.code === 'RATE_LIMITED') {
            // the connection's event limit (20 a second) still applies with the bid limit off: wait, as a client does
            await new Promise((r) => setTimeout(r, Number(ack.error.retryAfterMs ?? 100)));
            continue;
          } else {
            refused++;
            expect(['RULE_VIOLATION', 'ALREADY_LEADING'], JSON.stringify(ack)).to.include(ack.error.code);
          }
          if (!top || amount.gt(top)) top = amount;
          if (!dead && acked.length >= killAt) {
            dead = true;
            node!.child.kill('SIGKILL');
            resolve();
          }
        }
      });
      Promise.all(storm).then(() => resolve(), reject);
    });
    await killed;
    expect(await node.exited).to.deep.include({ signal: 'SIGKILL' });
    for (const s of sockets) s.disconnect();
    expect(acked.length).to.be.at.least(killAt);

    database = await open();
    setup = await startTestServer({ database, jobs: false });
    try {
      const log = (await setup.anon.get(`/api/lots/${lot.id}/bid-log`)).body;
      let prev = '';
      for (const e of log.entries) {
        expect(e.prevHash, `bid ${e.seq} links to the one before`).to.equal(prev);
        expect(bidHash({ lotId: lot.id, seq: e.seq, bidderCode: e.bidderCode, amount: e.amount, at: new Date(e.at), prevHash: prev }), `bid ${e.seq} hash`).to.equal(e.hash);
        prev = e.hash;
      }
      expect(log.head).to.equal(prev);
      const bySeq = new Map<number, { seq: number; amount: string; bidderCode: string }>(log.entries.map((e: { seq: number; amount: string; bidderCode: string }) => [e.seq, { seq: e.seq, amount: e.amount, bidderCode: e.bidderCode }]));
      for (const a of acked) expect(bySeq.get(a.seq), `acknowledged bid ${a.seq}`).to.deep.equal(a);
      // Beyond the acknowledged bids the log holds at most the ones in flight when the node died: one per bidder.
      expect(log.entries.length - acked.length).to.be.within(0, BIDDERS);
      const seqs = log.entries.map((e: { seq: number }) => e.seq);
      expect(seqs).to.deep.equal(seqs.map((_: number, i: number) => seqs[0] + i));
      const view = (await setup.anon.get(`/api/lots/${lot.id}`)).body;
      expect(view.bidCount).to.equal(log.entries.length);
      expect(view.currentPrice).to.equal(log.entries[log.entries.length - 1].amount);
    } finally {
      await setup.stop();
      if (!databaseUrl) await database.close();
    }
  });
});
