import { Decimal } from 'decimal.js';
import { and, desc, eq, isNull, lt, count, inArray } from 'drizzle-orm';
import type { NotificationView, WatchedLot } from '../../../shared/contract/notifications';
import type { AppContext } from '../../platform/context';
import { inTransaction, type Db } from '../../platform/db/index';
import { assets, cases, lots, notifications, watchlist } from '../../platform/db/schema';
import { notFound } from '../../platform/errors';
import type { Job } from '../../platform/jobs';
import { createBidAlerts } from './bid-alerts';
import { createMailer, type MailJob } from './mail';
import { notifyBalanceReminders } from './notify';
import { neverPublic } from '../auctions/lot-visibility';

/** Where alerts are pushed: the sockets of one user. */
export interface UserPush {
  user(userId: string, event: 'notification', payload: NotificationView): void;
}

/** Alerts pushed per sweep at most; the rest go with the next. */
const PUSH_BATCH = 500;
/** Balance reminders written per tick at most; the rest go with the next. */
const REMINDER_BATCH = 200;

export function notificationView(n: typeof notifications.$inferSelect): NotificationView {
  return {
    id: String(n.id), kind: n.kind as NotificationView['kind'], lotId: n.lotId, params: n.params,
    createdAt: n.createdAt.toISOString(), readAt: n.readAt?.toISOString() ?? null,
  };
}

export function createNotifications(ctx: AppContext) {
  const { db, clock, log } = ctx;
  let push: UserPush | null = null;

  /**
   * Pushes alerts not yet pushed, claimed with SKIP LOCKED so that several nodes push each one once: batch
   * after batch until one comes back short, so a burst (many lots closing in one tick) does not hold back
   * the alerts behind it.
   */
  async function pushPending(): Promise<number> {
    let total = 0;
    for (let n = PUSH_BATCH; n === PUSH_BATCH; total += n) n = await pushBatch();
    return total;
  }

  async function pushBatch(): Promise<number> {
    if (!push) return 0;
    const rows = await inTransaction(db, async (tx) => {
      const claimed = await tx.select({ id: notifications.id }).from(notifications).where(isNull(notifications.pushedAt))
        .orderBy(notifications.id).limit(PUSH_BATCH).for('update', { skipLocked: true });
      if (claimed.length === 0) return [];
      return tx.update(notifications).set({ pushedAt: clock.now() }).where(inArray(notifications.id, claimed.map((c) => c.id))).returning();
    });
    for (const n of rows) push?.user(n.userId, 'notification', notificationView(n));
    return rows.length;
  }

  let pushQueued = false;
  /** Push soon, off the caller's path (after a commit that wrote alerts). */
  function pushSoon(): void {
    if (pushQueued) return;
    pushQueued = true;
    setImmediate(() => {
      pushQueued = false;
      pushPending().catch((err) => log.error({ err }, 'notification push failed'));
    });
  }

  const bidAlerts = createBidAlerts(ctx, pushSoon);
  const mailer: MailJob | null = ctx.config.SMTP_URL ? createMailer(ctx) : null;

  async function list(userId: string, q: { limit: number; before?: string; unread?: boolean }) {
    const where = and(eq(notifications.userId, userId), q.before ? lt(notifications.id, Number(q.before)) : undefined, q.unread ? isNull(notifications.readAt) : undefined);
    const rows = await db.select().from(notifications).where(where).orderBy(desc(notifications.id)).limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    return {
      notifications: page.map(notificationView),
      unread: await unreadOf(db, userId),
      nextBefore: rows.length > q.limit ? String(page[page.length - 1].id) : null,
    };
  }

  async function markRead(userId: string, body: { ids?: string[]; all?: true }) {
    const now = clock.now();
    // Only the caller's own alerts: another user's ids match nothing.
    await db.update(notifications).set({ readAt: now }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt),
      body.all ? undefined : inArray(notifications.id, (body.ids ?? []).map(Number))));
    return { unread: await unreadOf(db, userId) };
  }

  async function visibleLot(lotId: string) {
    const [lot] = await db.select({ id: lots.id, status: lots.status, announcedAt: lots.announcedAt }).from(lots).where(eq(lots.id, lotId));
    if (!lot || neverPublic(lot)) throw notFound('The lot');
  }

  async function watch(userId: string, lotId: string) {
    await visibleLot(lotId);
    await db.insert(watchlist).values({ userId, lotId, createdAt: clock.now() }).onConflictDoNothing();
    return { lotId, watching: true };
  }

  async function unwatch(userId: string, lotId: string) {
    await visibleLot(lotId);
    await db.delete(watchlist).where(and(eq(watchlist.userId, userId), eq(watchlist.lotId, lotId)));
    return { lotId, watching: false };
  }

  async function myWatchlist(userId: string): Promise<{ lots: WatchedLot[] }> {
    const rows = await db.select({
      lotId: lots.id, title: assets.title, titleEn: assets.titleEn, court: cases.court, status: lots.status, startsAt: lots.startsAt, endsAt: lots.endsAt,
      startingPrice: lots.startingPrice, currentPrice: lots.currentPrice, watchedAt: watchlist.createdAt,
    }).from(watchlist).innerJoin(lots, eq(lots.id, watchlist.lotId)).innerJoin(assets, eq(assets.id, lots.assetId)).innerJoin(cases, eq(cases.id, assets.caseId))
      .where(eq(watchlist.userId, userId)).orderBy(desc(watchlist.createdAt)).limit(500);
    return {
      lots: rows.map((r) => ({
        ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(), watchedAt: r.watchedAt.toISOString(),
        startingPrice: new Decimal(r.startingPrice).toFixed(2), currentPrice: r.currentPrice === null ? null : new Decimal(r.currentPrice).toFixed(2),
      })),
    };
  }

  const jobs: Job[] = [
    {
      name: 'notifications',
      run: async () => {
        await bidAlerts.catchUp();
        await inTransaction(db, (tx) => notifyBalanceReminders(tx, clock.now(), REMINDER_BATCH));
        await pushPending();
      },
    },
    ...(mailer ? [mailer.job] : []),
  ];

  return {
    /** Connects the socket hub once it exists. */
    attach(target: UserPush) { push = target; },
    /** Accepted bids committed on this lot: derive outbid and extension alerts, off the bid path. */
    bidsAccepted: (lotId: string) => bidAlerts.kick(lotId),
    pushSoon, pushPending, list, markRead, watch, unwatch, myWatchlist, jobs,
    async stop() { await bidAlerts.stop(); mailer?.close(); },
  };
}

async function unreadOf(db: Db, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row.n);
}

export type Notifications = ReturnType<typeof createNotifications>;
