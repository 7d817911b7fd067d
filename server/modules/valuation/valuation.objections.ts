import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { objectionBody, resolveObjectionBody } from '../../../shared/api';
import { schema, type Db } from '../../platform/db/index';
import { conflict, notFound, ruleViolation } from '../../platform/errors';
import type { Valuation, ValuationContext, ValuationRecord } from './valuation.record';

const { valuations, inquiryQuotes, valuationObjections } = schema;

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

  return { fileObjection, resolveObjection };
}
