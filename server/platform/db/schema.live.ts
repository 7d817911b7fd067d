/**
 * Live bidding across several server nodes. `lot_leases` names the node that runs a lot's sequencer: a node
 * takes a free or expired lease by raising its fencing token, renews it while the lot has bids, and lets it
 * go when the lot is idle. Other nodes forward their bids for the lot to the holder (see
 * server/modules/bidding/bid-router.ts). Expiry is wall-clock time, never the platform's test clock.
 */
import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, bigint, numeric, index, uniqueIndex } from 'drizzle-orm/pg-core';

export const lotLeases = pgTable('lot_leases', {
  lotId: text('lot_id').primaryKey(),
  /** The node holding the lease, as the node names itself (host, pid and a random part). */
  owner: text('owner').notNull(),
  /** Raised by one every time the lease changes hands: a node that lost it holds a smaller number. */
  token: bigint('token', { mode: 'number' }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
});

/**
 * Proxy bids (代理出价): a bidder's maximum, up to which the lot's sequencer bids the minimum for them whenever
 * they are outbid; each such bid is an ordinary bid in the record. One instruction per registration is in
 * force at a time; a withdrawn one stays, with the time it was withdrawn.
 */
export const proxyBids = pgTable('proxy_bids', {
  id: text('id').primaryKey(),
  lotId: text('lot_id').notNull(),
  registrationId: text('registration_id').notNull(),
  userId: text('user_id').notNull(),
  maxAmount: numeric('max_amount', { precision: 18, scale: 2 }).notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true, mode: 'date' }),
}, (t) => [
  uniqueIndex('proxy_bids_one_in_force_key').on(t.registrationId).where(sql`${t.withdrawnAt} is null`),
  index('proxy_bids_lot_idx').on(t.lotId),
]);
