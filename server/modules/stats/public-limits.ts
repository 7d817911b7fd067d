import type { NextFunction, Request, Response } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from '../../platform/errors';
import type { LimiterStore } from '../../platform/rate-limit';
import { addressKey } from '../../platform/client-address';

/** Requests per client address per minute to the public statistics and results: pages, and the far heavier CSV files. */
export const PUBLIC_JSON_PER_MINUTE = 120;
export const PUBLIC_CSV_PER_MINUTE = 10;

/**
 * The statistics and results are public and need no login, so they are limited per client address (across
 * nodes when there is Redis): enough for a person paging and downloading, not for a script keeping the
 * database busy while a live auction needs it.
 */
export function publicReadLimits(store: LimiterStore, o: { jsonPerMinute?: number; csvPerMinute?: number } = {}) {
  const json = store.limiter('public:json', o.jsonPerMinute ?? PUBLIC_JSON_PER_MINUTE, 60);
  const csv = store.limiter('public:csv', o.csvPerMinute ?? PUBLIC_CSV_PER_MINUTE, 60);
  return async (req: Request, _res: Response, next: NextFunction) => {
    const limiter = req.query.format === 'csv' ? csv : json;
    try {
      await limiter.consume(addressKey(req.ip ?? 'unknown'));
    } catch (e) {
      if (e instanceof RateLimiterRes) return next(rateLimited(Math.max(1, e.msBeforeNext)));
      return next(e);
    }
    next();
  };
}

/**
 * At most `max` tasks at once in this process; a caller waits up to `waitMs` for a turn (at most `queue`
 * callers wait), else is refused with 429 and a Retry-After. An export reads many thousand rows, and on the
 * embedded engine every read runs on the process's one thread, so a few at once must not crowd out bidding.
 */
export function semaphore(max: number, o: { waitMs: number; queue: number; retryAfterMs: number }) {
  let running = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  return {
    get running() { return running; },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= max) {
        if (waiting.length >= o.queue) throw rateLimited(o.retryAfterMs);
        await new Promise<void>((resolve, reject) => {
          const turn = () => { clearTimeout(timer); resolve(); };
          const timer = setTimeout(() => {
            const i = waiting.indexOf(turn);
            if (i >= 0) waiting.splice(i, 1);
            reject(rateLimited(o.retryAfterMs));
          }, o.waitMs);
          waiting.push(turn);
        });
      } else {
        running++;
      }
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}
