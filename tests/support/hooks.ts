/**
 * Root hooks and global fixtures.
 *
 * With DATABASE_URL set, each test process gets a fresh PostgreSQL database of its own: the one process of a
 * serial run, or each worker of a parallel one (`--parallel`), where root hooks run once per file and the
 * files of one worker share its database. Every database of the run carries the run's tag in its name, and
 * the global teardown, which runs once in the main process either way, drops them all.
 * Without DATABASE_URL, every test server gets a fresh in-memory embedded engine.
 */
import crypto from 'node:crypto';
import pg from 'pg';

const RUN_TAG = 'AUCTION_TEST_RUN';

// Test users' passwords are hashed at scrypt cost 2^10 instead of 2^14 (server/modules/accounts/password.ts):
// the suite creates thousands of users, and each hash and login cost 80 ms of CPU at full cost.
process.env.PASSWORD_SCRYPT_N ??= '1024';

function adminClient(): pg.Client {
  return new pg.Client({ connectionString: process.env.DATABASE_URL });
}

export async function mochaGlobalSetup() {
  // Inherited by the workers of a parallel run, which the pool starts after this.
  process.env[RUN_TAG] ??= crypto.randomBytes(4).toString('hex');
}

export async function mochaGlobalTeardown() {
  const tag = process.env[RUN_TAG];
  if (!process.env.DATABASE_URL || !tag) return;
  const admin = adminClient();
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`auction_test_${tag}_%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    if (!process.env.DATABASE_URL || process.env.TEST_DATABASE_URL) return;
    const tag = process.env[RUN_TAG] ?? crypto.randomBytes(4).toString('hex');
    process.env[RUN_TAG] = tag;
    const name = `auction_test_${tag}_${process.pid}`;
    const admin = adminClient();
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    process.env.TEST_DATABASE_URL = url.toString();
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    // The database stays for the process's next file; the global teardown drops it.
    const { closeSharedDatabase } = await import('./server');
    await closeSharedDatabase();
  },
};
