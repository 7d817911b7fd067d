import type { Logger } from '../../platform/logger';

/**
 * Signed-in users by session token hash, kept in memory for a few seconds so that a bid or a request
 * does not read the sessions table each time.
 *
 * - An entry lives at most `ttlMs` and never past its session's expiry.
 * - At most `max` entries; the least recently used one goes first.
 * - Only sessions that exist are kept: an unknown token is looked up again every time, so a token works
 *   as soon as its login has committed.
 * - Logging out drops the token here at once and, with Redis, on every other node (`revokeToken`);
 *   a change to a user's roles, identity or password drops all of that user's sessions (`revokeUser`).
 *   While this node cannot hear those messages (Redis unreachable), it keeps nothing and reads every time.
 * - A look-up that started before a revocation is not kept, so a read racing a logout cannot put the
 *   session back.
 */
export interface SessionCacheOptions {
  /** How long a session is trusted without reading it again. */
  ttlMs?: number;
  /** How many sessions are kept at most. */
  max?: number;
  /** With REDIS_URL, revocations travel between nodes on `${keyPrefix}sessions:revoked`. */
  redisUrl?: string;
  keyPrefix?: string;
  log?: Logger;
  /** Wall-clock milliseconds; sessions expire in real time. */
  now?: () => number;
}

export interface CachedSession<U> { user: U; expiresAt: Date }

type Revocation = { tokenHash: string } | { userId: string };

export interface SessionCache {
  /** The session's user from memory, or from `load` (and then kept) when it is not known here. */
  get<U extends { id: string }>(tokenHash: string, load: () => Promise<CachedSession<U> | undefined>): Promise<U | undefined>;
  /** Forgets one session here and on every node. */
  revokeToken(tokenHash: string): Promise<void>;
  /** Forgets every session of one user here and on every node. */
  revokeUser(userId: string): Promise<void>;
  /** Sessions held now. */
  readonly size: number;
  close(): Promise<void>;
}

interface Entry { user: { id: string }; until: number }

export const SESSION_CACHE_TTL_MS = 30_000;
export const SESSION_CACHE_MAX = 20_000;

export async function createSessionCache(opts: SessionCacheOptions = {}): Promise<SessionCache> {
  const ttlMs = opts.ttlMs ?? SESSION_CACHE_TTL_MS;
  const max = opts.max ?? SESSION_CACHE_MAX;
  const now = opts.now ?? Date.now;
  // Map order is use order: a hit moves its entry to the end, the first entry is the least recently used.
  const entries = new Map<string, Entry>();
  const pending = new Map<string, Promise<CachedSession<{ id: string }> | undefined>>();
  // Bumped by every revocation; a look-up keeps its result only if no revocation came while it ran.
  let generation = 0;
  // False while revocations from other nodes might be missed.
  let listening = !opts.redisUrl;

  function forget(r: Revocation) {
    generation++;
    pending.clear();
    if ('tokenHash' in r) {
      entries.delete(r.tokenHash);
      return;
    }
    for (const [hash, e] of entries) if (e.user.id === r.userId) entries.delete(hash);
  }

  function deafen() {
    listening = false;
    generation++;
    pending.clear();
    entries.clear();
  }

  const channel = `${opts.keyPrefix ?? ''}sessions:revoked`;
  let publish: (r: Revocation) => Promise<void> = async () => {};
  let closeRedis = async () => {};
  if (opts.redisUrl) {
    const log = opts.log;
    const { createClient } = await import('redis');
    const pub = createClient({ url: opts.redisUrl });
    const sub = pub.duplicate();
    pub.on('error', (err) => log?.warn({ err }, 'redis session revocation publisher error'));
    sub.on('error', (err) => {
      log?.warn({ err }, 'redis session revocation subscriber error');
      deafen();
    });
    sub.on('reconnecting', deafen);
    sub.on('end', deafen);
    // Revocations sent while this node was not listening are lost: it starts again from nothing.
    sub.on('ready', () => {
      entries.clear();
      generation++;
      listening = true;
    });
    await Promise.all([pub.connect(), sub.connect()]);
    await sub.subscribe(channel, (message) => {
      try {
        const r = JSON.parse(message) as Partial<{ tokenHash: unknown; userId: unknown }>;
        if (typeof r.tokenHash === 'string') forget({ tokenHash: r.tokenHash });
        else if (typeof r.userId === 'string') forget({ userId: r.userId });
      } catch (err) {
        log?.warn({ err }, 'unreadable session revocation');
      }
    });
    listening = sub.isReady;
    publish = async (r) => {
      // A node that cannot hear this keeps nothing (see `deafen`), so a failed publish leaves no node trusting the session.
      if (!pub.isReady) {
        log?.warn('session revocation not sent: redis is unreachable');
        return;
      }
      await pub.publish(channel, JSON.stringify(r)).catch((err) => log?.warn({ err }, 'session revocation not sent'));
    };
    closeRedis = async () => {
      sub.removeAllListeners('end');
      sub.removeAllListeners('reconnecting');
      await Promise.allSettled([sub.quit(), pub.quit()]);
    };
  }

  return {
    async get<U extends { id: string }>(tokenHash: string, load: () => Promise<CachedSession<U> | undefined>): Promise<U | undefined> {
      const t = now();
      const hit = entries.get(tokenHash);
      if (hit) {
        entries.delete(tokenHash);
        if (hit.until > t && listening) {
          entries.set(tokenHash, hit);
          return hit.user as U;
        }
      }
      let p = pending.get(tokenHash) as Promise<CachedSession<U> | undefined> | undefined;
      if (!p) {
        const started = generation;
        p = load();
        pending.set(tokenHash, p);
        void p.then((s) => {
          if (pending.get(tokenHash) === p) pending.delete(tokenHash);
          if (!s || started !== generation || !listening) return;
          const until = Math.min(now() + ttlMs, s.expiresAt.getTime());
          if (until <= now()) return;
          entries.set(tokenHash, { user: s.user, until });
          if (entries.size > max) entries.delete(entries.keys().next().value!);
        }, () => {
          if (pending.get(tokenHash) === p) pending.delete(tokenHash);
        });
      }
      const s = await p;
      return s && s.expiresAt.getTime() > now() ? s.user : undefined;
    },
    async revokeToken(tokenHash) {
      forget({ tokenHash });
      await publish({ tokenHash });
    },
    async revokeUser(userId) {
      forget({ userId });
      await publish({ userId });
    },
    get size() {
      return entries.size;
    },
    async close() {
      deafen();
      await closeRedis();
    },
  };
}
