/** Watching lots and the caller's alerts: in the app, pushed on the socket as `notification`, and by email. */
import { z } from 'zod';
import { id, isoTime, money } from './common';

export const NOTIFICATION_KINDS = ['lot_starting', 'outbid', 'end_extended', 'deposit_held', 'refund_sent', 'lot_won', 'balance_due', 'balance_reminder'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * One alert. The server sends codes and figures; the client words them. `params` by kind:
 * lot_starting {startsAt, endsAt}; outbid {currentPrice, endsAt, lastMinutes}; end_extended {endsAt};
 * deposit_held {amount}; refund_sent {amount}; lot_won {finalPrice}; balance_due {amount, dueAt};
 * balance_reminder {amount, dueAt} (a day before dueAt, while the balance is unpaid).
 * Every kind about a lot also carries its title (`title`, `titleEn`). No alert names the bidder behind a code.
 */
export const notificationView = z.strictObject({
  id, kind: z.enum(NOTIFICATION_KINDS), lotId: id.nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  createdAt: isoTime, readAt: isoTime.nullable(),
});
export type NotificationView = z.infer<typeof notificationView>;

export const notificationsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  /** The id of the last alert of the previous page: the next page holds older ones. */
  before: z.string().regex(/^\d{1,18}$/, 'an alert id').optional(),
  unread: z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true').optional(),
});
export const notificationList = z.strictObject({
  notifications: z.array(notificationView),
  /** Unread alerts in all, for the header's bell. */
  unread: z.number().int().min(0),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.string().nullable(),
});

/** Mark the named alerts read, or all of the caller's with `all: true`. */
export const markReadBody = z.strictObject({
  ids: z.array(z.string().regex(/^\d{1,18}$/, 'an alert id')).min(1).max(200).optional(),
  all: z.literal(true).optional(),
}).refine((b) => (b.ids ? 1 : 0) + (b.all ? 1 : 0) === 1, { message: 'send either ids or all: true' });
export const unreadCount = z.strictObject({ unread: z.number().int().min(0) });

export const watchState = z.strictObject({ lotId: id, watching: z.boolean() });
export const watchedLot = z.strictObject({
  lotId: id, title: z.string(), titleEn: z.string().nullable(), court: z.string(), status: z.string(),
  startsAt: isoTime, endsAt: isoTime, startingPrice: money, currentPrice: money.nullable(), watchedAt: isoTime,
});
export const watchlistView = z.strictObject({ lots: z.array(watchedLot) });
export type WatchedLot = z.infer<typeof watchedLot>;
