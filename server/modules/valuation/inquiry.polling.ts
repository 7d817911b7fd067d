import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import { INQUIRY_CORRECTION_DAYS, INQUIRY_REPORT_DAYS, averageQuotes, periodEnd } from '../../../shared/valuation-rules';
import { inTransaction, type Db } from '../../platform/db/index';
import { conflict } from '../../platform/errors';
import { pollQuote, requestQuote, type InquiryError } from './inquiry.adapter';
import type { Quote, Valuation, ValuationContext, ValuationRecord } from './valuation.record';
import * as repo from './valuation.repository';
import type { Asset } from './valuation.repository';

/** How often a pending platform is asked again, by the server clock. */
export const POLL_INTERVAL_MS = 30_000;
/** Retries of the initial request: 10 s, 20 s, 40 s, 80 s, then the platform is recorded as failed. */
export const MAX_REQUEST_ATTEMPTS = 5;
/** A platform that fails this many polls in a row is recorded as failed. */
export const MAX_CONSECUTIVE_POLL_ERRORS = 20;
/** While a job works on a quote, others leave it alone for this long. */
const LEASE_MS = 60_000;
const MAX_ERRORS_KEPT = 20;

/** Network inquiry (B10–13): asks every platform, polls each for its report and corrections, and averages what came in on time. */
export function createInquiryPolling(ctx: ValuationContext, { withValuationLock, record }: ValuationRecord) {
  const { db, clock, log } = ctx;

  async function startNetworkInquiry(tx: Db, asset: Asset, method: 'network_inquiry' | 'pre_valuation', userId: string, extra: Record<string, unknown>) {
    const platforms = await ctx.inquiryPlatforms(tx);
    if (platforms.length === 0) {
      throw conflict('NO_INQUIRY_PLATFORMS', 'No inquiry platform is active (INQUIRY_PLATFORMS, or the admin page); a network inquiry cannot be sent.');
    }
    const now = clock.now();
    const row = await repo.insertValuation(tx, {
      id: crypto.randomUUID(), assetId: asset.id, method, status: 'pending', createdBy: userId, createdAt: now,
      deadlineAt: periodEnd(now, INQUIRY_REPORT_DAYS, ctx.config.holidays), details: { via: 'network_inquiry', objectionAllowed: true, ...extra },
    });
    // B10: every active platform is asked at once.
    await repo.insertQuotes(tx, platforms.map((p) => ({
      id: crypto.randomUUID(), valuationId: row.id, platformName: p.name, platformUrl: p.url, status: 'requesting', nextAttemptAt: now, createdAt: now,
    })));
    return row;
  }

  /** Claims quotes that are due, marking them leased so another node's tick skips them. */
  async function claimDueQuotes(now: Date): Promise<Quote[]> {
    return inTransaction(db, (tx) => repo.claimDueQuotes(tx, ['requesting', 'pending', 'reported'], now, new Date(now.getTime() + LEASE_MS), 50));
  }

  function withError(q: Quote, error: InquiryError, now: Date) {
    const errors = [...((q.errors as unknown[]) ?? []), { at: now.toISOString(), ...error }].slice(-MAX_ERRORS_KEPT);
    return errors;
  }

  async function workQuote(q: Quote) {
    const now = clock.now();
    const platform = { name: q.platformName, url: q.platformUrl, publicOnly: !(ctx.inquiryUrlTrusted?.(q.platformUrl) ?? false) };
    const v = (await repo.findValuation(db, q.valuationId))!;
    const failedEvent = (tx: Db, reason: string) => record(tx, v, 'quote_failed', { quoteId: q.id, platform: q.platformName, reason }, null, now);
    if (q.status === 'requesting') {
      const asset = (await repo.findAsset(db, v.assetId))!;
      const r = await requestQuote(platform, q.id, { title: asset.title, kind: asset.kind, description: asset.description }, ctx.inquiryTimeoutMs);
      if (r.ok) {
        await repo.updateQuote(db, q.id, { status: 'pending', platformRef: r.value.platformRef, attempts: q.attempts + 1, consecutiveErrors: 0, nextAttemptAt: new Date(now.getTime() + POLL_INTERVAL_MS) });
      } else {
        const attempts = q.attempts + 1;
        const failed = attempts >= MAX_REQUEST_ATTEMPTS;
        const set = {
          attempts, errors: withError(q, r.error, now), status: failed ? 'failed' : 'requesting',
          nextAttemptAt: failed ? null : new Date(now.getTime() + 10_000 * 2 ** (attempts - 1)),
        };
        if (failed) {
          await withValuationLock(v.id, async (tx) => {
            await repo.updateQuote(tx, q.id, set);
            await failedEvent(tx, `the request failed ${attempts} times`);
          });
        } else await repo.updateQuote(db, q.id, set);
        log.warn({ platform: q.platformName, valuation: v.id, error: r.error }, 'inquiry request failed');
      }
      return;
    }
    const r = await pollQuote(platform, q.platformRef!, ctx.inquiryTimeoutMs);
    if (!r.ok) {
      const consecutiveErrors = q.consecutiveErrors + 1;
      const give = q.status === 'pending' && consecutiveErrors >= MAX_CONSECUTIVE_POLL_ERRORS;
      const set = {
        consecutiveErrors, errors: withError(q, r.error, now), status: give ? 'failed' : q.status,
        nextAttemptAt: give ? null : new Date(now.getTime() + POLL_INTERVAL_MS),
      };
      if (give) {
        await withValuationLock(v.id, async (tx) => {
          await repo.updateQuote(tx, q.id, set);
          await failedEvent(tx, `${consecutiveErrors} polls in a row were refused`);
        });
      } else await repo.updateQuote(db, q.id, set);
      log.warn({ platform: q.platformName, valuation: v.id, error: r.error }, 'inquiry reply refused');
      return;
    }
    if (r.value.status === 'pending') {
      await repo.updateQuote(db, q.id, { consecutiveErrors: 0, nextAttemptAt: new Date(now.getTime() + POLL_INTERVAL_MS) });
      return;
    }
    const { price, reportUrl } = r.value;
    await withValuationLock(v.id, async (tx, locked) => {
      const cur = await repo.lockQuote(tx, q.id);
      if (cur.status !== q.status) return; // another step moved it meanwhile
      if (cur.status === 'pending') {
        // On time while the valuation still collects quotes; afterwards it is late and not averaged (B13).
        const onTime = (locked.status === 'pending' || locked.status === 'extended') && locked.deadlineAt !== null && now.getTime() <= locked.deadlineAt.getTime();
        const correctionEnds = periodEnd(now, INQUIRY_CORRECTION_DAYS, ctx.config.holidays);
        await repo.updateQuote(tx, q.id, {
          status: onTime ? 'reported' : 'late', price, reportUrl, reportedAt: now, consecutiveErrors: 0,
          nextAttemptAt: onTime ? new Date(Math.min(now.getTime() + POLL_INTERVAL_MS, correctionEnds.getTime())) : null,
        });
        await record(tx, locked, onTime ? 'quote_reported' : 'quote_late', { quoteId: q.id, platform: q.platformName, price: new Decimal(price).toFixed(2), reportUrl }, null, now);
        return;
      }
      // status 'reported': watch for a correction within 3 days of the report (B12).
      const correctionEnds = periodEnd(cur.reportedAt!, INQUIRY_CORRECTION_DAYS, ctx.config.holidays);
      if (now.getTime() > correctionEnds.getTime()) {
        await repo.updateQuote(tx, q.id, { nextAttemptAt: null });
        return;
      }
      const changed = cur.price === null || !new Decimal(cur.price).eq(price);
      await repo.updateQuote(tx, q.id, {
        ...(changed ? { price, correctedAt: now, correctionCount: cur.correctionCount + 1, reportUrl } : {}),
        consecutiveErrors: 0, nextAttemptAt: new Date(Math.min(now.getTime() + POLL_INTERVAL_MS, correctionEnds.getTime() + 1)),
      });
      if (!changed) return;
      await record(tx, locked, 'quote_corrected', { quoteId: q.id, platform: q.platformName, from: cur.price === null ? null : new Decimal(cur.price).toFixed(2), to: new Decimal(price).toFixed(2), reportUrl }, null, now);
      if (locked.status === 'objection_window') await recompute(tx, locked, now, null);
    });
  }

  /** B13: the simple average of the on-time quotes not under a sustained objection. Under the valuation's lock. */
  async function recompute(tx: Db, v: Valuation, now: Date, actorId: string | null): Promise<void> {
    const quotes = await repo.lockCountingQuotes(tx, v.id);
    if (quotes.length === 0) {
      const failure = 'no on-time quote remains after objections';
      await repo.updateValuation(tx, v.id, { status: 'failed', referencePrice: null }, { failure });
      await record(tx, v, 'failed', { reason: failure }, actorId, now);
      return;
    }
    const average = averageQuotes(quotes.map((q) => q.price!)).toFixed(2);
    if (v.referencePrice !== null && new Decimal(v.referencePrice).eq(average)) return;
    await repo.updateValuation(tx, v.id, { referencePrice: average });
    await record(tx, v, 'reference_recomputed', { from: v.referencePrice === null ? null : new Decimal(v.referencePrice).toFixed(2), referencePrice: average, quotes: quotes.map((q) => q.id).sort() }, actorId, now);
  }

  return { startNetworkInquiry, claimDueQuotes, workQuote, recompute };
}

export type InquiryPolling = ReturnType<typeof createInquiryPolling>;
