/**
 * npm run audit:verify: recomputes every lot's bid chain and audit chain and every asset's valuation
 * record chain; prints every broken record and exits 1 if there is any.
 */
import { ConfigError, loadConfig } from '../server/platform/config';
import { EmbeddedDatabaseBusyError, openDatabase } from '../server/platform/db/index';
import { verifyChains, type ChainBreak } from '../server/modules/audit/audit.service';

const noun: Record<ChainBreak['chain'], string> = { bids: 'bid', audit: 'audit entry', valuation: 'valuation record entry' };

async function main() {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const result = await verifyChains(database.db);
    if (result.breaks.length) {
      for (const b of result.breaks) console.error(`BROKEN: ${b.subject} ${b.subjectId}, ${noun[b.chain]} #${b.seq}: ${b.problem}.`);
      const subjects = new Set(result.breaks.map((b) => `${b.subject} ${b.subjectId}`)).size;
      console.error(`${result.breaks.length} broken record(s) in ${subjects} chain owner(s); ${result.entriesChecked} records checked.`);
      process.exitCode = 1;
    } else {
      console.log(`OK: ${result.lotsChecked} lots, ${result.assetsChecked} assets, ${result.entriesChecked} records; every chain verifies.`);
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
