import { RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimited } from '../../platform/errors';
import { addressKey } from '../../platform/client-address';
import type { LimiterStore } from '../../platform/rate-limit';

const HOUR = 60 * 60;

/**
 * Identity verification attempts, counted per account and per client address across nodes (in Redis when
 * there is one). Whether an ID number is already verified elsewhere is something the answer must tell a
 * real person, so the number of questions is what is limited: a handful per account and per address an hour
 * is plenty for typing one's own number, and far too few to walk the 10^4 or so numbers a published masked
 * ID leaves open.
 */
export function createIdentityThrottle(store: LimiterStore, o: { perAccount?: number; perAddress?: number; windowSec?: number } = {}) {
  const perAccount = o.perAccount ?? 5;
  const perAddress = o.perAddress ?? 20;
  const windowSec = o.windowSec ?? HOUR;
  const account = store.limiter('identity:acct', perAccount, windowSec);
  const address = store.limiter('identity:addr', perAddress, windowSec);

  const refused = (e: unknown) => {
    if (e instanceof RateLimiterRes) return rateLimited(Math.max(1, e.msBeforeNext));
    return e;
  };

  return {
    /** Counts one attempt, or refuses with 429 and the wait when the account or the address has used its share. */
    async attempt(userId: string, ip: string): Promise<void> {
      try {
        await account.consume(userId);
      } catch (e) {
        throw refused(e);
      }
      try {
        await address.consume(addressKey(ip));
      } catch (e) {
        // Refused at the address: the account's attempt did not happen.
        await account.reward(userId, 1).catch(() => {});
        throw refused(e);
      }
    },
  };
}

export type IdentityThrottle = ReturnType<typeof createIdentityThrottle>;
