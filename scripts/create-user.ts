/**
 * npm run user:create -- --email E --password P --role R [--name N]: creates the user, or updates its password and adds the role
 * (a user who becomes staff has their proxy bids withdrawn, as on the admin page).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ROLES } from '../shared/api';
import { SystemClock } from '../server/platform/clock';
import { ConfigError, loadConfig } from '../server/platform/config';
import { EmbeddedDatabaseBusyError, openDatabase } from '../server/platform/db/index';
import { createLogger } from '../server/platform/logger';
import { createOrUpdateUser } from '../server/modules/admin/create-user';
import { assertStrongPassword } from '../server/modules/accounts/password-strength';
import { DomainError } from '../server/platform/errors';

const argsSchema = z.strictObject({
  email: z.email(),
  password: z.string().min(8, 'at least 8 characters'),
  role: z.enum(ROLES),
  name: z.string().min(1).max(100).optional(),
});

async function main() {
  const { values } = parseArgs({ options: { email: { type: 'string' }, password: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' } } });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    console.error('Usage: npm run user:create -- --email E --password P --role bidder|court_staff|finance|admin [--name N]');
    for (const i of parsed.error.issues) console.error(`  --${i.path.join('.')}: ${i.message}`);
    process.exit(2);
  }
  assertStrongPassword(parsed.data.password, [parsed.data.email, parsed.data.name ?? '']);
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    const { user, created } = await createOrUpdateUser({ db: database.db, clock: new SystemClock(), log: createLogger('warn'), config }, parsed.data);
    console.log(`${created ? 'Created' : 'Updated'} ${user.email} with roles ${user.roles.join(', ')}.`);
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof EmbeddedDatabaseBusyError || err instanceof DomainError) console.error(err.message);
  else console.error('user:create failed:', err instanceof Error ? err.message : err);
  process.exit(1);
});
