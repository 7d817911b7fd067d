import crypto from 'node:crypto';
import os from 'node:os';
import { and, eq, lte, or, sql } from 'drizzle-orm';
import type { BidResult } from '../../../shared/api';
import { schema, type Db } from '../../platform/db/index';
import { notFound } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import { forwardRequest, fromReply, NotHolder, toReply, type BidPlacer, type ForwardReply, type ForwardRequest, type LotOp } from './forward-messages';
import type { Sequencers } from './lot-sequencer';

export type { BidPlacer } from './forward-messages';

/**
 * Several nodes, one sequencer per lot. The node holding a lot's lease (a row of `lot_leases`) runs its
 * sequencer; every other node forwards its bids for the lot to the holder through Redis and answers the
 * bidder with the holder's answer, so a forwarded bid is acknowledged exactly as a local one. A free or
 * expired lease is taken by raising its fencing token. Without Redis there is one node: bids run here.
 *
 * Why a lease row and not an advisory lock: a session advisory lock belongs to one connection, and the
 * pool hands out any of ten; holding one would pin a connection per node for its whole life, a dead
 * connection would drop the lock without the node noticing, and the embedded engine has a single
 * connection that every platform of a process shares, so two nodes there would both "hold" it. A row
 * has an expiry that any node can read, outlives a connection, and carries a fencing token.
 *
 * Expiry is wall-clock time. The row's expiry is set by the database's clock, the only one all nodes
 * share; the holder counts its own lease from its clock read before it asked, so it believes it holds
 * the lease for less time than the database grants it. The platform's clock may be a test clock that
 * jumps and is never used here.
 *
 * Safety does not rest on the lease. Each batch the sequencer writes is fenced on the lot's `seq` and
 * audit count, so a node that lost its lease without knowing it (a pause longer than the lease) cannot
 * accept a bid twice or write over another node's bids: its batch finds the lot moved, reads it again and
 * decides again on what it now is. The fencing token is not added to that update: it would only refuse
 * batches that are correct (decided on the lot as it is), and it would put the lease table in the hot
 * path. The lease keeps nodes from fighting over a lot (stale batches decided again and again); the token
 * orders holders so a renewal or a release by a node that lost the lease changes nothing.
 */

export interface BidRouterOptions {
  db: Db;
  sequencers: Sequencers;
  log: Logger;
  /** Unset: one node, every bid runs here. */
  redisUrl?: string;
  keyPrefix?: string;
  /** This node's name in the lease table and its channels; unique per process. */
  nodeId?: string;
  /** How long a lease lasts without renewal. */
  leaseMs?: number;
  /** How long a forwarded bid waits for the holder's answer before the holder is taken for dead. */
  forwardTimeoutMs?: number;
}

interface Held {
  token: number;
  /** Local wall-clock time until which this node counts the lease as its own. */
  until: number;
  /** Bids of the lot in flight here. */
  inFlight: number;
  lastUsed: number;
}

class HolderUnreachable extends Error {}

export const newNodeId = () => `${os.hostname()}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function createBidRouter(opts: BidRouterOptions) {
  const { db, sequencers, log } = opts;
  const nodeId = opts.nodeId ?? newNodeId();
  const leaseMs = opts.leaseMs ?? 6000;
  const renewMs = Math.max(50, Math.floor(leaseMs / 3));
  /** The margin by which this node gives up its belief in a lease before the table's expiry. */
  const marginMs = Math.min(1000, Math.floor(leaseMs / 5));
  const forwardTimeoutMs = opts.forwardTimeoutMs ?? 5000;
  /** A lease with no bid for this long is let go, so a quiet lot's bids may start on any node. */
  const idleMs = Math.max(leaseMs, 10_000);
  const prefix = `${opts.keyPrefix ?? 'auction:'}bids:`;
  const requestChannel = (node: string) => `${prefix}req:${node}`;
  const replyChannel = (node: string) => `${prefix}reply:${node}`;

  const held = new Map<string, Held>();
  /** Lots known to exist (lots are never deleted): a lease is taken only for a lot that exists. */
  const existing = new Set<string>();
  /** Look-ups and lease requests in flight, by lot: a burst of bids on one lot shares one of each. */
  const checking = new Map<string, Promise<boolean>>();
  const acquiring = new Map<string, ReturnType<typeof acquire>>();
  async function mustExist(lotId: string): Promise<void> {
    if (existing.has(lotId)) return;
    let check = checking.get(lotId);
    if (!check) {
      check = db.select({ id: schema.lots.id }).from(schema.lots).where(eq(schema.lots.id, lotId)).then((rows) => rows.length > 0);
      checking.set(lotId, check);
      void check.finally(() => checking.delete(lotId)).catch(() => {});
    }
    if (!(await check)) throw notFound('The lot');
    if (existing.size > 100_000) existing.clear();
    existing.add(lotId);
  }
  const renewing = new Map<string, Promise<boolean>>();
  function renewShared(lotId: string, h: Held): Promise<boolean> {
    let pending = renewing.get(lotId);
    if (!pending) {
      pending = renew(lotId, h);
      renewing.set(lotId, pending);
      void pending.finally(() => renewing.delete(lotId)).catch(() => {});
    }
    return pending;
  }
  function acquireShared(lotId: string): ReturnType<typeof acquire> {
    let pending = acquiring.get(lotId);
    if (!pending) {
      pending = acquire(lotId);
      acquiring.set(lotId, pending);
      void pending.finally(() => acquiring.delete(lotId)).catch(() => {});
    }
    return pending;
  }
  const waiting = new Map<string, { resolve(r: BidResult | null): void; reject(e: unknown): void; timer: NodeJS.Timeout }>();
  const counts = { local: 0, forwarded: 0, served: 0, taken: 0, lost: 0, released: 0 };
  let closed = false;

  // --- the lease table -------------------------------------------------------------------------------
  const t = schema.lotLeases;
  const expiry = sql`now() + ${`${leaseMs} milliseconds`}::interval`;

  /** Takes the lease when it is free, expired or already this node's; else names the holder. */
  async function acquire(lotId: string): Promise<{ mine: true } | { mine: false; owner: string; expiresAt: Date }> {
    const asked = Date.now();
    const [row] = await db.insert(t).values({ lotId, owner: nodeId, token: 1, expiresAt: expiry })
      .onConflictDoUpdate({
        target: t.lotId,
        set: { owner: nodeId, token: sql`${t.token} + 1`, expiresAt: expiry },
        setWhere: or(lte(t.expiresAt, sql`now()`), eq(t.owner, nodeId)),
      })
      .returning({ token: t.token });
    if (row) {
      const was = held.get(lotId);
      if (!was || was.token !== row.token) {
        // Another node may have written the lot since this node last decided on it.
        sequencers.invalidate(lotId);
        if (!was) counts.taken++;
      }
      held.set(lotId, { token: row.token, until: asked + leaseMs - marginMs, inFlight: was?.inFlight ?? 0, lastUsed: Date.now() });
      return { mine: true };
    }
    const [other] = await db.select({ owner: t.owner, expiresAt: t.expiresAt }).from(t).where(eq(t.lotId, lotId));
    // Released between the two statements: try again.
    if (!other) return acquire(lotId);
    return { mine: false, owner: other.owner, expiresAt: other.expiresAt };
  }

  async function renew(lotId: string, h: Held): Promise<boolean> {
    const asked = Date.now();
    const rows = await db.update(t).set({ expiresAt: expiry })
      .where(and(eq(t.lotId, lotId), eq(t.owner, nodeId), eq(t.token, h.token))).returning({ token: t.token });
    if (rows.length === 0) {
      lose(lotId);
      return false;
    }
    h.until = asked + leaseMs - marginMs;
    return true;
  }

  function lose(lotId: string) {
    if (!held.delete(lotId)) return;
    counts.lost++;
    // The sequencer's state is another node's to change now: read the lot again before deciding here.
    sequencers.invalidate(lotId);
  }

  async function release(lotId: string, h: Held): Promise<void> {
    held.delete(lotId);
    counts.released++;
    sequencers.invalidate(lotId);
    // The row stays with its token, expired: the next holder's token is higher still.
    await db.update(t).set({ expiresAt: sql`now()` })
      .where(and(eq(t.lotId, lotId), eq(t.owner, nodeId), eq(t.token, h.token)));
  }

  /** Renews the leases of lots with recent bids and lets go of idle ones. */
  let upkeeping = false;
  async function upkeep(): Promise<void> {
    if (upkeeping) return;
    upkeeping = true;
    try {
      await upkeepOnce();
    } finally {
      upkeeping = false;
    }
  }

  async function upkeepOnce(): Promise<void> {
    const idleCutoff = Date.now() - idleMs;
    for (const [lotId, h] of [...held]) {
      try {
        if (h.inFlight === 0 && h.lastUsed < idleCutoff) await release(lotId, h);
        else await renew(lotId, h);
      } catch (err) {
        log.warn({ err, lotId }, 'lot lease upkeep failed');
      }
    }
  }

  // --- Redis -----------------------------------------------------------------------------------------
  type RedisClient = ReturnType<typeof import('redis').createClient>;
  let pub: RedisClient | null = null;
  let sub: RedisClient | null = null;
  let timer: NodeJS.Timeout | null = null;

  const ready: Promise<void> | null = opts.redisUrl ? (async () => {
    const { createClient } = await import('redis');
    pub = createClient({ url: opts.redisUrl });
    sub = pub.duplicate();
    pub.on('error', (err) => log.warn({ err }, 'bid router redis publisher error'));
    sub.on('error', (err) => log.warn({ err }, 'bid router redis subscriber error'));
    await Promise.all([pub.connect(), sub.connect()]);
    await sub.subscribe(requestChannel(nodeId), (message) => void serve(message));
    await sub.subscribe(replyChannel(nodeId), (message) => answer(message));
    timer = setInterval(() => void upkeep(), renewMs);
    timer.unref();
  })() : null;
  ready?.catch((err) => log.error({ err }, 'bid router could not connect to redis'));

  function answer(message: string) {
    let reply: ForwardReply;
    try {
      reply = JSON.parse(message) as ForwardReply;
    } catch {
      return;
    }
    const w = waiting.get(reply.id);
    if (!w) return;
    waiting.delete(reply.id);
    clearTimeout(w.timer);
    if (reply.ok) w.resolve(reply.result);
    else w.reject(fromReply(reply));
  }

  /** A bid forwarded by another node: run it here if this node holds (or can take) the lease. */
  async function serve(message: string) {
    let req: ForwardRequest;
    try {
      const parsed = forwardRequest.safeParse(JSON.parse(message));
      if (!parsed.success) {
        log.warn({ issues: parsed.error.issues.slice(0, 3) }, 'bid router dropped a malformed forwarded request');
        return;
      }
      req = parsed.data;
    } catch {
      return;
    }
    let reply: ForwardReply;
    try {
      const result = await runHere(req.lotId, req.op);
      counts.served++;
      reply = { id: req.id, ok: true, result };
    } catch (err) {
      reply = toReply(req.id, err);
    }
    if (pub?.isOpen) await pub.publish(replyChannel(req.from), JSON.stringify(reply)).catch((err) => log.warn({ err }, 'bid router reply failed'));
  }

  function forward(owner: string, lotId: string, op: LotOp): Promise<BidResult | null> {
    const id = crypto.randomUUID();
    const req: ForwardRequest = { id, from: nodeId, lotId, op: op.kind === 'bid' ? { ...op, user: { id: op.user.id, roles: op.user.roles } } : op };
    return new Promise<BidResult | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new HolderUnreachable(`no answer from ${owner} within ${forwardTimeoutMs} ms`));
      }, forwardTimeoutMs);
      waiting.set(id, { resolve, reject, timer });
      pub!.publish(requestChannel(owner), JSON.stringify(req)).then((receivers) => {
        // No node listens on the holder's channel: it is gone, there is no answer to wait for.
        if (receivers === 0 && waiting.delete(id)) {
          clearTimeout(timer);
          reject(new HolderUnreachable(`${owner} is not listening`));
        }
      }, (err) => {
        if (waiting.delete(id)) {
          clearTimeout(timer);
          reject(err);
        }
      });
    });
  }

  /**
   * Runs a bid on this node's sequencer, holding the lot's lease: a lease this node does not hold is taken
   * if it is free or expired, else the bid is answered NotHolder and its node asks the table again.
   */
  async function runHere(lotId: string, op: LotOp): Promise<BidResult | null> {
    if (closed) throw new NotHolder();
    let h = held.get(lotId);
    if (h && Date.now() >= h.until && !(await renewShared(lotId, h))) h = undefined;
    if (!h) {
      if (!(await acquireShared(lotId)).mine) throw new NotHolder();
      h = held.get(lotId)!;
    }
    h.inFlight++;
    h.lastUsed = Date.now();
    try {
      if (op.kind === 'proxies') {
        await sequencers.refreshProxies(lotId);
        return null;
      }
      return await sequencers.submit(lotId, { user: op.user, amount: op.amount, clientBidId: op.clientBidId });
    } finally {
      h.inFlight--;
      h.lastUsed = Date.now();
    }
  }

  return {
    nodeId,
    /** Bids run here, forwarded to another node, served for another node; leases taken, lost, released. */
    counts,
    async place(user: BidPlacer, lotId: string, amount: string, clientBidId: string): Promise<BidResult> {
      return (await route(lotId, { kind: 'bid', user, amount, clientBidId }))!;
    },
    /** A proxy bid on the lot was set or withdrawn: the lot's sequencer, wherever it runs, reads them again and lets them bid. */
    async refreshProxies(lotId: string): Promise<void> {
      await route(lotId, { kind: 'proxies' });
    },
    /** Stops renewing and forwarding, lets go of every lease this node holds. */
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      await ready?.catch(() => {});
      for (const [lotId, h] of [...held]) {
        await release(lotId, h).catch((err) => log.warn({ err, lotId }, 'lot lease release failed'));
      }
      await disconnect();
    },
    /** A node that dies: no release, no goodbye. Its leases run out on their own. */
    async crash(): Promise<void> {
      closed = true;
      if (timer) clearInterval(timer);
      await ready?.catch(() => {});
      held.clear();
      await disconnect();
    },
  };

  async function route(lotId: string, op: LotOp): Promise<BidResult | null> {
    if (!ready) {
      counts.local++;
      if (op.kind === 'proxies') {
        await sequencers.refreshProxies(lotId);
        return null;
      }
      return sequencers.submit(lotId, { user: op.user, amount: op.amount, clientBidId: op.clientBidId });
    }
    await ready;
    await mustExist(lotId);
    // The same clientBidId may travel more than once (a holder that died mid-answer): the sequencer
    // that finally runs it answers a repeat with the first result, so nothing is accepted twice.
    const deadline = Date.now() + 2 * leaseMs + forwardTimeoutMs;
    for (;;) {
      if (closed) throw new Error('the bid router is closed');
      let owner: string | null = null;
      let expiresAt = 0;
      if (held.has(lotId)) owner = nodeId;
      else {
        const r = await acquireShared(lotId);
        if (r.mine) owner = nodeId;
        else {
          owner = r.owner;
          expiresAt = r.expiresAt.getTime();
        }
      }
      try {
        if (owner === nodeId) {
          const result = await runHere(lotId, op);
          counts.local++;
          return result;
        }
        counts.forwarded++;
        return await forward(owner, lotId, op);
      } catch (err) {
        if (!(err instanceof NotHolder || err instanceof HolderUnreachable)) throw err;
        if (Date.now() > deadline) throw new Error(`no node could take the bid on lot ${lotId}: ${err.message}`);
        // A holder that is gone is replaced once its lease runs out; one that just let go, at once.
        await sleep(err instanceof HolderUnreachable ? Math.min(renewMs, Math.max(10, expiresAt - Date.now())) : 5);
      }
    }
  }

  async function disconnect() {
    for (const [id, w] of waiting) {
      clearTimeout(w.timer);
      w.reject(new Error('the bid router is closed'));
      waiting.delete(id);
    }
    if (sub?.isOpen) await sub.unsubscribe().catch(() => {});
    for (const c of [sub, pub]) if (c?.isOpen) await c.quit().catch(() => {});
  }
}

export type BidRouter = ReturnType<typeof createBidRouter>;
