/**
 * Finance's view of the provider calls in trouble: the ones that failed for good, and the ones that erred
 * and are backing off. A failed call can be put back, due now; a failed refund is owed again with it.
 * A failed payment creation is not: its payment is closed and the payer starts a new one.
 */
import { Router } from 'express';
import { idString } from '../../../shared/api';
import { outboxQuery, type OutboxCallView } from '../../../shared/contract/money';
import type { AppContext } from '../../platform/context';
import { inTransaction, type Db } from '../../platform/db/index';
import { conflict, notFound } from '../../platform/errors';
import { requireRole } from '../../platform/http';
import { parse } from '../../platform/validate';
import type { OutboxKind } from './outbox.repository';
import * as repo from './payments.repository';
import type { OutboxRow } from './payments.repository';

const LIST_LIMIT = 200;
const RETRYABLE: readonly OutboxKind[] = ['capture_deposit', 'cancel_deposit', 'refund'];

async function views(q: Db, rows: OutboxRow[]): Promise<OutboxCallView[]> {
  const payloads = rows.map((r) => r.payload as Record<string, string>);
  const payments = new Map((await repo.paymentsByIds(q, payloads.flatMap((p) => (p.paymentId ? [p.paymentId] : [])))).map((p) => [p.id, p]));
  const refunds = new Map((await repo.refundsByIds(q, payloads.flatMap((p) => (p.refundId ? [p.refundId] : [])))).map((r) => [r.id, r]));
  return rows.map((row, i) => {
    const p = payloads[i];
    const payment = p.paymentId ? payments.get(p.paymentId) : undefined;
    const refund = p.refundId ? refunds.get(p.refundId) : undefined;
    return {
      id: row.id, kind: row.kind as OutboxKind, status: row.status as OutboxCallView['status'],
      registrationId: payment?.registrationId ?? refund?.registrationId ?? p.registrationId ?? null,
      lotId: payment?.lotId ?? refund?.lotId ?? null, refundId: p.refundId ?? null,
      attempts: row.attempts, lastError: row.lastError, nextAttemptAt: row.nextAttemptAt.toISOString(), createdAt: row.createdAt.toISOString(),
    };
  });
}

export function createOutboxAdmin(ctx: AppContext) {
  const { db, clock } = ctx;

  async function list(which?: 'failed' | 'retrying'): Promise<{ calls: OutboxCallView[] }> {
    return { calls: await views(db, await repo.troubledOutbox(db, which, LIST_LIMIT)) };
  }

  async function retry(id: string): Promise<OutboxCallView> {
    const row = await inTransaction(db, async (tx) => {
      const current = await repo.lockOutboxRow(tx, id);
      if (!current) throw notFound('The provider call');
      if (current.status !== 'failed') throw conflict('CALL_NOT_FAILED', `This call is ${current.status}; only a failed call is retried.`, { status: current.status });
      if (!RETRYABLE.includes(current.kind as OutboxKind)) {
        throw conflict('CALL_NOT_FAILED', 'A failed payment is closed: the payer starts a new payment instead.', { kind: current.kind });
      }
      const refundId = (current.payload as Record<string, string>).refundId;
      if (current.kind === 'refund' && refundId) {
        const refund = await repo.lockRefund(tx, refundId);
        if (refund?.status === 'failed') await repo.updateRefund(tx, refundId, { status: 'due', failure: null });
      }
      const now = clock.now();
      await repo.updateOutbox(tx, id, { status: 'pending', attempts: 0, nextAttemptAt: now });
      return (await repo.lockOutboxRow(tx, id))!;
    });
    return (await views(db, [row]))[0];
  }

  return { list, retry };
}

export function outboxRoutes(admin: ReturnType<typeof createOutboxAdmin>): Router {
  const r = Router();
  r.get('/finance/outbox', async (req, res) => {
    requireRole(req, 'finance');
    res.json(await admin.list(parse(outboxQuery, req.query, 'query').status));
  });
  r.post('/finance/outbox/:id/retry', async (req, res) => {
    requireRole(req, 'finance');
    res.json(await admin.retry(parse(idString, req.params.id, 'call id')));
  });
  return r;
}
