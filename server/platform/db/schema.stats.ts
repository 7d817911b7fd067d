/**
 * Statistics rollups. `auction_facts` holds one row per finished auction (a lot closed sold, unsold or
 * defaulted) with the figures shared/stats.ts sums; `stats_monthly` sums them per court, asset kind, round
 * and month (UTC+8). Both are derived: database triggers put a lot in `stats_dirty` whenever something it
 * is counted by changes (its close, a default, a loser's refund sent, its kind or court), and the stats
 * module recomputes dirty lots before it reads (see server/modules/stats/stats.facts.ts).
 */
import { pgTable, text, timestamp, numeric, integer, bigint, smallint, index, primaryKey } from 'drizzle-orm/pg-core';

const money = (name: string) => numeric(name, { precision: 18, scale: 2 });
/** Sums of money and of exact per-lot commissions (which carry more than two places). */
const exact = (name: string) => numeric(name);
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const auctionFacts = pgTable('auction_facts', {
  lotId: text('lot_id').primaryKey(),
  court: text('court').notNull(),
  kind: text('kind').notNull(),
  round: text('round').notNull(),
  outcome: text('outcome').$type<'sold' | 'unsold' | 'defaulted'>().notNull(),
  closedAt: ts('closed_at').notNull(),
  /** YYYY-MM of the close in UTC+8. */
  month: text('month').notNull(),
  startingPrice: money('starting_price').notNull(),
  referencePrice: money('reference_price'),
  finalPrice: money('final_price'),
  /** C29 commission of a sold lot, exact; 0 otherwise. */
  commission: exact('commission').notNull(),
  bidders: integer('bidders').notNull(),
  bids: integer('bids').notNull(),
  extensions: integer('extensions').notNull(),
  loserDeposits: integer('loser_deposits').notNull(),
  loserRefunded24h: integer('loser_refunded_24h').notNull(),
  /** Losers' deposits not given back yet: within the 24 hours after the close they are not late, only open. */
  loserOpen: integer('loser_open').notNull().default(0),
}, (t) => [
  index('auction_facts_closed_at_idx').on(t.closedAt),
  index('auction_facts_court_closed_at_idx').on(t.court, t.closedAt),
]);

/**
 * `level` says which dimensions a row sums over: 0 one court and one kind, 1 every court (court ''),
 * 2 every kind (kind ''), 3 every court and kind. A question reads the coarsest level that still has the
 * dimensions it filters or groups by, so a province-year is a few dozen rows whatever the number of lots.
 */
export const statsMonthly = pgTable('stats_monthly', {
  level: smallint('level').notNull(),
  court: text('court').notNull(),
  kind: text('kind').notNull(),
  round: text('round').notNull(),
  month: text('month').notNull(),
  finished: integer('finished').notNull(),
  sold: integer('sold').notNull(),
  defaulted: integer('defaulted').notNull(),
  unsold: integer('unsold').notNull(),
  /** Sums over sold auctions. */
  turnover: exact('turnover').notNull(),
  starting: exact('starting').notNull(),
  reference: exact('reference').notNull(),
  commission: exact('commission').notNull(),
  /** Sums over every finished auction. */
  bidders: bigint('bidders', { mode: 'number' }).notNull(),
  bids: bigint('bids', { mode: 'number' }).notNull(),
  extensions: bigint('extensions', { mode: 'number' }).notNull(),
  loserDeposits: bigint('loser_deposits', { mode: 'number' }).notNull(),
  loserRefunded24h: bigint('loser_refunded_24h', { mode: 'number' }).notNull(),
}, (t) => [
  primaryKey({ columns: [t.level, t.court, t.kind, t.round, t.month] }),
  index('stats_monthly_level_month_idx').on(t.level, t.month),
]);

/** Lots whose facts must be recomputed before statistics are read. */
export const statsDirty = pgTable('stats_dirty', {
  lotId: text('lot_id').primaryKey(),
});
