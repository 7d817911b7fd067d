import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import { and, asc, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { objectionBody, resolveObjectionBody, valuationBody, appraisalReportBody } from '../../../shared/api';
import { referenceValidUntil } from '../../../shared/rules';
import {
  APPRAISAL_EXTENSION_DAYS, APPRAISAL_MAX_EXTENSIONS, APPRAISAL_REPORT_DAYS, INQUIRY_CORRECTION_DAYS, INQUIRY_EXTENSION_DAYS,
  INITIATE_SALE_WITHIN_DAYS, INQUIRY_REPORT_DAYS, OBJECTION_DAYS, START_DETERMINATION_WITHIN_DAYS, averageQuotes, checkMethodOrder, drawAgencies, inquiryFeeWinners, periodEnd, seizureRatio,
  type DeterminationMethod,
} from '../../../shared/valuation-rules';
import type { AppContext } from '../../platform/context';
import { schema, type Db } from '../../platform/db/index';
import { conflict, notFound, ruleViolation } from '../../platform/errors';
import { appendValuationAudit } from '../audit/audit.service';
import { pollQuote, requestQuote, type InquiryError, type Platform } from './inquiry.adapter';

const { assets, cases, valuations, inquiryQuotes, valuationObjections, valuationAudit } = schema;
type Valuation = typeof valuations.$inferSelect;
type Quote = typeof inquiryQuotes.$inferSelect;

/** How often a pending platform is asked again, by the server clock. */
export const POLL_INTERVAL_MS = 30_000;
/** Retries of the initial request: 10 s, 20 s, 40 s, 80 s, then the platform is recorded as failed. */
export const MAX_REQUEST_ATTEMPTS = 5;
/** A platform that fails this many polls in a row is recorded as failed. */
export const MAX_CONSECUTIVE_POLL_ERRORS = 20;
/** While a job works on a quote, others leave it alone for this long. */
const LEASE_MS = 60_000;
const MAX_ERRORS_KEPT = 20;
/** A determination in one of these states is still running: no other may start for the same asset. */
const RUNNING = ['pending', 'extended', 'objection_window'];
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export function createValuation(ctx: AppContext & { inquiryPlatforms: Platform[]; inquiryTimeoutMs: number }) {
  const { db, clock, log } = ctx;

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

  async function triedMethods(tx: Db, assetId: string): Promise<DeterminationMethod[]> {
    const rows = await tx.select({ method: valuations.method }).from(valuations).where(eq(valuations.assetId, assetId));
    return rows.map((r) => r.method as DeterminationMethod);
  }

  /** Starts a reference-price determination by one of the methods, in legal order (B4–B19); one at a time per asset. */
  async function create(assetId: string, input: z.infer<typeof valuationBody>, userId: string): Promise<Valuation> {
    const asset = await getAsset(assetId);
    if (input.method === 'pre_valuation' && !asset.preserved) {
      throw ruleViolation([{ rule: 'PRE_VALUATION_NEEDS_PRESERVED_ASSET', article: 'B27', message: 'Pre-valuation is for property frozen in litigation preservation; mark the asset as preserved first.' }]);
    }
    return withAssetLock(assetId, async (tx) => {
      const [running] = await tx.select({ id: valuations.id, method: valuations.method, status: valuations.status }).from(valuations)
        .where(and(eq(valuations.assetId, assetId), inArray(valuations.status, RUNNING))).limit(1);
      if (running) {
        throw conflict('DETERMINATION_IN_PROGRESS', `A ${running.method.replace(/_/g, ' ')} determination for this asset is still ${running.status.replace(/_/g, ' ')}; another cannot start until it ends.`, { valuationId: running.id, status: running.status });
      }
      const v = await start(tx, asset, input, userId);
      const now = v.createdAt;
      await record(tx, v, 'started', { method: v.method, status: v.status, referencePrice: v.referencePrice, deadlineAt: iso(v.deadlineAt), details: v.details as Record<string, unknown> }, userId, now);
      if (v.status === 'effective') await record(tx, v, 'effective', { referencePrice: v.referencePrice, validUntil: iso(v.validUntil) }, userId, now);
      return v;
    });
  }

  async function start(tx: Db, asset: typeof assets.$inferSelect, input: z.infer<typeof valuationBody>, userId: string): Promise<Valuation> {
    const assetId = asset.id;
    const now = clock.now();
    const insert = async (values: Omit<typeof valuations.$inferInsert, 'id' | 'createdAt'>) => {
      const [v] = await tx.insert(valuations).values({ id: crypto.randomUUID(), createdAt: now, ...values }).returning();
      return v;
    };
    const skip = 'skipAgreement' in input && input.skipAgreement ? input.skipAgreement : null;
    if (input.method === 'pre_valuation') {
      if (input.viaNetworkInquiry) return startNetworkInquiry(tx, asset, 'pre_valuation', userId, { preValuation: true });
      return insert({
        assetId, method: 'pre_valuation', status: 'effective', referencePrice: new Decimal(input.amount!).toFixed(2), effectiveAt: now,
        validUntil: referenceValidUntil(now), details: { basis: 'recorded', note: input.note ?? null, objectionAllowed: false }, createdBy: userId,
      });
    }
    const order = checkMethodOrder(input.method, await triedMethods(tx, assetId), !!skip, asset.appraisalMandatory);
    if (order.length) throw ruleViolation(order);
    const skipDetails = skip ? { skipAgreement: { note: skip.note, recordedAt: now.toISOString() } } : {};
    switch (input.method) {
      case 'negotiated':
        if (input.noAgreement) {
          return insert({ assetId, method: 'negotiated', status: 'failed', details: { outcome: 'no_agreement', note: input.note ?? null }, createdBy: userId });
        }
        // B22: no objection to a price the parties agreed.
        return insert({
          assetId, method: 'negotiated', status: 'effective', referencePrice: new Decimal(input.amount!).toFixed(2), effectiveAt: now,
          validUntil: referenceValidUntil(now), details: { note: input.note ?? null, objectionAllowed: false }, createdBy: userId,
        });
      case 'targeted_inquiry':
        // B7: only where a tax base, government or government-guided price exists, asked of the body that holds it.
        return insert({
          assetId, method: 'targeted_inquiry', status: 'effective', referencePrice: new Decimal(input.amount).toFixed(2), effectiveAt: now,
          validUntil: referenceValidUntil(now), createdBy: userId,
          details: { priceBasis: input.priceBasis, bodyAsked: input.bodyAsked, documentRef: input.documentRef ?? null, objectionAllowed: false, ...skipDetails },
        });
      case 'network_inquiry':
        return startNetworkInquiry(tx, asset, 'network_inquiry', userId, skipDetails);
      case 'appraisal': {
        const seed = input.selection === 'lot' ? input.drawSeed ?? crypto.randomBytes(8).toString('hex') : null;
        const chosen = input.selection === 'lot' ? drawAgencies(input.agencies, seed!) : input.agencies.slice(0, 3);
        return insert({
          assetId, method: 'appraisal', status: 'pending', createdBy: userId, deadlineAt: periodEnd(now, APPRAISAL_REPORT_DAYS, ctx.config.holidays),
          details: { selection: input.selection, candidates: input.agencies, drawSeed: seed, agencies: chosen, commissioned: chosen[0], objectionAllowed: true, ...skipDetails },
        });
      }
    }
  }

  async function startNetworkInquiry(tx: Db, asset: typeof assets.$inferSelect, method: 'network_inquiry' | 'pre_valuation', userId: string, extra: Record<string, unknown>) {
    if (ctx.inquiryPlatforms.length === 0) {
      throw conflict('NO_INQUIRY_PLATFORMS', 'No inquiry platform is configured (INQUIRY_PLATFORMS); a network inquiry cannot be sent.');
    }
    const now = clock.now();
    const [row] = await tx.insert(valuations).values({
      id: crypto.randomUUID(), assetId: asset.id, method, status: 'pending', createdBy: userId, createdAt: now,
      deadlineAt: periodEnd(now, INQUIRY_REPORT_DAYS, ctx.config.holidays), details: { via: 'network_inquiry', objectionAllowed: true, ...extra },
    }).returning();
    // B10: every listed platform is asked at once.
    await tx.insert(inquiryQuotes).values(ctx.inquiryPlatforms.map((p) => ({
      id: crypto.randomUUID(), valuationId: row.id, platformName: p.name, platformUrl: p.url, status: 'requesting', nextAttemptAt: now, createdAt: now,
    })));
    return row;
  }

  /** Claims quotes that are due, marking them leased so another node's tick skips them. */
  async function claimDueQuotes(now: Date): Promise<Quote[]> {
    return db.transaction(async (tx) => {
      const due = await tx.select().from(inquiryQuotes)
        .where(and(inArray(inquiryQuotes.status, ['requesting', 'pending', 'reported']), lte(inquiryQuotes.nextAttemptAt, now)))
        .limit(50).for('update', { skipLocked: true });
      if (due.length) {
        await tx.update(inquiryQuotes).set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) }).where(inArray(inquiryQuotes.id, due.map((q) => q.id)));
      }
      return due;
    });
  }

  function withError(q: Quote, error: InquiryError, now: Date) {
    const errors = [...((q.errors as unknown[]) ?? []), { at: now.toISOString(), ...error }].slice(-MAX_ERRORS_KEPT);
    return errors;
  }

  async function workQuote(q: Quote) {
    const now = clock.now();
    const platform = { name: q.platformName, url: q.platformUrl };
    const [v] = await db.select().from(valuations).where(eq(valuations.id, q.valuationId));
    const failedEvent = (tx: Db, reason: string) => record(tx, v, 'quote_failed', { quoteId: q.id, platform: q.platformName, reason }, null, now);
    if (q.status === 'requesting') {
      const [asset] = await db.select().from(assets).where(eq(assets.id, v.assetId));
      const r = await requestQuote(platform, q.id, { title: asset.title, kind: asset.kind, description: asset.description }, ctx.inquiryTimeoutMs);
      if (r.ok) {
        await db.update(inquiryQuotes).set({ status: 'pending', platformRef: r.value.platformRef, attempts: q.attempts + 1, consecutiveErrors: 0, nextAttemptAt: new Date(now.getTime() + POLL_INTERVAL_MS) }).where(eq(inquiryQuotes.id, q.id));
      } else {
        const attempts = q.attempts + 1;
        const failed = attempts >= MAX_REQUEST_ATTEMPTS;
        const set = {
          attempts, errors: withError(q, r.error, now), status: failed ? 'failed' : 'requesting',
          nextAttemptAt: failed ? null : new Date(now.getTime() + 10_000 * 2 ** (attempts - 1)),
        };
        if (failed) {
          await withValuationLock(v.id, async (tx) => {
            await tx.update(inquiryQuotes).set(set).where(eq(inquiryQuotes.id, q.id));
            await failedEvent(tx, `the request failed ${attempts} times`);
          });
        } else await db.update(inquiryQuotes).set(set).where(eq(inquiryQuotes.id, q.id));
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
          await tx.update(inquiryQuotes).set(set).where(eq(inquiryQuotes.id, q.id));
          await failedEvent(tx, `${consecutiveErrors} polls in a row were refused`);
        });
      } else await db.update(inquiryQuotes).set(set).where(eq(inquiryQuotes.id, q.id));
      log.warn({ platform: q.platformName, valuation: v.id, error: r.error }, 'inquiry reply refused');
      return;
    }
    if (r.value.status === 'pending') {
      await db.update(inquiryQuotes).set({ consecutiveErrors: 0, nextAttemptAt: new Date(now.getTime() + POLL_INTERVAL_MS) }).where(eq(inquiryQuotes.id, q.id));
      return;
    }
    const { price, reportUrl } = r.value;
    await withValuationLock(v.id, async (tx, locked) => {
      const [cur] = await tx.select().from(inquiryQuotes).where(eq(inquiryQuotes.id, q.id)).for('update');
      if (cur.status !== q.status) return; // another step moved it meanwhile
      if (cur.status === 'pending') {
        // On time while the valuation still collects quotes; afterwards it is late and not averaged (B13).
        const onTime = (locked.status === 'pending' || locked.status === 'extended') && locked.deadlineAt !== null && now.getTime() <= locked.deadlineAt.getTime();
        const correctionEnds = periodEnd(now, INQUIRY_CORRECTION_DAYS, ctx.config.holidays);
        await tx.update(inquiryQuotes).set({
          status: onTime ? 'reported' : 'late', price, reportUrl, reportedAt: now, consecutiveErrors: 0,
          nextAttemptAt: onTime ? new Date(Math.min(now.getTime() + POLL_INTERVAL_MS, correctionEnds.getTime())) : null,
        }).where(eq(inquiryQuotes.id, q.id));
        await record(tx, locked, onTime ? 'quote_reported' : 'quote_late', { quoteId: q.id, platform: q.platformName, price: new Decimal(price).toFixed(2), reportUrl }, null, now);
        return;
      }
      // status 'reported': watch for a correction within 3 days of the report (B12).
      const correctionEnds = periodEnd(cur.reportedAt!, INQUIRY_CORRECTION_DAYS, ctx.config.holidays);
      if (now.getTime() > correctionEnds.getTime()) {
        await tx.update(inquiryQuotes).set({ nextAttemptAt: null }).where(eq(inquiryQuotes.id, q.id));
        return;
      }
      const changed = cur.price === null || !new Decimal(cur.price).eq(price);
      await tx.update(inquiryQuotes).set({
        ...(changed ? { price, correctedAt: now, correctionCount: cur.correctionCount + 1, reportUrl } : {}),
        consecutiveErrors: 0, nextAttemptAt: new Date(Math.min(now.getTime() + POLL_INTERVAL_MS, correctionEnds.getTime() + 1)),
      }).where(eq(inquiryQuotes.id, q.id));
      if (!changed) return;
      await record(tx, locked, 'quote_corrected', { quoteId: q.id, platform: q.platformName, from: cur.price === null ? null : new Decimal(cur.price).toFixed(2), to: new Decimal(price).toFixed(2), reportUrl }, null, now);
      if (locked.status === 'objection_window') await recompute(tx, locked, now, null);
    });
  }

  /** B13: the simple average of the on-time quotes not under a sustained objection. Under the valuation's lock. */
  async function recompute(tx: Db, v: Valuation, now: Date, actorId: string | null): Promise<void> {
    const quotes = await tx.select().from(inquiryQuotes)
      .where(and(eq(inquiryQuotes.valuationId, v.id), eq(inquiryQuotes.status, 'reported'), eq(inquiryQuotes.excluded, false))).for('update');
    if (quotes.length === 0) {
      const failure = 'no on-time quote remains after objections';
      await tx.update(valuations).set({ status: 'failed', referencePrice: null, details: sql`${valuations.details} || ${JSON.stringify({ failure })}::jsonb` }).where(eq(valuations.id, v.id));
      await record(tx, v, 'failed', { reason: failure }, actorId, now);
      return;
    }
    const average = averageQuotes(quotes.map((q) => q.price!)).toFixed(2);
    if (v.referencePrice !== null && new Decimal(v.referencePrice).eq(average)) return;
    await tx.update(valuations).set({ referencePrice: average }).where(eq(valuations.id, v.id));
    await record(tx, v, 'reference_recomputed', { from: v.referencePrice === null ? null : new Decimal(v.referencePrice).toFixed(2), referencePrice: average, quotes: quotes.map((q) => q.id).sort() }, actorId, now);
  }

  /**
   * Moves each determination along its deadlines (B11–13, B19, B22, B27). Each step runs in its own
   * transaction under the asset and valuation locks and re-reads the row, so two nodes' ticks, or a tick
   * and a staff ruling, apply each step once.
   */
  async function advanceValuations(): Promise<void> {
    const now = clock.now();
    const due = await db.select({ id: valuations.id }).from(valuations)
      .where(or(inArray(valuations.status, RUNNING), and(eq(valuations.status, 'effective'), lt(valuations.validUntil, now))))
      .orderBy(asc(valuations.createdAt)).limit(200);
    for (const { id } of due) {
      await withValuationLock(id, (tx, v) => advanceOne(tx, v, now)).catch((err) => log.error({ err, valuation: id }, 'valuation step failed'));
    }
  }

  async function advanceOne(tx: Db, v: Valuation, now: Date): Promise<void> {
    if ((v.status === 'pending' || v.status === 'extended') && (v.details as { via?: string }).via === 'network_inquiry') {
      const quotes = await tx.select().from(inquiryQuotes).where(eq(inquiryQuotes.valuationId, v.id)).for('update');
      const reported = quotes.filter((q) => q.status === 'reported');
      const allDone = quotes.every((q) => q.status === 'reported' || q.status === 'failed' || q.status === 'late');
      const pastDeadline = v.deadlineAt !== null && now.getTime() > v.deadlineAt.getTime();
      if ((allDone && reported.length > 0) || (pastDeadline && reported.length > 0)) {
        await openObjectionWindow(tx, v, averageQuotes(reported.map((q) => q.price!)).toFixed(2), now, null);
      } else if (pastDeadline && v.status === 'pending') {
        // B12: one extension of 3 days, only when no platform reported on time.
        const deadlineAt = periodEnd(v.deadlineAt!, INQUIRY_EXTENSION_DAYS, ctx.config.holidays);
        await tx.update(valuations).set({ status: 'extended', extensionCount: 1, deadlineAt }).where(eq(valuations.id, v.id));
        await record(tx, v, 'extended', { article: 'B12', reason: 'no platform reported within the period', deadlineAt: iso(deadlineAt), extensionCount: 1 }, null, now);
      } else if (pastDeadline || (allDone && reported.length === 0 && v.status === 'extended')) {
        const failure = 'no platform reported within the period and its extension (B12)';
        await tx.update(valuations).set({ status: 'failed', details: sql`${valuations.details} || ${JSON.stringify({ failure })}::jsonb` }).where(eq(valuations.id, v.id));
        await record(tx, v, 'failed', { reason: failure }, null, now);
      }
    } else if (v.status === 'objection_window' && v.objectionWindowEndsAt && now.getTime() > v.objectionWindowEndsAt.getTime()) {
      const [pending] = await tx.select({ id: valuationObjections.id }).from(valuationObjections).where(and(eq(valuationObjections.valuationId, v.id), eq(valuationObjections.status, 'pending'))).limit(1);
      if (!pending && v.referencePrice !== null) {
        const validUntil = referenceValidUntil(now);
        await tx.update(valuations).set({ status: 'effective', effectiveAt: now, validUntil }).where(eq(valuations.id, v.id));
        await record(tx, v, 'effective', { referencePrice: new Decimal(v.referencePrice).toFixed(2), validUntil: iso(validUntil) }, null, now);
      }
    } else if (v.status === 'effective' && v.validUntil && v.validUntil.getTime() < now.getTime()) {
      // B27: valid one year; the job marks it so the expiry is on record.
      await tx.update(valuations).set({ status: 'expired' }).where(eq(valuations.id, v.id));
      await record(tx, v, 'expired', { validUntil: iso(v.validUntil) }, null, now);
    }
  }

  /** B21–22: the result is sent to the parties, who may object within 5 days of receiving it. Under the valuation's lock. */
  async function openObjectionWindow(tx: Db, v: Valuation, referencePrice: string, now: Date, actorId: string | null) {
    if (v.status !== 'pending' && v.status !== 'extended') return;
    const objectionWindowEndsAt = periodEnd(now, OBJECTION_DAYS, ctx.config.holidays);
    await tx.update(valuations).set({ status: 'objection_window', referencePrice, reportSentAt: now, objectionWindowEndsAt }).where(eq(valuations.id, v.id));
    await record(tx, v, 'result_sent', { referencePrice, objectionWindowEndsAt: iso(objectionWindowEndsAt) }, actorId, now);
  }

  async function tick(): Promise<void> {
    const now = clock.now();
    const quotes = await claimDueQuotes(now);
    await Promise.all(quotes.map((q) => workQuote(q).catch((err) => log.error({ err, quote: q.id }, 'inquiry quote step failed'))));
    await advanceValuations();
  }

  async function get(valuationId: string) {
    const [v] = await db.select().from(valuations).where(eq(valuations.id, valuationId));
    if (!v) throw notFound('The valuation');
    const quotes = await db.select().from(inquiryQuotes).where(eq(inquiryQuotes.valuationId, v.id)).orderBy(asc(inquiryQuotes.platformName));
    const objections = await db.select().from(valuationObjections).where(eq(valuationObjections.valuationId, v.id)).orderBy(asc(valuationObjections.filedAt));
    return { v, quotes, objections };
  }

  async function fileObjection(valuationId: string, input: z.infer<typeof objectionBody>, userId: string | null = null) {
    return withValuationLock(valuationId, async (tx, v) => {
      if (!(v.details as { objectionAllowed?: boolean }).objectionAllowed) {
        throw ruleViolation([{ rule: 'NO_OBJECTION_TO_AGREED_PRICE', article: 'B22', message: 'A negotiated or targeted-inquiry price admits no objection (B22).' }]);
      }
      const now = clock.now();
      if (v.status !== 'objection_window' || !v.objectionWindowEndsAt || now.getTime() > v.objectionWindowEndsAt.getTime()) {
        throw ruleViolation([{ rule: 'OBJECTION_PERIOD_CLOSED', article: 'B22', message: 'Objections are filed within 5 days of receiving the result (B22).', params: { endsAt: v.objectionWindowEndsAt?.toISOString() ?? '' } }]);
      }
      if (input.quoteId) {
        const [q] = await tx.select({ id: inquiryQuotes.id }).from(inquiryQuotes).where(and(eq(inquiryQuotes.id, input.quoteId), eq(inquiryQuotes.valuationId, v.id)));
        if (!q) throw notFound('That platform report');
      }
      const [o] = await tx.insert(valuationObjections).values({
        id: crypto.randomUUID(), valuationId, quoteId: input.quoteId ?? null, party: input.party, reason: input.reason, status: 'pending', filedAt: now,
      }).returning();
      await record(tx, v, 'objection_filed', { objectionId: o.id, quoteId: o.quoteId, party: o.party, reason: o.reason }, userId, now);
      return o;
    });
  }

  /** B23–24: staff resolve an objection; a sustained one removes that report from the average. */
  async function resolveObjection(valuationId: string, objectionId: string, input: z.infer<typeof resolveObjectionBody>, userId: string) {
    const now = clock.now();
    await withValuationLock(valuationId, async (tx, v) => {
      const [o] = await tx.select().from(valuationObjections).where(and(eq(valuationObjections.id, objectionId), eq(valuationObjections.valuationId, valuationId))).for('update');
      if (!o) throw notFound('The objection');
      if (o.status !== 'pending') throw conflict('OBJECTION_RESOLVED', `This objection was already ${o.status}.`);
      await tx.update(valuationObjections).set({ status: input.decision, resolution: input.resolution, resolvedAt: now, resolvedBy: userId }).where(eq(valuationObjections.id, o.id));
      await record(tx, v, 'objection_resolved', { objectionId: o.id, quoteId: o.quoteId, decision: input.decision, resolution: input.resolution }, userId, now);
      if (input.decision !== 'sustained') return;
      if (o.quoteId) {
        await tx.select({ id: inquiryQuotes.id }).from(inquiryQuotes).where(eq(inquiryQuotes.id, o.quoteId)).for('update');
        await tx.update(inquiryQuotes).set({ excluded: true }).where(eq(inquiryQuotes.id, o.quoteId));
        await recompute(tx, v, now, userId);
      } else if (v.method === 'appraisal') {
        const failure = 'objection to the appraisal report sustained (B23)';
        await tx.update(valuations).set({ status: 'failed', details: sql`${valuations.details} || ${JSON.stringify({ failure })}::jsonb` }).where(eq(valuations.id, valuationId));
        await record(tx, v, 'failed', { reason: failure }, userId, now);
      }
    });
    return get(valuationId);
  }

  /** B19: at most two extensions of 15 days for the appraisal report. */
  async function extendAppraisal(valuationId: string, reason: string, userId: string | null = null) {
    await withValuationLock(valuationId, async (tx, v) => {
      if (v.method !== 'appraisal' || v.status !== 'pending') throw conflict('NOT_PENDING_APPRAISAL', 'Only a pending appraisal can be extended.');
      if (v.extensionCount >= APPRAISAL_MAX_EXTENSIONS) {
        throw ruleViolation([{ rule: 'APPRAISAL_EXTENSIONS_EXHAUSTED', article: 'B19', message: 'An appraisal report may be extended at most twice, by 15 days each (B19).' }]);
      }
      const now = clock.now();
      const deadlineAt = periodEnd(v.deadlineAt!, APPRAISAL_EXTENSION_DAYS, ctx.config.holidays);
      await tx.update(valuations).set({
        extensionCount: v.extensionCount + 1, deadlineAt,
        details: sql`${valuations.details} || ${JSON.stringify({ [`extension${v.extensionCount + 1}`]: { reason, at: now.toISOString() } })}::jsonb`,
      }).where(eq(valuations.id, v.id));
      await record(tx, v, 'extended', { article: 'B19', reason, deadlineAt: iso(deadlineAt), extensionCount: v.extensionCount + 1 }, userId, now);
    });
    return get(valuationId);
  }

  async function recordAppraisalReport(valuationId: string, input: z.infer<typeof appraisalReportBody>, userId: string | null = null) {
    await withValuationLock(valuationId, async (tx, v) => {
      if (v.method !== 'appraisal' || v.status !== 'pending') throw conflict('NOT_PENDING_APPRAISAL', 'Only a pending appraisal takes a report.');
      const now = clock.now();
      const late = v.deadlineAt !== null && now.getTime() > v.deadlineAt.getTime();
      const amount = new Decimal(input.amount).toFixed(2);
      await tx.update(valuations).set({
        details: sql`${valuations.details} || ${JSON.stringify({ report: { agency: input.agency, reportRef: input.reportRef, amount: input.amount, receivedAt: now.toISOString(), late } })}::jsonb`,
      }).where(eq(valuations.id, v.id));
      await record(tx, v, 'appraisal_report_received', { agency: input.agency, reportRef: input.reportRef, amount, late }, userId, now);
      await openObjectionWindow(tx, v, amount, now, userId);
    });
    return get(valuationId);
  }

  /** The asset's valuation record: every event of its determinations, in chain order, and the head kept on the asset. */
  async function auditRecord(assetId: string) {
    const [a] = await db.select({ head: assets.valuationAuditHead }).from(assets).where(eq(assets.id, assetId));
    if (!a) throw notFound('The asset');
    const entries = await db.select().from(valuationAudit).where(eq(valuationAudit.assetId, assetId)).orderBy(asc(valuationAudit.seq));
    return { assetId, head: a.head, entries };
  }

  /** B31: when a lot sells, the inquiry fee goes to the platform(s) closest to the final price. Inside the closing transaction. */
  async function assignInquiryFee(tx: Db, valuationId: string | null, finalPrice: string) {
    if (!valuationId) return;
    const quotes = await tx.select().from(inquiryQuotes).where(and(eq(inquiryQuotes.valuationId, valuationId), eq(inquiryQuotes.status, 'reported'), eq(inquiryQuotes.excluded, false)));
    if (quotes.length === 0) return;
    const winners = inquiryFeeWinners(quotes.map((q) => ({ platform: q.platformName, price: q.price! })), finalPrice).sort();
    await tx.update(valuations).set({ details: sql`${valuations.details} || ${JSON.stringify({ inquiryFee: { winners, share: `1/${winners.length}`, finalPrice } })}::jsonb` }).where(eq(valuations.id, valuationId));
  }

  /** What staff must watch: determinations collecting quotes, overdue, or awaiting objections. */
  async function worklist() {
    const now = clock.now();
    const rows = await db.select({ v: valuations, title: assets.title, caseId: assets.caseId, caseNumber: cases.caseNumber, court: cases.court })
      .from(valuations).innerJoin(assets, eq(assets.id, valuations.assetId)).innerJoin(cases, eq(cases.id, assets.caseId))
      .where(inArray(valuations.status, ['pending', 'extended', 'objection_window'])).orderBy(asc(valuations.deadlineAt)).limit(500);
    const pendingObjections = await db.select({ valuationId: valuationObjections.valuationId, n: sql<number>`count(*)::int` }).from(valuationObjections)
      .where(eq(valuationObjections.status, 'pending')).groupBy(valuationObjections.valuationId);
    return rows.map((r) => ({
      valuationId: r.v.id, assetId: r.v.assetId, assetTitle: r.title, caseId: r.caseId, caseNumber: r.caseNumber, court: r.court,
      method: r.v.method, status: r.v.status, deadlineAt: r.v.deadlineAt?.toISOString() ?? null,
      objectionWindowEndsAt: r.v.objectionWindowEndsAt?.toISOString() ?? null,
      overdue: r.v.status !== 'objection_window' && r.v.deadlineAt !== null && now.getTime() > r.v.deadlineAt.getTime(),
      pendingObjections: Number(pendingObjections.find((p) => p.valuationId === r.v.id)?.n ?? 0),
    }));
  }

  /**
   * The court's own duties, flagged when late: start determining a price within 30 days of seizure (B1),
   * and initiate the sale within 10 days of the price taking effect (B30).
   */
  async function lateDuties() {
    const now = clock.now();
    const out: Array<{ rule: 'B1' | 'B30'; assetId: string; assetTitle: string; caseId: string; caseNumber: string; dueBy: string }> = [];
    const seized = await db.select({ a: assets, caseNumber: cases.caseNumber }).from(assets).innerJoin(cases, eq(cases.id, assets.caseId))
      .where(and(sql`${assets.seizedAt} is not null`, sql`not exists (select 1 from valuations v where v.asset_id = ${assets.id})`)).limit(500);
    for (const { a, caseNumber } of seized) {
      const due = periodEnd(a.seizedAt!, START_DETERMINATION_WITHIN_DAYS, ctx.config.holidays);
      if (now.getTime() > due.getTime()) out.push({ rule: 'B1', assetId: a.id, assetTitle: a.title, caseId: a.caseId, caseNumber, dueBy: due.toISOString() });
    }
    const effective = await db.select({ v: valuations, title: assets.title, caseId: assets.caseId, caseNumber: cases.caseNumber }).from(valuations)
      .innerJoin(assets, eq(assets.id, valuations.assetId)).innerJoin(cases, eq(cases.id, assets.caseId))
      .where(and(eq(valuations.status, 'effective'), sql`${valuations.method} <> 'pre_valuation'`, sql`not exists (select 1 from lots l where l.asset_id = ${valuations.assetId})`)).limit(500);
    for (const r of effective) {
      const due = periodEnd(r.v.effectiveAt!, INITIATE_SALE_WITHIN_DAYS, ctx.config.holidays);
      if (now.getTime() > due.getTime()) out.push({ rule: 'B30', assetId: r.v.assetId, assetTitle: r.title, caseId: r.caseId, caseNumber: r.caseNumber, dueBy: due.toISOString() });
    }
    return out;
  }

  /** Pre-valuation: the preserved assets' value against the claim, flagging over-seizure. */
  async function preservation(caseId: string) {
    const [c] = await db.select().from(cases).where(eq(cases.id, caseId));
    if (!c) throw notFound('The case');
    const now = clock.now();
    const preserved = await db.select().from(assets).where(and(eq(assets.caseId, caseId), eq(assets.preserved, true)));
    let total = new Decimal(0);
    const items = [];
    for (const a of preserved) {
      const [v] = await db.select().from(valuations)
        .where(and(eq(valuations.assetId, a.id), eq(valuations.status, 'effective'), sql`${valuations.validUntil} > ${now}`))
        .orderBy(desc(valuations.effectiveAt)).limit(1);
      if (v?.referencePrice) total = total.plus(v.referencePrice);
      items.push({ assetId: a.id, title: a.title, value: v?.referencePrice ? new Decimal(v.referencePrice).toFixed(2) : null, method: v?.method ?? null, validUntil: v?.validUntil?.toISOString() ?? null });
    }
    const { ratio, overSeized } = seizureRatio(total.toFixed(2), c.claimAmount);
    return { caseId, claimAmount: new Decimal(c.claimAmount).toFixed(2), preservedTotal: total.toFixed(2), ratio: ratio.toFixed(4), overSeized, unvalued: items.filter((i) => i.value === null).length, assets: items };
  }

  return { create, tick, get, auditRecord, fileObjection, resolveObjection, extendAppraisal, recordAppraisalReport, assignInquiryFee, worklist, lateDuties, preservation };
}

export type ValuationService = ReturnType<typeof createValuation>;
