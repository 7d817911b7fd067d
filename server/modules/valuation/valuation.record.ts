import { asc, eq } from 'drizzle-orm';
import { OBJECTION_DAYS, periodEnd } from '../../../shared/valuation-rules';
import type { AppContext } from '../../platform/context';
import { schema, type Db } from '../../platform/db/index';
import { notFound } from '../../platform/errors';
import { appendValuationAudit } from '../audit/audit.service';
import type { Platform } from './inquiry.adapter';

const { assets, valuations, inquiryQuotes, valuationObjections } = schema;
export type Valuation = typeof valuations.$inferSelect;
export type Quote = typeof inquiryQuotes.$inferSelect;
export type ValuationContext = AppContext & { inquiryPlatforms: Platform[]; inquiryTimeoutMs: number };

/** A determination in one of these states is still running: no other may start for the same asset. */
export const RUNNING = ['pending', 'extended', 'objection_window'];
export const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** What every step of a determination shares: the lock order, the valuation record, and reading a determination whole. */
export function createValuationRecord(ctx: ValuationContext) {
  const { db, clock } = ctx;

  async function getAsset(assetId: string) {
    const [a] = await db.select().from(assets).where(eq(assets.id, assetId));
    if (!a) throw notFound('The asset');
    return a;
  }

  /**
   * Runs fn in one transaction holding the asset row lock (FOR UPDATE). Locks are always taken in the
   * order asset, valuation, quotes, so the valuation job, staff actions and the quote worker never deadlock,
   * and appends to the asset's valuation record are serialised.
   */
  async function withAssetLock<T>(assetId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
    return db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const [a] = await tx.select({ id: assets.id }).from(assets).where(eq(assets.id, assetId)).for('update');
      if (!a) throw notFound('The asset');
      return fn(tx);
    });
  }

  /** Locks the valuation's asset, then the valuation row, and hands fn the row as it is under the lock. */
  async function withValuationLock<T>(valuationId: string, fn: (tx: Db, v: Valuation) => Promise<T>): Promise<T> {
    const [peek] = await db.select({ assetId: valuations.assetId }).from(valuations).where(eq(valuations.id, valuationId));
    if (!peek) throw notFound('The valuation');
    return withAssetLock(peek.assetId, async (tx) => {
      const [v] = await tx.select().from(valuations).where(eq(valuations.id, valuationId)).for('update');
      return fn(tx, v);
    });
  }

  /** Appends one event to the asset's valuation record; the caller holds the asset lock. */
  function record(tx: Db, v: Pick<Valuation, 'id' | 'assetId'>, action: string, data: Record<string, unknown>, actorId: string | null = null, at = clock.now()) {
    return appendValuationAudit(tx, { assetId: v.assetId, valuationId: v.id, at, actorId, action, data });
  }

  /** B21–22: the result is sent to the parties, who may object within 5 days of receiving it. Under the valuation's lock. */
  async function openObjectionWindow(tx: Db, v: Valuation, referencePrice: string, now: Date, actorId: string | null) {
    if (v.status !== 'pending' && v.status !== 'extended') return;
    const objectionWindowEndsAt = periodEnd(now, OBJECTION_DAYS, ctx.config.holidays);
    await tx.update(valuations).set({ status: 'objection_window', referencePrice, reportSentAt: now, objectionWindowEndsAt }).where(eq(valuations.id, v.id));
    await record(tx, v, 'result_sent', { referencePrice, objectionWindowEndsAt: iso(objectionWindowEndsAt) }, actorId, now);
  }

  async function get(valuationId: string) {
    const [v] = await db.select().from(valuations).where(eq(valuations.id, valuationId));
    if (!v) throw notFound('The valuation');
    const quotes = await db.select().from(inquiryQuotes).where(eq(inquiryQuotes.valuationId, v.id)).orderBy(asc(inquiryQuotes.platformName));
    const objections = await db.select().from(valuationObjections).where(eq(valuationObjections.valuationId, v.id)).orderBy(asc(valuationObjections.filedAt));
    return { v, quotes, objections };
  }

  return { getAsset, withAssetLock, withValuationLock, record, openObjectionWindow, get };
}

export type ValuationRecord = ReturnType<typeof createValuationRecord>;
