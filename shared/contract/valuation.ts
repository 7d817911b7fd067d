/** Reference prices (valuation): how court staff determine them, and what the server records about each. */
import { z } from 'zod';
import { TARGETED_PRICE_BASES } from '../valuation-rules';
import { id, idString, isoTime, jsonObject, money, positiveMoneyString, recordedMoney } from './common';

export const VALUATION_METHODS = ['negotiated', 'targeted_inquiry', 'network_inquiry', 'appraisal', 'pre_valuation'] as const;
export type ValuationMethod = (typeof VALUATION_METHODS)[number];
/** The parties' recorded agreement to skip ahead in the methods' order (B4, B5). */
const skipAgreement = z.strictObject({ note: z.string().trim().min(3).max(2000) }).optional();
export const valuationBody = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('negotiated'),
    amount: positiveMoneyString.optional(),
    noAgreement: z.literal(true).optional(),
    note: z.string().trim().max(2000).optional(),
  }).refine((b) => !!b.amount !== !!b.noAgreement, { message: 'give the agreed amount, or noAgreement: true when the parties did not agree', path: ['amount'] }),
  z.strictObject({
    method: z.literal('targeted_inquiry'),
    priceBasis: z.enum(TARGETED_PRICE_BASES),
    bodyAsked: z.string().trim().min(2).max(200),
    amount: positiveMoneyString,
    documentRef: z.string().trim().max(200).optional(),
    skipAgreement,
  }),
  z.strictObject({ method: z.literal('network_inquiry'), skipAgreement }),
  z.strictObject({
    method: z.literal('appraisal'),
    selection: z.enum(['agreed', 'lot']),
    agencies: z.array(z.string().trim().min(2).max(200)).min(3).max(30),
    drawSeed: z.string().trim().min(4).max(64).optional(),
    skipAgreement,
  }),
  z.strictObject({
    method: z.literal('pre_valuation'),
    amount: positiveMoneyString.optional(),
    viaNetworkInquiry: z.literal(true).optional(),
    note: z.string().trim().max(2000).optional(),
  }).refine((b) => !!b.amount !== !!b.viaNetworkInquiry, { message: 'give a recorded amount, or viaNetworkInquiry: true', path: ['amount'] }),
]);
export const objectionBody = z.strictObject({
  party: z.string().trim().min(1).max(200),
  reason: z.string().trim().min(3).max(2000),
  quoteId: idString.optional(),
});
export const resolveObjectionBody = z.strictObject({ decision: z.enum(['sustained', 'rejected']), resolution: z.string().trim().min(3).max(2000) });
export const appraisalReportBody = z.strictObject({ agency: z.string().trim().min(2).max(200), reportRef: z.string().trim().min(1).max(200), amount: positiveMoneyString });

export const VALUATION_STATUSES = ['pending', 'extended', 'objection_window', 'effective', 'expired', 'failed'] as const;
export const valuationStatus = z.enum(VALUATION_STATUSES);
export type ValuationStatus = z.infer<typeof valuationStatus>;

const extension = z.object({ reason: z.string(), at: isoTime });
/** What the server records about a determination, by method; later steps add keys, so unknown keys are allowed. */
export const valuationDetails = z.looseObject({
  note: z.string().nullable().optional(),
  /** negotiated: the parties did not agree (a failed negotiation opens the way to later methods). */
  outcome: z.literal('no_agreement').optional(),
  objectionAllowed: z.boolean().optional(),
  skipAgreement: z.object({ note: z.string(), recordedAt: isoTime }).optional(),
  /** targeted inquiry (B7) */
  priceBasis: z.enum(TARGETED_PRICE_BASES).optional(),
  bodyAsked: z.string().optional(),
  documentRef: z.string().nullable().optional(),
  /** network inquiry, also a pre-valuation asked of the platforms */
  via: z.literal('network_inquiry').optional(),
  preValuation: z.boolean().optional(),
  basis: z.literal('recorded').optional(),
  /** appraisal (B16, B19) */
  selection: z.enum(['agreed', 'lot']).optional(),
  candidates: z.array(z.string()).optional(),
  drawSeed: z.string().nullable().optional(),
  agencies: z.array(z.string()).optional(),
  commissioned: z.string().optional(),
  extension1: extension.optional(),
  extension2: extension.optional(),
  report: z.object({ agency: z.string(), reportRef: z.string(), amount: recordedMoney, receivedAt: isoTime, late: z.boolean() }).optional(),
  failure: z.string().optional(),
  inquiryFee: z.object({ winners: z.array(z.string()), share: z.string(), finalPrice: recordedMoney }).optional(),
});
export type ValuationDetails = z.infer<typeof valuationDetails>;

export const valuationView = z.strictObject({
  id, assetId: id, method: z.enum(VALUATION_METHODS), status: valuationStatus,
  referencePrice: money.nullable(), effectiveAt: isoTime.nullable(), validUntil: isoTime.nullable(),
  deadlineAt: isoTime.nullable(), extensionCount: z.number().int().min(0),
  reportSentAt: isoTime.nullable(), objectionWindowEndsAt: isoTime.nullable(),
  details: valuationDetails, createdAt: isoTime,
});
export type ValuationView = z.infer<typeof valuationView>;

export const QUOTE_STATUSES = ['requesting', 'pending', 'reported', 'late', 'failed'] as const;
export type QuoteStatus = (typeof QUOTE_STATUSES)[number];
export const quoteView = z.strictObject({
  id, platform: z.string(), status: z.enum(QUOTE_STATUSES), price: money.nullable(), reportUrl: z.string().nullable(),
  reportedAt: isoTime.nullable(), correctedAt: isoTime.nullable(), correctionCount: z.number().int().min(0),
  excluded: z.boolean(), attempts: z.number().int().min(0),
  /** The platform's recent failures, newest last (timeouts, malformed replies, ...). */
  errors: z.array(z.object({ at: isoTime, kind: z.string(), detail: z.string() })).nullable(),
});
export type QuoteView = z.infer<typeof quoteView>;

export const objectionView = z.strictObject({
  id, quoteId: id.nullable(), party: z.string(), reason: z.string(),
  status: z.enum(['pending', 'sustained', 'rejected']), resolution: z.string().nullable(),
  filedAt: isoTime, resolvedAt: isoTime.nullable(),
});
export type ObjectionView = z.infer<typeof objectionView>;

/** GET /api/valuations/:id */
export const valuationDetailView = valuationView.extend({ quotes: z.array(quoteView), objections: z.array(objectionView) });
export type ValuationDetailView = z.infer<typeof valuationDetailView>;
export const valuationList = z.strictObject({ valuations: z.array(valuationView) });
export const objectionFiled = z.strictObject({ id, status: z.literal('pending') });

/** GET /api/valuations/worklist rows. */
export const worklistItem = z.strictObject({
  valuationId: id, assetId: id, assetTitle: z.string(), assetTitleEn: z.string().nullable(), caseId: id, caseNumber: z.string(), court: z.string(),
  method: z.enum(VALUATION_METHODS), status: valuationStatus, deadlineAt: isoTime.nullable(), objectionWindowEndsAt: isoTime.nullable(),
  overdue: z.boolean(), pendingObjections: z.number().int().min(0),
});
export type WorklistItem = z.infer<typeof worklistItem>;
/** The court's own duties when late: start determining within 30 days of seizure (B1), initiate the sale within 10 days (B30). */
export const lateDuty = z.strictObject({ rule: z.enum(['B1', 'B30']), assetId: id, assetTitle: z.string(), assetTitleEn: z.string().nullable(), caseId: id, caseNumber: z.string(), dueBy: isoTime });
export type LateDuty = z.infer<typeof lateDuty>;
export const worklist = z.strictObject({ items: z.array(worklistItem), lateDuties: z.array(lateDuty) });

/** GET /api/assets/:id/audit: every event of the asset's determinations, hash-chained. */
export const valuationAuditEntry = z.strictObject({
  seq: z.number().int().min(1), at: isoTime, actorId: z.string().nullable(), action: z.string(), valuationId: id,
  data: jsonObject, prevHash: z.string(), hash: z.string(),
});
export const valuationAudit = z.strictObject({ assetId: id, head: z.string(), entries: z.array(valuationAuditEntry) });
export type ValuationAudit = z.infer<typeof valuationAudit>;
