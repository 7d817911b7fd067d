/** Statistics (public): figures over finished auctions, as defined in shared/stats.ts. */
import { z } from 'zod';
import { ASSET_KINDS } from './cases';
import { money, rate, utc8Day } from './common';

/** Premiums can be negative (a sell-off below the reference price). */
const signedRate = z.string().regex(/^-?\d+\.\d{4}$/, 'rate: a signed decimal string with four places').meta({ format: 'decimal', example: '0.3100' });

/** The language of a CSV's header row and of its enumerated values (sold, round 1, movable…); en keeps the API's keys. */
export const CSV_LANGS = ['en', 'zh'] as const;

/** A calendar day in UTC+8, in the years the platform's dates live in. */
const statsDay = utc8Day;

export const STATS_GROUP_BY = ['court', 'kind', 'month', 'round'] as const;

export const statsQuery = z.strictObject({
  from: statsDay.optional(),
  to: statsDay.optional(),
  court: z.string().min(1).max(200).optional(),
  kind: z.enum(ASSET_KINDS).optional(),
  round: z.enum(['1', '2', 'sell_off']).optional(),
  groupBy: z.enum(STATS_GROUP_BY).optional(),
  format: z.enum(['json', 'csv']).optional(),
  /** With format=csv: the header row's and the values' language (default en). */
  lang: z.enum(CSV_LANGS).optional(),
}).refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { message: 'from must be before to', path: ['to'] });

export const statsFigures = z.object({
  lotsFinished: z.number().int().min(0),
  lotsSold: z.number().int().min(0),
  lotsDefaulted: z.number().int().min(0),
  successRate: rate,
  turnover: money,
  startingTotal: money,
  referenceTotal: money,
  premiumOverStarting: signedRate,
  premiumOverReference: signedRate,
  realisationRate: rate,
  commissionSaved: money,
  commissionShareOfTurnover: rate,
  unsoldRateByRound: z.object({ '1': rate, '2': rate, sell_off: rate }),
  biddersPerLot: rate,
  bidsPerLot: rate,
  extensionsPerLot: rate,
  loserDepositsRefundedWithin24hShare: rate,
});

export const statsView = statsFigures.extend({
  groups: z.array(statsFigures.extend({ key: z.string() })).optional(),
});

/**
 * Results (成交公示): every finished auction, newest close first. A sold lot names its buyer as the A22
 * confirmation of sale publishes them, with the ID number masked; no other bidder is ever named.
 */
export const RESULT_OUTCOMES = ['sold', 'unsold', 'defaulted'] as const;
export const resultsQuery = z.strictObject({
  from: statsDay.optional(),
  to: statsDay.optional(),
  court: z.string().min(1).max(200).optional(),
  kind: z.enum(ASSET_KINDS).optional(),
  outcome: z.enum(RESULT_OUTCOMES).optional(),
  /** Free text over the asset title and case number. */
  q: z.string().min(1).max(200).optional(),
  /** The opaque `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  format: z.enum(['json', 'csv']).optional(),
  /** With format=csv: the header row's and the values' language (default en). */
  lang: z.enum(CSV_LANGS).optional(),
}).refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, { message: 'from must be before to', path: ['to'] });

export const resultItem = z.strictObject({
  lotId: z.string(),
  title: z.string(),
  court: z.string(),
  caseNumber: z.string(),
  kind: z.enum(ASSET_KINDS),
  round: z.enum(['1', '2', 'sell_off']),
  outcome: z.enum(RESULT_OUTCOMES),
  closedAt: z.iso.datetime(),
  startingPrice: money,
  referencePrice: money.nullable(),
  /** The winning price; null when unsold. */
  finalPrice: money.nullable(),
  /** (final − starting) ÷ starting, four places; null when unsold. */
  premiumOverStarting: signedRate.nullable(),
  /** (final − reference) ÷ reference, four places; null when unsold or without a reference price. */
  premiumOverReference: signedRate.nullable(),
  bidCount: z.number().int().min(0),
  /** The winning bidder code (sold or defaulted); null when unsold. */
  winnerCode: z.string().nullable(),
  /** Sold lots only: the buyer's real name as on the confirmation of sale (A22). */
  buyerName: z.string().nullable(),
  /** Sold lots only: the buyer's ID number masked (shared/mask.ts: an 18-character resident ID keeps its first 3 and last 4 characters, other documents only their first and last). */
  buyerIdMasked: z.string().nullable(),
});

export const resultList = z.strictObject({
  items: z.array(resultItem),
  nextCursor: z.string().nullable(),
  /** How many finished auctions match the filters, on the first page (no cursor); null on later pages. */
  total: z.number().int().min(0).nullable(),
});

/** Courts that have finished at least one auction, for the statistics and results filters. */
export const courtList = z.array(z.strictObject({ court: z.string(), lotsFinished: z.number().int().min(0) }));
