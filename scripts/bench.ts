/**
 * Benchmarks the bid path against a raw baseline measured in the same run on the same database:
 * the baseline is the bare transaction a bid needs (lock the lot row, insert a row, update the lot),
 * sent as SQL without the platform; the measured paths are a bid over HTTP and over Socket.IO.
 * Writes bench/results.json and bench/RESULTS.md. Usage: npm run bench [-- --bids 400]
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { Decimal } from 'decimal.js';
import { sql } from 'drizzle-orm';
import { bidderWithDeposit, publishedLot } from '../tests/support/factories';
import { emitAck, startTestServer } from '../tests/support/server';
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

const { values } = parseArgs({ options: { bids: { type: 'string', default: '400' } } });
const N = Math.max(50, Math.min(5000, Number(values.bids)));

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
  await t.stop();
  if (kind === 'postgres' && dbName) {
    await adminQuery(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
  return { engine: kind, baseline, http, socket, watcherReceived: delivered };
}

async function main() {
  // The bid rate (BID_RATE_PER_SECOND, 0 above) and the per-connection event rate would throttle a benchmark; lift the latter for this process only.
  const { RateLimiter } = await import('../server/platform/rate-limit');
  RateLimiter.prototype.hit = () => 0;
  const results = [];
  for (const kind of ['pglite', 'postgres'] as const) {
    try {
      results.push(await benchEngine(kind));
    } catch (err) {
      if (kind === 'postgres') console.error('PostgreSQL benchmark skipped:', (err as Error).message);
      else throw err;
    }
  }
  const out = { at: new Date().toISOString(), bidsPerPath: N, node: process.version, results };
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
  fs.writeFileSync('bench/RESULTS.md', lines.join('\n') + '\n');
  console.log(lines.join('\n'));
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
