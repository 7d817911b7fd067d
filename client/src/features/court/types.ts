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
  createdAt: string;
}

export interface CaseWithAssets extends CaseView {
  assets: AssetView[];
}

export type ValuationStatus = 'pending' | 'extended' | 'objection_window' | 'effective' | 'expired' | 'failed';

export interface ValuationView {
  id: string;
  assetId: string;
  method: string;
  status: ValuationStatus;
  referencePrice: string | null;
  effectiveAt: string | null;
  validUntil: string | null;
  details: { note?: string | null } | null;
  createdAt: string;
}

/** GET /api/lots/:id/actions: what court staff may do next with a lot, and why not (shared/rules.ts lotNextActions). */
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

