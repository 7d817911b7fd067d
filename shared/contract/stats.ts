/** Statistics (public): figures over finished auctions, as defined in shared/stats.ts. */
import { z } from 'zod';
import { ASSET_KINDS } from './cases';
import { money, rate } from './common';

/** Premiums can be negative (a sell-off below the reference price). */
const signedRate = z.string().regex(/^-?\d+\.\d{4}$/, 'rate: a signed decimal string with four places').meta({ format: 'decimal', example: '0.3100' });

export const STATS_GROUP_BY = ['court', 'kind', 'month', 'round'] as const;

export const statsQuery = z.strictObject({
  from: z.iso.date({ error: 'a date as YYYY-MM-DD (UTC+8)' }).optional(),
  to: z.iso.date({ error: 'a date as YYYY-MM-DD (UTC+8)' }).optional(),
  court: z.string().min(1).max(200).optional(),
  kind: z.enum(ASSET_KINDS).optional(),
  round: z.enum(['1', '2', 'sell_off']).optional(),
  groupBy: z.enum(STATS_GROUP_BY).optional(),
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
