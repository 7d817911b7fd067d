/** Shapes of the court-staff endpoints (server/modules/cases/cases.service.ts views), which shared/api.ts does not name. */
import type { AssetKind } from '../../../../shared/rules';

export interface CaseView {
  id: string;
  caseNumber: string;
  court: string;
  applicant: string;
  respondent: string;
  claimAmount: string;
  createdAt: string;
  assetCount?: number;
}

export interface AssetView {
  id: string;
  caseId: string;
  title: string;
  kind: AssetKind;
  description: string;
  /** Frozen in litigation preservation: may be pre-valued, counts towards the over-seizure check. */
  preserved?: boolean;
  /** A law requires a commissioned appraisal (B14): no other method will do. */
  appraisalMandatory?: boolean;
  seizedAt?: string | null;
  createdAt: string;
}

export interface CaseWithAssets extends CaseView {
  assets: AssetView[];
}

export type ValuationStatus = 'pending' | 'extended' | 'objection_window' | 'effective' | 'expired' | 'failed';

/** What the server records about a determination, by method (server/modules/valuation/valuation.service.ts). */
export interface ValuationDetails {
  note?: string | null;
  /** negotiated: the parties did not agree (a failed negotiation opens the way to later methods). */
  outcome?: 'no_agreement';
  objectionAllowed?: boolean;
  skipAgreement?: { note: string; recordedAt: string };
  /** targeted inquiry (B7) */
  priceBasis?: string;
  bodyAsked?: string;
  documentRef?: string | null;
  /** network inquiry, also a pre-valuation asked of the platforms */
  via?: 'network_inquiry';
  preValuation?: boolean;
  basis?: 'recorded';
  /** appraisal (B16, B19) */
  selection?: 'agreed' | 'lot';
  candidates?: string[];
  drawSeed?: string | null;
  agencies?: string[];
  commissioned?: string;
  extension1?: { reason: string; at: string };
  extension2?: { reason: string; at: string };
  report?: { agency: string; reportRef: string; amount: string; receivedAt: string; late: boolean };
  failure?: string;
  inquiryFee?: { winners: string[]; share: string; finalPrice: string };
}

export interface ValuationView {
  id: string;
  assetId: string;
  method: string;
  status: ValuationStatus;
  referencePrice: string | null;
  effectiveAt: string | null;
  validUntil: string | null;
  deadlineAt?: string | null;
  extensionCount?: number;
  reportSentAt?: string | null;
  objectionWindowEndsAt?: string | null;
  details: ValuationDetails | null;
  createdAt: string;
}

export type QuoteStatus = 'requesting' | 'pending' | 'reported' | 'late' | 'failed';

export interface QuoteView {
  id: string;
  platform: string;
  status: QuoteStatus;
  price: string | null;
  reportUrl: string | null;
  reportedAt: string | null;
  correctedAt: string | null;
  correctionCount: number;
  excluded: boolean;
  attempts: number;
  errors: Array<{ at: string; kind: string; detail: string }> | null;
}

export interface ObjectionView {
  id: string;
  quoteId: string | null;
  party: string;
  reason: string;
  status: 'pending' | 'sustained' | 'rejected';
  resolution: string | null;
  filedAt: string;
  resolvedAt: string | null;
}

/** GET /api/valuations/:id */
export interface ValuationDetailView extends ValuationView {
  quotes: QuoteView[];
  objections: ObjectionView[];
}

/** GET /api/valuations/worklist rows. */
export interface WorklistItem {
  valuationId: string;
  assetId: string;
  assetTitle: string;
  caseId: string;
  caseNumber: string;
  court: string;
  method: string;
  status: ValuationStatus;
  deadlineAt: string | null;
  objectionWindowEndsAt: string | null;
  overdue: boolean;
  pendingObjections: number;
}

/** GET /api/cases/:id/preservation */
export interface PreservationView {
  caseId: string;
  claimAmount: string;
  preservedTotal: string;
  /** preserved total / claim, four places, e.g. "1.5000" */
  ratio: string;
  overSeized: boolean;
  unvalued: number;
  assets: Array<{ assetId: string; title: string; value: string | null; method: string | null; validUntil: string | null }>;
}

/** GET /api/lots/:id/actions: what court staff may do next with a lot, and why not (shared/lot-actions.ts lotNextActions). */
export type LotActionName =
  | 'notify_parties' | 'publish' | 'suspend' | 'resume' | 'cancel' | 'add_priority_holder' | 'record_balance'
  | 'second_round' | 'sell_off' | 're_auction' | 'creditor_takeover' | 'confirmation';

export interface LotActionView {
  /** A name this client may not know yet (the server adds actions); unknown ones are shown, not offered. */
  action: LotActionName | (string & {});
  allowed: boolean;
  /** English, from the server; shown as the explanation. */
  reason: string;
  article?: string;
}

/** GET /api/lots/:id/audit: the lot's hash-chained audit log. */
export interface AuditEntry {
  seq: number;
  at: string;
  /** A user id, `bidder:<code>`, or null for the platform itself (scheduler). */
  actor: string | null;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  hash: string;
}

export interface AuditTrail {
  head: string;
  entries: AuditEntry[];
}

/** GET /api/lots/:id/buyer (court staff or the buyer, after the close). */
export interface BuyerView {
  bidderCode: string;
  realName: string | null;
  idNumber: string | null;
  email: string;
}

/** GET /api/finance/balances rows. */
export interface BalanceRow {
  id: string;
  title: string;
  court: string;
  status: 'sold' | 'defaulted';
  finalPrice: string | null;
  deposit: string;
  winnerCode: string | null;
  balanceDueAt: string | null;
  balancePaidAt: string | null;
}

