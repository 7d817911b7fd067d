import { randomBytes } from 'node:crypto';
import { createPlatform } from './app';
import { ConfigError, loadConfig } from './platform/config';
import { EmbeddedDatabaseBusyError, openDatabase } from './platform/db/index';
import { createLogger } from './platform/logger';
import { paymentProviderFromEnv } from './modules/payments/payments.config';
import { SANDBOX_PLATFORMS } from './modules/demo/sandbox-inquiry';
import { DEMO_LOGINS, DEMO_PASSWORD, databaseIsEmpty, seedDemo } from './modules/demo/demo.seed';
import { startDemoKeeper } from './modules/demo/demo.keeper';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  let database;
  try {
    database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  } catch (err) {
    if (err instanceof EmbeddedDatabaseBusyError) {
      console.error(err.message);
      process.exit(3);
    }
    throw err;
  }
  // The embedded demo gets three clearly labelled sandbox inquiry platforms when none is configured.
  // Never in production: the demo's logins are public.
  const demo = database.kind === 'pglite' && config.DEMO_SEED && config.NODE_ENV !== 'production';
  const sandbox = demo && config.INQUIRY_PLATFORMS.length === 0;
  const inquiryPlatforms = [...config.INQUIRY_PLATFORMS];
  // Stripe when its keys are set; in the embedded demo without them, the in-process sandbox; else bank transfer only.
  let paymentProvider;
  try {
    paymentProvider = paymentProviderFromEnv(process.env, { demo, sandbox: { instance: randomBytes(4).toString('hex') } });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const platform = await createPlatform(config, database, log, { inquiryPlatforms, sandboxInquiry: sandbox, paymentProvider });
  let seeded = false;
  if (demo && (await databaseIsEmpty(platform))) {
    await seedDemo(platform);
    seeded = true;
    await platform.services.courts.seedFromCases();
  }
  // The demo keeps one lot live, with simulated bidders, opening the next when it ends.
  const stopSimulator = demo ? startDemoKeeper(platform) : () => {};
  const port = await platform.listen(config.PORT);
  if (sandbox) {
    for (const p of SANDBOX_PLATFORMS) inquiryPlatforms.push({ name: p.name, url: `http://127.0.0.1:${port}/sandbox/inquiry/${p.id}` });
    await platform.services.inquiryPlatforms.syncSetting(inquiryPlatforms);
  }
  const url = config.PUBLIC_URL ?? `http://localhost:${port}`;
  log.info({ port, database: database.kind, testClock: config.testClock }, 'platform started');
  const lines = [
    '',
    `  Judicial auction platform is running at ${url}`,
    `  Database: ${database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.DATA_DIR}` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (demo) {
    lines.push(seeded ? '  Demo data created. Demo logins (password for all: ' + DEMO_PASSWORD + '):' : '  Demo logins (password for all: ' + DEMO_PASSWORD + '):');
    for (const l of DEMO_LOGINS) lines.push(`    ${l.role.padEnd(12)} ${l.email}`);
    if (paymentProvider?.name === 'sandbox') lines.push('  Online deposits go to a SANDBOX payment provider in this process: no money moves.');
    if (sandbox) lines.push('  Network inquiries go to three demo sandbox platforms (made-up quotes) until INQUIRY_PLATFORMS is set.');
  }
  lines.push('');
  console.log(lines.join('\n'));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    stopSimulator();
    await platform.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err) => {
  console.error('The platform could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
