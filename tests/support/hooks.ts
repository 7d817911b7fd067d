/**
 * Root hooks: with DATABASE_URL set, the run gets a fresh PostgreSQL database of its own (dropped at the
 * end); without it, every test server gets a fresh in-memory embedded engine.
 */
import pg from 'pg';

let created: { adminUrl: string; name: string } | null = null;

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    const base = process.env.DATABASE_URL;
    if (!base || process.env.TEST_DATABASE_URL) return;
    const name = `auction_test_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    process.env.TEST_DATABASE_URL = url.toString();
    created = { adminUrl: base, name };
  },
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    if (!created) return;
    const { closeSharedDatabase } = await import('./server');
    await closeSharedDatabase();
    const admin = new pg.Client({ connectionString: created.adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${created.name} WITH (FORCE)`);
    await admin.end();
  },
};
