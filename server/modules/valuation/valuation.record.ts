import { OBJECTION_DAYS, periodEnd } from '../../../shared/valuation-rules';
import type { AppContext } from '../../platform/context';
import { inTransaction, type Db } from '../../platform/db/index';
import { notFound } from '../../platform/errors';
import { appendValuationAudit } from '../audit/audit.service';
import type { Platform } from './inquiry.adapter';
import * as repo from './valuation.repository';
import type { Valuation } from './valuation.repository';

export type { Quote, Valuation } from './valuation.repository';
/** `inquiryPlatforms`: the platforms a network inquiry starting now asks (the active ones in the registry), read in its transaction. */
/** `inquiryUrlTrusted`: whether an address comes from the operator's configuration; any other may reach only public addresses. */
export type ValuationContext = AppContext & { inquiryPlatforms: (tx: Db) => Promise<Platform[]>; inquiryTimeoutMs: number; inquiryUrlTrusted?: (url: string) => boolean };

/** A determination in one of these states is still running: no other may start for the same asset. */
export const RUNNING = ['pending', 'extended', 'objection_window'];
export const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

/** What every step of a determination shares: the lock order, the valuation record, and reading a determination whole. */
export function createValuationRecord(ctx: ValuationContext) {
  const { db, clock } = ctx;

  async function getAsset(assetId: string) {
    const a = await repo.findAsset(db, assetId);
    if (!a) throw notFound('The asset');
    return a;
  }

  /**
   * Runs fn in one transaction holding the asset row lock (FOR UPDATE). Locks are always taken in the
   * order asset, valuation, quotes, so the valuation job, staff actions and the quote worker never deadlock,
   * and appends to the asset's valuation record are serialised.
   */
  async function withAssetLock<T>(assetId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
    return inTransaction(db, async (tx) => {
      if (!(await repo.lockAsset(tx, assetId))) throw notFound('The asset');
      return fn(tx);
    });
  }

  /** Locks the valuation's asset, then the valuation row, and hands fn the row as it is under the lock. */
  async function withValuationLock<T>(valuationId: string, fn: (tx: Db, v: Valuation) => Promise<T>): Promise<T> {
    const assetId = await repo.assetIdOfValuation(db, valuationId);
    if (!assetId) throw notFound('The valuation');
    return withAssetLock(assetId, async (tx) => {
      const v = await repo.lockValuation(tx, valuationId);
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
    await repo.updateValuation(tx, v.id, { status: 'objection_window', referencePrice, reportSentAt: now, objectionWindowEndsAt });
    await record(tx, v, 'result_sent', { referencePrice, objectionWindowEndsAt: iso(objectionWindowEndsAt) }, actorId, now);
  }

  async function get(valuationId: string) {
    const v = await repo.findValuation(db, valuationId);
    if (!v) throw notFound('The valuation');
    const quotes = await repo.quotesOf(db, v.id);
    const objections = await repo.objectionsOf(db, v.id);
    return { v, quotes, objections };
  }

  return { getAsset, withAssetLock, withValuationLock, record, openObjectionWindow, get };
}

export type ValuationRecord = ReturnType<typeof createValuationRecord>;
