import proxyaddr from 'proxy-addr';
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

/** The account's payee and bank as each language's pages name them. */
export interface DepositAccountNames { payee: string; bankName: string; payeeEn: string; bankNameEn: string; accountNumber: string }
/** The sample account of development and the demo, named in Chinese and in English. */
export const SAMPLE_DEPOSIT_ACCOUNT: DepositAccountNames = {
  payee: '法院执行款专户', bankName: '中国银行', payeeEn: 'Court enforcement deposit account', bankNameEn: 'Bank of China', accountNumber: '6216 6100 0000 0012 345',
};
const accountName = z.string().trim().min(2).max(200);

/**
 * Which proxies may name the client's address in X-Forwarded-For: a number of hops, or addresses and subnets
 * (and `loopback`, `linklocal`, `uniquelocal`), comma-separated. Never "trust everyone": a client could then
 * name any address and slip every per-address limit.
 */
const trustProxy = z.string().trim().min(1).max(2000)
  .transform((v, ctx): number | string[] => {
    if (/^\d+$/.test(v)) {
      const hops = Number(v);
      if (hops <= 10) return hops;
      ctx.addIssue({ code: 'custom', message: 'must be at most 10 hops' });
      return z.NEVER;
    }
    const list = v.split(',').map((x) => x.trim()).filter(Boolean);
    try {
      if (list.length === 0) throw new Error('no address');
      proxyaddr.compile(list);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a number of hops, or addresses and subnets (e.g. 10.0.0.0/8, loopback) separated by commas' });
      return z.NEVER;
    }
    return list;
  });

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
  /** Requests per client address per minute to the public statistics and results pages, and to their CSV files. */
  PUBLIC_READS_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(120),
  PUBLIC_CSV_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
  /** How long a node holds a lot's bidding lease without renewing it (several nodes behind Redis); renewed every third of it. */
  BID_LEASE_MS: z.coerce.number().int().min(300).max(60_000).default(6000),
  /** The proxies in front of the platform that may name the client's address (per-address limits count by it). */
  TRUST_PROXY: trustProxy.default(['loopback']),
  /** The origin browsers use; cookie-authenticated changes from any other origin are refused. Unset: the request's own host. */
  PUBLIC_ORIGIN: z.url({ protocol: /^https?$/ })
    .refine((v) => URL.canParse(v) && new URL(v).origin === v.replace(/\/$/, ''), 'must be an origin like https://auction.example.court (scheme, host and port only, no path)')
    .transform((v) => new URL(v).origin)
    .optional(),
  DEPOSIT_ACCOUNT: depositAccount.optional(),
  /** The payee and bank in English, for English pages; unset: those of DEPOSIT_ACCOUNT (or the sample's English names). */
  DEPOSIT_PAYEE_EN: accountName.optional(),
  DEPOSIT_BANK_NAME_EN: accountName.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.url().optional(),
  /** Uploaded photos and documents: a folder (default DATA_DIR/files), or an S3-compatible bucket when STORAGE_S3_BUCKET is set. */
  STORAGE_DIR: z.string().min(1).optional(),
  STORAGE_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 lower-case letters, digits, dots and dashes)').optional(),
  STORAGE_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  STORAGE_S3_REGION: z.string().regex(/^[a-z0-9-]{2,40}$/, 'must be a region name like us-east-1').default('us-east-1'),
  STORAGE_S3_ACCESS_KEY_ID: z.string().min(1).max(200).optional(),
  STORAGE_S3_SECRET_ACCESS_KEY: z.string().min(1).max(200).optional(),
  /** Bucket in the path (`endpoint/bucket/key`), as most S3-compatible servers want; default on when an endpoint is set. */
  STORAGE_S3_FORCE_PATH_STYLE: flag.optional(),
  /** The court's public holidays (YYYY-MM-DD, comma-separated): a period in days ending on one runs to the next working day. */
  /** Alert emails: smtp:// or smtps:// with credentials in the URL; unset, alerts stay in the app and on the socket. */
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.court:587').optional(),
  /** The sender of alert emails, e.g. "Court auctions <auctions@example.court>"; required with SMTP_URL. */
  MAIL_FROM: z.string().max(200).regex(/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an address like auctions@example.court or "Name <auctions@example.court>"').optional(),
  COURT_HOLIDAYS: z.string().max(20000).regex(/^(\d{4}-\d{2}-\d{2})(,\s*\d{4}-\d{2}-\d{2})*$/, 'must be dates like 2026-10-01,2026-10-02').optional(),
});

export type Config = Omit<z.infer<typeof envSchema>, 'STORAGE_S3_FORCE_PATH_STYLE'> & {
  testClock: boolean; holidays: ReadonlySet<string>; STORAGE_S3_FORCE_PATH_STYLE: boolean;
  /** The account bidders pay into, with its names in both languages: DEPOSIT_ACCOUNT, or the sample. */
  depositAccount: DepositAccountNames;
};

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
  if (c.SMTP_URL && !c.MAIL_FROM) {
    throw new ConfigError('Invalid configuration:\n  MAIL_FROM: required when SMTP_URL is set (the sender of alert emails)');
  }
  // Keys come in pairs, and only with a bucket to use them on.
  const s3 = [c.STORAGE_S3_ENDPOINT && 'STORAGE_S3_ENDPOINT', c.STORAGE_S3_ACCESS_KEY_ID && 'STORAGE_S3_ACCESS_KEY_ID', c.STORAGE_S3_SECRET_ACCESS_KEY && 'STORAGE_S3_SECRET_ACCESS_KEY'].filter(Boolean);
  if (!c.STORAGE_S3_BUCKET && s3.length > 0) throw new ConfigError(`Invalid configuration:\n  STORAGE_S3_BUCKET: required when ${s3.join(', ')} is set`);
  if (!c.STORAGE_S3_ACCESS_KEY_ID !== !c.STORAGE_S3_SECRET_ACCESS_KEY) {
    throw new ConfigError(`Invalid configuration:\n  ${c.STORAGE_S3_ACCESS_KEY_ID ? 'STORAGE_S3_SECRET_ACCESS_KEY' : 'STORAGE_S3_ACCESS_KEY_ID'}: required with the other S3 key`);
  }
  const holidays = new Set((c.COURT_HOLIDAYS ?? '').split(',').map((d) => d.trim()).filter(Boolean));
  const account = c.DEPOSIT_ACCOUNT;
  const depositAccount: DepositAccountNames = {
    payee: account?.payee ?? SAMPLE_DEPOSIT_ACCOUNT.payee,
    bankName: account?.bankName ?? SAMPLE_DEPOSIT_ACCOUNT.bankName,
    payeeEn: c.DEPOSIT_PAYEE_EN ?? account?.payee ?? SAMPLE_DEPOSIT_ACCOUNT.payeeEn,
    bankNameEn: c.DEPOSIT_BANK_NAME_EN ?? account?.bankName ?? SAMPLE_DEPOSIT_ACCOUNT.bankNameEn,
    accountNumber: account?.accountNumber ?? SAMPLE_DEPOSIT_ACCOUNT.accountNumber,
  };
  return { ...c, depositAccount, STORAGE_S3_FORCE_PATH_STYLE: c.STORAGE_S3_FORCE_PATH_STYLE ?? !!c.STORAGE_S3_ENDPOINT, testClock: c.ENABLE_TEST_CLOCK && c.NODE_ENV !== 'production', holidays };
}
