/**
 * Bank statement import (api.md, "Money"): a file is parsed whole, decided line by line against the open
 * deposits and balances, then applied in one transaction or not at all. Money in goes from the bank to the
 * deposit held, the lot's proceeds, or the unapplied receipts that wait in finance's queue.
 *
 * A short payment holds nothing: its line waits in the queue as UNDERPAID, and the open UNDERPAID lines of a
 * target are its shortfall. A later line that brings their sum to exactly the amount due settles it: that
 * money also passes through the unapplied receipts, and the whole amount moves on from there.
 */
import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { StatementImport } from '../../../shared/contract/money';
import { transitionLot, type LotStatus } from '../../../shared/lot-state';
import type { AppContext } from '../../platform/context';
import { inTransaction, isUniqueViolation, type Db } from '../../platform/db/index';
import { DomainError, conflict } from '../../platform/errors';
import { applyBalancePayment } from '../auctions/lifecycle.service';
import { appendAudit } from '../audit/audit.service';
import { holdDepositsInTx, type DepositHold } from '../bidding/bidding.service';
import { account, postEntry } from '../ledger/ledger.service';
import { parseStatement, statementInvalidDetails, statementInvalidMessage, type StatementLine } from '../payments/bank-statement';
import { normalizeReference } from '../payments/payment-reference';
import { isMatched, isUnmatched, matchStatement, referencesOf, summarize, type BalanceTarget, type DepositTarget, type LineDecision, type PaymentTarget } from '../payments/statement-matcher';
import { createRefund } from './refunds.repository';
import * as repo from './statements.repository';

/** A23's 24 hours: money owed back is paid within a day. */
export const REFUND_DUE_MS = 24 * 60 * 60 * 1000;

const targetKey = (t: PaymentTarget) => (t.kind === 'deposit' ? `reg:${t.registrationId}` : `lot:${t.lotId}`);

/** A target whose open short payments plus this line make exactly the amount due. */
interface MadeUp { index: number; target: PaymentTarget; earlierLineIds: string[]; earlierIndexes: number[] }

interface Decided {
  decisions: LineDecision[];
  madeUp: MadeUp[];
  lotOfRegistration: Map<string, string>;
  locked: Awaited<ReturnType<typeof repo.lockTargets>> | null;
}

/** Loads the targets (locked when applying), the txn ids seen before and the open shortfalls, and decides. */
async function decide(q: Db, lines: readonly StatementLine[], lock: boolean): Promise<Decided> {
  const refs = referencesOf(lines);
  const deps = await repo.depositTargets(q, refs);
  const bals = await repo.balanceTargets(q, refs);
  const locked = lock ? await repo.lockTargets(q, [...deps.map((d) => d.lotId), ...bals.map((b) => b.id)], deps.map((d) => d.id)) : null;
  // Read after the locks: a concurrent import of the same lines has committed by now, and its lines are seen.
  const seenTxnIds = await repo.seenTxnIds(q, lines.map((l) => l.bankTxnId));
  const deposits = new Map<string, DepositTarget>();
  const lotOfRegistration = new Map<string, string>();
  for (const d of deps) {
    const reg = locked?.registrations.get(d.id);
    const lotStatus = locked?.lots.get(d.lotId)?.status ?? d.lotStatus;
    // A deposit for a lot past registration is not held: it waits for finance to return it.
    const open = transitionLot(lotStatus as LotStatus, 'confirm_deposit').ok;
    deposits.set(normalizeReference(d.reference), { registrationId: d.id, depositAmount: new Decimal(d.amount), status: open ? (reg?.depositStatus ?? d.status) : 'closed' });
    lotOfRegistration.set(d.id, d.lotId);
  }
  const balances = new Map<string, BalanceTarget>();
  for (const b of bals) {
    const lot = locked?.lots.get(b.id);
    const due = (lot?.status ?? b.status) === 'sold' && !(lot ? lot.balancePaidAt : b.paidAt);
    balances.set(normalizeReference(b.reference!), { lotId: b.id, amountDue: new Decimal(b.due), status: due ? 'due' : 'paid' });
  }
  const { decisions } = matchStatement({ lines, seenTxnIds, deposits, balances });
  const underpaid = decisions.filter((d) => d.outcome === 'underpaid');
  const shortfalls = underpaid.length === 0 ? [] : await repo.openShortfalls(q,
    underpaid.flatMap((d) => (d.target.kind === 'deposit' ? [d.target.registrationId] : [])),
    underpaid.flatMap((d) => (d.target.kind === 'balance' ? [d.target.lotId] : [])), lock);
  return { ...makeUpShortfalls(decisions, shortfalls), lotOfRegistration, locked };
}

/**
 * Sums each target's short payments (open ones from earlier statements, then this file's in order); the line
 * that makes the sum exactly the amount due settles the target. Later lines for a settled target are
 * already settled.
 */
function makeUpShortfalls(decisions: LineDecision[], open: readonly repo.StatementLineRow[]): { decisions: LineDecision[]; madeUp: MadeUp[] } {
  const owed = new Map<string, { paid: Decimal; lineIds: string[]; indexes: number[] }>();
  for (const row of open) {
    const key = row.registrationId ? `reg:${row.registrationId}` : `lot:${row.lotId}`;
    const o = owed.get(key) ?? { paid: new Decimal(0), lineIds: [], indexes: [] };
    o.paid = o.paid.plus(row.amount);
    o.lineIds.push(row.id);
    owed.set(key, o);
  }
  const settled = new Set<string>();
  const madeUp: MadeUp[] = [];
  const out = decisions.map((d, index): LineDecision => {
    if (d.outcome === 'underpaid') {
      const key = targetKey(d.target);
      if (settled.has(key)) {
        return { outcome: 'already_settled', line: d.line, unmatchedReason: d.target.kind === 'deposit' ? 'DEPOSIT_ALREADY_HELD' : 'BALANCE_ALREADY_PAID', target: d.target };
      }
      const o = owed.get(key) ?? { paid: new Decimal(0), lineIds: [], indexes: [] };
      const total = o.paid.plus(d.line.amount);
      if (total.eq(d.expected) && o.paid.gt(0)) {
        settled.add(key);
        madeUp.push({ index, target: d.target, earlierLineIds: o.lineIds, earlierIndexes: o.indexes });
        return d.target.kind === 'deposit'
          ? { outcome: 'deposit', line: d.line, registrationId: d.target.registrationId }
          : { outcome: 'balance', line: d.line, lotId: d.target.lotId };
      }
      o.paid = total;
      o.indexes.push(index);
      owed.set(key, o);
      // Paid more than due in several parts: no sum settles it, finance returns or matches the lines by hand.
      return total.lt(d.expected) ? { ...d, shortfall: d.expected.minus(total) } : d;
    }
    if (isMatched(d)) {
      const key = d.outcome === 'balance' ? `lot:${d.lotId}` : `reg:${d.registrationId}`;
      if (settled.has(key)) {
        const target: PaymentTarget = d.outcome === 'balance' ? { kind: 'balance', lotId: d.lotId } : { kind: 'deposit', registrationId: d.registrationId };
        return { outcome: 'already_settled', line: d.line, unmatchedReason: d.outcome === 'balance' ? 'BALANCE_ALREADY_PAID' : 'DEPOSIT_ALREADY_HELD', target };
      }
      settled.add(key);
    }
    return d;
  });
  return { decisions: out, madeUp };
}

function targetOf(d: LineDecision): { registrationId: string | null; lotId: string | null } {
  if (d.outcome === 'deposit' || d.outcome === 'overpaid') return { registrationId: d.registrationId, lotId: null };
  if (d.outcome === 'balance') return { registrationId: null, lotId: d.lotId };
  if ('target' in d) return d.target.kind === 'deposit' ? { registrationId: d.target.registrationId, lotId: null } : { registrationId: null, lotId: d.target.lotId };
  return { registrationId: null, lotId: null };
}

function view(decided: Decided, statementId: string | null, preview: boolean): StatementImport {
  const { decisions, lotOfRegistration } = decided;
  const summary = summarize(decisions);
  return {
    statementId, preview, ...summary,
    decisions: decisions.map((d) => {
      const t = targetOf(d);
      const diff = d.outcome === 'overpaid' || d.outcome === 'balance_overpaid' ? { expected: d.expected, difference: d.excess }
        : d.outcome === 'underpaid' ? { expected: d.expected, difference: d.shortfall } : null;
      return {
        line: d.line.line, bankTxnId: d.line.bankTxnId, amount: d.line.amount.toFixed(2), reference: d.line.reference, payerName: d.line.payerName,
        outcome: d.outcome, unmatchedReason: isUnmatched(d) ? d.unmatchedReason : null,
        registrationId: t.registrationId, lotId: t.lotId ?? (t.registrationId ? lotOfRegistration.get(t.registrationId) ?? null : null),
        expected: diff ? diff.expected.toFixed(2) : null, difference: diff ? diff.difference.toFixed(2) : null,
      };
    }),
  };
}

export function createStatements(ctx: AppContext) {
  const { db, clock } = ctx;

  /** Parses, decides and (unless previewing) applies a statement: every line or none. */
  async function importStatement(body: Uint8Array, opts: { preview: boolean; by: string }): Promise<StatementImport> {
    const parsed = parseStatement(body);
    if (!parsed.ok) throw new DomainError(422, 'STATEMENT_INVALID', statementInvalidMessage(parsed), statementInvalidDetails(parsed));
    if (opts.preview) return view(await decide(db, parsed.lines, false), null, true);
    for (let attempt = 0; ; attempt++) {
      try {
        return await inTransaction(db, (tx) => apply(tx, parsed.lines, opts.by));
      } catch (err) {
        // A concurrent import committed some of these lines first (the unique bank_txn_id): decide again,
        // and they are duplicates now.
        if (!isUniqueViolation(err)) throw err;
        if (attempt >= 1) throw conflict('CONFLICT', 'Another import of these lines was running; import the file again.');
      }
    }
  }

  async function apply(tx: Db, lines: readonly StatementLine[], by: string): Promise<StatementImport> {
    const decided = await decide(tx, lines, true);
    const { decisions, madeUp, locked } = decided;
    const now = clock.now();
    const statementId = crypto.randomUUID();
    const lineIds = decisions.map(() => crypto.randomUUID());
    const summary = summarize(decisions);
    const madeUpAt = new Map(madeUp.map((m) => [m.index, m]));
    const rows: repo.NewStatementLine[] = [];
    let unapplied = new Decimal(0);
    decisions.forEach((d, i) => {
      if (d.outcome === 'duplicate') return;
      const t = targetOf(d);
      rows.push({
        id: lineIds[i], statementId, lineNo: d.line.line, bankTxnId: d.line.bankTxnId, valueDate: d.line.valueDate, amount: d.line.amount.toFixed(2),
        currency: d.line.currency, reference: d.line.reference, payerName: d.line.payerName, payerAccount: d.line.payerAccount,
        outcome: d.outcome, unmatchedReason: isUnmatched(d) ? d.unmatchedReason : null, registrationId: t.registrationId, lotId: t.lotId,
      });
      if (isUnmatched(d) || madeUpAt.has(i)) unapplied = unapplied.plus(d.line.amount);
    });
    await repo.insertStatement(tx, { id: statementId, importedBy: by, importedAt: now, lineCount: summary.lines, ...summary });
    await repo.insertLines(tx, rows);
    if (unapplied.gt(0)) {
      await postEntry(tx, {
        idempotencyKey: `statement-unapplied:${statementId}`, kind: 'receipt_unapplied', memo: `Statement ${statementId}: money that matched nothing yet`, at: now,
        lines: [{ account: account.bank(), debit: unapplied.toFixed(2) }, { account: account.unappliedReceipts(), credit: unapplied.toFixed(2) }],
      });
    }
    const holds: Record<'bank' | 'unapplied', DepositHold[]> = { bank: [], unapplied: [] };
    for (const [i, d] of decisions.entries()) {
      if (!isMatched(d)) continue;
      const made = madeUpAt.get(i);
      const from = made ? account.unappliedReceipts() : account.bank();
      if (d.outcome === 'balance') {
        const lot = locked!.lots.get(d.lotId)!;
        const balance = await applyBalancePayment(tx, lot, d.line.bankTxnId, now, from);
        await appendAudit(tx, { lotId: lot.id, at: now, actorId: by, action: 'balance_paid', before: null, after: { balance, bankReference: d.line.bankTxnId, statementId } });
      } else {
        const r = locked!.registrations.get(d.registrationId)!;
        holds[made ? 'unapplied' : 'bank'].push({ lot: locked!.lots.get(r.lotId)!, r, bankReference: d.line.bankTxnId });
      }
    }
    await holdDepositsInTx(tx, holds.bank, { by, now });
    await holdDepositsInTx(tx, holds.unapplied, { by, now, from: account.unappliedReceipts() });
    for (const [i, d] of decisions.entries()) {
      if (d.outcome === 'overpaid') {
        const r = locked!.registrations.get(d.registrationId)!;
        await oweExcess(tx, { registrationId: r.id, lotId: r.lotId, userId: r.userId, line: d.line, lineId: lineIds[i], excess: d.excess, now });
      }
    }
    for (const made of madeUp) {
      const d = decisions[made.index];
      const target = made.target.kind === 'deposit' ? { registrationId: made.target.registrationId } : { lotId: made.target.lotId };
      await repo.resolveLines(tx, [...made.earlierLineIds, ...made.earlierIndexes.map((j) => lineIds[j])], {
        resolution: 'matched', resolvedBy: by, resolvedAt: now, resolutionNote: `Made up by ${d.line.bankTxnId}`, ...target,
      });
    }
    return view(decided, statementId, false);
  }

  /** An overpaid deposit: the deposit is held, the excess is owed back to the payer within 24 hours. */
  async function oweExcess(tx: Db, o: { registrationId: string; lotId: string; userId: string; line: StatementLine; lineId: string; excess: Decimal; now: Date }) {
    const amount = o.excess.toFixed(2);
    await postEntry(tx, {
      idempotencyKey: `overpayment:${o.lineId}`, kind: 'overpayment', memo: `Excess of deposit payment ${o.line.bankTxnId}, owed back`,
      registrationId: o.registrationId, lotId: o.lotId, at: o.now,
      lines: [{ account: account.bank(), debit: amount }, { account: account.refundPayable({ userId: o.userId }), credit: amount }],
    });
    await createRefund(tx, {
      sourceKey: `overpayment:${o.lineId}`, kind: 'overpayment', registrationId: o.registrationId, lotId: o.lotId, statementLineId: o.lineId,
      payee: { userId: o.userId, name: o.line.payerName, account: o.line.payerAccount }, amount, method: 'bank',
      dueBy: new Date(o.now.getTime() + REFUND_DUE_MS), at: o.now,
    });
  }

  return { importStatement };
}

export type Statements = ReturnType<typeof createStatements>;
