/**
 * Socket.IO on the /live namespace: what clients send (each with an acknowledgement) and what the server
 * pushes to the watchers of a lot. Every lot event carries its lotId and an increasing seq (presence aside).
 */
import { z } from 'zod';
import { id, idString, isoTime, money, positiveMoneyString } from './common';
import { bidResult, clientBidId } from './bidding';
import { bidView, lotStatus, lotView } from './lots';
import { notificationView } from './notifications';

export const watchPayload = z.strictObject({ lotId: idString });
export const bidPayload = z.strictObject({ lotId: idString, amount: positiveMoneyString, clientBidId });

/** A refused client event: the error's code and message with its details spread beside them. */
export const ackFailure = z.object({ ok: z.literal(false), error: z.looseObject({ code: z.string(), message: z.string() }) });

/** One accepted bid as its lot's watchers see it. */
export const lotBidEntry = bidView.extend({
  lotId: id, endsAt: isoTime, extended: z.boolean(), currentPrice: money, bidCount: z.number().int().min(1), extensionCount: z.number().int().min(0),
  /** the bid record's new head hash */
  hash: z.string(),
});
export type LotBidEntry = z.infer<typeof lotBidEntry>;
/**
 * Bids reach a lot's watchers at most 20 times a second: the event carries the latest bid's fields, as it
 * always has, and `bids`, every bid since the previous lot:bid of the lot, in seq order (the latest last).
 */
export const lotBidEvent = lotBidEntry.extend({ bids: z.array(lotBidEntry).min(1) });
export type LotBidEvent = z.infer<typeof lotBidEvent>;
export const lotStatusEvent = z.strictObject({ lotId: id, seq: z.number().int().min(0), status: lotStatus, endsAt: isoTime, at: isoTime });
export type LotStatusEvent = z.infer<typeof lotStatusEvent>;
export const lotClosedEvent = z.strictObject({ lotId: id, seq: z.number().int().min(0), status: lotStatus, finalPrice: money.nullable(), winnerCode: z.string().nullable(), at: isoTime });
export type LotClosedEvent = z.infer<typeof lotClosedEvent>;
export const presenceEvent = z.strictObject({ lotId: id, watchers: z.number().int().min(0) });
export type PresenceEvent = z.infer<typeof presenceEvent>;

export const LIVE_NAMESPACE = '/live';

/** Client → server events: payload and acknowledgement. `auth` names events that need a signed-in socket. */
export const clientEvents = {
  'lot:watch': {
    summary: 'Watch a lot: join its room and get a snapshot; events after the snapshot follow (drop seq ≤ snapshot.seq)',
    payload: watchPayload,
    ack: z.union([z.strictObject({ ok: z.literal(true), snapshot: lotView, serverNow: isoTime }), ackFailure]),
    auth: false,
  },
  'lot:unwatch': { summary: 'Stop watching a lot', payload: watchPayload, ack: z.union([z.strictObject({ ok: z.literal(true) }), ackFailure]), auth: false },
  'bid:place': {
    summary: 'Place a bid, as POST /api/lots/{id}/bids does; the same clientBidId on the same lot returns the first result',
    payload: bidPayload,
    ack: z.union([z.strictObject({ ok: z.literal(true), bid: bidResult }), ackFailure]),
    auth: true,
  },
  'clock:sync': { summary: 'The server time every countdown syncs to', payload: z.unknown(), ack: z.strictObject({ now: isoTime }), auth: false },
} as const;
export type ClientEventName = keyof typeof clientEvents;
export type ClientEventPayload<E extends ClientEventName> = z.input<(typeof clientEvents)[E]['payload']>;
export type ClientEventAck<E extends ClientEventName> = z.output<(typeof clientEvents)[E]['ack']>;

/** Server → client events, sent to the watchers of the lot they name. */
export const serverEvents = {
  'lot:bid': { summary: 'Bids were accepted (after commit): the latest one\'s fields, and `bids`, every bid since the last lot:bid in seq order (at most 20 events a second per lot)', payload: lotBidEvent },
  'lot:status': { summary: "The lot's status changed (announced, live, suspended, resumed, closed)", payload: lotStatusEvent },
  'lot:closed': { summary: 'Bidding ended: sold with its final price and winner code, or unsold', payload: lotClosedEvent },
  'lot:presence': { summary: 'How many are watching (volatile, every few seconds)', payload: presenceEvent },
  notification: { summary: "One of the signed-in user's alerts (as in GET /api/me/notifications), sent to that user's sockets only", payload: notificationView },
  'session:ended': { summary: 'The session this socket signed in with was logged out (in any tab, on any node): the socket goes on as an anonymous watcher and bids are refused; sign the page out', payload: z.strictObject({}) },
} as const;
export type ServerEventName = keyof typeof serverEvents;
export type ServerEventPayload<E extends ServerEventName> = z.output<(typeof serverEvents)[E]['payload']>;
