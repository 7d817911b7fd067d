/** Lots: court staff create and steer them; anyone reads them. */
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { LOT_ACTION_REASON_CODES } from '../lot-actions';
import { LOT_SORTS } from '../lot-search';
import { LOT_STATUSES } from '../lot-state';
import { DEFAULT_BALANCE_DUE_DAYS, MAX_BALANCE_DUE_DAYS } from '../rules';
import { ASSET_KINDS } from './cases';
import { disclosureFieldName, disclosureInput, disclosureView } from './disclosure';
import { id, idString, isoDateTime, isoTime, jsonObject, money, moneyString, positiveMoneyString, utc8Day } from './common';

export { LOT_STATUSES, type LotStatus } from '../lot-state';

export const lotBody = z.strictObject({
  assetId: idString,
  round: z.union([z.literal(1), z.literal(2), z.literal('sell_off')]),
  startingPrice: positiveMoneyString,
  bidIncrement: positiveMoneyString,
  deposit: positiveMoneyString,
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  balanceDueDays: z.number().int().min(1).max(MAX_BALANCE_DUE_DAYS).default(DEFAULT_BALANCE_DUE_DAYS),
  announcement: z.string().trim().max(20000).optional(),
  /** The announcement in English, when the court gives a translation. */
  announcementEn: z.string().trim().max(20000).optional(),
  /** The structured disclosure (A13, A14); every field optional at creation, each Chinese one required to publish. */
  disclosure: disclosureInput.optional(),
});

export { LOT_SORTS, type LotSort } from '../lot-search';
export const LOT_PAGE_DEFAULT = 24;
export const LOT_PAGE_MAX = 200;

export const lotListQuery = z.strictObject({
  status: z.enum(LOT_STATUSES).optional(),
  /** Lots whose court's name holds this text, in any case (% and _ are plain characters). */
  court: z.string().max(200).optional(),
  /** Lots whose case names a registered court of this region (province and city, exactly as GET /api/regions gives it). */
  region: z.string().max(100).optional(),
  kind: z.enum(ASSET_KINDS).optional(),
  /** Free text over the asset title and the court. */
  q: z.string().max(200).optional(),
  /** Bounds, both included, on the current price, or the starting price before the first bid. */
  minPrice: moneyString.optional(),
  maxPrice: moneyString.optional(),
  /** Lots whose bidding starts in [startsFrom, startsTo): calendar days in UTC+8, `startsTo` the first day left out, as every period on the platform. */
  startsFrom: utc8Day.optional(),
  startsTo: utc8Day.optional(),
  sort: z.enum(LOT_SORTS).optional(),
  /** The opaque `nextCursor` of the previous page, read with the same sort. */
  cursor: z.string().min(1).max(400).optional(),
  limit: z.coerce.number().int().min(1).max(LOT_PAGE_MAX).default(LOT_PAGE_DEFAULT),
})
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || new Decimal(q.minPrice).lte(q.maxPrice), { message: 'maxPrice must not be below minPrice', path: ['maxPrice'] })
  .refine((q) => q.startsFrom === undefined || q.startsTo === undefined || q.startsFrom < q.startsTo, { message: 'startsTo (the first day left out) must be after startsFrom', path: ['startsTo'] });

export const noticeBody = z.strictObject({ note: z.string().trim().max(2000).optional() });
export const reasonBody = z.strictObject({ reason: z.string().trim().min(3, 'give a reason of at least 3 characters').max(2000) });
export const priorityHolderBody = z.strictObject({
  userId: idString.optional(),
  email: z.email().optional(),
  rank: z.number().int().min(1).max(20),
}).refine((b) => !!b.userId !== !!b.email, { message: 'give either userId or email', path: ['userId'] });
export const creditorTakeoverBody = z.strictObject({ creditor: z.string().trim().min(1).max(200), note: z.string().trim().max(2000).optional() });

export const lotStatus = z.enum(LOT_STATUSES);
export const lotRound = z.union([z.literal(1), z.literal(2), z.literal('sell_off')]);

/** One bid as the public sees it: by bidder code only (A18). */
export const bidView = z.strictObject({ seq: z.number().int().min(1), bidderCode: z.string(), amount: money, at: isoTime, priorityMatch: z.boolean() });
export type BidView = z.infer<typeof bidView>;

/**
 * The registered court's contact for arranging a viewing (看样): null when the case names a court the registry
 * lacks or whose phone and address are both blank; a blank one of the two is null.
 */
export const courtContact = z.strictObject({ phone: z.string().nullable(), address: z.string().nullable() });
export type CourtContact = z.infer<typeof courtContact>;

/** A lot as anyone may see it. Only bidder codes appear: no user id, name or registration id (A18). */
export const lotView = z.strictObject({
  id, assetId: id, caseId: id, title: z.string(), kind: z.string().meta({ enum: [...ASSET_KINDS] }), description: z.string(), court: z.string(), caseNumber: z.string(),
  round: lotRound, status: lotStatus,
  startingPrice: money, bidIncrement: money, deposit: money, referencePrice: money.nullable(), referenceMethod: z.string().nullable(),
  startsAt: isoTime, endsAt: isoTime, announcedAt: isoTime.nullable(), balanceDueDays: z.number().int(), announcement: z.string(),
  currentPrice: money.nullable(), leadingBidderCode: z.string().nullable(), bidCount: z.number().int().min(0), extensionCount: z.number().int().min(0),
  finalPrice: money.nullable(), winnerCode: z.string().nullable(), registrantCount: z.number().int().min(0), seq: z.number().int().min(0),
  noticesSentAt: isoTime.nullable(), closedAt: isoTime.nullable(), balanceDueAt: isoTime.nullable(), balancePaidAt: isoTime.nullable(), defaultedAt: isoTime.nullable(),
  suspendedAt: isoTime.nullable(), resumeBy: isoTime.nullable(), cancelReason: z.string().nullable(), windowEndsAt: isoTime.nullable(),
  previousLotId: id.nullable(),
  creditorTakeover: z.strictObject({ creditor: z.string(), price: money, note: z.string().nullable(), at: isoTime }).nullable(),
  priorityRights: z.boolean(), bidLogHead: z.string(),
  /** English translations, or null: the English UI shows them, else the Chinese with a note that it is the original. */
  titleEn: z.string().nullable(), descriptionEn: z.string().nullable(), announcementEn: z.string().nullable(),
  disclosure: disclosureView,
  /** The Chinese disclosure fields still empty: the lot cannot be published until none is (DISCLOSURE_MISSING). */
  disclosureMissing: z.array(disclosureFieldName),
  /** Only in one lot's view (GET /api/lots/{id}, the live snapshot, staff actions' answers), not in lists. */
  courtContact: courtContact.nullable().optional(),
  /** Newest first; empty in lists. */
  bids: z.array(bidView),
});
export type LotView = z.infer<typeof lotView>;
/** One page of lots; `nextCursor` reads the next one (null on the last page). */
export const lotList = z.strictObject({ lots: z.array(lotView), nextCursor: z.string().nullable() });

/** GET /api/regions: the regions of the registered courts, for the search's region filter; each with its courts by name. */
export const regionList = z.strictObject({
  regions: z.array(z.strictObject({ region: z.string(), courts: z.array(z.string()).min(1) })),
});
export type RegionList = z.infer<typeof regionList>;

export const publishResult = z.strictObject({ status: z.literal('announced'), announcedAt: isoTime });
export const priorityHolderAdded = z.strictObject({ id, rank: z.number().int().min(1) });
/** Staff see holders by name and rank, never by code (A18). */
export const priorityHolderList = z.strictObject({ holders: z.array(z.strictObject({ rank: z.number().int().min(1), email: z.string(), name: z.string(), addedAt: isoTime })) });

/** GET /api/lots/:id/actions: what court staff may do next with a lot, and why not (shared/lot-actions.ts lotNextActions). */
export const LOT_ACTION_NAMES = [
  'notify_parties', 'publish', 'suspend', 'resume', 'cancel', 'add_priority_holder', 'record_balance',
  'second_round', 'sell_off', 're_auction', 'creditor_takeover', 'confirmation',
] as const;
export type LotActionName = (typeof LOT_ACTION_NAMES)[number];
export const lotActionView = z.strictObject({
  action: z.enum(LOT_ACTION_NAMES),
  allowed: z.boolean(),
  /** Why (not): worded by the client from the code and its parameters (shared/lot-actions.ts). */
  reasonCode: z.enum(LOT_ACTION_REASON_CODES),
  reasonParams: z.record(z.string(), z.string()),
  /** The same reason in English, for API consumers; the client does not show it. */
  reason: z.string(),
  article: z.string().optional(),
});
export type LotActionView = z.infer<typeof lotActionView>;
export const lotActionList = z.strictObject({ actions: z.array(lotActionView) });

/** GET /api/lots/:id/audit: the lot's hash-chained audit log. */
export const auditEntry = z.strictObject({
  seq: z.number().int().min(1), at: isoTime,
  /** A user id, `bidder:<code>`, or null for the platform itself (scheduler). */
  actor: z.string().nullable(),
  action: z.string(), before: jsonObject.nullable(), after: jsonObject.nullable(), reason: z.string().nullable(), hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditTrail = z.strictObject({ head: z.string(), entries: z.array(auditEntry) });
export type AuditTrail = z.infer<typeof auditTrail>;

/** GET /api/lots/:id/bid-log: the public hash-chained bid record; `head` is the last entry's hash. */
export const bidLogEntry = z.strictObject({
  seq: z.number().int().min(1), bidderCode: z.string(), amount: money, at: isoTime, priorityMatch: z.boolean(), prevHash: z.string(), hash: z.string(),
});
export const bidLog = z.strictObject({ lotId: id, algorithm: z.string(), entries: z.array(bidLogEntry), head: z.string() });
export type BidLog = z.infer<typeof bidLog>;

/** GET /api/lots/:id/buyer (court staff or the buyer, after the close). */
export const buyerView = z.strictObject({ bidderCode: z.string(), realName: z.string().nullable(), idNumber: z.string().nullable(), email: z.string() });
export type BuyerView = z.infer<typeof buyerView>;
