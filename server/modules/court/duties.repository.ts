/**
 * The court's worklist reads: lots, determinations and refunds that wait for the court, each joined to its
 * asset and case. Read-only, each query bounded and ordered so that the most urgent rows come first.
 */
import { and, asc, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

const { assets, cases, lots, valuations, valuationObjections, refunds } = schema;

const place = { assetId: assets.id, assetTitle: assets.title, assetTitleEn: assets.titleEn, assetKind: assets.kind, caseId: cases.id, caseNumber: cases.caseNumber, court: cases.court };
const inCourt = (court: string | undefined): SQL | undefined => (court ? eq(cases.court, court) : undefined);

/** Drafts, the earliest start first: the nearest start leaves the least time for the notice and the announcement. */
export function draftLots(q: Db, court: string | undefined, limit: number) {
  return q.select({ ...place, lotId: lots.id, round: lots.round, startsAt: lots.startsAt, noticesSentAt: lots.noticesSentAt })
    .from(lots).innerJoin(assets, eq(assets.id, lots.assetId)).innerJoin(cases, eq(cases.id, assets.caseId))
    .where(and(eq(lots.status, 'draft'), inCourt(court))).orderBy(asc(lots.startsAt), asc(lots.id)).limit(limit);
}

/** Live lots whose end falls in [from, to]. */
export function lotsEndingBetween(q: Db, from: Date, to: Date, court: string | undefined, limit: number) {
  return q.select({ ...place, lotId: lots.id, endsAt: lots.endsAt, currentPrice: lots.currentPrice })
    .from(lots).innerJoin(assets, eq(assets.id, lots.assetId)).innerJoin(cases, eq(cases.id, assets.caseId))
    .where(and(eq(lots.status, 'live'), gte(lots.endsAt, from), lte(lots.endsAt, to), inCourt(court))).orderBy(asc(lots.endsAt), asc(lots.id)).limit(limit);
}

/** Sold lots whose balance is not recorded, the earliest deadline first (A25). */
export function unpaidBalances(q: Db, court: string | undefined, limit: number) {
  return q.select({ ...place, lotId: lots.id, balanceDueAt: lots.balanceDueAt, finalPrice: lots.finalPrice })
    .from(lots).innerJoin(assets, eq(assets.id, lots.assetId)).innerJoin(cases, eq(cases.id, assets.caseId))
    .where(and(eq(lots.status, 'sold'), isNull(lots.balancePaidAt), inCourt(court)))
    .orderBy(sql`${lots.balanceDueAt} asc nulls last`, asc(lots.id)).limit(limit);
}

/** Refunds of a lot still unpaid after their due time (A23: deposits within 24 hours), the oldest first. */
export function overdueRefunds(q: Db, now: Date, court: string | undefined, limit: number) {
  return q.select({ ...place, lotId: lots.id, refundId: refunds.id, dueBy: refunds.dueBy, amount: refunds.amount, refundKind: refunds.kind })
    .from(refunds).innerJoin(lots, eq(lots.id, refunds.lotId)).innerJoin(assets, eq(assets.id, lots.assetId)).innerJoin(cases, eq(cases.id, assets.caseId))
    .where(and(inArray(refunds.status, ['due', 'failed']), lt(refunds.dueBy, now), inCourt(court)))
    .orderBy(asc(refunds.dueBy), asc(refunds.id)).limit(limit);
}

/** Determinations collecting quotes, awaiting a report or in their objection window, the nearest deadline first. */
export function openDeterminations(q: Db, court: string | undefined, limit: number) {
  return q.select({
    ...place, valuationId: valuations.id, method: valuations.method, status: valuations.status,
    deadlineAt: valuations.deadlineAt, objectionWindowEndsAt: valuations.objectionWindowEndsAt,
    pendingObjections: sql<number>`(select count(*)::int from ${valuationObjections} o where o.valuation_id = ${valuations.id} and o.status = 'pending')`,
  }).from(valuations).innerJoin(assets, eq(assets.id, valuations.assetId)).innerJoin(cases, eq(cases.id, assets.caseId))
    .where(and(inArray(valuations.status, ['pending', 'extended', 'objection_window']), inCourt(court)))
    .orderBy(sql`(case when ${valuations.status} = 'objection_window' then ${valuations.objectionWindowEndsAt} else ${valuations.deadlineAt} end) asc nulls last`, asc(valuations.id)).limit(limit);
}
