/**
 * npm run audit:verify: recomputes every lot's bid chain and audit chain and every asset's valuation
 * record chain, and reconciles the books (trial balance, each deposit against its ledger account, refunds
 * owed against refunds payable); prints every broken record or mismatch and exits 1 if there is any.
 * The checks and the report are auditVerify (server/modules/audit/verify.ts); this prints and exits.
 */
import { ConfigError, loadConfig } from '../server/platform/config';
import { EmbeddedDatabaseBusyError, openDatabase } from '../server/platform/db/index';
import { auditVerify } from '../server/modules/audit/verify';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const report = await auditVerify(database.db);
    for (const line of report.lines) (line.level === 'error' ? console.error : console.log)(line.text);
    process.exitCode = report.exitCode;
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof EmbeddedDatabaseBusyError) console.error(err.message);
  else console.error('audit:verify failed:', err instanceof Error ? err.message : err);
  process.exit(2);
});
