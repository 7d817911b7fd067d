/** npm run audit:verify: recomputes every lot's bid chain and audit chain; exits 1 naming the first broken record. */
import { ConfigError, loadConfig } from '../server/platform/config';
import { EmbeddedDatabaseBusyError, openDatabase } from '../server/platform/db/index';
import { verifyChains } from '../server/modules/audit/audit.service';

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const result = await verifyChains(database.db);
    if (result.broken) {
      const b = result.broken;
      console.error(`BROKEN: lot ${b.lotId}, ${b.chain === 'bids' ? 'bid' : 'audit entry'} #${b.seq}: ${b.problem}.`);
      process.exitCode = 1;
    } else {
      console.log(`OK: ${result.lotsChecked} lots, ${result.entriesChecked} records; every chain verifies.`);
    }
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof EmbeddedDatabaseBusyError) console.error(err.message);
  else console.error('audit:verify failed:', err instanceof Error ? err.message : err);
  process.exit(2);
});
