import { Decimal } from 'decimal.js';
import type { z } from 'zod';
import type { appraisalReportBody } from '../../../shared/api';
import { APPRAISAL_EXTENSION_DAYS, APPRAISAL_MAX_EXTENSIONS, periodEnd } from '../../../shared/valuation-rules';
import { conflict, ruleViolation } from '../../platform/errors';
import { iso, type ValuationContext, type ValuationRecord } from './valuation.record';
import * as repo from './valuation.repository';

/** A commissioned appraisal's steps: extending its deadline (B19) and receiving its report. */
export function createAppraisalSteps(ctx: ValuationContext, { withValuationLock, record, openObjectionWindow, get }: ValuationRecord) {
  const { clock } = ctx;

  /** B19: at most two extensions of 15 days for the appraisal report. */
  async function extendAppraisal(valuationId: string, reason: string, userId: string | null = null) {
    await withValuationLock(valuationId, async (tx, v) => {
      if (v.method !== 'appraisal' || v.status !== 'pending') throw conflict('NOT_PENDING_APPRAISAL', 'Only a pending appraisal can be extended.');
      if (v.extensionCount >= APPRAISAL_MAX_EXTENSIONS) {
        throw ruleViolation([{ rule: 'APPRAISAL_EXTENSIONS_EXHAUSTED', article: 'B19', message: 'An appraisal report may be extended at most twice, by 15 days each (B19).' }]);
      }
      const now = clock.now();
      const deadlineAt = periodEnd(v.deadlineAt!, APPRAISAL_EXTENSION_DAYS, ctx.config.holidays);
      await repo.updateValuation(tx, v.id, { extensionCount: v.extensionCount + 1, deadlineAt }, { [`extension${v.extensionCount + 1}`]: { reason, at: now.toISOString() } });
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
      await repo.updateValuation(tx, v.id, {}, { report: { agency: input.agency, reportRef: input.reportRef, amount: input.amount, receivedAt: now.toISOString(), late } });
      await record(tx, v, 'appraisal_report_received', { agency: input.agency, reportRef: input.reportRef, amount, late }, userId, now);
      await openObjectionWindow(tx, v, amount, now, userId);
    });
    return get(valuationId);
  }

  return { extendAppraisal, recordAppraisalReport };
}
