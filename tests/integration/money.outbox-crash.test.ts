import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase, schema, type Database } from '../../server/platform/db/index';
import { FAKE_WHSEC, FakeStripe } from '../support/fake-stripe';
import { publishedLot } from '../support/factories';
import { ApiClient, startTestServer } from '../support/server';

/** The fake Stripe as a real HTTP server, so a child process can call it. */
async function stripeStub(fake: FakeStripe): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const key = req.headers['idempotency-key'];
      const [status, body] = fake.handle(req.url ?? '', Array.isArray(key) ? key[0] : key, new URLSearchParams(Buffer.concat(chunks).toString()));
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

interface Child { child: ChildProcess; url: string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>; out: () => string }

/** server/main.ts in a process of its own, on the test's database, with Stripe pointed at the stub. */
async function startChild(db: { databaseUrl?: string; dataDir?: string }, stripeBase: string, extra: Record<string, string> = {}): Promise<Child> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'PUBLIC_URL') env[k] = v;
  Object.assign(env, {
    NODE_ENV: 'test', ENABLE_TEST_CLOCK: '1', LOG_LEVEL: 'warn', PORT: '0', DEMO_SEED: '0',
    DATABASE_URL: db.databaseUrl ?? '', DATA_DIR: db.dataDir ?? path.join(os.tmpdir(), 'unused-data'),
    STRIPE_SECRET_KEY: 'sk_test_crash', STRIPE_WEBHOOK_SECRET: FAKE_WHSEC, STRIPE_API_BASE: stripeBase, ...extra,
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /running at http:\/\/localhost:(\d+)/.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`the server exited before it started:\n${out}`)));
    setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 60_000);
  });
  return { child, url, exited, out: () => out };
}

describe('the outbox survives a crash between its commit and the provider call', () => {
  let fake: FakeStripe;
  let stub: Awaited<ReturnType<typeof stripeStub>>;
  let dataDir: string | undefined;
  const children: Child[] = [];

  before(async () => {
    fake = new FakeStripe();
    stub = await stripeStub(fake);
  });
  after(async () => {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) { c.child.kill('SIGTERM'); await c.exited; }
    await stub.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** A bidder registered for an announced lot, written in-process to the database the child will use. */
  async function setUp() {
    const databaseUrl = process.env.TEST_DATABASE_URL;
    dataDir = databaseUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'auction-crash-'));
    const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: dataDir! });
    const t = await startTestServer({ database, jobs: false });
    try {
      const staff = (await t.user('court_staff')).api;
      const lot = await publishedLot(t, staff);
      const b = await t.user('bidder', { verified: true });
      const reg = await b.api.post(`/api/lots/${lot.id}/registrations`);
      expect(reg.status).to.equal(201);
      return { lotId: lot.id as string, registrationId: reg.body.id as string, bidderToken: b.token, adminToken: t.admin.token!, db: { databaseUrl, dataDir } };
    } finally {
      await t.stop();
      // The embedded engine is one process's at a time: the child opens the folder next.
      if (!databaseUrl) await database.close();
    }
  }

  async function inspect(db: { databaseUrl?: string; dataDir?: string }, registrationId: string, fn: (d: Database, paymentId: string) => Promise<void>) {
    const database: Database = await openDatabase(db.databaseUrl ? { databaseUrl: db.databaseUrl } : { dataDir: db.dataDir! });
    try {
      const [payment] = await database.db.select().from(schema.providerPayments).where(eq(schema.providerPayments.registrationId, registrationId));
      await fn(database, payment.id);
    } finally {
      if (!db.databaseUrl) await database.close();
    }
  }

  for (const point of ['before_call', 'after_call'] as const) {
    it(`when the server is killed ${point === 'before_call' ? 'after the commit and before' : 'after'} the provider call, then a restart completes the call exactly once`, async function () {
      this.timeout(180_000);
      const s = await setUp();
      const first = await startChild(s.db, stub.url, { OUTBOX_CRASH_AT: point });
      children.push(first);
      const bidder = new ApiClient(first.url, s.bidderToken);
      const killed = await bidder.post(`/api/lots/${s.lotId}/registration/pay-online`).then(() => 'answered', () => 'connection lost');
      expect(killed).to.equal('connection lost');
      expect(await first.exited).to.deep.include({ signal: 'SIGKILL' });

      const key = (paymentId: string) => `authorize:${paymentId}`;
      let paymentId = '';
      await inspect(s.db, s.registrationId, async (d, id) => {
        paymentId = id;
        const [row] = await d.db.select().from(schema.outbox).where(eq(schema.outbox.idempotencyKey, key(id)));
        expect(row).to.include({ status: 'pending', attempts: 1 });
      });
      const effectiveBefore = fake.calls.filter((c) => c.key === key(paymentId) && c.effective).length;
      expect(effectiveBefore).to.equal(point === 'before_call' ? 0 : 1);

      const second = await startChild(s.db, stub.url);
      children.push(second);
      try {
        // The lease of the dead attempt runs out; the job then makes the call again with the same key.
        const admin = new ApiClient(second.url, s.adminToken);
        expect((await admin.post('/api/admin/clock/advance', { ms: 3 * 60_000 })).status).to.equal(200);
        const pay = await new ApiClient(second.url, s.bidderToken).call('payDepositOnline', { params: { id: s.lotId } });
        expect(pay.body).to.include({ provider: 'stripe', status: 'awaiting_payment_method' });
        expect(pay.body.clientSecret).to.match(/_secret_/);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }

      const calls = fake.calls.filter((c) => c.key === key(paymentId));
      expect(calls.filter((c) => c.effective), 'effective calls at the provider').to.have.length(1);
      expect(calls).to.have.length(point === 'before_call' ? 1 : 2);
      await inspect(s.db, s.registrationId, async (d, id) => {
        const [row] = await d.db.select().from(schema.outbox).where(eq(schema.outbox.idempotencyKey, key(id)));
        expect(row).to.include({ status: 'done', attempts: 2 });
        const [payment] = await d.db.select().from(schema.providerPayments).where(eq(schema.providerPayments.id, id));
        expect(payment.providerRef).to.equal(calls.find((c) => c.effective) && [...fake.intents.keys()].find((r) => fake.intents.get(r)!.metadata.registration_id === s.registrationId));
      });
    });
  }
});
