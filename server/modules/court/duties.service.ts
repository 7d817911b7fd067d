/**
 * The court's day (ux.md "Court staff"): every duty on its lots, prices and money, each with its due date
 * and a reason code. Each kind is read with its own bound, the most urgent rows first, then all are ranked
 * together (overdue, due today, later; the nearest date first) and cut to the caller's limit.
 */
import { Decimal } from 'decimal.js';
import type { DutyItem, DutyList } from '../../../shared/api';
import { compareDuties, draftDuty, urgencyOf, type DutyKind } from '../../../shared/court-duties';
import { cstDate, endOfCstDay, type AssetKind, type Round } from '../../../shared/rules';
import type { AppContext } from '../../platform/context';
import * as repo from './duties.repository';

/** Rows read per kind: enough to fill any page, few enough to stay cheap when a province's lots share the database. */
const PER_KIND = 200;

const roundOf = (r: string): Round => (r === 'sell_off' ? 'sell_off' : r === '2' ? 2 : 1);
const money2 = (v: string | null) => (v === null ? null : new Decimal(v).toFixed(2));

export function createDuties(ctx: AppContext) {
  const { db, clock } = ctx;

  async function list(q: { court?: string; kind?: DutyKind; limit: number }): Promise<DutyList> {
    const now = clock.now();
    const holidays = ctx.config.holidays;
    const want = (k: DutyKind | DutyKind[]) => !q.kind || (Array.isArray(k) ? k.includes(q.kind) : k === q.kind);
    const items: DutyItem[] = [];
    let cut = false;
    const bounded = <T>(rows: T[]) => { if (rows.length >= PER_KIND) cut = true; return rows; };
    const none = { lotId: null, valuationId: null, refundId: null, amount: null };
    const where = (r: { assetId: string; assetTitle: string; assetTitleEn: string | null; caseId: string; caseNumber: string; court: string }) => ({
      assetId: r.assetId, assetTitle: r.assetTitle, assetTitleEn: r.assetTitleEn, caseId: r.caseId, caseNumber: r.caseNumber, court: r.court,
    });

    if (want(['notice_to_send', 'draft_to_publish'])) {
      for (const r of bounded(await repo.draftLots(db, q.court, PER_KIND))) {
        const d = draftDuty({ kind: r.assetKind as AssetKind, round: roundOf(r.round), startsAt: r.startsAt, noticesSentAt: r.noticesSentAt }, now, holidays);
        if (q.kind && q.kind !== d.kind) continue;
        items.push({ ...none, ...where(r), kind: d.kind, urgency: d.urgency, reasonCode: d.reasonCode, reasonParams: d.reasonParams, article: d.article, dueAt: d.dueAt.toISOString(), lotId: r.lotId });
      }
    }
    if (want('ending_today')) {
      const today = cstDate(now);
      const from = new Date(endOfCstDay(today).getTime() + 1 - 24 * 60 * 60 * 1000);
      for (const r of bounded(await repo.lotsEndingBetween(db, from, endOfCstDay(today), q.court, PER_KIND))) {
        items.push({
          ...none, ...where(r), kind: 'ending_today', urgency: 'today', reasonCode: 'ENDING_TODAY', reasonParams: { endsAt: r.endsAt.toISOString() },
          article: 'A20', dueAt: r.endsAt.toISOString(), lotId: r.lotId, amount: money2(r.currentPrice),
        });
      }
    }
    if (want('balance_due')) {
      for (const r of bounded(await repo.unpaidBalances(db, q.court, PER_KIND))) {
        const urgency = r.balanceDueAt ? urgencyOf(r.balanceDueAt, now) : 'upcoming';
        items.push({
          ...none, ...where(r), kind: 'balance_due', urgency, reasonCode: urgency === 'overdue' ? 'BALANCE_OVERDUE' : 'BALANCE_DUE',
          reasonParams: r.balanceDueAt ? { dueAt: r.balanceDueAt.toISOString() } : {}, article: 'A25',
          dueAt: r.balanceDueAt?.toISOString() ?? null, lotId: r.lotId, amount: money2(r.finalPrice),
        });
      }
    }
    if (want('refund_overdue')) {
      for (const r of bounded(await repo.overdueRefunds(db, now, q.court, PER_KIND))) {
        items.push({
          ...none, ...where(r), kind: 'refund_overdue', urgency: 'overdue', reasonCode: 'REFUND_OVERDUE',
          reasonParams: { dueAt: r.dueBy.toISOString(), amount: money2(r.amount)!, refundKind: r.refundKind }, article: r.refundKind === 'deposit_release' ? 'A23' : null,
          dueAt: r.dueBy.toISOString(), lotId: r.lotId, refundId: r.refundId, amount: money2(r.amount),
        });
      }
    }
    if (want('determination')) {
      for (const r of bounded(await repo.openDeterminations(db, q.court, PER_KIND))) {
        const inWindow = r.status === 'objection_window';
        const due = inWindow ? r.objectionWindowEndsAt : r.deadlineAt;
        const late = !inWindow && due !== null && now.getTime() > due.getTime();
        const pending = Number(r.pendingObjections);
        const reasonCode = late ? 'DETERMINATION_OVERDUE' : pending > 0 ? 'DETERMINATION_OBJECTIONS' : inWindow ? 'DETERMINATION_OBJECTION_WINDOW' : 'DETERMINATION_COLLECTING';
        // A closed objection window waiting for the scheduler is today's matter, not an overdue one.
        const byDate = due ? urgencyOf(due, now) : 'upcoming';
        const urgency = late ? 'overdue' : pending > 0 || byDate === 'overdue' ? 'today' : byDate;
        items.push({
          ...none, ...where(r), kind: 'determination', urgency, reasonCode,
          reasonParams: { method: r.method, ...(due ? { dueAt: due.toISOString() } : {}), objections: String(pending) },
          article: r.method === 'appraisal' ? 'B19' : inWindow ? 'B22' : 'B11', dueAt: due?.toISOString() ?? null, valuationId: r.valuationId,
        });
      }
    }
    items.sort(compareDuties);
    return { asOf: now.toISOString(), items: items.slice(0, q.limit), truncated: cut || items.length > q.limit };
  }

  return { list };
}

export type Duties = ReturnType<typeof createDuties>;
