/**
 * npm run audit:verify: recomputes every lot's bid chain and audit chain and every asset's valuation
 * record chain, and reconciles the books (trial balance, each deposit against its ledger account, refunds
 * owed against refunds payable); prints every broken record or mismatch and exits 1 if there is any.
 */
import { ConfigError, loadConfig } from '../server/platform/config';
import { EmbeddedDatabaseBusyError, openDatabase } from '../server/platform/db/index';
import { verifyChains, type ChainBreak } from '../server/modules/audit/audit.service';
import { reconcileBooks } from '../server/modules/audit/books';

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
    const books = await reconcileBooks(database.db);
    if (books.problems.length) {
      for (const p of books.problems) console.error(`BOOKS: ${p.subject} ${p.subjectId}: ${p.problem}.`);
      console.error(`${books.problems.length} mismatch(es) between the ledger and the deposits and refunds it accounts for.`);
      process.exitCode = 1;
    } else {
      console.log(`OK: books reconcile (${books.registrationsChecked} deposits, ${books.refundPayeesChecked} refund payees).`);
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
