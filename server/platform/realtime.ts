import crypto from 'node:crypto';
import type http from 'node:http';
import pLimit from 'p-limit';
import proxyaddr from 'proxy-addr';
import { Server, type Namespace, type Socket } from 'socket.io';
import { bidPayload, watchPayload } from '../../shared/api';
import type { Broadcaster } from './broadcaster';
import { createBidCoalescer } from './lot-fanout';
import { DomainError, rateLimited } from './errors';
import type { Logger } from './logger';
import { addressKey } from './client-address';
import { RateLimiter } from './rate-limit';
import { crossOrigin, isOwnOrigin } from './origin';
import { parse } from './validate';
import type { SessionUser } from './session-user';

export interface RealtimeHandlers {
  authenticate(token: string | undefined): Promise<SessionUser | null>;
  snapshot(lotId: string): Promise<object | null>;
  placeBid(user: SessionUser, lotId: string, amount: string, clientBidId: string): Promise<object>;
  now(): Date;
}

/** A socket may watch this many lots at once and send this many events a second. */
const MAX_WATCHED_LOTS = 50;
const EVENTS_PER_SECOND = 20;
/** A lot's watchers get at most one lot:bid per this many milliseconds (20 a second). */
const BID_WINDOW_MS = 50;
/**
 * Lot reads for watchers run at most this many at a time in a process, with at most this many waiting: a
 * crowd of sockets each sending watches without waiting for answers cannot queue unbounded work on the
 * database (and, on the embedded engine, on the server's only thread). Watchers of one lot share reads.
 */
const MAX_SNAPSHOT_READS = 8;
const MAX_SNAPSHOT_WAITING = 256;
/**
 * Watches of lots that do not exist, per client address a minute. Past it, lots known to exist are served as
 * before and the address gets one other lot read a second (so a real lot new to this node is still reached).
 */
const UNKNOWN_LOT_WATCHES_PER_MINUTE = 30;
/** Lot ids known to exist, so that an address over its share of unknown ones can still watch real lots. */
const MAX_KNOWN_LOTS = 100_000;
/** Packets a socket may have waiting for its connection (about five seconds of lot events) before it is let go. */
const MAX_QUEUED_PACKETS = 100;

type Ack = (response: unknown) => void;

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Between nodes: a session was logged out (its room name follows). */
const SESSION_ENDED = 'platform:session-ended';

/** The room of every socket signed in with one session: named by the token's hash, never the token. */
const sessionRoom = (token: string) => `session:${crypto.createHash('sha256').update(token).digest('hex')}`;

function errorAck(err: unknown, log: Logger) {
  if (err instanceof DomainError) return { ok: false, error: { code: err.code, message: err.message, ...(err.details ?? {}) } };
  log.error({ err }, 'socket handler failed');
  return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side; try again.' } };
}

export interface Realtime extends Broadcaster {
  io: Server;
  live: Namespace;
  /** An event for one user's sockets only (its alerts), on every node. */
  user(userId: string, event: 'notification', payload: object): void;
  /**
   * A session was logged out: its sockets, on every node, become anonymous watchers and hear `session:ended`,
   * so a page still open with it signs out at once (watching goes on, bidding does not).
   */
  sessionEnded(token: string): void;
  close(): Promise<void>;
}

export async function createRealtime(server: http.Server, handlers: RealtimeHandlers, log: Logger, redisUrl?: string, publicOrigin?: string, trustProxy: number | string[] = ['loopback']): Promise<Realtime> {
  // As Express reads `trust proxy`: a number trusts that many hops nearest the server.
  const trusted = typeof trustProxy === 'number' ? (_addr: string, hop: number) => hop < trustProxy : proxyaddr.compile(trustProxy);
  const io = new Server(server, {
    serveClient: false,
    maxHttpBufferSize: 16 * 1024,
    pingInterval: 10_000,
    pingTimeout: 8_000,
    connectionStateRecovery: undefined,
  });
  const cleanups: Array<() => Promise<void>> = [];
  if (redisUrl) {
    const { createClient } = await import('redis');
    const { createAdapter } = await import('@socket.io/redis-adapter');
    const pub = createClient({ url: redisUrl });
    const sub = pub.duplicate();
    pub.on('error', (err) => log.warn({ err }, 'redis publisher error'));
    sub.on('error', (err) => log.warn({ err }, 'redis subscriber error'));
    await Promise.all([pub.connect(), sub.connect()]);
    io.adapter(createAdapter(pub, sub));
    cleanups.push(async () => {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    });
  }
  const live = io.of('/live');
  const limiter = new RateLimiter(EVENTS_PER_SECOND, 1000);

  live.use(async (socket, next) => {
    try {
      const authToken = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      // Browsers send the httpOnly session cookie with the handshake; scripts pass auth.token.
      let cookieToken = cookieValue(socket.handshake.headers.cookie, 'session');
      // A page on another site can open a socket that carries our cookie: it may watch, as anyone may,
      // but the cookie does not sign it in.
      if (cookieToken && !isOwnOrigin(socket.handshake.headers, publicOrigin)) {
        cookieToken = undefined;
        socket.data.crossOrigin = true;
      }
      // The client's address as the HTTP routes see it (TRUST_PROXY), counted as a whole /64 for IPv6.
      socket.data.address = addressKey(proxyaddr(socket.request, trusted));
      const token = typeof authToken === 'string' && authToken ? authToken : cookieToken;
      socket.data.user = token ? await handlers.authenticate(token) : null;
      socket.data.token = socket.data.user ? token : null;
      if (typeof authToken === 'string' && authToken && !socket.data.user) {
        next(Object.assign(new Error('UNAUTHENTICATED'), { data: { code: 'UNAUTHENTICATED', message: 'The session has expired; log in again.' } }));
        return;
      }
      next();
    } catch (err) {
      log.error({ err }, 'socket auth failed');
      next(new Error('INTERNAL'));
    }
  });

  const presenceDirty = new Set<string>();
  const presenceTimer = setInterval(() => {
    for (const lotId of presenceDirty) {
      const watchers = live.adapter.rooms.get(`lot:${lotId}`)?.size ?? 0;
      live.to(`lot:${lotId}`).volatile.emit('lot:presence', { lotId, watchers });
    }
    presenceDirty.clear();
  }, 2000);
  presenceTimer.unref();

  // A watcher that cannot keep up (its packets queue while the connection is not writable) is let go rather
  // than have the server hold an ever longer backlog for it; bids are never dropped silently: on reconnect the
  // client watches again and starts from a snapshot. A stalled one is also caught by the heartbeat.
  const backlogTimer = setInterval(() => {
    for (const socket of live.sockets.values()) {
      const queued = (socket.conn as unknown as { writeBuffer: unknown[] }).writeBuffer.length;
      if (queued > MAX_QUEUED_PACKETS) {
        log.warn({ queued }, 'socket too far behind: disconnected');
        socket.disconnect(true);
      }
    }
  }, 1000);
  backlogTimer.unref();

  // One set of listeners serves every connection (Socket.IO calls them with the socket as `this`), so a
  // watcher costs no closures of its own.
  const guard = (ack: unknown): ack is Ack => typeof ack === 'function';

  /**
   * Snapshots read for watchers, shared: a watcher takes a read of the lot already in flight if it started
   * no earlier than the watcher needs (after its join, so no event committed before the read is missed),
   * else starts one. A crowd watching one lot at once costs a few reads, not two each.
   */
  const reads = new Map<string, { startedAt: number; read: ReturnType<typeof handlers.snapshot> }>();
  const readGate = pLimit(MAX_SNAPSHOT_READS);
  function gatedSnapshot(lotId: string): ReturnType<typeof handlers.snapshot> {
    if (readGate.pendingCount >= MAX_SNAPSHOT_WAITING) return Promise.reject(rateLimited(1000));
    return readGate(() => handlers.snapshot(lotId));
  }
  function sharedSnapshot(lotId: string, notBefore: number): ReturnType<typeof handlers.snapshot> {
    const inFlight = reads.get(lotId);
    if (inFlight && inFlight.startedAt >= notBefore) return inFlight.read;
    const entry = { startedAt: performance.now(), read: gatedSnapshot(lotId) };
    reads.set(lotId, entry);
    const done = () => {
      if (reads.get(lotId) === entry) reads.delete(lotId);
    };
    entry.read.then(done, done);
    return entry.read;
  }

  const unknownWatches = new RateLimiter(UNKNOWN_LOT_WATCHES_PER_MINUTE, 60_000);
  const slowLane = new RateLimiter(1, 1000);
  const knownLots = new Set<string>();
  const knowLot = (lotId: string) => {
    if (knownLots.has(lotId)) return;
    if (knownLots.size >= MAX_KNOWN_LOTS) knownLots.delete(knownLots.values().next().value as string);
    knownLots.add(lotId);
  };

  async function onWatch(this: Socket, payload: unknown, ack: unknown) {
    const socket = this;
    const limited = () => limiter.hit(socket.id);
    if (!guard(ack)) return;
    try {
      const wait = limited();
      if (wait) throw rateLimited(wait);
      const { lotId } = parse(watchPayload, payload, 'lot:watch payload');
      // An address that keeps asking for lots that do not exist is probing or flooding: until its minute is
      // over it may watch lots known to exist, and have one other lot read a second.
      const address = socket.data.address as string;
      if (!knownLots.has(lotId) && unknownWatches.blockedFor(address)) {
        const wait = slowLane.hit(address);
        if (wait) throw rateLimited(wait);
      }
      const snapshot = await sharedSnapshot(lotId, 0);
      if (!snapshot) {
        unknownWatches.hit(address);
        throw new DomainError(404, 'NOT_FOUND', 'The lot was not found.');
      }
      knowLot(lotId);
      const rooms = [...socket.rooms].filter((r) => r.startsWith('lot:'));
      if (!rooms.includes(`lot:${lotId}`) && rooms.length >= MAX_WATCHED_LOTS) {
        throw new DomainError(429, 'RATE_LIMITED', `A connection may watch at most ${MAX_WATCHED_LOTS} lots.`);
      }
      // Join before answering so no event committed after the snapshot is missed; the client drops seq ≤ snapshot.seq.
      await socket.join(`lot:${lotId}`);
      const joinedAt = performance.now();
      presenceDirty.add(lotId);
      const fresh = await sharedSnapshot(lotId, joinedAt);
      ack({ ok: true, snapshot: fresh, serverNow: handlers.now().toISOString() });
    } catch (err) {
      ack(errorAck(err, log));
    }
  }
  async function onUnwatch(this: Socket, payload: unknown, ack: unknown) {
    const socket = this;
    try {
      const { lotId } = parse(watchPayload, payload, 'lot:unwatch payload');
      await socket.leave(`lot:${lotId}`);
      presenceDirty.add(lotId);
      if (guard(ack)) ack({ ok: true });
    } catch (err) {
      if (guard(ack)) ack(errorAck(err, log));
    }
  }
  async function onBid(this: Socket, payload: unknown, ack: unknown) {
    const socket = this;
    const limited = () => limiter.hit(socket.id);
    if (!guard(ack)) return;
    try {
      const wait = limited();
      if (wait) throw rateLimited(wait);
      // The session is checked again for every bid: a logout or an expired session stops bidding at once.
      const user = socket.data.token ? await handlers.authenticate(socket.data.token as string) : null;
      if (!user && socket.data.crossOrigin) throw crossOrigin();
      if (!user) throw new DomainError(401, 'UNAUTHENTICATED', socket.data.token ? 'Your session has ended; log in again to bid.' : 'Log in to bid.');
      const body = parse(bidPayload, payload, 'bid:place payload');
      const bid = await handlers.placeBid(user, body.lotId, body.amount, body.clientBidId);
      ack({ ok: true, bid });
    } catch (err) {
      ack(errorAck(err, log));
    }
  }
  function onClockSync(_payload: unknown, ack: unknown) {
    if (guard(ack)) ack({ now: handlers.now().toISOString() });
  }
  function onDisconnecting(this: Socket) {
    for (const room of this.rooms) if (room.startsWith('lot:')) presenceDirty.add(room.slice(4));
    limiter.reset(this.id);
  }

  live.on('connection', (socket: Socket) => {
    // A signed-in socket hears its own user's alerts: one room per user, joined here and nowhere else.
    const user = socket.data.user as SessionUser | null;
    if (user) void socket.join([`user:${user.id}`, sessionRoom(socket.data.token as string)]);
    socket.on('lot:watch', onWatch);
    socket.on('lot:unwatch', onUnwatch);
    socket.on('bid:place', onBid);
    socket.on('clock:sync', onClockSync);
    socket.on('disconnecting', onDisconnecting);
  });

  /**
   * This node's sockets of a logged-out session go on as anonymous watchers: they leave the user's and the
   * session's rooms, sign nothing from now on, and hear `session:ended` so that their page signs out.
   */
  function endSessionHere(room: string) {
    for (const id of [...(live.adapter.rooms.get(room) ?? [])]) {
      const socket = live.sockets.get(id);
      if (!socket) continue;
      const user = socket.data.user as SessionUser | null;
      socket.data.user = null;
      socket.data.token = null;
      if (user) void socket.leave(`user:${user.id}`);
      void socket.leave(room);
      socket.emit('session:ended', {});
    }
  }
  // A logout on another node reaches this one through the adapter.
  live.on(SESSION_ENDED, (room: unknown) => {
    if (typeof room === 'string' && room.startsWith('session:')) endSessionHere(room);
  });

  // Bids reach a lot's watchers at most once per window, each event carrying every bid since the last.
  const bids = createBidCoalescer((lotId, payload) => live.to(`lot:${lotId}`).emit('lot:bid', payload), BID_WINDOW_MS);

  return {
    io,
    live,
    user(userId, _event, payload) {
      live.to(`user:${userId}`).emit('notification', payload);
    },
    sessionEnded(token) {
      const room = sessionRoom(token);
      endSessionHere(room);
      if (redisUrl) live.serverSideEmit(SESSION_ENDED, room);
    },
    lot(lotId, event, payload) {
      if (event === 'lot:bid') {
        bids.bid(lotId, payload as { seq: number });
        return;
      }
      // A status change follows the bids before it.
      bids.flush(lotId);
      live.to(`lot:${lotId}`).emit(event, payload);
    },
    async close() {
      clearInterval(presenceTimer);
      clearInterval(backlogTimer);
      bids.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      for (const c of cleanups) await c();
    },
  };
}
