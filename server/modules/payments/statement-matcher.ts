/**
 * What each line of a valid statement does (docs/api.md, "Money"), decided without the database: the caller
 * loads the open references and the bank_txn_ids already imported, then applies the decisions in one
 * transaction. Lines of one file are decided in order, so a second payment of the same reference within
 * the file is seen as one.
 */
import type { Decimal } from 'decimal.js';
import type { StatementLine } from './bank-statement';
import { classifyReference, normalizeReference } from './payment-reference';

export interface DepositTarget {
  registrationId: string;
  depositAmount: Decimal;
  /** `pending` waits for money; `closed`: the lot no longer takes deposits; any other status means it was already received. */
  status: string;
}

export interface BalanceTarget {
  lotId: string;
  amountDue: Decimal;
  status: 'due' | 'paid';
}

export interface MatchInput {
  lines: readonly StatementLine[];
  /** bank_txn_ids imported before, from any statement. */
  seenTxnIds: ReadonlySet<string>;
  /** Keyed by payment reference, in any case: keys are normalized here. */
  deposits: ReadonlyMap<string, DepositTarget>;
  balances: ReadonlyMap<string, BalanceTarget>;
}

/** Why a line waits in the unmatched queue, for the client to word. */
export type UnmatchedReason =
  | 'UNKNOWN_REFERENCE'
  | 'REFERENCE_TYPO'
  | 'UNDERPAID'
  | 'BALANCE_OVERPAID'
  | 'DEPOSIT_ALREADY_HELD'
  | 'BALANCE_ALREADY_PAID'
  | 'LOT_CLOSED';

export type LineDecision =
  | { outcome: 'duplicate'; line: StatementLine }
  | { outcome: 'deposit'; line: StatementLine; registrationId: string }
  | { outcome: 'balance'; line: StatementLine; lotId: string }
  /** The deposit is held; `excess` goes back to the payer. */
  | { outcome: 'overpaid'; line: StatementLine; registrationId: string; expected: Decimal; excess: Decimal }
  | { outcome: 'underpaid'; line: StatementLine; unmatchedReason: 'UNDERPAID'; target: PaymentTarget; expected: Decimal; shortfall: Decimal }
  /** A balance paid with more than is due: finance decides, the ledger has no rule for the surplus. */
  | { outcome: 'balance_overpaid'; line: StatementLine; unmatchedReason: 'BALANCE_OVERPAID'; target: PaymentTarget; expected: Decimal; excess: Decimal }
  | { outcome: 'unknown_reference'; line: StatementLine; unmatchedReason: 'UNKNOWN_REFERENCE' | 'REFERENCE_TYPO' }
  /** Most likely the same payment made twice: returned to the payer or matched by hand. */
  | { outcome: 'already_settled'; line: StatementLine; unmatchedReason: 'DEPOSIT_ALREADY_HELD' | 'BALANCE_ALREADY_PAID'; target: PaymentTarget }
  /** A deposit paid after its lot stopped taking deposits (closed or cancelled): finance returns it to the payer. */
  | { outcome: 'lot_closed'; line: StatementLine; unmatchedReason: 'LOT_CLOSED'; target: PaymentTarget };

export type PaymentTarget = { kind: 'deposit'; registrationId: string } | { kind: 'balance'; lotId: string };

export type MatchedDecision = Extract<LineDecision, { outcome: 'deposit' | 'balance' | 'overpaid' }>;
export type UnmatchedDecision = Extract<LineDecision, { unmatchedReason: UnmatchedReason }>;

/** The numbers of the import's 200 answer: `{lines, matched, unmatched, duplicates}`. */
export interface MatchSummary { lines: number; matched: number; unmatched: number; duplicates: number }

export function isMatched(d: LineDecision): d is MatchedDecision {
  return d.outcome === 'deposit' || d.outcome === 'balance' || d.outcome === 'overpaid';
}

export function isUnmatched(d: LineDecision): d is UnmatchedDecision {
  return 'unmatchedReason' in d;
}

function normalizeKeys<T>(m: ReadonlyMap<string, T>): Map<string, T> {
  const out = new Map<string, T>();
  for (const [k, v] of m) out.set(normalizeReference(k), v);
  return out;
}

export function matchStatement(input: MatchInput): { decisions: LineDecision[]; summary: MatchSummary } {
  const deposits = normalizeKeys(input.deposits);
  const balances = normalizeKeys(input.balances);
  const seen = new Set<string>();
  // References settled by an earlier line of this file.
  const settledHere = new Set<string>();
  const decisions: LineDecision[] = [];

  for (const line of input.lines) {
    if (input.seenTxnIds.has(line.bankTxnId) || seen.has(line.bankTxnId)) {
      decisions.push({ outcome: 'duplicate', line });
      continue;
    }
    seen.add(line.bankTxnId);
    const ref = normalizeReference(line.reference);
    const deposit = deposits.get(ref);
    const balance = deposit ? undefined : balances.get(ref);

    if (deposit) {
      const target: PaymentTarget = { kind: 'deposit', registrationId: deposit.registrationId };
      const cmp = line.amount.comparedTo(deposit.depositAmount);
      if (deposit.status === 'closed') {
        decisions.push({ outcome: 'lot_closed', line, unmatchedReason: 'LOT_CLOSED', target });
      } else if (deposit.status !== 'pending' || settledHere.has(ref)) {
        decisions.push({ outcome: 'already_settled', line, unmatchedReason: 'DEPOSIT_ALREADY_HELD', target });
      } else if (cmp < 0) {
        decisions.push({ outcome: 'underpaid', line, unmatchedReason: 'UNDERPAID', target, expected: deposit.depositAmount, shortfall: deposit.depositAmount.minus(line.amount) });
      } else {
        settledHere.add(ref);
        decisions.push(cmp === 0
          ? { outcome: 'deposit', line, registrationId: deposit.registrationId }
          : { outcome: 'overpaid', line, registrationId: deposit.registrationId, expected: deposit.depositAmount, excess: line.amount.minus(deposit.depositAmount) });
      }
    } else if (balance) {
      const target: PaymentTarget = { kind: 'balance', lotId: balance.lotId };
      const cmp = line.amount.comparedTo(balance.amountDue);
      if (balance.status !== 'due' || settledHere.has(ref)) {
        decisions.push({ outcome: 'already_settled', line, unmatchedReason: 'BALANCE_ALREADY_PAID', target });
      } else if (cmp < 0) {
        decisions.push({ outcome: 'underpaid', line, unmatchedReason: 'UNDERPAID', target, expected: balance.amountDue, shortfall: balance.amountDue.minus(line.amount) });
      } else if (cmp > 0) {
        decisions.push({ outcome: 'balance_overpaid', line, unmatchedReason: 'BALANCE_OVERPAID', target, expected: balance.amountDue, excess: line.amount.minus(balance.amountDue) });
      } else {
        settledHere.add(ref);
        decisions.push({ outcome: 'balance', line, lotId: balance.lotId });
      }
    } else {
      const shape = classifyReference(ref);
      decisions.push({ outcome: 'unknown_reference', line, unmatchedReason: shape.shape === 'ours' && !shape.valid ? 'REFERENCE_TYPO' : 'UNKNOWN_REFERENCE' });
    }
  }
  return { decisions, summary: summarize(decisions) };
}

export function summarize(decisions: readonly LineDecision[]): MatchSummary {
  const s: MatchSummary = { lines: decisions.length, matched: 0, unmatched: 0, duplicates: 0 };
  for (const d of decisions) {
    if (d.outcome === 'duplicate') s.duplicates++;
    else if (isMatched(d)) s.matched++;
    else s.unmatched++;
  }
  return s;
}

/** Normalized references the lines name, to load their targets in one query. */
export function referencesOf(lines: readonly StatementLine[]): string[] {
  return [...new Set(lines.map((l) => normalizeReference(l.reference)))];
}
