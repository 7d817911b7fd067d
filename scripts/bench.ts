/**
 * Benchmarks the bid path against a raw baseline measured in the same run on the same database:
 * the baseline is the bare transaction a bid needs (lock the lot row, insert a row, update the lot),
 * sent as SQL without the platform; the measured paths are a bid over HTTP and over Socket.IO.
 * On PostgreSQL it also imports a large bank statement over HTTP (POST /api/finance/statements) against real
 * pending registrations, and measures its wall time.
 * Writes bench/results.json and bench/RESULTS.md. Usage: npm run bench [-- --bids 400] [-- --statement-lines 50000]
 * (`--only statements` runs the statement import alone and updates just its figure in bench/results.json).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import { bidderWithDeposit, publishedLot } from '../tests/support/factories';
import { emitAck, startTestServer, type ApiClient, type TestServer } from '../tests/support/server';
import { schema } from '../server/platform/db/index';
import { syntheticStatement } from '../server/modules/payments/statement-fixture';
import pg from 'pg';

/** Creates and drops the benchmark's own database through a plain connection (no migrations on the admin database). */
async function adminQuery(url: string, statement: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

const { values } = parseArgs({ options: {
  bids: { type: 'string', default: '400' },
  'statement-lines': { type: 'string', default: '50000' },
  'statement-registrations': { type: 'string', default: '5000' },
  only: { type: 'string' },
} });
const N = Math.max(50, Math.min(5000, Number(values.bids)));
const STATEMENT_LINES = Math.max(100, Math.min(100_000, Number(values['statement-lines'])));
const STATEMENT_REGISTRATIONS = Math.max(10, Math.min(50_000, Number(values['statement-registrations'])));
const STATEMENT_LOTS = 10;

/**
 * A day's statement at scale: registrations awaiting their deposit are written straight to the database
 * (registering 5,000 bidders over HTTP measures registration, not the import), then a synthetic statement
 * pays them, with the mix finance meets (exact, over- and short payments, unknown and mistyped references,
 * repeats), and is imported over HTTP in one request, as finance uploads it.
 */
async function benchStatementImport(t: TestServer, staff: ApiClient, finance: ApiClient) {
  const db = t.platform.ctx.db;
  const lots: Array<{ id: string }> = [];
  for (let i = 0; i < STATEMENT_LOTS; i++) lots.push(await publishedLot(t, staff, { startInDays: 60, deposit: '7000.00' }));
  const now = t.now();
  const users = Array.from({ length: STATEMENT_REGISTRATIONS }, (_, i) => ({
    id: crypto.randomUUID(), email: `bench-payer-${i}-${crypto.randomUUID().slice(0, 6)}@bench.court`, name: `Payer ${i}`, passwordHash: 'x', roles: ['bidder'], createdAt: now,
  }));
  const { newPaymentReference } = await import('../server/modules/payments/payment-reference');
  const regs = users.map((u, i) => ({
    id: crypto.randomUUID(), lotId: lots[i % lots.length].id, userId: u.id, bidderCode: `S${i}`, depositStatus: 'pending',
    depositAmount: '7000.00', paymentReference: newPaymentReference('deposit'), createdAt: now,
  }));
  for (let i = 0; i < users.length; i += 2000) await db.insert(schema.users).values(users.slice(i, i + 2000));
  for (let i = 0; i < regs.length; i += 2000) await db.insert(schema.registrations).values(regs.slice(i, i + 2000));
  const csv = syntheticStatement(STATEMENT_LINES, { seed: 7, payments: regs.map((r) => ({ reference: r.paymentReference, amount: r.depositAmount })), txnPrefix: `BENCH${Date.now().toString(36)}-` });
  // Plain fetch: the wall time is the server's (upload, parse, decide, apply, answer), not the test client's contract check.
  const upload = async () => {
    const t0 = performance.now();
    const r = await fetch(`${t.url}/api/finance/statements`, { method: 'POST', headers: { authorization: `Bearer ${finance.token}`, 'content-type': 'text/csv' }, body: csv });
    const body = await r.json();
    const ms = performance.now() - t0;
    if (r.status !== 200) throw new Error(`statement import refused: ${r.status} ${JSON.stringify(body).slice(0, 500)}`);
    return { body, ms };
  };
  const { body, ms: wallMs } = await upload();
  const outcomes: Record<string, number> = {};
  for (const d of body.decisions as Array<{ outcome: string }>) outcomes[d.outcome] = (outcomes[d.outcome] ?? 0) + 1;
  const again = await upload();
  const repeatMs = again.ms;
  if (again.body.duplicates !== STATEMENT_LINES) throw new Error('the repeated statement was not all duplicates');
  return {
    engine: 'postgres', lines: STATEMENT_LINES, bytes: Buffer.byteLength(csv), pendingRegistrations: STATEMENT_REGISTRATIONS,
    wallMs: Math.round(wallMs), linesPerSec: Math.round(STATEMENT_LINES / (wallMs / 1000)),
    matched: body.matched as number, unmatched: body.unmatched as number, duplicates: body.duplicates as number, outcomes,
    repeatWallMs: Math.round(repeatMs),
  };
}

function stats(samples: number[], totalMs: number) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { ops: s.length, opsPerSec: Math.round((s.length / totalMs) * 1000), p50Ms: +q(0.5).toFixed(2), p95Ms: +q(0.95).toFixed(2), p99Ms: +q(0.99).toFixed(2) };
}

async function timed(n: number, fn: (i: number) => Promise<void>) {
  const samples: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    await fn(i);
    samples.push(performance.now() - s);
  }
  return stats(samples, performance.now() - t0);
}

async function benchEngine(kind: 'pglite' | 'postgres') {
  let dbName: string | null = null;
  if (kind === 'postgres') {
    const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    dbName = `auction_bench_${process.pid}`;
    await adminQuery(base, `DROP DATABASE IF EXISTS ${dbName}`);
    await adminQuery(base, `CREATE DATABASE ${dbName}`);
    const u = new URL(base);
    u.pathname = `/${dbName}`;
    process.env.TEST_DATABASE_URL = u.toString();
  } else {
    delete process.env.TEST_DATABASE_URL;
  }
  const t = await startTestServer({ jobs: true, env: { BID_RATE_PER_SECOND: '0' } });
  const staff = (await t.user('court_staff')).api;
  const finance = (await t.user('finance')).api;
  const lot = await publishedLot(t, staff, { live: true, biddingHours: 24 * 30 });
  const a = await bidderWithDeposit(t, lot.id, finance);
  const b = await bidderWithDeposit(t, lot.id, finance);
  const db = t.platform.ctx.db;

  // Baseline: the same work a bid does in the database, as bare SQL in one transaction, on a scratch table.
  await db.execute(sql`create table if not exists bench_lot (id int primary key, price numeric(18,2), seq int)`);
  await db.execute(sql`create table if not exists bench_bid (seq int, lot int, amount numeric(18,2), primary key (lot, seq))`);
  await db.execute(sql`insert into bench_lot values (1, 0, 0) on conflict do nothing`);
  const baseline = await timed(N, async () => {
    await db.transaction(async (tx) => {
      const r = await tx.execute(sql`select seq, price from bench_lot where id = 1 for update`);
      const row = ((r as unknown as { rows: Array<{ seq: number; price: string }> }).rows)[0];
      const next = new Decimal(row.price).plus(1000).toFixed(2);
      await tx.execute(sql`insert into bench_bid values (${row.seq + 1}, 1, ${next})`);
      await tx.execute(sql`update bench_lot set seq = ${row.seq + 1}, price = ${next} where id = 1`);
    });
  });

  let price = new Decimal(lot.startingPrice);
  const http = await timed(N, async (i) => {
    const who = i % 2 === 0 ? a : b;
    const r = await who.api.post(`/api/lots/${lot.id}/bids`, { amount: price.toFixed(2), clientBidId: `h-${i}-${crypto.randomUUID()}` });
    if (r.status !== 201) throw new Error(`bid refused: ${JSON.stringify(r.body)}`);
    price = price.plus(lot.bidIncrement);
  });

  const sa = await t.socket(a.token);
  const sb = await t.socket(b.token);
  const watcher = await t.socket();
  let delivered = 0;
  watcher.on('lot:bid', () => { delivered++; });
  await emitAck(watcher, 'lot:watch', { lotId: lot.id });
  const socket = await timed(N, async (i) => {
    const s = (i + N) % 2 === 0 ? sa : sb; // the other bidder from the one who bid last over REST
    const r = await emitAck(s, 'bid:place', { lotId: lot.id, amount: price.toFixed(2), clientBidId: `s-${i}-${crypto.randomUUID()}` });
    if (!r.ok) throw new Error(`bid refused: ${JSON.stringify(r)}`);
    price = price.plus(lot.bidIncrement);
  });
  await new Promise((r) => setTimeout(r, 300));
  const statementImport = kind === 'postgres' ? await benchStatementImport(t, staff, finance) : null;
  await t.stop();
  if (kind === 'postgres' && dbName) {
    await adminQuery(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
  return { engine: kind, baseline, http, socket, watcherReceived: delivered, statementImport };
}

function statementLine(r: { lines: number; pendingRegistrations: number; wallMs: number; matched: number; unmatched: number; repeatWallMs: number }) {
  return `Bank statement import on PostgreSQL: ${r.lines} lines against ${r.pendingRegistrations} pending registrations in one POST, ${r.wallMs} ms wall (${r.matched} matched, ${r.unmatched} unmatched); the same file again, all duplicates: ${r.repeatWallMs} ms.`;
}

/** The statement import alone, on its own PostgreSQL database. */
async function statementsOnly() {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `auction_bench_statements_${process.pid}`;
  await adminQuery(base, `DROP DATABASE IF EXISTS ${dbName}`);
  await adminQuery(base, `CREATE DATABASE ${dbName}`);
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  process.env.TEST_DATABASE_URL = u.toString();
  try {
    const t = await startTestServer({ jobs: true });
    const staff = (await t.user('court_staff')).api;
    const finance = (await t.user('finance')).api;
    const statementImport = await benchStatementImport(t, staff, finance);
    await t.stop();
    return { statementImport };
  } finally {
    const { closeSharedDatabase } = await import('../tests/support/server');
    await closeSharedDatabase();
    await adminQuery(base, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}

async function main() {
  // The bid rate (BID_RATE_PER_SECOND, 0 above) and the per-connection event rate would throttle a benchmark; lift the latter for this process only.
  const { RateLimiter } = await import('../server/platform/rate-limit');
  RateLimiter.prototype.hit = () => 0;
  if (values.only === 'statements') {
    const r = await statementsOnly();
    const previous = fs.existsSync('bench/results.json') ? JSON.parse(fs.readFileSync('bench/results.json', 'utf8')) : { results: [] };
    previous.statementImport = { at: new Date().toISOString(), node: process.version, ...r.statementImport };
    fs.mkdirSync('bench', { recursive: true });
    fs.writeFileSync('bench/results.json', JSON.stringify(previous, null, 2) + '\n');
    const md = fs.existsSync('bench/RESULTS.md') ? fs.readFileSync('bench/RESULTS.md', 'utf8').split('\n').filter((l) => !l.startsWith('Bank statement import')) : [];
    while (md.length > 0 && md[md.length - 1] === '') md.pop();
    md.push('', statementLine(previous.statementImport));
    fs.writeFileSync('bench/RESULTS.md', md.join('\n') + '\n');
    console.log(JSON.stringify(previous.statementImport, null, 2));
    process.exit(0);
  }
  const results = [];
  for (const kind of ['pglite', 'postgres'] as const) {
    try {
      results.push(await benchEngine(kind));
    } catch (err) {
      if (kind === 'postgres') console.error('PostgreSQL benchmark skipped:', (err as Error).message);
      else throw err;
    }
  }
  const pgStatement = results.find((r) => 'statementImport' in r && r.statementImport)?.statementImport ?? null;
  const out = { at: new Date().toISOString(), bidsPerPath: N, node: process.version, results, statementImport: pgStatement };
  fs.mkdirSync('bench', { recursive: true });
  fs.writeFileSync('bench/results.json', JSON.stringify(out, null, 2) + '\n');
  const lines = [
    `Bid path, ${N} sequential bids per path, measured ${out.at.slice(0, 10)} on ${out.node} (2 cores, shared machine).`,
    'Baseline = the bare SQL transaction a bid needs (lock lot row, insert bid, update lot), same database, same run.',
    '',
    '| engine | path | bids/s | p50 ms | p95 ms | p99 ms | vs baseline (p50) |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    for (const [name, s] of [['raw SQL baseline', r.baseline], ['REST POST /bids', r.http], ['Socket.IO bid:place', r.socket]] as const) {
      lines.push(`| ${r.engine} | ${name} | ${s.opsPerSec} | ${s.p50Ms} | ${s.p95Ms} | ${s.p99Ms} | ${(s.p50Ms / r.baseline.p50Ms).toFixed(1)}× |`);
    }
  }
  if (pgStatement) {
    lines.push('', statementLine(pgStatement));
  }
  fs.writeFileSync('bench/RESULTS.md', lines.join('\n') + '\n');
  console.log(lines.join('\n'));
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
