/**
 * One platform node in a process of its own, for tests that kill it: it opens DATABASE_URL (or the embedded
 * engine's folder in DATA_DIR), turns the per-bidder bid limit off, runs no jobs, and prints the port it
 * listens on as `bid node listening on <port>`.
 */
import { createPlatform } from '../../server/app';
import { loadConfig } from '../../server/platform/config';
import { openDatabase } from '../../server/platform/db/index';
import { createLogger } from '../../server/platform/logger';

async function main() {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test', ENABLE_TEST_CLOCK: '1', BID_RATE_PER_SECOND: '0', PORT: '0' });
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  const platform = await createPlatform(config, database, createLogger(config.LOG_LEVEL), { jobs: false });
  const port = await platform.listen(0, '127.0.0.1');
  console.log(`bid node listening on ${port}`);
  const stop = async () => {
    await platform.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
}

void main();
