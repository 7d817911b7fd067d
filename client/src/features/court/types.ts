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
