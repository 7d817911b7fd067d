import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { z } from 'zod';
import type { valuationBody } from '../../../shared/api';
import { referenceValidUntil } from '../../../shared/rules';
import {
  APPRAISAL_REPORT_DAYS, INQUIRY_EXTENSION_DAYS, INITIATE_SALE_WITHIN_DAYS, START_DETERMINATION_WITHIN_DAYS,
  averageQuotes, checkMethodOrder, drawAgencies, inquiryFeeWinners, periodEnd, seizureRatio, type DeterminationMethod,
} from '../../../shared/valuation-rules';
import type { Db } from '../../platform/db/index';
import { conflict, notFound, ruleViolation } from '../../platform/errors';
import { createAppraisalSteps } from './appraisal.steps';
import { createInquiryPolling } from './inquiry.polling';
import { createObjections } from './valuation.objections';
import { RUNNING, createValuationRecord, iso, type Valuation, type ValuationContext } from './valuation.record';
import * as repo from './valuation.repository';
import type { Asset } from './valuation.repository';

export { MAX_CONSECUTIVE_POLL_ERRORS, MAX_REQUEST_ATTEMPTS, POLL_INTERVAL_MS } from './inquiry.polling';

export function createValuation(ctx: ValuationContext) {
  const { db, clock, log } = ctx;
  const valuationRecord = createValuationRecord(ctx);
  const { getAsset, withAssetLock, withValuationLock, record, openObjectionWindow, get } = valuationRecord;
  const { startNetworkInquiry, claimDueQuotes, workQuote, recompute } = createInquiryPolling(ctx, valuationRecord);
  const { fileObjection, resolveObjection } = createObjections(ctx, valuationRecord, recompute);
  const { extendAppraisal, recordAppraisalReport } = createAppraisalSteps(ctx, valuationRecord);

  async function triedMethods(tx: Db, assetId: string): Promise<DeterminationMethod[]> {
    const rows = await repo.methodsTried(tx, assetId);
    return rows.map((r) => r.method as DeterminationMethod);
  }

  /** Starts a reference-price determination by one of the methods, in legal order (B4–B19); one at a time per asset. */
  async function create(assetId: string, input: z.infer<typeof valuationBody>, userId: string): Promise<Valuation> {
    const asset = await getAsset(assetId);
    if (input.method === 'pre_valuation' && !asset.preserved) {
      throw ruleViolation([{ rule: 'PRE_VALUATION_NEEDS_PRESERVED_ASSET', article: 'B27', message: 'Pre-valuation is for property frozen in litigation preservation; mark the asset as preserved first.' }]);
    }
    return withAssetLock(assetId, async (tx) => {
      const running = await repo.runningValuation(tx, assetId, RUNNING);
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

  async function start(tx: Db, asset: Asset, input: z.infer<typeof valuationBody>, userId: string): Promise<Valuation> {
    const assetId = asset.id;
    const now = clock.now();
    const insert = (values: Omit<Parameters<typeof repo.insertValuation>[1], 'id' | 'createdAt'>) => repo.insertValuation(tx, { id: crypto.randomUUID(), createdAt: now, ...values });
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

  /**
   * Moves each determination along its deadlines (B11–13, B19, B22, B27). Each step runs in its own
   * transaction under the asset and valuation locks and re-reads the row, so two nodes' ticks, or a tick
   * and a staff ruling, apply each step once.
   */
  async function advanceValuations(): Promise<void> {
    const now = clock.now();
    const due = await repo.valuationsToAdvance(db, now, 200);
    for (const { id } of due) {
      await withValuationLock(id, (tx, v) => advanceOne(tx, v, now)).catch((err) => log.error({ err, valuation: id }, 'valuation step failed'));
    }
  }

  async function advanceOne(tx: Db, v: Valuation, now: Date): Promise<void> {
    if ((v.status === 'pending' || v.status === 'extended') && (v.details as { via?: string }).via === 'network_inquiry') {
      const quotes = await repo.lockQuotesOf(tx, v.id);
      const reported = quotes.filter((q) => q.status === 'reported');
      const allDone = quotes.every((q) => q.status === 'reported' || q.status === 'failed' || q.status === 'late');
      const pastDeadline = v.deadlineAt !== null && now.getTime() > v.deadlineAt.getTime();
      if ((allDone && reported.length > 0) || (pastDeadline && reported.length > 0)) {
        await openObjectionWindow(tx, v, averageQuotes(reported.map((q) => q.price!)).toFixed(2), now, null);
      } else if (pastDeadline && v.status === 'pending') {
        // B12: one extension of 3 days, only when no platform reported on time.
        const deadlineAt = periodEnd(v.deadlineAt!, INQUIRY_EXTENSION_DAYS, ctx.config.holidays);
        await repo.updateValuation(tx, v.id, { status: 'extended', extensionCount: 1, deadlineAt });
        await record(tx, v, 'extended', { article: 'B12', reason: 'no platform reported within the period', deadlineAt: iso(deadlineAt), extensionCount: 1 }, null, now);
      } else if (pastDeadline || (allDone && reported.length === 0 && v.status === 'extended')) {
        const failure = 'no platform reported within the period and its extension (B12)';
        await repo.updateValuation(tx, v.id, { status: 'failed' }, { failure });
        await record(tx, v, 'failed', { reason: failure }, null, now);
      }
    } else if (v.status === 'objection_window' && v.objectionWindowEndsAt && now.getTime() > v.objectionWindowEndsAt.getTime()) {
      const pending = await repo.hasPendingObjection(tx, v.id);
      if (!pending && v.referencePrice !== null) {
        const validUntil = referenceValidUntil(now);
        await repo.updateValuation(tx, v.id, { status: 'effective', effectiveAt: now, validUntil });
        await record(tx, v, 'effective', { referencePrice: new Decimal(v.referencePrice).toFixed(2), validUntil: iso(validUntil) }, null, now);
      }
    } else if (v.status === 'effective' && v.validUntil && v.validUntil.getTime() < now.getTime()) {
      // B27: valid one year; the job marks it so the expiry is on record.
      await repo.updateValuation(tx, v.id, { status: 'expired' });
      await record(tx, v, 'expired', { validUntil: iso(v.validUntil) }, null, now);
    }
  }

  async function tick(): Promise<void> {
    const now = clock.now();
    const quotes = await claimDueQuotes(now);
    await Promise.all(quotes.map((q) => workQuote(q).catch((err) => log.error({ err, quote: q.id }, 'inquiry quote step failed'))));
    await advanceValuations();
  }

  /** The asset's valuation record: every event of its determinations, in chain order, and the head kept on the asset. */
  async function auditRecord(assetId: string) {
    const a = await repo.valuationAuditHead(db, assetId);
    if (!a) throw notFound('The asset');
    const entries = await repo.valuationAuditEntries(db, assetId);
    return { assetId, head: a.head, entries };
  }

  /** Every determination of the asset, newest first. */
  async function listForAsset(assetId: string) {
    await getAsset(assetId);
    return repo.valuationsOfAsset(db, assetId);
  }

  /** B31: when a lot sells, the inquiry fee goes to the platform(s) closest to the final price. Inside the closing transaction. */
  async function assignInquiryFee(tx: Db, valuationId: string | null, finalPrice: string): Promise<string[]> {
    if (!valuationId) return [];
    const quotes = await repo.countingQuotes(tx, valuationId);
    if (quotes.length === 0) return [];
    const winners = inquiryFeeWinners(quotes.map((q) => ({ platform: q.platformName, price: q.price! })), finalPrice).sort();
    await repo.updateValuation(tx, valuationId, {}, { inquiryFee: { winners, share: `1/${winners.length}`, finalPrice } });
    return winners;
  }

  /** What staff must watch: determinations collecting quotes, overdue, or awaiting objections. */
  async function worklist() {
    const now = clock.now();
    const rows = await repo.worklistRows(db, ['pending', 'extended', 'objection_window'], 500);
    const pendingObjections = await repo.pendingObjectionCounts(db);
    return rows.map((r) => ({
      valuationId: r.v.id, assetId: r.v.assetId, assetTitle: r.title, assetTitleEn: r.titleEn, caseId: r.caseId, caseNumber: r.caseNumber, court: r.court,
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
    const out: Array<{ rule: 'B1' | 'B30'; assetId: string; assetTitle: string; assetTitleEn: string | null; caseId: string; caseNumber: string; dueBy: string }> = [];
    const seized = await repo.seizedUnvalued(db, 500);
    for (const { a, caseNumber } of seized) {
      const due = periodEnd(a.seizedAt!, START_DETERMINATION_WITHIN_DAYS, ctx.config.holidays);
      if (now.getTime() > due.getTime()) out.push({ rule: 'B1', assetId: a.id, assetTitle: a.title, assetTitleEn: a.titleEn, caseId: a.caseId, caseNumber, dueBy: due.toISOString() });
    }
    const effective = await repo.effectiveWithoutLot(db, 500);
    for (const r of effective) {
      const due = periodEnd(r.v.effectiveAt!, INITIATE_SALE_WITHIN_DAYS, ctx.config.holidays);
      if (now.getTime() > due.getTime()) out.push({ rule: 'B30', assetId: r.v.assetId, assetTitle: r.title, assetTitleEn: r.titleEn, caseId: r.caseId, caseNumber: r.caseNumber, dueBy: due.toISOString() });
    }
    return out;
  }

  /** Pre-valuation: the preserved assets' value against the claim, flagging over-seizure. */
  async function preservation(caseId: string) {
    const c = await repo.findCase(db, caseId);
    if (!c) throw notFound('The case');
    const now = clock.now();
    const preserved = await repo.preservedAssetsOf(db, caseId);
    let total = new Decimal(0);
    const items = [];
    for (const a of preserved) {
      const v = await repo.validEffective(db, a.id, now);
      if (v?.referencePrice) total = total.plus(v.referencePrice);
      items.push({ assetId: a.id, title: a.title, value: v?.referencePrice ? new Decimal(v.referencePrice).toFixed(2) : null, method: v?.method ?? null, validUntil: v?.validUntil?.toISOString() ?? null });
    }
    const { ratio, overSeized } = seizureRatio(total.toFixed(2), c.claimAmount);
    return { caseId, claimAmount: new Decimal(c.claimAmount).toFixed(2), preservedTotal: total.toFixed(2), ratio: ratio.toFixed(4), overSeized, unvalued: items.filter((i) => i.value === null).length, assets: items };
  }

  return { create, tick, get, listForAsset, auditRecord, fileObjection, resolveObjection, extendAppraisal, recordAppraisalReport, assignInquiryFee, worklist, lateDuties, preservation };
}

export type ValuationService = ReturnType<typeof createValuation>;
