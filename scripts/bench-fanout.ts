/**
 * Fan-out benchmark: one live lot on PostgreSQL, 1,000 and 5,000 watcher sockets, bids placed at a fixed rate
 * for a while; against a bare Socket.IO server (no platform: a room and a broadcast) sending the same payload
 * to the same number of watchers at the same rate, in the same run.
 *
 * Processes: the platform runs in this process; the bare server runs in a child process of its own; the
 * watchers (socket.io-client) are spread over several child processes so that the receiving side is not the
 * bottleneck. Only one server is broadcasting at a time. Clocks: every process reads the same machine clock
 * (performance.timeOrigin + performance.now()), so a receipt time minus an emit time is a delivery latency.
 *
 * Delivery latency is measured from the server's emit (the broadcast call: for the platform after the commit,
 * for the bare server when it sends) to the watcher's receipt of that bid, and for the platform also from the
 * moment the bid was placed. Memory per watcher is the server process's heap and RSS growth (after GC) with
 * the watchers connected and watching, divided by their number.
 *
 * Writes the `fanout` key of bench/results.json and the "Fan-out" section of bench/RESULTS.md.
 * Usage: node --expose-gc --import tsx scripts/bench-fanout.ts [--watchers 1000,5000] [--seconds 10] [--rate 20] [--clients 3]
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Decimal } from 'decimal.js';
import pg from 'pg';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';

const SELF = fileURLToPath(import.meta.url);
const now = () => performance.timeOrigin + performance.now();

const { values } = parseArgs({ options: {
  role: { type: 'string', default: 'main' },
  watchers: { type: 'string', default: '1000,5000' },
  seconds: { type: 'string', default: '10' },
  rate: { type: 'string', default: '20' },
  clients: { type: 'string', default: String(Math.max(2, Math.min(4, os.cpus().length))) },
} });

/** Latencies bucketed at 0.05 ms: histograms from several processes add up exactly. */
const BUCKET_MS = 0.05;
type Histogram = Record<number, number>;
function addTo(h: Histogram, ms: number) {
  const b = Math.max(0, Math.round(ms / BUCKET_MS));
  h[b] = (h[b] ?? 0) + 1;
}
function merge(into: Histogram, from: Histogram) {
  for (const [k, v] of Object.entries(from)) into[Number(k)] = (into[Number(k)] ?? 0) + v;
}
function quantile(h: Histogram, q: number): number {
  const keys = Object.keys(h).map(Number).sort((a, b) => a - b);
  const total = keys.reduce((s, k) => s + h[k], 0);
  if (total === 0) return NaN;
  let seen = 0;
  for (const k of keys) {
    seen += h[k];
    if (seen >= q * total) return +(k * BUCKET_MS).toFixed(2);
  }
  return +(keys[keys.length - 1] * BUCKET_MS).toFixed(2);
}

function send(msg: unknown) {
  process.send!(msg);
}
function gcNow() {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
}
function memory() {
  gcNow();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss, external: m.external + m.arrayBuffers };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- watcher processes

/** Opens `count` watchers on the lot and records when each bid (by amount) reaches each of them. */
async function clientRole() {
  let sockets: ClientSocket[] = [];
  let receipts = new Map<string, number[]>();
  let events = 0;
  process.on('message', async (m: { type: string; url?: string; lotId?: string; count?: number; sentAt?: Record<string, number> }) => {
    if (m.type === 'connect') {
      receipts = new Map();
      events = 0;
      const batch = 50;
      for (let i = 0; i < m.count!; i += batch) {
        await Promise.all(Array.from({ length: Math.min(batch, m.count! - i) }, async () => {
          const s = connect(`${m.url}/live`, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: 300_000 });
          await new Promise<void>((resolve, reject) => {
            s.once('connect', () => resolve());
            s.once('connect_error', reject);
          });
          s.on('lot:bid', (e: { amount: string; bids?: Array<{ amount: string }> }) => {
            const at = now();
            events++;
            for (const b of e.bids ?? [e]) {
              let list = receipts.get(b.amount);
              if (!list) receipts.set(b.amount, (list = []));
              list.push(at);
            }
          });
          const ack = await s.timeout(300_000).emitWithAck('lot:watch', { lotId: m.lotId });
          if (!ack?.ok) throw new Error(`watch refused: ${JSON.stringify(ack)}`);
          sockets.push(s);
        }));
      }
      send({ type: 'connected', count: sockets.length });
    } else if (m.type === 'report') {
      // sentAt: per amount, the time the latency counts from. A receipt of an unknown amount is not counted.
      const hist: Histogram = {};
      let deliveries = 0;
      let first = Infinity;
      let last = 0;
      for (const [amount, list] of receipts) {
        const from = m.sentAt![amount];
        if (from === undefined) continue;
        for (const at of list) {
          addTo(hist, at - from);
          deliveries++;
          if (at < first) first = at;
          if (at > last) last = at;
        }
      }
      send({ type: 'report', hist, deliveries, events, first, last, distinct: receipts.size });
    } else if (m.type === 'reset') {
      receipts = new Map();
      events = 0;
      send({ type: 'reset' });
    } else if (m.type === 'close') {
      for (const s of sockets) s.disconnect();
      sockets = [];
      send({ type: 'closed' });
    }
  });
  send({ type: 'ready' });
}

// ---------------------------------------------------------------- bare Socket.IO server

/** A Socket.IO server with the platform's options and nothing else: watchers join a room, the room gets the payload. */
async function bareRole() {
  const server = http.createServer();
  const ioServer = new Server(server, { serveClient: false, maxHttpBufferSize: 16 * 1024, pingInterval: 10_000, pingTimeout: 8_000 });
  const live = ioServer.of('/live');
  live.on('connection', (socket) => {
    socket.on('lot:watch', (payload: { lotId: string }, ack: (r: unknown) => void) => {
      void socket.join(`lot:${payload.lotId}`);
      ack({ ok: true });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  process.on('message', async (m: { type: string; lotId?: string; template?: Record<string, unknown>; seconds?: number; rate?: number; start?: string; increment?: string }) => {
    if (m.type === 'memory') send({ type: 'memory', ...memory() });
    else if (m.type === 'run') {
      const emittedAt: Record<string, number> = {};
      let price = new Decimal(m.start!);
      let seq = Number(m.template!.seq);
      const total = Math.round(m.seconds! * m.rate!);
      const interval = 1000 / m.rate!;
      const t0 = now();
      for (let i = 0; i < total; i++) {
        const wait = t0 + i * interval - now();
        if (wait > 0) await sleep(wait);
        const amount = price.toFixed(2);
        seq++;
        const entry = { ...m.template!, seq, amount, currentPrice: amount, bidCount: seq };
        emittedAt[amount] = now();
        live.to(`lot:${m.lotId}`).emit('lot:bid', { ...entry, bids: [entry] });
        price = price.plus(m.increment!);
      }
      send({ type: 'ran', emittedAt, wallMs: now() - t0 });
    } else if (m.type === 'close') {
      ioServer.close();
      send({ type: 'closed' });
      process.exit(0);
    }
  });
  send({ type: 'ready', port });
}

// ---------------------------------------------------------------- orchestration

class Child {
  private waiting = new Map<string, { resolve: (m: any) => void; reject: (e: Error) => void }>();
  constructor(readonly proc: ChildProcess) {
    proc.on('message', (m: { type: string }) => {
      const w = this.waiting.get(m.type);
      if (w) {
        this.waiting.delete(m.type);
        w.resolve(m);
      }
    });
    proc.on('exit', (code) => {
      for (const [type, w] of this.waiting) w.reject(new Error(`child exited with ${code} waiting for ${type}`));
      this.waiting.clear();
    });
  }
  static async start(role: string): Promise<{ child: Child; ready: any }> {
    const proc = fork(SELF, ['--role', role], { execArgv: ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const child = new Child(proc);
    const ready = await child.next('ready');
    return { child, ready };
  }
  next(type: string): Promise<any> {
    return new Promise((resolve, reject) => this.waiting.set(type, { resolve, reject }));
  }
  async ask(msg: { type: string } & Record<string, unknown>, reply: string): Promise<any> {
    const p = this.next(reply);
    this.proc.send(msg);
    return p;
  }
}

interface Side {
  watchers: number;
  deliveriesPerSec: number;
  deliveries: number;
  expected: number;
  events: number;
  p50Ms: number;
  p99Ms: number;
  fromPlacement?: { p50Ms: number; p99Ms: number };
  bidsPerSec?: number;
  memory: { heapPerWatcherKB: number; rssPerWatcherKB: number; heapDeltaMB: number; rssDeltaMB: number };
}

async function connectWatchers(clients: Child[], url: string, lotId: string, n: number) {
  const per = Math.ceil(n / clients.length);
  await Promise.all(clients.map((c, i) => c.ask({ type: 'connect', url, lotId, count: Math.max(0, Math.min(per, n - i * per)) }, 'connected')));
}

async function collect(clients: Child[], sentAt: Record<string, number>) {
  const reports = await Promise.all(clients.map((c) => c.ask({ type: 'report', sentAt }, 'report')));
  const hist: Histogram = {};
  let deliveries = 0;
  let events = 0;
  let first = Infinity;
  let last = 0;
  for (const r of reports) {
    merge(hist, r.hist);
    deliveries += r.deliveries;
    events += r.events;
    first = Math.min(first, r.first);
    last = Math.max(last, r.last);
  }
  return { hist, deliveries, events, first, last };
}

function perWatcher(before: { heapUsed: number; rss: number }, after: { heapUsed: number; rss: number }, n: number) {
  return {
    heapPerWatcherKB: +((after.heapUsed - before.heapUsed) / n / 1024).toFixed(1),
    rssPerWatcherKB: +((after.rss - before.rss) / n / 1024).toFixed(1),
    heapDeltaMB: +((after.heapUsed - before.heapUsed) / 1048576).toFixed(1),
    rssDeltaMB: +((after.rss - before.rss) / 1048576).toFixed(1),
  };
}

async function main() {
  if (!(globalThis as { gc?: unknown }).gc) {
    // Memory is measured after a full collection: start again with the collector exposed.
    const child = fork(SELF, process.argv.slice(2), { execArgv: ['--expose-gc', '--max-old-space-size=4096', '--import', 'tsx'], stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 1));
    return;
  }
  const sizes = values.watchers!.split(',').map((s) => Math.max(10, Math.min(20_000, Number(s))));
  const seconds = Math.max(2, Math.min(120, Number(values.seconds)));
  const rate = Math.max(1, Math.min(100, Number(values.rate)));
  const clientCount = Math.max(1, Math.min(16, Number(values.clients)));

  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dbName = `auction_bench_fanout_${process.pid}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try { await c.query(statement); } finally { await c.end(); }
  };
  await admin(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin(`CREATE DATABASE ${dbName}`);
  const u = new URL(base);
  u.pathname = `/${dbName}`;
  process.env.TEST_DATABASE_URL = u.toString();

  const { startTestServer, emitAck } = await import('../tests/support/server');
  const { bidderWithDeposit, publishedLot } = await import('../tests/support/factories');
  const t = await startTestServer({ jobs: true, env: { BID_RATE_PER_SECOND: '0' } });
  const clients: Child[] = [];
  let bare: Child | null = null;
  const results: Array<{ watchers: number; platform: Side; bare: Side; ratios: Record<string, number> }> = [];
  try {
    const staff = (await t.user('court_staff')).api;
    const finance = (await t.user('finance')).api;
    const lot = await publishedLot(t, staff, { live: true, biddingHours: 24 * 30 });
    const bidders = [await bidderWithDeposit(t, lot.id, finance), await bidderWithDeposit(t, lot.id, finance)];
    const bidSockets = await Promise.all(bidders.map((b) => t.socket(b.token)));

    // The platform's emit instant per bid, at the broadcast call (after the commit).
    const emittedAt: Record<string, number> = {};
    const adapter = t.platform.realtime.live.adapter;
    const broadcast = adapter.broadcast.bind(adapter);
    adapter.broadcast = (packet, opts) => {
      const [event, payload] = packet.data as [string, { bids?: Array<{ amount: string }> }];
      if (event === 'lot:bid') {
        const at = now();
        for (const b of payload.bids ?? []) emittedAt[b.amount] = at;
      }
      broadcast(packet, opts);
    };

    let price = new Decimal(lot.startingPrice);
    let n = 0;
    const placeAll = async (count: number) => {
      // Two bidders take turns on a fixed schedule; a bid leaves once the one before it is acknowledged
      // (two sockets could otherwise deliver them out of order), so a slow ack delays the next bid.
      const placedAt: Record<string, number> = {};
      const interval = 1000 / rate;
      const t0 = now();
      for (let i = 0; i < count; i++) {
        const wait = t0 + i * interval - now();
        if (wait > 0) await sleep(wait);
        const amount = price.toFixed(2);
        price = price.plus(lot.bidIncrement);
        const k = n++;
        placedAt[amount] = now();
        const ack = await emitAck(bidSockets[k % 2], 'bid:place', { lotId: lot.id, amount, clientBidId: `fan-${k}` }, 30_000);
        if (!ack.ok) throw new Error(`bid refused: ${JSON.stringify(ack)}`);
      }
      return { placedAt, wallMs: now() - t0 };
    };
    // One bid to learn the event's shape for the bare server's payload.
    const probe = bidSockets[0];
    const shape = new Promise<Record<string, unknown>>((resolve) => {
      const watcher = t.socket().then(async (w) => {
        w.once('lot:bid', (e: Record<string, unknown> & { bids: Array<Record<string, unknown>> }) => { resolve(e.bids[0]); w.disconnect(); });
        await emitAck(w, 'lot:watch', { lotId: lot.id });
        return w;
      });
      void watcher.then(() => placeAll(1));
    });
    void probe;
    const eventShape = await shape;

    for (let i = 0; i < clientCount; i++) clients.push((await Child.start('client')).child);
    const started = await Child.start('bare');
    bare = started.child;
    const bareUrl = `http://127.0.0.1:${started.ready.port}`;

    for (const size of sizes) {
      const total = Math.round(seconds * rate);
      // The platform.
      await sleep(500);
      const pBefore = memory();
      await connectWatchers(clients, t.url, lot.id, size);
      await sleep(500);
      const pAfter = memory();
      const { placedAt, wallMs: pWall } = await placeAll(total);
      await sleep(1500);
      const p = await collect(clients, emittedAt);
      const pPlaced = await collect(clients, placedAt);
      await Promise.all(clients.map((c) => c.ask({ type: 'close' }, 'closed')));

      // The bare server, same watchers, same payload, same rate.
      await sleep(500);
      const bBefore = await bare.ask({ type: 'memory' }, 'memory');
      await connectWatchers(clients, bareUrl, lot.id, size);
      await sleep(500);
      const bAfter = await bare.ask({ type: 'memory' }, 'memory');
      // The bare server sends as many bids at the rate the platform actually reached (acks can slow placement).
      const achieved = total / (pWall / 1000);
      const run = await bare.ask({ type: 'run', lotId: lot.id, template: eventShape, seconds: total / achieved, rate: achieved, start: '1000000000.00', increment: '100.00' }, 'ran');
      await sleep(1500);
      const b = await collect(clients, run.emittedAt);
      await Promise.all(clients.map((c) => c.ask({ type: 'close' }, 'closed')));

      const side = (r: Awaited<ReturnType<typeof collect>>, mem: Side['memory'], wallMs: number): Side => ({
        watchers: size,
        deliveries: r.deliveries,
        expected: size * total,
        events: r.events,
        deliveriesPerSec: Math.round(r.deliveries / (wallMs / 1000)),
        p50Ms: quantile(r.hist, 0.5),
        p99Ms: quantile(r.hist, 0.99),
        memory: mem,
      });
      const platform = { ...side(p, perWatcher(pBefore, pAfter, size), pWall), bidsPerSec: +achieved.toFixed(1), fromPlacement: { p50Ms: quantile(pPlaced.hist, 0.5), p99Ms: quantile(pPlaced.hist, 0.99) } };
      const bareSide = side(b, perWatcher(bBefore, bAfter, size), run.wallMs);
      const ratios = {
        deliveriesPerSec: +(platform.deliveriesPerSec / bareSide.deliveriesPerSec).toFixed(3),
        p50: +(platform.p50Ms / bareSide.p50Ms).toFixed(2),
        p99: +(platform.p99Ms / bareSide.p99Ms).toFixed(2),
        heapPerWatcher: +(platform.memory.heapPerWatcherKB / bareSide.memory.heapPerWatcherKB).toFixed(2),
        rssPerWatcher: +(platform.memory.rssPerWatcherKB / bareSide.memory.rssPerWatcherKB).toFixed(2),
      };
      results.push({ watchers: size, platform, bare: bareSide, ratios });
      console.log(JSON.stringify(results[results.length - 1]));
    }
  } finally {
    for (const c of clients) c.proc.kill();
    if (bare) bare.proc.kill();
    await t.stop();
    const { closeSharedDatabase } = await import('../tests/support/server');
    await closeSharedDatabase();
    await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }

  // What one more watcher costs: the heap growth between the smallest and the largest run, per watcher added,
  // so that what a server allocates once (code paths warmed by the first watch, pools) is not spread over them.
  const [small, large] = [results[0], results[results.length - 1]];
  const marginalKB = (side: 'platform' | 'bare') => +(((large[side].memory.heapDeltaMB - small[side].memory.heapDeltaMB) * 1024) / (large.watchers - small.watchers)).toFixed(1);
  const marginal = results.length > 1 ? {
    from: small.watchers, to: large.watchers,
    platformHeapKB: marginalKB('platform'), bareHeapKB: marginalKB('bare'),
    ratio: +(marginalKB('platform') / marginalKB('bare')).toFixed(2),
  } : null;
  const fanout = {
    marginal,
    at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, engine: 'postgres',
    seconds, bidsPerSecond: rate, watcherProcesses: clientCount, loadAverage: +os.loadavg()[0].toFixed(1),
    note: 'delivery latency from the server\'s broadcast call to receipt; platform.fromPlacement counts from the bid:place emit',
    runs: results,
  };
  fs.mkdirSync('bench', { recursive: true });
  const previous = fs.existsSync('bench/results.json') ? JSON.parse(fs.readFileSync('bench/results.json', 'utf8')) : {};
  previous.fanout = fanout;
  fs.writeFileSync('bench/results.json', JSON.stringify(previous, null, 2) + '\n');
  writeSection(fanout);
}

const SECTION = '## Fan-out to watchers';
function writeSection(f: { marginal: { from: number; to: number; platformHeapKB: number; bareHeapKB: number; ratio: number } | null; at: string; loadAverage: number; seconds: number; bidsPerSecond: number; watcherProcesses: number; cpus: number; runs: Array<{ watchers: number; platform: Side; bare: Side; ratios: Record<string, number> }> }) {
  const lines = [
    SECTION,
    '',
    `One live lot on PostgreSQL, ${f.bidsPerSecond} bids/s for ${f.seconds} s, watchers spread over ${f.watcherProcesses} socket.io-client processes, on ${f.cpus} cores with a load average of ${f.loadAverage} at the end (${f.at}). `
      + 'Bids are placed each after the previous acknowledgement, so bids/s is the rate reached; the bare server sends at that rate. '
      + 'The bare server is Socket.IO alone (a room and a broadcast of the same payload at the same rate), run in the same bench. '
      + 'Latency from the broadcast call to receipt (the platform\'s from the bid\'s placement in brackets); memory is the server\'s growth after GC with the watchers watching.',
    '',
    '| watchers | server | bids/s | deliveries/s | delivered / expected | p50 ms | p99 ms | heap KB/watcher | RSS KB/watcher |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of f.runs) {
    const row = (name: string, s: Side) => `| ${r.watchers.toLocaleString('en')} | ${name} | ${s.bidsPerSec ?? r.platform.bidsPerSec} | ${s.deliveriesPerSec.toLocaleString('en')} | ${s.deliveries.toLocaleString('en')} / ${s.expected.toLocaleString('en')} | ${s.p50Ms}${s.fromPlacement ? ` (${s.fromPlacement.p50Ms})` : ''} | ${s.p99Ms}${s.fromPlacement ? ` (${s.fromPlacement.p99Ms})` : ''} | ${s.memory.heapPerWatcherKB} | ${s.memory.rssPerWatcherKB} |`;
    lines.push(row('platform', r.platform), row('bare Socket.IO', r.bare));
    lines.push(`| | **platform ÷ bare** | | **${r.ratios.deliveriesPerSec}×** | | ${r.ratios.p50}× | ${r.ratios.p99}× | **${r.ratios.heapPerWatcher}×** | ${r.ratios.rssPerWatcher}× |`);
  }
  if (f.marginal) {
    lines.push('', `Heap per watcher added, from ${f.marginal.from.toLocaleString('en')} to ${f.marginal.to.toLocaleString('en')} watchers (what the server allocates once is left out): `
      + `platform ${f.marginal.platformHeapKB} KB, bare Socket.IO ${f.marginal.bareHeapKB} KB, **${f.marginal.ratio}×**.`);
  }
  lines.push('', 'Targets: deliveries/s at least 0.9× bare at 5,000 watchers; memory per watcher at most 1.1× bare. `node --expose-gc --import tsx scripts/bench-fanout.ts`.', '');
  const md = fs.existsSync('bench/RESULTS.md') ? fs.readFileSync('bench/RESULTS.md', 'utf8') : '';
  const start = md.indexOf(SECTION);
  let out: string;
  if (start < 0) out = md.replace(/\n*$/, '\n\n') + lines.join('\n');
  else {
    // The section ends where the next one begins: a heading or a marked block.
    const rest = md.slice(start + SECTION.length);
    const found = rest.search(/\n(## |<!-- )/);
    out = md.slice(0, start) + lines.join('\n') + (found >= 0 ? '\n' + rest.slice(found) : '');
  }
  fs.writeFileSync('bench/RESULTS.md', out.replace(/\n*$/, '\n'));
}

// A watcher or bare-server process ends with the run that started it.
if (values.role !== 'main') process.on('disconnect', () => process.exit(0));
if (values.role === 'client') void clientRole();
else if (values.role === 'bare') void bareRole();
else await main();
