/** The court-staff views, as the shared contract (shared/contract/) defines them; kept so feature imports stay short. */
import type * as contract from '../../../../shared/api';

export type {
  AuditEntry, AuditTrail, BalanceRow, BuyerView, CaseListItem, LateDuty, LotActionName, LotActionView,
  ObjectionView, PreservationView, QuoteStatus, QuoteView, ValuationDetails, ValuationStatus, WorklistItem,
} from '../../../../shared/api';

/** A case; in the case list it also carries its asset count. */
export type CaseView = contract.CaseView & Partial<Pick<contract.CaseListItem, 'assetCount'>>;

/** An asset; pages that know it only from a lot (which does not carry the valuation flags) leave the flags out. */
export type AssetView = Omit<contract.AssetView, 'preserved' | 'appraisalMandatory' | 'seizedAt'>
  & Partial<Pick<contract.AssetView, 'preserved' | 'appraisalMandatory' | 'seizedAt'>>;

export type CaseWithAssets = Omit<contract.CaseWithAssets, 'assets'> & { assets: AssetView[] };

/** A valuation; labels are also worked out for worklist rows, which carry no details (null). */
export type ValuationView = Omit<contract.ValuationView, 'details'> & { details: contract.ValuationDetails | null };
export type ValuationDetailView = Omit<contract.ValuationDetailView, 'details'> & { details: contract.ValuationDetails | null };
