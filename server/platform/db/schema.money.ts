/**
 * Money's tables: the chart of accounts the ledger posts to, bank statements and their unmatched lines,
 * refunds owed, provider payments and their webhooks, the outbox of provider calls, and proceeds paid to
 * the court. The ledger itself (ledger_entries, ledger_lines) is in schema.ts; the database guards it with
 * triggers (migration 0006): entries balance at commit, rows are never updated or deleted, and a pending
 * hold is posted or voided once.
 */
import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, numeric, integer, jsonb, uniqueIndex, index, date } from 'drizzle-orm/pg-core';
import { lots, registrations, users } from './schema';

const money = (name: string) => numeric(name, { precision: 18, scale: 2 });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The chart of accounts. Root accounts (`liability:deposits_held`) have sub-accounts per lot and per
 * party (`liability:deposits_held:reg:<id>`); every ledger line names one of these rows.
 */
export const ledgerAccounts = pgTable('ledger_accounts', {
  code: text('code').primaryKey(),
  type: text('type').$type<'asset' | 'liability' | 'income' | 'expense'>().notNull(),
  parent: text('parent'),
  name: text('name').notNull(),
  lotId: text('lot_id'),
  registrationId: text('registration_id'),
  /** The payee or payer a sub-account is kept for (a user id, or a platform's name). */
  party: text('party'),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('ledger_accounts_parent_idx').on(t.parent), index('ledger_accounts_lot_idx').on(t.lotId)]);

export const bankStatements = pgTable('bank_statements', {
  id: text('id').primaryKey(),
  importedBy: text('imported_by').notNull().references(() => users.id),
  importedAt: ts('imported_at').notNull(),
  lineCount: integer('line_count').notNull(),
  matched: integer('matched').notNull(),
  unmatched: integer('unmatched').notNull(),
  duplicates: integer('duplicates').notNull(),
});

/**
 * Every line of every imported statement (duplicates aside). `outcome` is what the import decided;
 * unmatched lines wait in the queue (`resolution` null) until finance matches them by hand or returns them.
 */
export const bankStatementLines = pgTable('bank_statement_lines', {
  id: text('id').primaryKey(),
  statementId: text('statement_id').notNull().references(() => bankStatements.id),
  lineNo: integer('line_no').notNull(),
  bankTxnId: text('bank_txn_id').notNull(),
  valueDate: date('value_date', { mode: 'string' }).notNull(),
  amount: money('amount').notNull(),
  currency: text('currency').notNull(),
  reference: text('reference').notNull(),
  payerName: text('payer_name').notNull(),
  payerAccount: text('payer_account').notNull(),
  outcome: text('outcome').notNull(),
  unmatchedReason: text('unmatched_reason'),
  registrationId: text('registration_id').references(() => registrations.id),
  lotId: text('lot_id').references(() => lots.id),
  resolution: text('resolution').$type<'matched' | 'returned'>(),
  resolvedBy: text('resolved_by').references(() => users.id),
  resolvedAt: ts('resolved_at'),
  resolutionNote: text('resolution_note'),
}, (t) => [
  uniqueIndex('bank_statement_lines_txn_key').on(t.bankTxnId),
  index('bank_statement_lines_queue_idx').on(t.unmatchedReason).where(sql`${t.unmatchedReason} is not null and ${t.resolution} is null`),
]);

/**
 * Money owed back: a released deposit, an overpayment's excess, a returned statement line. One row per
 * source (`source_key`), so a race between the close, a webhook and a retry can never owe it twice.
 */
export const refunds = pgTable('refunds', {
  id: text('id').primaryKey(),
  sourceKey: text('source_key').notNull(),
  kind: text('kind').$type<'deposit_release' | 'overpayment' | 'returned_line'>().notNull(),
  registrationId: text('registration_id').references(() => registrations.id),
  lotId: text('lot_id').references(() => lots.id),
  statementLineId: text('statement_line_id').references(() => bankStatementLines.id),
  payeeUserId: text('payee_user_id').references(() => users.id),
  payeeName: text('payee_name').notNull(),
  payeeAccount: text('payee_account'),
  amount: money('amount').notNull(),
  method: text('method').$type<'bank' | 'provider'>().notNull(),
  status: text('status').$type<'due' | 'sent' | 'failed'>().notNull(),
  dueBy: ts('due_by').notNull(),
  bankReference: text('bank_reference'),
  providerRef: text('provider_ref'),
  failure: text('failure'),
  sentAt: ts('sent_at'),
  sentBy: text('sent_by').references(() => users.id),
  createdAt: ts('created_at').notNull(),
}, (t) => [
  uniqueIndex('refunds_source_key').on(t.sourceKey),
  index('refunds_status_due_idx').on(t.status, t.dueBy),
  index('refunds_registration_idx').on(t.registrationId),
]);

/** A payment through an online provider: a deposit hold (manual capture) or a balance. */
export const providerPayments = pgTable('provider_payments', {
  id: text('id').primaryKey(),
  provider: text('provider').notNull(),
  providerRef: text('provider_ref'),
  kind: text('kind').$type<'deposit' | 'balance'>().notNull(),
  registrationId: text('registration_id').notNull().references(() => registrations.id),
  lotId: text('lot_id').notNull().references(() => lots.id),
  amount: money('amount').notNull(),
  status: text('status').notNull(),
  clientSecret: text('client_secret'),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [
  uniqueIndex('provider_payments_ref_key').on(t.provider, t.providerRef),
  index('provider_payments_registration_idx').on(t.registrationId),
]);

/** Webhook events already applied, by the provider's event id: a repeat changes nothing. */
export const webhookEvents = pgTable('webhook_events', {
  provider: text('provider').notNull(),
  eventId: text('event_id').notNull(),
  type: text('type').notNull(),
  providerRef: text('provider_ref'),
  receivedAt: ts('received_at').notNull(),
}, (t) => [uniqueIndex('webhook_events_key').on(t.provider, t.eventId)]);

/**
 * Calls to payment providers, written in the transaction that decided them and made afterwards with
 * retries. The idempotency key travels with the call, so a crash after the call and before `done`
 * makes the retry a no-op at the provider.
 */
export const outbox = pgTable('outbox', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  payload: jsonb('payload').notNull(),
  idempotencyKey: text('idempotency_key').notNull(),
  status: text('status').$type<'pending' | 'done' | 'failed'>().notNull(),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at').notNull(),
  lastError: text('last_error'),
  createdAt: ts('created_at').notNull(),
  doneAt: ts('done_at'),
}, (t) => [uniqueIndex('outbox_idempotency_key').on(t.idempotencyKey), index('outbox_due_idx').on(t.status, t.nextAttemptAt)]);

/** The court's approval of a sold lot's proceeds, and their payout to its enforcement account. */
export const proceedsPayouts = pgTable('proceeds_payouts', {
  lotId: text('lot_id').primaryKey().references(() => lots.id),
  amount: money('amount').notNull(),
  approvedBy: text('approved_by').notNull().references(() => users.id),
  approvedAt: ts('approved_at').notNull(),
  paidBy: text('paid_by').references(() => users.id),
  paidAt: ts('paid_at'),
  bankReference: text('bank_reference'),
});

/** The daily reconciliation report, kept as it was produced (node-cron at 00:05 UTC+8, or on demand). */
export const reconciliationReports = pgTable('reconciliation_reports', {
  day: date('day', { mode: 'string' }).primaryKey(),
  report: jsonb('report').notNull(),
  producedAt: ts('produced_at').notNull(),
});
