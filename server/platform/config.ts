import { z } from 'zod';
import { isMoneyString } from '../../shared/money';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** A variable holding JSON: unparsable text is refused with an example of the expected shape. */
const json = (example: string) => z.string().transform((raw, ctx) => {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: `must be JSON like ${example}` });
    return z.NEVER;
  }
});

const inquiryPlatforms = json('[{"name":"A","url":"http://..."}]')
  .pipe(z.array(z.strictObject({
    name: z.string().min(1).max(100),
    url: z.url({ protocol: /^https?$/ }),
    /** B31: what the platform charges for an inquiry whose result was closest to the sale price, e.g. "800.00". */
    fee: z.string().refine(isMoneyString, 'must be a decimal amount like "800.00"').optional(),
  })).max(20));

/** The account bidders pay deposits and balances into: `{"payee":"…","bankName":"…","accountNumber":"…"}`. */
const depositAccount = json('{"payee":"…","bankName":"…","accountNumber":"…"}')
  .pipe(z.strictObject({ payee: z.string().trim().min(2).max(200), bankName: z.string().trim().min(2).max(200), accountNumber: z.string().trim().regex(/^[0-9 -]{8,40}$/, 'digits, spaces and dashes') }));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DEMO_SEED: flag.default(true),
  INQUIRY_PLATFORMS: inquiryPlatforms.default([]),
  INQUIRY_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  ENABLE_TEST_CLOCK: flag.default(false),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
  /** Prefixes this deployment's keys in Redis (rate limits), so several deployments can share one Redis. */
  REDIS_KEY_PREFIX: z.string().regex(/^[\w:.-]{1,100}$/, 'must be letters, digits and : . _ - (at most 100)').default('auction:'),
  /** Bids one bidder may place per second, over REST and socket together; 0 turns the limit off (benchmarks). */
  BID_RATE_PER_SECOND: z.coerce.number().int().min(0).max(1000).default(5),
  /** The origin browsers use; cookie-authenticated changes from any other origin are refused. Unset: the request's own host. */
  PUBLIC_ORIGIN: z.url({ protocol: /^https?$/ })
    .refine((v) => URL.canParse(v) && new URL(v).origin === v.replace(/\/$/, ''), 'must be an origin like https://auction.example.court (scheme, host and port only, no path)')
    .transform((v) => new URL(v).origin)
    .optional(),
  DEPOSIT_ACCOUNT: depositAccount.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.url().optional(),
  /** The court's public holidays (YYYY-MM-DD, comma-separated): a period in days ending on one runs to the next working day. */
  COURT_HOLIDAYS: z.string().max(20000).regex(/^(\d{4}-\d{2}-\d{2})(,\s*\d{4}-\d{2}-\d{2})*$/, 'must be dates like 2026-10-01,2026-10-02').optional(),
});

export type Config = z.infer<typeof envSchema> & { testClock: boolean; holidays: ReadonlySet<string> };

export class ConfigError extends Error {}

/** Reads and checks the environment; a bad value throws a message that names the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'environment');
      return `${name}: ${i.message} (got ${JSON.stringify(env[name] ?? '')})`;
    });
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  // Bidders transfer real money to this account: outside development it must be the court's own, never the sample.
  if (c.NODE_ENV === 'production' && !c.DEPOSIT_ACCOUNT) {
    throw new ConfigError('Invalid configuration:\n  DEPOSIT_ACCOUNT: required in production (the account bidders pay deposits and balances into)');
  }
  const holidays = new Set((c.COURT_HOLIDAYS ?? '').split(',').map((d) => d.trim()).filter(Boolean));
  return { ...c, testClock: c.ENABLE_TEST_CLOCK && c.NODE_ENV !== 'production', holidays };
}
