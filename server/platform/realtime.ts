import type http from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import { bidPayload, watchPayload } from '../../shared/api';
import type { Broadcaster } from './broadcaster';
import { DomainError, rateLimited } from './errors';
import type { Logger } from './logger';
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

type Ack = (response: unknown) => void;

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function errorAck(err: unknown, log: Logger) {
  if (err instanceof DomainError) return { ok: false, error: { code: err.code, message: err.message, ...(err.details ?? {}) } };
  log.error({ err }, 'socket handler failed');
  return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side; try again.' } };
}

export interface Realtime extends Broadcaster {
  io: Server;
  live: Namespace;
  close(): Promise<void>;
}

export async function createRealtime(server: http.Server, handlers: RealtimeHandlers, log: Logger, redisUrl?: string, publicOrigin?: string): Promise<Realtime> {
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

  live.on('connection', (socket: Socket) => {
    const guard = (ack: unknown): ack is Ack => typeof ack === 'function';
    const limited = () => limiter.hit(socket.id);
    socket.on('lot:watch', async (payload: unknown, ack: unknown) => {
      if (!guard(ack)) return;
      try {
        const wait = limited();
        if (wait) throw rateLimited(wait);
        const { lotId } = parse(watchPayload, payload, 'lot:watch payload');
        const snapshot = await handlers.snapshot(lotId);
        if (!snapshot) throw new DomainError(404, 'NOT_FOUND', 'The lot was not found.');
        const rooms = [...socket.rooms].filter((r) => r.startsWith('lot:'));
        if (!rooms.includes(`lot:${lotId}`) && rooms.length >= MAX_WATCHED_LOTS) {
          throw new DomainError(429, 'RATE_LIMITED', `A connection may watch at most ${MAX_WATCHED_LOTS} lots.`);
        }
        // Join before answering so no event committed after the snapshot is missed; the client drops seq ≤ snapshot.seq.
        await socket.join(`lot:${lotId}`);
        presenceDirty.add(lotId);
        const fresh = await handlers.snapshot(lotId);
        ack({ ok: true, snapshot: fresh, serverNow: handlers.now().toISOString() });
      } catch (err) {
        ack(errorAck(err, log));
      }
    });
    socket.on('lot:unwatch', async (payload: unknown, ack: unknown) => {
      try {
        const { lotId } = parse(watchPayload, payload, 'lot:unwatch payload');
        await socket.leave(`lot:${lotId}`);
        presenceDirty.add(lotId);
        if (guard(ack)) ack({ ok: true });
      } catch (err) {
        if (guard(ack)) ack(errorAck(err, log));
      }
    });
    socket.on('bid:place', async (payload: unknown, ack: unknown) => {
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
    });
    socket.on('clock:sync', (_payload: unknown, ack: unknown) => {
      if (guard(ack)) ack({ now: handlers.now().toISOString() });
    });
    socket.on('disconnecting', () => {
      for (const room of socket.rooms) if (room.startsWith('lot:')) presenceDirty.add(room.slice(4));
    });
  });

  return {
    io,
    live,
    lot(lotId, event, payload) {
      live.to(`lot:${lotId}`).emit(event, payload);
    },
    async close() {
      clearInterval(presenceTimer);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      for (const c of cleanups) await c();
    },
  };
}
