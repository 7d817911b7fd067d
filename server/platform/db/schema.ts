import { sql } from 'drizzle-orm';
import {
  pgTable, text, timestamp, numeric, integer, boolean, jsonb, uniqueIndex, index, bigserial, bigint, primaryKey,
} from 'drizzle-orm/pg-core';
import type { LotStatus } from '../../../shared/lot-state';

const money = (name: string) => numeric(name, { precision: 18, scale: 2 });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  roles: text('roles').array().notNull().default(sql`ARRAY['bidder']::text[]`),
  realName: text('real_name'),
  idNumber: text('id_number'),
  identityVerifiedAt: ts('identity_verified_at'),
  createdAt: ts('created_at').notNull(),
}, (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`), uniqueIndex('users_id_number_key').on(t.idNumber)]);

export const sessions = pgTable('sessions', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull().references(() => users.id),
  createdAt: ts('created_at').notNull(),
  expiresAt: ts('expires_at').notNull(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

export const cases = pgTable('cases', {
  id: text('id').primaryKey(),
  caseNumber: text('case_number').notNull(),
  court: text('court').notNull(),
  applicant: text('applicant').notNull(),
  respondent: text('respondent').notNull(),
  claimAmount: money('claim_amount').notNull(),
  createdBy: text('created_by').notNull().references(() => users.id),
  createdAt: ts('created_at').notNull(),
}, (t) => [uniqueIndex('cases_court_number_key').on(t.court, t.caseNumber)]);

export const assets = pgTable('assets', {
  id: text('id').primaryKey(),
  caseId: text('case_id').notNull().references(() => cases.id),
  title: text('title').notNull(),
  kind: text('kind').notNull(),
  description: text('description').notNull(),
  /** The title and description in English, when the court gives a translation: each page shows one language. */
  titleEn: text('title_en'),
  descriptionEn: text('description_en'),
  /** Frozen during litigation preservation (保全), valued early by pre-valuation. */
  preserved: boolean('preserved').notNull().default(false),
  /** B14: a law requires a commissioned appraisal for this asset. */
  appraisalMandatory: boolean('appraisal_mandatory').notNull().default(false),
  seizedAt: ts('seized_at'),
  createdAt: ts('created_at').notNull(),
  /** Head of the asset's valuation record chain (`valuation_audit`), so that a removed last entry shows. */
  valuationAuditHead: text('valuation_audit_head').notNull().default(''),
  valuationAuditCount: integer('valuation_audit_count').notNull().default(0),
}, (t) => [index('assets_case_idx').on(t.caseId)]);

export const valuations = pgTable('valuations', {
  id: text('id').primaryKey(),
  assetId: text('asset_id').notNull().references(() => assets.id),
  method: text('method').notNull(),
  status: text('status').notNull(),
  referencePrice: money('reference_price'),
  effectiveAt: ts('effective_at'),
  validUntil: ts('valid_until'),
  details: jsonb('details').notNull().default({}),
  /** When the current step's period ends: quotes (B11–12) or the appraisal report (B19). */
  deadlineAt: ts('deadline_at'),
  extensionCount: integer('extension_count').notNull().default(0),
  reportSentAt: ts('report_sent_at'),
  objectionWindowEndsAt: ts('objection_window_ends_at'),
  createdBy: text('created_by').notNull().references(() => users.id),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('valuations_asset_idx').on(t.assetId, t.createdAt), index('valuations_status_deadline_idx').on(t.status, t.deadlineAt)]);

/** One platform's part of a network inquiry (B10–13): its request, its report, its corrections and every error. */
export const inquiryQuotes = pgTable('inquiry_quotes', {
  id: text('id').primaryKey(),
  valuationId: text('valuation_id').notNull().references(() => valuations.id),
  platformName: text('platform_name').notNull(),
  platformUrl: text('platform_url').notNull(),
  platformRef: text('platform_ref'),
  /** requesting → pending → reported | late | failed */
  status: text('status').notNull(),
  price: money('price'),
  reportUrl: text('report_url'),
  reportedAt: ts('reported_at'),
  correctedAt: ts('corrected_at'),
  correctionCount: integer('correction_count').notNull().default(0),
  excluded: boolean('excluded').notNull().default(false),
  attempts: integer('attempts').notNull().default(0),
  consecutiveErrors: integer('consecutive_errors').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at'),
  errors: jsonb('errors').notNull().default([]),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('inquiry_quotes_valuation_idx').on(t.valuationId), index('inquiry_quotes_due_idx').on(t.status, t.nextAttemptAt)]);

/** B21–24: a party's objection to a network-inquiry or appraisal result, and its resolution. */
export const valuationObjections = pgTable('valuation_objections', {
  id: text('id').primaryKey(),
  valuationId: text('valuation_id').notNull().references(() => valuations.id),
  quoteId: text('quote_id').references(() => inquiryQuotes.id),
  party: text('party').notNull(),
  reason: text('reason').notNull(),
  status: text('status').notNull(),
  resolution: text('resolution'),
  filedAt: ts('filed_at').notNull(),
  resolvedAt: ts('resolved_at'),
  resolvedBy: text('resolved_by').references(() => users.id),
}, (t) => [index('valuation_objections_valuation_idx').on(t.valuationId)]);

export const lots = pgTable('lots', {
  id: text('id').primaryKey(),
  assetId: text('asset_id').notNull().references(() => assets.id),
  valuationId: text('valuation_id').references(() => valuations.id),
  round: text('round').notNull(),
  status: text('status').$type<LotStatus>().notNull(),
  startingPrice: money('starting_price').notNull(),
  bidIncrement: money('bid_increment').notNull(),
  deposit: money('deposit').notNull(),
  referencePrice: money('reference_price'),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  scheduledEndsAt: ts('scheduled_ends_at').notNull(),
  balanceDueDays: integer('balance_due_days').notNull(),
  announcement: text('announcement').notNull().default(''),
  announcementEn: text('announcement_en'),
  /** The court's structured disclosure (A13, A14), Chinese with an optional English per field: shared/disclosure.ts. */
  disclosure: jsonb('disclosure').notNull().default({}),
  announcedAt: ts('announced_at'),
  /** A16: when court staff recorded that the parties and known priority holders were notified. */
  noticesSentAt: ts('notices_sent_at'),
  currentPrice: money('current_price'),
  leadingRegistrationId: text('leading_registration_id'),
  bidCount: integer('bid_count').notNull().default(0),
  extensionCount: integer('extension_count').notNull().default(0),
  finalPrice: money('final_price'),
  winnerRegistrationId: text('winner_registration_id'),
  closedAt: ts('closed_at'),
  /** The lot's event counter: every bid and state change takes the next value. */
  seq: integer('seq').notNull().default(0),
  /** While suspended: the bidding time that was left, given back on resumption (A29). */
  suspendedAt: ts('suspended_at'),
  suspendedRemainingMs: bigint('suspended_remaining_ms', { mode: 'number' }),
  suspendedFromStatus: text('suspended_from_status').$type<LotStatus>(),
  cancelReason: text('cancel_reason'),
  previousLotId: text('previous_lot_id'),
  /** Sell-off (变卖): the 60-day window's end; the first bid opens a 24-hour round inside it. */
  windowEndsAt: ts('window_ends_at'),
  balanceDueAt: ts('balance_due_at'),
  balancePaidAt: ts('balance_paid_at'),
  balanceBankReference: text('balance_bank_reference'),
  /** The reference the buyer quotes when paying the balance by bank transfer (A25). */
  balanceReference: text('balance_reference'),
  defaultedAt: ts('defaulted_at'),
  /** 以物抵债: a creditor took the property at the reserve after a failed auction. */
  creditorTakeover: jsonb('creditor_takeover'),
  /** Heads of the lot's two hash chains (bid record and audit log), so that a removed last entry shows. */
  bidHead: text('bid_head').notNull().default(''),
  auditHead: text('audit_head').notNull().default(''),
  auditCount: integer('audit_count').notNull().default(0),
  createdBy: text('created_by').notNull().references(() => users.id),
  createdAt: ts('created_at').notNull(),
  updatedAt: ts('updated_at').notNull(),
}, (t) => [
  index('lots_status_starts_idx').on(t.status, t.startsAt),
  index('lots_status_ends_idx').on(t.status, t.endsAt),
  index('lots_asset_idx').on(t.assetId),
  /** Statistics read finished lots by their close time. */
  index('lots_closed_at_idx').on(t.closedAt),
  /** The public list, sorted and paged by its key then the id: by start, by end, by price. */
  index('lots_starts_id_idx').on(t.startsAt, t.id),
  index('lots_ends_id_idx').on(t.endsAt, t.id),
  /** The price a lot is found by (lot-view.repository listPrice): current, or starting before the first bid. */
  index('lots_list_price_idx').on(sql`(case when bid_count > 0 then current_price else starting_price end)`, t.id),
  uniqueIndex('lots_balance_reference_key').on(t.balanceReference),
]);

export const registrations = pgTable('registrations', {
  id: text('id').primaryKey(),
  lotId: text('lot_id').notNull().references(() => lots.id),
  userId: text('user_id').notNull().references(() => users.id),
  bidderCode: text('bidder_code').notNull(),
  depositStatus: text('deposit_status').notNull(),
  depositAmount: money('deposit_amount').notNull(),
  paymentReference: text('payment_reference').notNull(),
  /** How the deposit is paid: by bank transfer quoting paymentReference, or online through the provider. */
  depositMethod: text('deposit_method').$type<'bank' | 'online'>().notNull().default('bank'),
  bankReference: text('bank_reference'),
  /** The account the deposit came from, as finance recorded it at the desk: where its release is paid back. */
  payerAccount: text('payer_account'),
  confirmedAt: ts('confirmed_at'),
  confirmedBy: text('confirmed_by').references(() => users.id),
  settledAt: ts('settled_at'),
  /** A court-confirmed priority purchase right holder's rank (1 is the highest), null for everyone else. */
  priorityRank: integer('priority_rank'),
  createdAt: ts('created_at').notNull(),
}, (t) => [
  uniqueIndex('registrations_lot_user_key').on(t.lotId, t.userId),
  uniqueIndex('registrations_lot_code_key').on(t.lotId, t.bidderCode),
  uniqueIndex('registrations_payment_ref_key').on(t.paymentReference),
  uniqueIndex('registrations_bank_ref_key').on(t.bankReference),
  index('registrations_deposit_status_idx').on(t.depositStatus),
]);

export const bids = pgTable('bids', {
  id: text('id').primaryKey(),
  lotId: text('lot_id').notNull().references(() => lots.id),
  seq: integer('seq').notNull(),
  registrationId: text('registration_id').notNull().references(() => registrations.id),
  userId: text('user_id').notNull().references(() => users.id),
  amount: money('amount').notNull(),
  clientBidId: text('client_bid_id').notNull(),
  at: ts('at').notNull(),
  endsAtAfter: ts('ends_at_after').notNull(),
  extended: boolean('extended').notNull(),
  /** A priority holder matching the top price (A21). */
  priorityMatch: boolean('priority_match').notNull().default(false),
  /** The lot's bid record is a SHA-256 chain: each bid's hash covers the previous one's. */
  prevHash: text('prev_hash').notNull().default(''),
  hash: text('hash').notNull().default(''),
}, (t) => [
  uniqueIndex('bids_lot_seq_key').on(t.lotId, t.seq),
  /** A retry of the same bid on the same lot returns the first result; on another lot it is a new bid. */
  uniqueIndex('bids_lot_user_client_id_key').on(t.lotId, t.userId, t.clientBidId),
]);

/** Double-entry journal: an entry's lines always sum to zero (debits = credits); rows are never updated. */
export const ledgerEntries = pgTable('ledger_entries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  idempotencyKey: text('idempotency_key').notNull(),
  kind: text('kind').notNull(),
  memo: text('memo').notNull(),
  registrationId: text('registration_id'),
  lotId: text('lot_id'),
  /** `pending` is an online authorization's hold: it is posted or voided once, and counts in no balance until posted. */
  phase: text('phase').$type<'posted' | 'pending' | 'voided'>().notNull().default('posted'),
  createdAt: ts('created_at').notNull(),
}, (t) => [uniqueIndex('ledger_entries_idempotency_key').on(t.idempotencyKey)]);

export const ledgerLines = pgTable('ledger_lines', {
  entryId: bigint('entry_id', { mode: 'number' }).notNull().references(() => ledgerEntries.id),
  line: integer('line').notNull(),
  account: text('account').notNull(),
  debit: money('debit').notNull().default('0'),
  credit: money('credit').notNull().default('0'),
}, (t) => [primaryKey({ columns: [t.entryId, t.line] }), index('ledger_lines_account_idx').on(t.account)]);

export const priorityHolders = pgTable('priority_holders', {
  id: text('id').primaryKey(),
  lotId: text('lot_id').notNull().references(() => lots.id),
  userId: text('user_id').notNull().references(() => users.id),
  rank: integer('rank').notNull(),
  createdBy: text('created_by').notNull().references(() => users.id),
  createdAt: ts('created_at').notNull(),
}, (t) => [uniqueIndex('priority_holders_lot_user_key').on(t.lotId, t.userId)]);

/** Append-only record of every state change of a lot, chained per lot by SHA-256 (A34: kept ten years). */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  lotId: text('lot_id').notNull().references(() => lots.id),
  seq: integer('seq').notNull(),
  at: ts('at').notNull(),
  actorId: text('actor_id'),
  action: text('action').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
  reason: text('reason'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [uniqueIndex('audit_log_lot_seq_key').on(t.lotId, t.seq)]);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
});

/**
 * Append-only record of every event of an asset's reference-price determinations (started, quotes,
 * corrections, extensions, objections, taking effect, expiry), chained per asset by SHA-256 (A34).
 */
export const valuationAudit = pgTable('valuation_audit', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  assetId: text('asset_id').notNull().references(() => assets.id),
  valuationId: text('valuation_id').notNull().references(() => valuations.id),
  seq: integer('seq').notNull(),
  at: ts('at').notNull(),
  actorId: text('actor_id'),
  action: text('action').notNull(),
  data: jsonb('data').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [uniqueIndex('valuation_audit_asset_seq_key').on(t.assetId, t.seq), index('valuation_audit_valuation_idx').on(t.valuationId)]);

export * from './schema.money';
export * from './schema.stats';
export * from './schema.live';
export * from './schema.notify';
export * from './schema.files';
export * from './schema.admin';
