import { and, asc, desc, eq, gt, inArray, isNotNull, lt, lte, or, sql } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';
import { claimDue } from '../../platform/jobs';

/**
 * The valuation module's SQL: determinations, platform quotes, objections and the asset rows they hang
 * on. Each function takes the database or the caller's transaction (which holds the asset lock).
 */
const { assets, cases, valuations, inquiryQuotes, valuationObjections, valuationAudit } = schema;

export type Asset = typeof assets.$inferSelect;
export type Valuation = typeof valuations.$inferSelect;
export type Quote = typeof inquiryQuotes.$inferSelect;
type ValuationPatch = Partial<Omit<typeof valuations.$inferInsert, 'id' | 'details'>>;
type QuotePatch = Partial<Omit<typeof inquiryQuotes.$inferInsert, 'id'>>;

export async function findAsset(q: Db, assetId: string): Promise<Asset | undefined> {
  const [a] = await q.select().from(assets).where(eq(assets.id, assetId));
  return a;
}

/** The asset row's lock serialises every step of its determinations and its valuation record. */
export async function lockAsset(q: Db, assetId: string): Promise<boolean> {
  const [a] = await q.select({ id: assets.id }).from(assets).where(eq(assets.id, assetId)).for('update');
  return !!a;
}

export async function findValuation(q: Db, valuationId: string): Promise<Valuation | undefined> {
  const [v] = await q.select().from(valuations).where(eq(valuations.id, valuationId));
  return v;
}

export async function assetIdOfValuation(q: Db, valuationId: string): Promise<string | undefined> {
  const [peek] = await q.select({ assetId: valuations.assetId }).from(valuations).where(eq(valuations.id, valuationId));
  return peek?.assetId;
}

export async function lockValuation(q: Db, valuationId: string): Promise<Valuation> {
  const [v] = await q.select().from(valuations).where(eq(valuations.id, valuationId)).for('update');
  return v;
}

export async function insertValuation(q: Db, values: typeof valuations.$inferInsert): Promise<Valuation> {
  const [v] = await q.insert(valuations).values(values).returning();
  return v;
}

/** Sets columns; `mergeDetails` is merged into the details JSON in the same UPDATE, keeping what is there. */
export async function updateValuation(q: Db, valuationId: string, patch: ValuationPatch, mergeDetails?: Record<string, unknown>): Promise<void> {
  const details = mergeDetails ? { details: sql`${valuations.details} || ${JSON.stringify(mergeDetails)}::jsonb` } : {};
  await q.update(valuations).set({ ...patch, ...details }).where(eq(valuations.id, valuationId));
}

export function methodsTried(q: Db, assetId: string) {
  return q.select({ method: valuations.method }).from(valuations).where(eq(valuations.assetId, assetId));
}

export async function runningValuation(q: Db, assetId: string, running: readonly string[]) {
  const [row] = await q.select({ id: valuations.id, method: valuations.method, status: valuations.status }).from(valuations)
    .where(and(eq(valuations.assetId, assetId), inArray(valuations.status, [...running]))).limit(1);
  return row;
}

/** Determinations that may have a step due: running ones, and effective ones past their validity. */
/**
 * The determinations the job has a step to take now, oldest first: a network inquiry whose quotes are all in
 * (with one reported, or in its extension) or whose deadline has passed; an objection window that has ended
 * with no objection pending; an effective price past its validity. Only these: a determination that merely
 * runs (an appraisal awaiting its report, a window still open, one held by a pending objection) is never
 * picked, so however many are running, the ones that are due are reached.
 */
export function valuationsToAdvance(q: Db, now: Date, limit: number) {
  const quotesAllIn = sql`not exists (select 1 from ${inquiryQuotes} where ${inquiryQuotes.valuationId} = ${valuations.id} and ${inquiryQuotes.status} not in ('reported', 'failed', 'late'))`;
  const anyReported = sql`exists (select 1 from ${inquiryQuotes} where ${inquiryQuotes.valuationId} = ${valuations.id} and ${inquiryQuotes.status} = 'reported')`;
  const noPendingObjection = sql`not exists (select 1 from ${valuationObjections} where ${valuationObjections.valuationId} = ${valuations.id} and ${valuationObjections.status} = 'pending')`;
  return q.select({ id: valuations.id }).from(valuations)
    .where(or(
      and(
        inArray(valuations.status, ['pending', 'extended']),
        sql`${valuations.details}->>'via' = 'network_inquiry'`,
        or(lt(valuations.deadlineAt, now), and(quotesAllIn, or(anyReported, eq(valuations.status, 'extended')))),
      ),
      and(eq(valuations.status, 'objection_window'), lt(valuations.objectionWindowEndsAt, now), isNotNull(valuations.referencePrice), noPendingObjection),
      and(eq(valuations.status, 'effective'), lt(valuations.validUntil, now)),
    ))
    .orderBy(asc(valuations.createdAt)).limit(limit);
}

export async function insertQuotes(q: Db, rows: Array<typeof inquiryQuotes.$inferInsert>): Promise<void> {
  await q.insert(inquiryQuotes).values(rows);
}

/** Claims due quotes and leases them until `leaseUntil`, so another node's tick leaves them alone. */
export async function claimDueQuotes(tx: Db, statuses: readonly string[], now: Date, leaseUntil: Date, limit: number): Promise<Quote[]> {
  const due = await claimDue(tx, inquiryQuotes, { where: inArray(inquiryQuotes.status, [...statuses]), dueAt: inquiryQuotes.nextAttemptAt, now, limit });
  if (due.length) await tx.update(inquiryQuotes).set({ nextAttemptAt: leaseUntil }).where(inArray(inquiryQuotes.id, due.map((q) => q.id)));
  return due;
}

export async function updateQuote(q: Db, quoteId: string, patch: QuotePatch): Promise<void> {
  await q.update(inquiryQuotes).set(patch).where(eq(inquiryQuotes.id, quoteId));
}

export async function lockQuote(q: Db, quoteId: string): Promise<Quote> {
  const [cur] = await q.select().from(inquiryQuotes).where(eq(inquiryQuotes.id, quoteId)).for('update');
  return cur;
}

export async function quoteOfValuation(q: Db, quoteId: string, valuationId: string): Promise<boolean> {
  const [row] = await q.select({ id: inquiryQuotes.id }).from(inquiryQuotes).where(and(eq(inquiryQuotes.id, quoteId), eq(inquiryQuotes.valuationId, valuationId)));
  return !!row;
}

/** A sustained objection takes the quote out of the average; the quote row is locked first. */
export async function excludeQuote(q: Db, quoteId: string): Promise<void> {
  await q.select({ id: inquiryQuotes.id }).from(inquiryQuotes).where(eq(inquiryQuotes.id, quoteId)).for('update');
  await q.update(inquiryQuotes).set({ excluded: true }).where(eq(inquiryQuotes.id, quoteId));
}

export function quotesOf(q: Db, valuationId: string) {
  return q.select().from(inquiryQuotes).where(eq(inquiryQuotes.valuationId, valuationId)).orderBy(asc(inquiryQuotes.platformName));
}

export function lockQuotesOf(q: Db, valuationId: string) {
  return q.select().from(inquiryQuotes).where(eq(inquiryQuotes.valuationId, valuationId)).for('update');
}

/** The reports that count towards the average: reported on time and not excluded by an objection. */
export function countingQuotes(q: Db, valuationId: string) {
  return q.select().from(inquiryQuotes).where(and(eq(inquiryQuotes.valuationId, valuationId), eq(inquiryQuotes.status, 'reported'), eq(inquiryQuotes.excluded, false)));
}

export function lockCountingQuotes(q: Db, valuationId: string) {
  return countingQuotes(q, valuationId).for('update');
}

export function objectionsOf(q: Db, valuationId: string) {
  return q.select().from(valuationObjections).where(eq(valuationObjections.valuationId, valuationId)).orderBy(asc(valuationObjections.filedAt));
}

export async function insertObjection(q: Db, values: typeof valuationObjections.$inferInsert) {
  const [o] = await q.insert(valuationObjections).values(values).returning();
  return o;
}

export async function lockObjection(q: Db, objectionId: string, valuationId: string) {
  const [o] = await q.select().from(valuationObjections).where(and(eq(valuationObjections.id, objectionId), eq(valuationObjections.valuationId, valuationId))).for('update');
  return o;
}

export async function resolveObjection(q: Db, objectionId: string, patch: { status: string; resolution: string; resolvedAt: Date; resolvedBy: string }): Promise<void> {
  await q.update(valuationObjections).set(patch).where(eq(valuationObjections.id, objectionId));
}

export async function hasPendingObjection(q: Db, valuationId: string): Promise<boolean> {
  const [pending] = await q.select({ id: valuationObjections.id }).from(valuationObjections).where(and(eq(valuationObjections.valuationId, valuationId), eq(valuationObjections.status, 'pending'))).limit(1);
  return !!pending;
}

export async function valuationAuditHead(q: Db, assetId: string) {
  const [a] = await q.select({ head: assets.valuationAuditHead }).from(assets).where(eq(assets.id, assetId));
  return a;
}

export function valuationAuditEntries(q: Db, assetId: string) {
  return q.select().from(valuationAudit).where(eq(valuationAudit.assetId, assetId)).orderBy(asc(valuationAudit.seq));
}

export function worklistRows(q: Db, statuses: readonly string[], limit: number) {
  return q.select({ v: valuations, title: assets.title, titleEn: assets.titleEn, caseId: assets.caseId, caseNumber: cases.caseNumber, court: cases.court })
    .from(valuations).innerJoin(assets, eq(assets.id, valuations.assetId)).innerJoin(cases, eq(cases.id, assets.caseId))
    .where(inArray(valuations.status, [...statuses])).orderBy(asc(valuations.deadlineAt)).limit(limit);
}

export function pendingObjectionCounts(q: Db) {
  return q.select({ valuationId: valuationObjections.valuationId, n: sql<number>`count(*)::int` }).from(valuationObjections)
    .where(eq(valuationObjections.status, 'pending')).groupBy(valuationObjections.valuationId);
}

/** Seized assets with no determination started (B1), oldest seizure first; an asset already put up for sale is past it. */
export function seizedUnvalued(q: Db, limit: number) {
  return q.select({ a: assets, caseNumber: cases.caseNumber }).from(assets).innerJoin(cases, eq(cases.id, assets.caseId))
    .where(and(sql`${assets.seizedAt} is not null`, sql`not exists (select 1 from valuations v where v.asset_id = ${assets.id})`,
      sql`not exists (select 1 from lots l where l.asset_id = ${assets.id})`))
    .orderBy(asc(assets.seizedAt)).limit(limit);
}

/** Effective prices (pre-valuation aside) whose asset has no lot yet (B30). */
export function effectiveWithoutLot(q: Db, limit: number) {
  return q.select({ v: valuations, title: assets.title, titleEn: assets.titleEn, caseId: assets.caseId, caseNumber: cases.caseNumber }).from(valuations)
    .innerJoin(assets, eq(assets.id, valuations.assetId)).innerJoin(cases, eq(cases.id, assets.caseId))
    .where(and(eq(valuations.status, 'effective'), sql`${valuations.method} <> 'pre_valuation'`, sql`not exists (select 1 from lots l where l.asset_id = ${valuations.assetId})`)).limit(limit);
}

export async function findCase(q: Db, caseId: string) {
  const [c] = await q.select().from(cases).where(eq(cases.id, caseId));
  return c;
}

export function preservedAssetsOf(q: Db, caseId: string) {
  return q.select().from(assets).where(and(eq(assets.caseId, caseId), eq(assets.preserved, true)));
}

/** The asset's latest effective price still valid at `now`. */
export async function validEffective(q: Db, assetId: string, now: Date): Promise<Valuation | undefined> {
  const [v] = await q.select().from(valuations)
    .where(and(eq(valuations.assetId, assetId), eq(valuations.status, 'effective'), sql`${valuations.validUntil} > ${now}`))
    .orderBy(desc(valuations.effectiveAt)).limit(1);
  return v;
}

async function appraisalMandatory(q: Db, assetId: string): Promise<boolean> {
  const [asset] = await q.select({ appraisalMandatory: assets.appraisalMandatory }).from(assets).where(eq(assets.id, assetId));
  return !!asset?.appraisalMandatory;
}

/** The newest effective price still valid at `now`; where a law requires an appraisal, only an appraisal's (B14). */
export async function currentReference(q: Db, assetId: string, now: Date): Promise<Valuation | undefined> {
  const mandatory = await appraisalMandatory(q, assetId);
  const [v] = await q.select().from(valuations)
    .where(and(
      eq(valuations.assetId, assetId), eq(valuations.status, 'effective'), gt(valuations.validUntil, now),
      ...(mandatory ? [eq(valuations.method, 'appraisal')] : []),
    ))
    .orderBy(desc(valuations.effectiveAt)).limit(1);
  return v;
}

/** The most recent price that was in effect and has run out by `now` (B27). */
export async function lapsedReference(q: Db, assetId: string, now: Date): Promise<Valuation | undefined> {
  const mandatory = await appraisalMandatory(q, assetId);
  const [v] = await q.select().from(valuations)
    .where(and(
      eq(valuations.assetId, assetId), inArray(valuations.status, ['effective', 'expired']), lte(valuations.validUntil, now),
      ...(mandatory ? [eq(valuations.method, 'appraisal')] : []),
    ))
    .orderBy(desc(valuations.validUntil)).limit(1);
  return v;
}

export function valuationsOfAsset(q: Db, assetId: string) {
  return q.select().from(valuations).where(eq(valuations.assetId, assetId)).orderBy(desc(valuations.createdAt));
}
