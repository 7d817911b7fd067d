/**
 * npm run seed:province [-- --lots 200000 --courts 120 --year 2025 --seed 1 --data-dir ./data/province --force]
 *
 * Writes a province-year of finished auctions (server/modules/demo/province.ts) into DATABASE_URL, or, when
 * it is unset, into an embedded database in --data-dir. Then brings the statistics rollup up to date, so the
 * first GET /api/stats does not pay for it. Refuses a database that already has lots unless --force.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { EmbeddedDatabaseBusyError, openDatabase } from '../server/platform/db/index';
import { generateProvince, MAX_COURTS } from '../server/modules/demo/province';
import { refreshStatsFacts } from '../server/modules/stats/stats.facts';

const USAGE = `Usage: npm run seed:province [-- options]

Writes a province-year of finished auctions into DATABASE_URL, or, when it is unset, into an embedded
database in --data-dir, then brings the statistics rollup up to date.

  --lots N        finished auctions to write (default 200000)
  --courts N      courts (default 120, at most ${MAX_COURTS})
  --year YYYY     the calendar year they close in, UTC+8 (default 2025)
  --seed N        the generator's seed: the same seed gives the same province (default 1)
  --data-dir DIR  the embedded database's folder when DATABASE_URL is unset (default ./data/province)
  --force         write into a database that already has lots
  --help          this text
`;

function parseOptions() {
  try {
    return parseArgs({ options: {
      lots: { type: 'string', default: '200000' },
      courts: { type: 'string', default: '120' },
      year: { type: 'string', default: '2025' },
      seed: { type: 'string', default: '1' },
      'data-dir': { type: 'string', default: './data/province' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    } });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const { values } = parseOptions();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

function positiveInt(name: string, raw: string, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    console.error(`--${name} must be a whole number from 1 to ${max} (got ${raw}).`);
    process.exit(2);
  }
  return n;
}

async function main() {
  const lots = positiveInt('lots', values.lots, 5_000_000);
  const courts = positiveInt('courts', values.courts, MAX_COURTS);
  const year = positiveInt('year', values.year, 9998);
  const seed = positiveInt('seed', values.seed, 2 ** 31 - 1);
  const url = process.env.DATABASE_URL;
  const database = await openDatabase(url ? { databaseUrl: url } : { dataDir: values['data-dir'] });
  const where = url ? `PostgreSQL (${new URL(url).pathname.slice(1)})` : `the embedded database in ${values['data-dir']}`;
  try {
    const res = await database.db.execute(sql`select count(*)::int as n from lots`);
    const existing = Number((res as unknown as { rows: Array<{ n: number }> }).rows[0].n);
    if (existing > 0 && !values.force) {
      console.error(`Refusing to write: ${where} already has ${existing} lots. A province-year is synthetic data; mixed into real or demo`
        + ' lots it would distort every statistic and the results page. Use an empty database, or pass --force to add it anyway.');
      process.exitCode = 1;
      return;
    }
    console.log(`Writing ${lots} lots across ${courts} courts for ${year} (seed ${seed}) into ${where}...`);
    // Added to a database that has lots: new identifiers, and case numbers after every existing one.
    const cases = Number((await database.db.execute(sql`select count(*)::int as n from cases`) as unknown as { rows: Array<{ n: number }> }).rows[0].n);
    const r = await generateProvince(database.db, {
      lots, courts, year, seed, namespace: existing > 0 ? `province-${seed}-${year}-${Date.now()}` : undefined, caseSerialStart: existing > 0 ? 3 * cases + 1 : 0,
      onProgress: (n) => process.stdout.write(`\r  ${n} lots`),
    });
    process.stdout.write('\n');
    console.log(`Wrote ${r.lots} lots (sold ${r.byStatus.sold}, unsold ${r.byStatus.unsold}, defaulted ${r.byStatus.defaulted}; `
      + `round 1 ${r.byRound['1']}, round 2 ${r.byRound['2']}, sell-off ${r.byRound.sell_off}; ${r.creditorTakeovers} creditor takeovers), `
      + `${r.assets} assets in ${r.cases} cases at ${r.courts.length} courts, ${r.registrations} registrations, ${r.bids} bids, ${r.users} users `
      + `in ${(r.ms / 1000).toFixed(1)} s.`);
    const t0 = performance.now();
    const n = await refreshStatsFacts(database.db);
    console.log(`Statistics rollup brought up to date (${n} lots) in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  if (err instanceof EmbeddedDatabaseBusyError) console.error(err.message);
  else console.error('seed:province failed:', err instanceof Error ? err.stack ?? err.message : err);
  process.exit(2);
});
