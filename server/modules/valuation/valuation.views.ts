import { Decimal } from 'decimal.js';
import { schema } from '../../platform/db/index';

type Valuation = typeof schema.valuations.$inferSelect;

export const valuationView = (v: Valuation, now: Date) => {
  // A valuation past its validity reads as expired whether or not a job has marked it yet.
  const status = v.status === 'effective' && v.validUntil && v.validUntil.getTime() < now.getTime() ? 'expired' : v.status;
  return {
    id: v.id, assetId: v.assetId, method: v.method, status,
    referencePrice: v.referencePrice === null ? null : new Decimal(v.referencePrice).toFixed(2),
    effectiveAt: v.effectiveAt?.toISOString() ?? null, validUntil: v.validUntil?.toISOString() ?? null,
    deadlineAt: v.deadlineAt?.toISOString() ?? null, extensionCount: v.extensionCount,
    reportSentAt: v.reportSentAt?.toISOString() ?? null, objectionWindowEndsAt: v.objectionWindowEndsAt?.toISOString() ?? null,
    details: v.details, createdAt: v.createdAt.toISOString(),
  };
};

export const quoteView = (q: typeof schema.inquiryQuotes.$inferSelect) => ({
  id: q.id, platform: q.platformName, status: q.status, price: q.price === null ? null : new Decimal(q.price).toFixed(2),
  reportUrl: q.reportUrl, reportedAt: q.reportedAt?.toISOString() ?? null, correctedAt: q.correctedAt?.toISOString() ?? null,
  correctionCount: q.correctionCount, excluded: q.excluded, attempts: q.attempts, errors: q.errors,
});

export const objectionView = (o: typeof schema.valuationObjections.$inferSelect) => ({
  id: o.id, quoteId: o.quoteId, party: o.party, reason: o.reason, status: o.status, resolution: o.resolution,
  filedAt: o.filedAt.toISOString(), resolvedAt: o.resolvedAt?.toISOString() ?? null,
});
