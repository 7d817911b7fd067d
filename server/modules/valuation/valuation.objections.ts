import crypto from 'node:crypto';
import type { z } from 'zod';
import type { objectionBody, resolveObjectionBody } from '../../../shared/api';
import type { Db } from '../../platform/db/index';
import { conflict, notFound, ruleViolation } from '../../platform/errors';
import type { Valuation, ValuationContext, ValuationRecord } from './valuation.record';
import * as repo from './valuation.repository';

/** Objections to a determination's result (B22–24): filed within the window, resolved by staff. */
export function createObjections(ctx: ValuationContext, { withValuationLock, record, get }: ValuationRecord, recompute: (tx: Db, v: Valuation, now: Date, actorId: string | null) => Promise<void>) {
  const { clock } = ctx;

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
        if (!(await repo.quoteOfValuation(tx, input.quoteId, v.id))) throw notFound('That platform report');
      }
      const o = await repo.insertObjection(tx, {
        id: crypto.randomUUID(), valuationId, quoteId: input.quoteId ?? null, party: input.party, reason: input.reason, status: 'pending', filedAt: now,
      });
      await record(tx, v, 'objection_filed', { objectionId: o.id, quoteId: o.quoteId, party: o.party, reason: o.reason }, userId, now);
      return o;
    });
  }

  /** B23–24: staff resolve an objection; a sustained one removes that report from the average. */
  async function resolveObjection(valuationId: string, objectionId: string, input: z.infer<typeof resolveObjectionBody>, userId: string) {
    const now = clock.now();
    await withValuationLock(valuationId, async (tx, v) => {
      const o = await repo.lockObjection(tx, objectionId, valuationId);
      if (!o) throw notFound('The objection');
      if (o.status !== 'pending') throw conflict('OBJECTION_RESOLVED', `This objection was already ${o.status}.`);
      await repo.resolveObjection(tx, o.id, { status: input.decision, resolution: input.resolution, resolvedAt: now, resolvedBy: userId });
      await record(tx, v, 'objection_resolved', { objectionId: o.id, quoteId: o.quoteId, decision: input.decision, resolution: input.resolution }, userId, now);
      if (input.decision !== 'sustained') return;
      if (o.quoteId) {
        await repo.excludeQuote(tx, o.quoteId);
        await recompute(tx, v, now, userId);
      } else if (v.method === 'appraisal') {
        const failure = 'objection to the appraisal report sustained (B23)';
        await repo.updateValuation(tx, valuationId, { status: 'failed' }, { failure });
        await record(tx, v, 'failed', { reason: failure }, userId, now);
      }
    });
    return get(valuationId);
  }

  return { fileObjection, resolveObjection };
}
