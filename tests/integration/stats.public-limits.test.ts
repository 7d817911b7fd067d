import crypto from 'node:crypto';
import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { generateProvince } from '../../server/modules/demo/province';
import { startTestServer, type TestServer } from '../support/server';

let ipCounter = crypto.randomInt(0, 50_000);
const freshIp = () => { ipCounter++; return `192.${168 - (ipCounter >> 16) % 8}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`; };

/**
 * The statistics and results are public: a script hammering them, or a few large CSV exports, must not
 * stall the process that runs live bidding.
 */
describe('public statistics and results: per-address limits and exports that do not stall the server', () => {
  let t: TestServer;
  const run = crypto.randomUUID().slice(0, 8);
  let court = '';
  let lots = 0;
  before(async function () {
    this.timeout(300_000);
    t = await startTestServer({ jobs: false, env: { PUBLIC_READS_PER_MINUTE: '120', PUBLIC_CSV_PER_MINUTE: '10' } });
    const p = await generateProvince(t.database.db, { lots: 3000, courts: 1, year: 2025, seed: 11, courtPrefix: `Limits ${run} `, namespace: `limits-${run}` });
    court = p.courts[0];
    lots = p.lots;
  });
  after(async () => { await t.stop(); });

  const get = (path: string, ip: string) => t.anon.request('GET', path, undefined, { headers: { 'x-forwarded-for': ip } });
  const lotCount = async () => Number(((await t.database.db.execute(sql`select count(*)::int as n from lots`)) as unknown as { rows: Array<{ n: number }> }).rows[0].n);

  it('when one address asks for an 11th CSV within a minute, then 429 RATE_LIMITED with Retry-After, nothing changes, and other addresses are served', async () => {
    const ip = freshIp();
    const path = `/api/results?format=csv&court=${encodeURIComponent(court)}&from=2025-03-01&to=2025-03-02`;
    const before = await lotCount();
    for (let i = 0; i < 10; i++) {
      const r = await get(path, ip);
      expect(r.status, String(r.body).slice(0, 200)).to.equal(200);
    }
    for (const p of [path, `/api/stats?format=csv&court=${encodeURIComponent(court)}`]) {
      const refused = await get(p, ip);
      expect(refused.status).to.equal(429);
      expect(refused.body.error.code).to.equal('RATE_LIMITED');
      expect(refused.body.error.details.retryAfterMs).to.be.within(1, 60_000);
      expect(Number(refused.headers.get('retry-after'))).to.be.within(1, 60);
    }
    expect(await lotCount()).to.equal(before);
    // The pages have a share of their own, and another address is not affected.
    expect((await get(`/api/results?court=${encodeURIComponent(court)}&limit=1`, ip)).status).to.equal(200);
    expect((await get(path, freshIp())).status).to.equal(200);
  });

  it('when one address asks for a 121st page within a minute, then 429 RATE_LIMITED', async () => {
    const ip = freshIp();
    const path = `/api/stats/courts`;
    const answers = await Promise.all(Array.from({ length: 120 }, () => get(path, ip)));
    expect(answers.every((r) => r.status === 200), answers.map((r) => r.status).join(',')).to.equal(true);
    const refused = await get(`/api/results?limit=1`, ip);
    expect(refused.status).to.equal(429);
    expect(refused.body.error.code).to.equal('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).to.be.at.least(1);
  });

  it('when CSV exports of a few thousand lots run, then /api/health keeps answering meanwhile (within a second, or half the export on a slow machine) and every row arrives', async function () {
    this.timeout(120_000);
    let exporting = true;
    let slowest = 0;
    let polls = 0;
    const poll = (async () => {
      while (exporting) {
        const started = performance.now();
        const h = await t.anon.get('/api/health');
        expect(h.status).to.equal(200);
        slowest = Math.max(slowest, performance.now() - started);
        polls++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const path = `/api/results?format=csv&court=${encodeURIComponent(court)}`;
    const exportStarted = performance.now();
    const files = await Promise.all([get(path, freshIp()), get(path, freshIp())]);
    const exportMs = performance.now() - exportStarted;
    exporting = false;
    await poll;
    for (const f of files) {
      expect(f.status).to.equal(200);
      expect(f.headers.get('x-results-truncated')).to.equal(null);
      const lines = String(f.body).split('\r\n').filter(Boolean);
      expect(lines.length).to.equal(lots + 1);
      expect(new Set(lines.slice(1).map((l) => l.split(',')[0])).size).to.equal(lots);
    }
    expect(polls).to.be.greaterThan(2);
    // An export that held the event loop would hold /api/health for about as long as itself. The bound is a
    // second, or half the exports' time where a loaded machine makes them slow: either way, no stall.
    expect(slowest, `slowest /api/health during ${Math.round(exportMs)} ms of exports: ${Math.round(slowest)} ms`).to.be.below(Math.max(1000, exportMs / 2));
  });

  it('when a third export starts while two run, then it waits for a turn (up to 2 s) or is refused with 429 and Retry-After', async function () {
    this.timeout(120_000);
    const path = `/api/results?format=csv&court=${encodeURIComponent(court)}`;
    const answers = await Promise.all(Array.from({ length: 8 }, () => get(path, freshIp())));
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 200 || s === 429), statuses.join(',')).to.equal(true);
    expect(statuses.filter((s) => s === 200).length).to.be.at.least(2);
    for (const r of answers.filter((a) => a.status === 429)) {
      expect(r.body.error.code).to.equal('RATE_LIMITED');
      expect(Number(r.headers.get('retry-after'))).to.equal(5);
    }
  });
});
