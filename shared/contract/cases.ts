/** Enforcement cases and their seized assets (court staff). */
import { z } from 'zod';
import { id, idString, isoDateTime, isoTime, money, positiveMoneyString, rate } from './common';
import { VALUATION_METHODS } from './valuation';

export const caseBody = z.strictObject({
  caseNumber: z.string().trim().min(1).max(100),
  court: z.string().trim().min(1).max(200),
  applicant: z.string().trim().min(1).max(200),
  respondent: z.string().trim().min(1).max(200),
  claimAmount: positiveMoneyString,
});

export const ASSET_KINDS = ['movable', 'immovable', 'property_right'] as const;
export const assetBody = z.strictObject({
  caseId: idString,
  title: z.string().trim().min(1).max(200),
  kind: z.enum(ASSET_KINDS),
  description: z.string().trim().max(20000).default(''),
  /** English translations, shown only in the English UI. */
  titleEn: z.string().trim().max(200).optional(),
  descriptionEn: z.string().trim().max(20000).optional(),
  preserved: z.boolean().default(false),
  appraisalMandatory: z.boolean().default(false),
  seizedAt: isoDateTime.optional(),
});
export const assetFlagsBody = z.strictObject({ preserved: z.boolean().optional(), appraisalMandatory: z.boolean().optional(), seizedAt: isoDateTime.optional() })
  .refine((o) => Object.keys(o).length > 0, 'give at least one of preserved, appraisalMandatory, seizedAt');

/** Correct the asset's kind, until a lot of it is published (A12 counts its announcement period from the kind). */
export const assetKindBody = z.strictObject({ kind: z.enum(ASSET_KINDS) });

export const caseView = z.strictObject({
  id, caseNumber: z.string(), court: z.string(), applicant: z.string(), respondent: z.string(),
  claimAmount: money, createdAt: isoTime,
});
export type CaseView = z.infer<typeof caseView>;
export const caseListItem = caseView.extend({ assetCount: z.number().int().min(0) });
export type CaseListItem = z.infer<typeof caseListItem>;
/** Without paging a list answers with at most this many cases, newest first (as it always has). */
export const CASE_LIST_UNPAGED = 500;
export const CASE_PAGE_DEFAULT = 50;
export const CASE_PAGE_MAX = 200;
/**
 * GET /api/cases as a search: text over the case number and the parties' names (% and _ are plain
 * characters), and cursor pages, newest first. Naming any of these asks for a page, answered with `nextCursor`.
 */
export const caseListQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  /** The opaque `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(400).optional(),
  limit: z.coerce.number().int().min(1).max(CASE_PAGE_MAX).optional(),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;
/** `nextCursor` is there only when the call asked for a page (q, cursor or limit): null on the last one. */
export const caseList = z.strictObject({ cases: z.array(caseListItem), nextCursor: z.string().nullable().optional() });

export const assetView = z.strictObject({
  id, caseId: id, title: z.string(), kind: z.enum(ASSET_KINDS), description: z.string(),
  titleEn: z.string().nullable(), descriptionEn: z.string().nullable(),
  /** Frozen in litigation preservation: may be pre-valued, counts towards the over-seizure check. */
  preserved: z.boolean(),
  /** A law requires a commissioned appraisal (B14): no other method will do. */
  appraisalMandatory: z.boolean(),
  seizedAt: isoTime.nullable(),
  createdAt: isoTime,
});
export type AssetView = z.infer<typeof assetView>;
export const caseWithAssets = caseView.extend({ assets: z.array(assetView) });
export type CaseWithAssets = z.infer<typeof caseWithAssets>;

/** GET /api/cases/:id/preservation: the preserved assets' value against the claim (over-seizure). */
export const preservationView = z.strictObject({
  caseId: id, claimAmount: money, preservedTotal: money,
  /** preserved total / claim, four places, e.g. "1.5000" */
  ratio: rate,
  overSeized: z.boolean(),
  unvalued: z.number().int().min(0),
  assets: z.array(z.strictObject({ assetId: id, title: z.string(), value: money.nullable(), method: z.enum(VALUATION_METHODS).nullable(), validUntil: isoTime.nullable() })),
});
export type PreservationView = z.infer<typeof preservationView>;
