import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { auditVerify } from '../../server/modules/audit/verify';
import { openDatabase, type Database } from '../../server/platform/db/index';
import { bidderWithDeposit, publishedLot } from './factories';
import { startTestServer } from './server';

/** Runs `npm run audit:verify` in a process of its own against the same database the server used. */
function auditVerifyCli(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
    env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8', timeout: 60_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/**
 * Runs in this process the audit `npm run audit:verify` runs (auditVerify) over the database `open` opens,
 * and answers its exit code and the report it prints.
 */
async function auditVerifyInProcess(open: () => Promise<Database>) {
  const database = await open();
  try {
    const report = await auditVerify(database.db);
    return { code: report.exitCode, out: report.lines.map((l) => `${l.text}\n`).join('') };
  } finally {
    await database.close();
  }
}

/**
 * A database of the suite's own that audit:verify is pointed at: TEST_DATABASE_URL when set, else a PGlite
 * folder named after `prefix`, made before the suite and removed after it. `verify` runs the audit in this
 * process; `verifyCli` runs the real `npm run audit:verify` script in a child process, which costs seconds
 * of start-up, so only the tests that prove the script itself use it.
 */
export function auditDatabase(prefix: string) {
  const pgUrl = process.env.TEST_DATABASE_URL;
  let dataDir = '';
  let env: Record<string, string> = {};
  before(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    env = pgUrl ? { DATABASE_URL: pgUrl } : { DATA_DIR: dataDir };
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const open = (): Promise<Database> => (pgUrl ? openDatabase({ databaseUrl: pgUrl }) : openDatabase({ dataDir }));
  return {
    open,
    verify: () => auditVerifyInProcess(open),
    verifyCli: () => auditVerifyCli(env),
  };
}

/** A server on `database` with court staff and finance, and a live lot two bidders have paid deposits for. */
export async function liveLotWithTwoDeposits(database: Database) {
  const t = await startTestServer({ database });
  const staff = (await t.user('court_staff')).api;
  const finance = (await t.user('finance')).api;
  const lot = await publishedLot(t, staff, { live: true });
  const a = await bidderWithDeposit(t, lot.id, finance);
  const b = await bidderWithDeposit(t, lot.id, finance);
  return { t, staff, finance, lot, a, b };
}
