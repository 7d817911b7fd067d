import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited } from './errors';
import type { Logger } from './logger';

/** A fixed-window counter per key, held in memory, with a hard cap on how many keys it tracks. */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();
  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Milliseconds until the key may act again, or 0 when it is within its limit (the hit is counted). */
  hit(key: string, now = Date.now()): number {
    let w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.windows.size >= this.maxKeys) this.sweep(now);
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
    }
    w.count++;
    return w.count > this.limit ? w.resetAt - now : 0;
  }

  /** Like hit() but only reads. */
  blockedFor(key: string, now = Date.now()): number {
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) return 0;
    return w.count >= this.limit ? w.resetAt - now : 0;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number) {
    for (const [k, w] of this.windows) if (w.resetAt <= now) this.windows.delete(k);
    if (this.windows.size >= this.maxKeys) this.windows.clear();
  }
}

/**
 * Limits that must hold across server processes (login failures, bids per bidder) live in Redis when
 * REDIS_URL is set, so that adding a node does not multiply what an attacker or a script may do; with no
 * Redis they live in this process. Per-connection limits (socket events) stay in the RateLimiter above:
 * a connection lives on one node.
 */
export interface LimiterStore {
  /** `points` per `durationSec` under a name of its own. */
  limiter(name: string, points: number, durationSec: number): RateLimiterAbstract;
  close(): Promise<void>;
}

export function memoryLimiterStore(keyPrefix = ''): LimiterStore {
  return {
    limiter: (name, points, duration) => new RateLimiterMemory({ keyPrefix: `${keyPrefix}${name}`, points, duration }),
    close: async () => {},
  };
}

export async function createLimiterStore(opts: { redisUrl?: string; keyPrefix: string; log: Logger }): Promise<LimiterStore> {
  const local = memoryLimiterStore(opts.keyPrefix);
  if (!opts.redisUrl) return local;
  const memory = local.limiter;
  const { createClient } = await import('redis');
  const client = createClient({ url: opts.redisUrl });
  client.on('error', (err) => opts.log.warn({ err }, 'redis rate-limit client error'));
  await client.connect();
  return {
    limiter: (name, points, duration) => new RateLimiterRedis({
      storeClient: client, useRedisPackage: true, keyPrefix: `${opts.keyPrefix}${name}`, points, duration,
      // While Redis is unreachable each node keeps counting on its own: limits loosen to per-node for a
      // while rather than every login and bid failing.
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory(name, points, duration),
    }),
    close: async () => {
      await client.quit().catch(() => {});
    },
  };
}

/** A rate per key per second; `perSecond` 0 means no limit. Throws 429 with the wait. */
export function perSecondLimit(store: LimiterStore, name: string, perSecond: number) {
  if (perSecond <= 0) return { check: async (_key: string) => {} };
  const l = store.limiter(name, perSecond, 1);
  return {
    async check(key: string): Promise<void> {
      try {
        await l.consume(key);
      } catch (res) {
        if (res instanceof RateLimiterRes) throw rateLimited(Math.max(1, res.msBeforeNext));
        throw res;
      }
    },
  };
}
export type PerSecondLimit = ReturnType<typeof perSecondLimit>;

/**
 * Failures per key with exponential backoff: after `free` failures within `windowSec` the key is blocked
 * for `baseBlockSec`; every failure after a block, while the last one is remembered (`memorySec`), blocks
 * again for twice as long, up to `maxBlockSec`. The cap is what keeps a block a slowdown, never a lockout.
 */
export class BackoffLimiter {
  private readonly failures: RateLimiterAbstract;
  private readonly strikes: RateLimiterAbstract;
  constructor(store: LimiterStore, name: string, private readonly o: { free: number; windowSec: number; baseBlockSec: number; maxBlockSec: number; memorySec: number }) {
    this.failures = store.limiter(`${name}:f`, o.free, o.windowSec);
    this.strikes = store.limiter(`${name}:s`, 1_000_000, o.memorySec);
  }

  /** Milliseconds the key is still blocked for; 0 when it is not. */
  async blockedMs(key: string): Promise<number> {
    const r = await this.failures.get(key);
    return r && r.consumedPoints > this.o.free ? Math.max(1, r.msBeforeNext) : 0;
  }

  /** Failures recorded against the key and not yet forgotten. */
  async count(key: string): Promise<number> {
    const [f, s] = await Promise.all([this.failures.get(key), this.strikes.get(key)]);
    return (f?.consumedPoints ?? 0) + (s?.consumedPoints ?? 0);
  }

  async fail(key: string): Promise<void> {
    const struck = await this.strikes.get(key);
    const r = struck ? null : await this.failures.penalty(key, 1);
    if (struck || (r && r.consumedPoints >= this.o.free)) {
      const n = (await this.strikes.penalty(key, 1)).consumedPoints;
      const sec = Math.min(this.o.maxBlockSec, this.o.baseBlockSec * 2 ** Math.min(20, n - 1));
      await this.failures.block(key, sec);
    }
  }

  async reset(key: string): Promise<void> {
    await Promise.all([this.failures.delete(key), this.strikes.delete(key)]);
  }
}
