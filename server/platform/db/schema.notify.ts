/**
 * Watching and alerts. `watchlist` holds the lots a user follows. `notifications` is both the user's inbox
 * and the outbox of its deliveries: a row is written in the same transaction as the event it tells of, then
 * pushed on the socket (`pushed_at`) and mailed (`email_status`) by jobs that claim rows with SKIP LOCKED, so
 * none is lost to a crash between the event and its delivery. `notification_bid_cursors` records, per lot,
 * the last bid whose outbid and extension alerts were written: they are derived after the bid batch commits,
 * never inside the bid path, and a restart resumes from the cursor.
 */
import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, integer, jsonb, bigserial, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const watchlist = pgTable('watchlist', {
  userId: text('user_id').notNull(),
  lotId: text('lot_id').notNull(),
  createdAt: ts('created_at').notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.lotId] }), index('watchlist_lot_idx').on(t.lotId)]);

export const notifications = pgTable('notifications', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  userId: text('user_id').notNull(),
  kind: text('kind').notNull(),
  lotId: text('lot_id'),
  /** Codes and figures the client words in the reader's language (amounts as decimal strings, times ISO). */
  params: jsonb('params').$type<Record<string, string | number | null>>().notNull(),
  /** One alert per event and user: a repeated write of the same event is ignored. */
  dedupeKey: text('dedupe_key').notNull(),
  createdAt: ts('created_at').notNull(),
  readAt: ts('read_at'),
  pushedAt: ts('pushed_at'),
  /** `pending` until mailed (or given up on: `failed`); `none` for alerts that are never mailed. */
  emailStatus: text('email_status').$type<'pending' | 'sent' | 'failed' | 'none'>().notNull(),
  emailAttempts: integer('email_attempts').notNull().default(0),
  emailNextAt: ts('email_next_at'),
  emailError: text('email_error'),
}, (t) => [
  index('notifications_user_idx').on(t.userId, t.id),
  uniqueIndex('notifications_user_dedupe_key').on(t.userId, t.dedupeKey),
  index('notifications_unpushed_idx').on(t.id).where(sql`${t.pushedAt} is null`),
  index('notifications_email_due_idx').on(t.emailNextAt).where(sql`${t.emailStatus} = 'pending'`),
]);

export const notificationBidCursors = pgTable('notification_bid_cursors', {
  lotId: text('lot_id').primaryKey(),
  /** The seq of the last bid whose alerts were written. */
  bidSeq: integer('bid_seq').notNull(),
});
