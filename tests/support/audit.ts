import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../server/platform/db/index';

/** Runs `npm run audit:verify` against the same database the server used. */
function auditVerify(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
    env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8', timeout: 60_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/**
 * A database of the suite's own that audit:verify is pointed at: TEST_DATABASE_URL when set, else a PGlite
 * folder named after `prefix`, made before the suite and removed after it.
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
  return {
    open: (): Promise<Database> => (pgUrl ? openDatabase({ databaseUrl: pgUrl }) : openDatabase({ dataDir })),
    verify: () => auditVerify(env),
  };
}
