import { rateLimited } from '../../platform/errors';
import { BackoffLimiter, type LimiterStore } from '../../platform/rate-limit';

const MIN = 60;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** How long an address is remembered for an account after a successful login (under 24.8 days: a timer's limit in memory). */
const KNOWN_SEC = 21 * DAY;

/**
 * Failed logins slow down guessing on three keys; a correct password is checked against all three before
 * anything is refused, and each is shaped so that one attacker cannot lock innocent people out.
 *
 * - account + address: 5 failures, then 1 min doubling to 1 h. Cleared by a successful login. This is
 *   the ordinary typo-and-guess limit and affects only the person (or attacker) at that address.
 * - address: 50 failures an hour, then 1 min doubling to 1 h. A court office shares one NAT address, so a
 *   throttled address still lets through any account that nobody has failed on, and any account that has
 *   logged in from that address before. What it stops is an attacker spraying many accounts: after the
 *   first wrong guess an account is "touched" and the address gets no second guess at it.
 * - account, from every address: 20 failures an hour, then 30 s doubling to 15 min. This slows a
 *   distributed attack on one person. Its block would also refuse the owner, so it does not apply from an
 *   address the account has logged in from in the last three weeks, and it stops at 15 minutes: a victim on a
 *   new device waits at most that long, while an attacker keeping it blocked gets about 4 guesses an hour
 *   across all their addresses.
 */
export function createLoginThrottle(store: LimiterStore) {
  const pair = new BackoffLimiter(store, 'login:pair', { free: 5, windowSec: 15 * MIN, baseBlockSec: MIN, maxBlockSec: HOUR, memorySec: DAY });
  const address = new BackoffLimiter(store, 'login:addr', { free: 50, windowSec: HOUR, baseBlockSec: MIN, maxBlockSec: HOUR, memorySec: DAY });
  const account = new BackoffLimiter(store, 'login:acct', { free: 20, windowSec: HOUR, baseBlockSec: 30, maxBlockSec: 15 * MIN, memorySec: DAY });
  const known = store.limiter('login:known', 1_000_000, KNOWN_SEC);

  const keys = (email: string, ip: string) => {
    const e = email.trim().toLowerCase();
    return { e, pairKey: `${ip}|${e}`, knownKey: `${ip}|${e}` };
  };

  return {
    /** Refuses with 429 before the password is checked, when the password's answer must not be given. */
    async before(email: string, ip: string): Promise<void> {
      const { e, pairKey, knownKey } = keys(email, ip);
      const [pairWait, isKnown] = await Promise.all([pair.blockedMs(pairKey), known.get(knownKey).then((r) => r !== null)]);
      if (pairWait > 0) throw rateLimited(pairWait);
      if (isKnown) return;
      const [accountWait, addressWait] = await Promise.all([account.blockedMs(e), address.blockedMs(ip)]);
      if (accountWait > 0) throw rateLimited(accountWait);
      if (addressWait > 0 && (await account.count(e)) > 0) throw rateLimited(addressWait);
    },
    async failed(email: string, ip: string): Promise<void> {
      const { e, pairKey } = keys(email, ip);
      await Promise.all([pair.fail(pairKey), address.fail(ip), account.fail(e)]);
    },
    async succeeded(email: string, ip: string): Promise<void> {
      const { pairKey, knownKey } = keys(email, ip);
      await Promise.all([pair.reset(pairKey), known.set(knownKey, 1, KNOWN_SEC)]);
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
