/**
 * Benchmarks the bid path against a raw baseline measured in the same run on the same database:
 * the baseline is the bare transaction a bid needs (lock the lot row, insert a row, update the lot),
 * sent as SQL without the platform; the measured paths are a bid over HTTP and over Socket.IO.
 * On PostgreSQL it also imports a large bank statement over HTTP (POST /api/finance/statements) against real
 * pending registrations, and measures its wall time.
 * Writes bench/results.json and bench/RESULTS.md. Usage: npm run bench [-- --bids 400] [-- --statement-lines 50000]
 * (`--only statements` runs the statement import alone and updates just its figure in bench/results.json).
 * Statistics at province scale: a generated province-year (default 200,000 finished lots, 120 courts) on
 * each engine, GET /api/stats for the whole year, one court's year and the year by month, each against a
 * brute-force SQL aggregate over the same lots measured in the same run (`--only stats` runs this alone;
 * `--stats-lots`, `--stats-pglite-lots`, `--stats-reps`, `--stats-engines postgres,pglite`).
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
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../server/platform/db/index';
import { bruteForceFigures, bruteForceStats, generateProvince, type BruteForceQuery } from '../server/modules/demo/province';
import { refreshStatsFacts, monthUtc8 } from '../server/modules/stats/stats.facts';
import { finishedAuctions, type AuctionFactRow } from '../server/modules/stats/stats.repository';
import { aggregate, type AuctionFact, type AuctionRound } from '../shared/stats';

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
  'stats-lots': { type: 'string', default: '200000' },
  'stats-pglite-lots': { type: 'string', default: '50000' },
  'stats-courts': { type: 'string', default: '120' },
  'stats-reps': { type: 'string', default: '30' },
  'stats-engines': { type: 'string', default: 'postgres,pglite' },
} });
const N = Math.max(50, Math.min(5000, Number(values.bids)));
const STATEMENT_LINES = Math.max(100, Math.min(100_000, Number(values['statement-lines'])));
const STATEMENT_REGISTRATIONS = Math.max(10, Math.min(50_000, Number(values['statement-registrations'])));
const STATEMENT_LOTS = 10;
const STATS_LOTS = Math.max(1000, Math.min(2_000_000, Number(values['stats-lots'])));
const STATS_PGLITE_LOTS = Math.max(1000, Math.min(2_000_000, Number(values['stats-pglite-lots'])));
const STATS_COURTS = Math.max(12, Math.min(130, Number(values['stats-courts'])));
const STATS_REPS = Math.max(30, Math.min(1000, Number(values['stats-reps'])));
const STATS_YEAR = 2025;
const STATS_SEED = 1;

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
  // one lot:bid event may carry several bids (coalesced fan-out): count the bids
  watcher.on('lot:bid', (e: { bids?: unknown[] }) => { delivered += e.bids?.length ?? 1; });
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

/* ------------------------------------------------------------------ statistics at province scale */

interface StatsQuerySpec { name: string; label: string; query: Record<string, string>; brute: BruteForceQuery }

/** The statistics as they were computed before the rollup: every finished lot read and aggregated per request. */
async function perLotStats(db: Database['db'], spec: StatsQuerySpec) {
  const rows = await finishedAuctions(db, { from: spec.brute.from, to: spec.brute.to, court: spec.brute.court });
  const fact = (r: AuctionFactRow): AuctionFact => ({
    round: r.round as AuctionRound, outcome: r.status === 'sold' ? 'sold' : r.status === 'defaulted' ? 'defaulted' : 'unsold',
    startingPrice: new Decimal(r.startingPrice), referencePrice: new Decimal(r.referencePrice ?? 0), finalPrice: r.finalPrice === null ? null : new Decimal(r.finalPrice),
    bidders: r.bidders, bids: r.bids, extensions: r.extensions, loserDeposits: r.loserDeposits, loserDepositsRefundedWithin24h: r.loserDepositsRefundedWithin24h,
  });
  if (spec.brute.groupBy !== 'month') return aggregate(rows.map(fact));
  const groups = new Map<string, AuctionFact[]>();
  for (const r of rows) {
    const k = monthUtc8(r.closedAt);
    const g = groups.get(k);
    if (g) g.push(fact(r));
    else groups.set(k, [fact(r)]);
  }
  return { ...aggregate(rows.map(fact)), groups: [...groups.keys()].sort().map((key) => ({ key, ...aggregate(groups.get(key)!) })) };
}

/** Where the API's figures differ from the brute force's (the deposit share is not in the brute force timed here). */
function disagreements(api: Record<string, unknown>, brute: Record<string, unknown>, where: string): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(brute)) {
    if (JSON.stringify(api[k]) !== JSON.stringify(v)) out.push(`${where} ${k}: api ${JSON.stringify(api[k])} ≠ brute force ${JSON.stringify(v)}`);
  }
  return out;
}

function latency(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, p50Ms: +q(0.5).toFixed(2), p95Ms: +q(0.95).toFixed(2) };
}

/**
 * One engine: a fresh database (its own PostgreSQL database, or a temporary embedded one), the platform on
 * it, a generated province-year, the rollup refreshed; then each query over HTTP and by brute force,
 * interleaved so both see the same machine, after a warm-up.
 */
async function benchStatsEngine(kind: 'postgres' | 'pglite', lots: number) {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `auction_bench_stats_${process.pid}`;
  let dataDir: string | null = null;
  let database: Database;
  if (kind === 'postgres') {
    await adminQuery(base, `DROP DATABASE IF EXISTS ${dbName}`);
    await adminQuery(base, `CREATE DATABASE ${dbName}`);
    const u = new URL(base);
    u.pathname = `/${dbName}`;
    database = await openDatabase({ databaseUrl: u.toString() });
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auction-bench-stats-'));
    database = await openDatabase({ dataDir });
  }
  const t = await startTestServer({ database, jobs: false });
  try {
    const db = database.db;
    console.log(`[stats ${kind}] generating ${lots} lots across ${STATS_COURTS} courts...`);
    const gen = await generateProvince(db, { lots, courts: STATS_COURTS, year: STATS_YEAR, seed: STATS_SEED, onProgress: (n) => process.stdout.write(`\r[stats ${kind}] ${n} lots`) });
    process.stdout.write('\n');
    let t0 = performance.now();
    const refreshed = await refreshStatsFacts(db);
    const refreshMs = Math.round(performance.now() - t0);
    console.log(`[stats ${kind}] generated in ${(gen.ms / 1000).toFixed(1)} s (${gen.bids} bids, ${gen.registrations} registrations); rollup of ${refreshed} lots in ${(refreshMs / 1000).toFixed(1)} s`);

    const from = `${STATS_YEAR}-01-01`;
    const to = `${STATS_YEAR + 1}-01-01`;
    const fromAt = new Date(`${from}T00:00:00+08:00`);
    const toAt = new Date(`${to}T00:00:00+08:00`);
    // A mid-sized court: the median of the courts by finished auctions.
    const byCourt = (await bruteForceStats(db, { from: fromAt, to: toAt, groupBy: 'court' })).sort((a, b) => a.finished - b.finished || a.key.localeCompare(b.key));
    const court = byCourt[Math.floor(byCourt.length / 2)];
    const specs: StatsQuerySpec[] = [
      { name: 'year', label: 'whole province, year', query: { from, to }, brute: { from: fromAt, to: toAt } },
      { name: 'court', label: `one court, year (${court.finished} lots)`, query: { from, to, court: court.key }, brute: { from: fromAt, to: toAt, court: court.key } },
      { name: 'month', label: 'whole province, year by month', query: { from, to, groupBy: 'month' }, brute: { from: fromAt, to: toAt, groupBy: 'month' } },
    ];
    const get = async (q: Record<string, string>) => {
      const r = await fetch(`${t.url}/api/stats?${new URLSearchParams(q)}`);
      const body = await r.json();
      if (r.status !== 200) throw new Error(`GET /api/stats answered ${r.status}: ${JSON.stringify(body).slice(0, 300)}`);
      return body as Record<string, unknown> & { groups?: Array<Record<string, unknown> & { key: string }> };
    };
    const queries = [];
    for (const spec of specs) {
      // Correctness first: the figures the API serves are the brute force's.
      await new Promise((r) => setTimeout(r, 20));
      const api = await get(spec.query);
      const brute = await bruteForceStats(db, spec.brute);
      const problems: string[] = [];
      if (spec.brute.groupBy === 'month') {
        for (const row of brute) {
          const g = api.groups?.find((x) => x.key === row.key);
          problems.push(...(g ? disagreements(g, bruteForceFigures(row), row.key) : [`${row.key}: missing from the API's groups`]));
        }
        if ((api.groups?.length ?? 0) !== brute.length) problems.push(`the API has ${api.groups?.length} groups, the brute force ${brute.length}`);
      } else {
        problems.push(...disagreements(api, bruteForceFigures(brute[0]), 'total'));
      }
      if (problems.length) console.error(`[stats ${kind}] ${spec.name}: the API disagrees with the brute force:\n  ${problems.slice(0, 10).join('\n  ')}`);
      // The embedded engine runs in this process: a long query holds the event loop past the server's keep-alive
      // timeout, so a short pause after it lets the idle connection's close land before the next request.
      const settle = () => new Promise((r) => setTimeout(r, 20));
      for (let i = 0; i < 3; i++) {
        await get(spec.query);
        await bruteForceStats(db, spec.brute);
        await settle();
      }
      const apiMs: number[] = [];
      const bruteMs: number[] = [];
      for (let i = 0; i < STATS_REPS; i++) {
        t0 = performance.now();
        await get(spec.query);
        apiMs.push(performance.now() - t0);
        t0 = performance.now();
        await bruteForceStats(db, spec.brute);
        bruteMs.push(performance.now() - t0);
        await settle();
      }
      // The per-lot computation the rollup replaced, in process (no HTTP), once: it takes seconds at this scale.
      const perLotMs: number[] = [];
      for (let i = 0; i < 1; i++) {
        t0 = performance.now();
        await perLotStats(db, spec);
        perLotMs.push(performance.now() - t0);
      }
      const a = latency(apiMs);
      const b = latency(bruteMs);
      const q = {
        name: spec.name, label: spec.label, api: a, bruteForce: b, ratioP50: +(a.p50Ms / b.p50Ms).toFixed(3),
        perLotWithoutRollup: latency(perLotMs), agrees: problems.length === 0, ...(problems.length ? { disagreements: problems.slice(0, 20) } : {}),
      };
      console.log(`[stats ${kind}] ${spec.label}: API p50 ${a.p50Ms} ms p95 ${a.p95Ms} ms; brute force p50 ${b.p50Ms} ms p95 ${b.p95Ms} ms; ratio ${q.ratioP50}; without the rollup p50 ${q.perLotWithoutRollup.p50Ms} ms`);
      queries.push(q);
    }
    return {
      engine: kind, lots: gen.lots, courts: gen.courts.length, year: STATS_YEAR, seed: STATS_SEED, court: court.key,
      sold: gen.byStatus.sold, unsold: gen.byStatus.unsold, defaulted: gen.byStatus.defaulted, byRound: gen.byRound, registrations: gen.registrations, bids: gen.bids,
      generateMs: gen.ms, lotsPerSec: Math.round(gen.lots / (gen.ms / 1000)), refreshMs, reps: STATS_REPS, queries,
    };
  } finally {
    await t.stop();
    await database.close();
    if (kind === 'postgres') await adminQuery(base, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchStats() {
  const results = [];
  const engines = (['postgres', 'pglite'] as const).filter((k) => (values['stats-engines'] ?? '').split(',').includes(k));
  for (const kind of engines) {
    try {
      results.push(await benchStatsEngine(kind, kind === 'postgres' ? STATS_LOTS : STATS_PGLITE_LOTS));
    } catch (err) {
      if (kind === 'postgres') console.error('PostgreSQL statistics benchmark skipped:', (err as Error).message);
      else throw err;
    }
  }
  return { at: new Date().toISOString(), node: process.version, results };
}

type StatsBench = Awaited<ReturnType<typeof benchStats>>;

const STATS_BEGIN = '<!-- stats -->';
const STATS_END = '<!-- /stats -->';

function statsSection(s: StatsBench): string[] {
  const lines = [STATS_BEGIN, '', `Statistics at province scale, measured ${s.at.slice(0, 10)} on ${s.node}: GET /api/stats over HTTP (rollup) against a brute-force SQL aggregate over the same lots`,
    '(one statement joining lots, assets and cases; counts, price sums, per-lot C29 commission by CASE bands, bidders by count(distinct) over bids), interleaved in the same run after a warm-up.',
    '"Without rollup" is the per-lot computation the rollup replaced (every finished lot read and aggregated per request), in process, one run.', '',
    '| engine | lots | query | API p50 ms | API p95 ms | brute force p50 ms | brute force p95 ms | API / brute force (p50) | without rollup p50 ms | figures agree |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---|'];
  for (const r of s.results) {
    for (const q of r.queries) {
      lines.push(`| ${r.engine} | ${r.lots} | ${q.label} | ${q.api.p50Ms} | ${q.api.p95Ms} | ${q.bruteForce.p50Ms} | ${q.bruteForce.p95Ms} | ${q.ratioP50.toFixed(2)} | ${q.perLotWithoutRollup.p50Ms} | ${q.agrees ? 'yes' : 'NO'} |`);
    }
  }
  lines.push('');
  for (const r of s.results) {
    lines.push(`Generator on ${r.engine}: ${r.lots} lots (${r.sold} sold, ${r.unsold} unsold, ${r.defaulted} defaulted), ${r.registrations} registrations, ${r.bids} chained bids, ${r.courts} courts in ${(r.generateMs / 1000).toFixed(1)} s (${r.lotsPerSec} lots/s); rollup refresh ${(r.refreshMs / 1000).toFixed(1)} s. ${r.reps} repetitions per query.`);
  }
  lines.push('', STATS_END);
  return lines;
}

/** Replaces the statistics section of an existing RESULTS.md (or appends it). */
function withStatsSection(md: string[], s: StatsBench): string[] {
  const begin = md.indexOf(STATS_BEGIN);
  const end = md.indexOf(STATS_END);
  const rest = begin >= 0 && end > begin ? [...md.slice(0, begin), ...md.slice(end + 1)] : md;
  while (rest.length > 0 && rest[rest.length - 1] === '') rest.pop();
  return [...rest, '', ...statsSection(s)];
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
  if (values.only === 'stats') {
    const statsBench = await benchStats();
    const previous = fs.existsSync('bench/results.json') ? JSON.parse(fs.readFileSync('bench/results.json', 'utf8')) : { results: [] };
    // An engine measured alone replaces its own figures and keeps the other engine's.
    const kept = ((previous.stats?.results ?? []) as StatsBench['results']).filter((r) => !statsBench.results.some((n) => n.engine === r.engine));
    statsBench.results = [...statsBench.results, ...kept].sort((a, b) => a.engine.localeCompare(b.engine)).reverse();
    previous.stats = statsBench;
    fs.mkdirSync('bench', { recursive: true });
    fs.writeFileSync('bench/results.json', JSON.stringify(previous, null, 2) + '\n');
    const md = fs.existsSync('bench/RESULTS.md') ? fs.readFileSync('bench/RESULTS.md', 'utf8').split('\n') : [];
    fs.writeFileSync('bench/RESULTS.md', withStatsSection(md, statsBench).join('\n') + '\n');
    console.log(statsSection(statsBench).join('\n'));
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
  const statsBench = await benchStats();
  const out = { at: new Date().toISOString(), bidsPerPath: N, node: process.version, results, statementImport: pgStatement, stats: statsBench };
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
  lines.push('', ...statsSection(statsBench));
  fs.writeFileSync('bench/RESULTS.md', lines.join('\n') + '\n');
  console.log(lines.join('\n'));
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
