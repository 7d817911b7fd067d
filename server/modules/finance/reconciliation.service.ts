import { Decimal } from 'decimal.js';
import type { ReconciliationReport } from '../../../shared/contract/money';
import type { AppContext } from '../../platform/context';
import type { Db } from '../../platform/db/index';
import type { Job } from '../../platform/jobs';
import { rootOf } from '../ledger/accounts';
import { toCsv } from '../../platform/csv';
import * as repo from './reconciliation.repository';
import { refundView } from './refunds.service';
import { unmatchedView } from './statements.queue';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** The court's day is China Standard Time (UTC+8, no daylight saving). */
const UTC8 = 8 * HOUR;
/** The daily report runs at 00:05 UTC+8, for the day that just ended. */
const RUN_AFTER_MS = 5 * 60 * 1000;

/** [start, end) of a UTC+8 calendar day, as instants. */
export function dayBounds(day: string): { start: Date; end: Date } {
  const start = new Date(Date.parse(`${day}T00:00:00Z`) - UTC8);
  return { start, end: new Date(start.getTime() + DAY) };
}

/** The UTC+8 day whose report is due at `now`: yesterday once 00:05 has passed, else the day before. */
export function dueDay(now: Date): string {
  const local = now.getTime() + UTC8;
  const today = Math.floor(local / DAY) * DAY;
  const day = local - today >= RUN_AFTER_MS ? today - DAY : today - 2 * DAY;
  return new Date(day).toISOString().slice(0, 10);
}

function rollUp(rows: Array<{ account: string; debit: string; credit: string }>) {
  const out = new Map<string, { debit: Decimal; credit: Decimal }>();
  for (const r of rows) {
    const k = rootOf(r.account);
    const t = out.get(k) ?? { debit: new Decimal(0), credit: new Decimal(0) };
    out.set(k, { debit: t.debit.plus(r.debit), credit: t.credit.plus(r.credit) });
  }
  return out;
}

/** Computes a day's report: per root account the opening, the day's posted debits and credits, and the closing. */
export async function computeReport(db: Db, day: string, now: Date): Promise<ReconciliationReport> {
  const { start, end } = dayBounds(day);
  const before = rollUp(await repo.movements(db, null, start));
  const during = rollUp(await repo.movements(db, start, end));
  const zero = { debit: new Decimal(0), credit: new Decimal(0) };
  let debits = new Decimal(0);
  let credits = new Decimal(0);
  let closingSum = new Decimal(0);
  const accounts = [...new Set([...before.keys(), ...during.keys()])].sort().map((account) => {
    const o = before.get(account) ?? zero;
    const d = during.get(account) ?? zero;
    const opening = o.debit.minus(o.credit);
    const closing = opening.plus(d.debit).minus(d.credit);
    debits = debits.plus(d.debit);
    credits = credits.plus(d.credit);
    closingSum = closingSum.plus(closing);
    return { account, opening: opening.toFixed(2), debit: d.debit.toFixed(2), credit: d.credit.toFixed(2), closing: closing.toFixed(2) };
  });
  return {
    date: day, producedAt: now.toISOString(), balanced: debits.eq(credits) && closingSum.isZero(), accounts,
    unmatched: (await repo.unmatchedAt(db, end)).map((r) => unmatchedView(r.l)),
    refundsOverdue: (await repo.overdueAt(db, end)).map((r) => ({ ...refundView(r, end), overdue: true, status: 'due' as const, sentAt: null, bankReference: null })),
  };
}

/** The same report as CSV: one section per part, each with its own header. */
export function reportCsv(r: ReconciliationReport): string {
  const row = (cells: Array<string | number | boolean | null>) => toCsv([cells]).replace(/\r\n$/, '');
  const lines = [
    row(['report', 'date', 'produced_at', 'balanced']), row(['reconciliation', r.date, r.producedAt, r.balanced]), '',
    row(['account', 'opening', 'debit', 'credit', 'closing']), ...r.accounts.map((a) => row([a.account, a.opening, a.debit, a.credit, a.closing])), '',
    row(['unmatched_line', 'bank_txn_id', 'value_date', 'amount', 'reference', 'payer_name', 'reason']),
    ...r.unmatched.map((u) => row([u.id, u.bankTxnId, u.valueDate, u.amount, u.reference, u.payerName, u.reason])), '',
    row(['overdue_refund', 'payee_name', 'amount', 'due_by', 'lot_id']),
    ...r.refundsOverdue.map((f) => row([f.id, f.payeeName, f.amount, f.dueBy, f.lotId])),
  ];
  return lines.join('\r\n') + '\r\n';
}

export function createReconciliation(ctx: AppContext) {
  const { db, clock, log } = ctx;

  /** The kept report of a day if the daily job produced it, else computed now. */
  async function report(day: string): Promise<ReconciliationReport> {
    const stored = await repo.storedReport(db, day);
    return stored ? (stored.report as ReconciliationReport) : computeReport(db, day, clock.now());
  }

  /** Runs every tick on the injected clock; past 00:05 UTC+8 it keeps the report of the day that ended, once. */
  const job: Job = {
    name: 'reconciliation',
    async run() {
      const now = clock.now();
      const day = dueDay(now);
      if (await repo.storedReport(db, day)) return;
      if (await repo.storeReport(db, day, await computeReport(db, day, now), now)) log.info({ day }, 'daily reconciliation kept');
    },
  };

  return { report, job };
}

export type Reconciliation = ReturnType<typeof createReconciliation>;
