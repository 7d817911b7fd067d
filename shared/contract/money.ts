/**
 * Money's contract beyond the deposit desk: bank statements and the unmatched queue, refunds, the
 * buyer's balance, proceeds to the court, online payments, the ledger by account and the daily
 * reconciliation (api.md, "Money").
 */
import { z } from 'zod';
import { id, idString, isoTime, money, moneyString, signedMoney } from './common';

const bankReference = z.string().trim().min(3).max(100);
const note = z.string().trim().min(3).max(2000);

// Bank statements

/**
 * A payer's bank account as a statement's payer_account column holds it: 1 to 64 characters, no line break,
 * control or invisible formatting character (which would make the account read unlike what it is).
 */
export const payerAccount = z.string().trim().min(1).max(64).regex(/^[^\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]*$/u, 'no line break, control or invisible formatting character');

/** What the import decided for a line (server/modules/payments/statement-matcher.ts). */
export const STATEMENT_OUTCOMES = ['deposit', 'balance', 'overpaid', 'underpaid', 'balance_overpaid', 'unknown_reference', 'already_settled', 'lot_closed', 'duplicate'] as const;
export const UNMATCHED_REASONS = ['UNDERPAID', 'BALANCE_OVERPAID', 'UNKNOWN_REFERENCE', 'REFERENCE_TYPO', 'DEPOSIT_ALREADY_HELD', 'BALANCE_ALREADY_PAID', 'LOT_CLOSED'] as const;
export type UnmatchedReason = (typeof UNMATCHED_REASONS)[number];

/**
 * Why a statement file was refused, per line: a code and its parameters, worded by the client in the reader's
 * language (the English `message` beside it is for logs and scripts). `field` names the statement column.
 */
export const STATEMENT_PROBLEM_CODES = [
  'TOO_LARGE', 'NOT_UTF8', 'EMPTY_FILE', 'TOO_MANY_LINES', 'HEADER', 'NO_LINES', 'CSV_QUOTE_NOT_CLOSED', 'CSV_QUOTE_INSIDE',
  'CSV_AFTER_QUOTE', 'LINE_TOO_LONG', 'CSV_SYNTAX', 'FIELD_COUNT', 'CONTROL_CHARACTER', 'DATE_FORMAT', 'AMOUNT_FORMAT',
  'AMOUNT_NEGATIVE', 'AMOUNT_ZERO', 'AMOUNT_TOO_LARGE', 'CURRENCY', 'REFERENCE_FORMAT', 'TEXT_EMPTY', 'TEXT_TOO_LONG', 'TXN_ID_REPEATED',
] as const;
export type StatementProblemCode = (typeof STATEMENT_PROBLEM_CODES)[number];
export const STATEMENT_FIELDS = ['value_date', 'amount', 'currency', 'reference', 'payer_name', 'payer_account', 'bank_txn_id'] as const;
export type StatementField = (typeof STATEMENT_FIELDS)[number];
export interface StatementProblem { code: StatementProblemCode; field?: StatementField; params?: Record<string, string | number> }
/** One entry of STATEMENT_INVALID's `details.errors`. */
export interface StatementLineError { line: number; message: string; problems: StatementProblem[] }

/** `?preview=1` decides every line and applies nothing. */
export const statementQuery = z.strictObject({ preview: z.enum(['0', '1']).optional() });

export const statementLineDecision = z.strictObject({
  line: z.number().int().min(2), bankTxnId: z.string(), amount: money, reference: z.string(), payerName: z.string(),
  outcome: z.enum(STATEMENT_OUTCOMES), unmatchedReason: z.enum(UNMATCHED_REASONS).nullable(),
  registrationId: id.nullable(), lotId: id.nullable(),
  /** The amount expected, and the excess refunded or the shortfall still owed, where the amount differed. */
  expected: money.nullable(), difference: money.nullable(),
});
/** api.md's answer, plus every line's decision (the preview shows them before anything is applied). */
export const statementImport = z.strictObject({
  statementId: id.nullable(), preview: z.boolean(),
  lines: z.number().int().min(0), matched: z.number().int().min(0), unmatched: z.number().int().min(0), duplicates: z.number().int().min(0),
  decisions: z.array(statementLineDecision),
});
export type StatementImport = z.infer<typeof statementImport>;

/** GET /api/finance/unmatched rows: money that arrived and matched nothing, waiting for finance. */
export const unmatchedLine = z.strictObject({
  id, statementId: id, line: z.number().int(), bankTxnId: z.string(), valueDate: z.string(), amount: money, currency: z.string(),
  reference: z.string(), payerName: z.string(), payerAccount: z.string(), reason: z.enum(UNMATCHED_REASONS),
  registrationId: id.nullable(), lotId: id.nullable(),
});
export type UnmatchedLine = z.infer<typeof unmatchedLine>;
export const unmatchedList = z.strictObject({ lines: z.array(unmatchedLine) });

/** Match a line by hand to a registration's deposit or a lot's balance; the amount must be the one due. */
export const matchLineBody = z.union([
  z.strictObject({ registrationId: idString, note: note.optional() }),
  z.strictObject({ lotId: idString, note: note.optional() }),
]);
export const returnLineBody = z.strictObject({ note });
export const resolvedLine = z.strictObject({ id, resolution: z.enum(['matched', 'returned']), resolvedAt: isoTime, refundId: id.nullable() });

// Refunds

export const REFUND_STATUSES = ['due', 'sent', 'failed'] as const;
export const REFUND_KINDS = ['deposit_release', 'overpayment', 'returned_line'] as const;
export const refundsQuery = z.strictObject({ status: z.enum(REFUND_STATUSES).optional(), format: z.enum(['json', 'csv']).optional() });
/** api.md's refund row, and how it is paid. */
export const refundView = z.strictObject({
  id, registrationId: id.nullable(), lotId: id.nullable(), amount: money, payeeName: z.string(), dueBy: isoTime,
  status: z.enum(REFUND_STATUSES), kind: z.enum(REFUND_KINDS), method: z.enum(['bank', 'provider']),
  payeeAccount: z.string().nullable(), overdue: z.boolean(), bankReference: z.string().nullable(), sentAt: isoTime.nullable(),
  failure: z.string().nullable(),
  /** A bank refund with no account to pay to: left out of the payment file until finance has asked the payer. */
  accountNeeded: z.boolean(),
});
export type RefundView = z.infer<typeof refundView>;
/** api.md: GET /api/finance/refunds answers the rows themselves, as a JSON array. */
export const refundList = z.array(refundView);
/** `payeeAccount`: where the transfer went, for a refund that had no account on record. */
export const refundSentBody = z.strictObject({ bankReference, payeeAccount: payerAccount.optional() });

// The buyer's balance, refunds as the bidder sees them

/** On the winner's registration after the close (api.md). */
export const balanceDue = z.strictObject({ amount: money, reference: z.string(), dueAt: isoTime, paidAt: isoTime.nullable() });
/** A bidder's own refund: its state and date. */
export const myRefund = z.strictObject({ amount: money, status: z.enum(REFUND_STATUSES), dueBy: isoTime, sentAt: isoTime.nullable() });

// Proceeds

/** `titleEn`: the court's English title, null where it gave none (an English page then shows the Chinese). */
export const proceedsRow = z.strictObject({
  lotId: id, title: z.string(), titleEn: z.string().nullable(), court: z.string(), finalPrice: money, amount: money,
  balancePaidAt: isoTime.nullable(), approvedAt: isoTime.nullable(), paidAt: isoTime.nullable(), bankReference: z.string().nullable(),
});
export const proceedsList = z.strictObject({ lots: z.array(proceedsRow) });
export const payoutBody = z.strictObject({ bankReference });

/** A24: the forfeited deposit's allocation, in order: the re-auction's costs, the price gap, then the debt. */
export const forfeitureBody = z.strictObject({ costs: moneyString, priceGap: moneyString });

// Online payments

export const onlineDepositView = z.strictObject({
  provider: z.enum(['stripe', 'sandbox']), providerRef: z.string(), status: z.string(), clientSecret: z.string().nullable(), amount: money,
});
/** The demo's sandbox checkout: pay (or decline) the payment the client secret names. */
export const sandboxPayBody = z.strictObject({ clientSecret: z.string().min(1).max(300), outcome: z.enum(['succeed', 'decline']) });
/** Provider calls finance watches: failed ones, and pending ones that have erred and are retrying. */
export const OUTBOX_CALL_FILTERS = ['failed', 'retrying'] as const;
export const outboxQuery = z.strictObject({ status: z.enum(OUTBOX_CALL_FILTERS).optional() });
export const outboxCallView = z.strictObject({
  id, kind: z.enum(['authorize_deposit', 'capture_deposit', 'cancel_deposit', 'charge_balance', 'refund']), status: z.enum(['pending', 'failed', 'done']),
  registrationId: id.nullable(), lotId: id.nullable(), refundId: id.nullable(), attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(), nextAttemptAt: isoTime, createdAt: isoTime,
});
export type OutboxCallView = z.infer<typeof outboxCallView>;
export const outboxCallList = z.strictObject({ calls: z.array(outboxCallView) });
export const webhookAck = z.strictObject({ received: z.literal(true), duplicate: z.boolean() });

// Ledger and reconciliation

export const accountsView = z.strictObject({
  accounts: z.array(z.strictObject({
    code: z.string(), parent: z.string().nullable(), name: z.string(), type: z.enum(['asset', 'liability', 'income', 'expense']),
    lotId: id.nullable(), registrationId: id.nullable(), debit: money, credit: money, balance: signedMoney,
  })),
});
export const ledgerQuery = z.strictObject({ account: z.string().min(3).max(200).regex(/^[a-z_]+:[a-z_]+(:[A-Za-z0-9_.:-]+)?$/, 'an account code such as liability:deposits_held') });
export const ledgerView = z.strictObject({
  account: z.string(), balance: signedMoney,
  entries: z.array(z.strictObject({
    entryId: z.number().int(), at: isoTime, kind: z.string(), memo: z.string(), account: z.string(),
    debit: money, credit: money, lotId: id.nullable(), registrationId: id.nullable(), phase: z.enum(['posted', 'pending', 'voided']),
  })),
});

export const reconciliationQuery = z.strictObject({
  date: z.iso.date({ error: 'a date as YYYY-MM-DD (UTC+8)' }),
  format: z.enum(['json', 'csv']).optional(),
});
/** The day's report (UTC+8): movements and closing balance per account, unmatched lines, refunds overdue. */
export const reconciliationReport = z.strictObject({
  date: z.string(), producedAt: isoTime, balanced: z.boolean(),
  accounts: z.array(z.strictObject({ account: z.string(), opening: signedMoney, debit: money, credit: money, closing: signedMoney })),
  unmatched: z.array(unmatchedLine),
  refundsOverdue: z.array(refundView),
});
export type ReconciliationReport = z.infer<typeof reconciliationReport>;
