/** The public contract's request schemas (zod) and response shapes, shared by server and client. */
import { z } from 'zod';
import { isMoneyString } from './money';
import { DEFAULT_BALANCE_DUE_DAYS, MAX_BALANCE_DUE_DAYS } from './rules';
import { LOT_STATUSES, type LotStatus } from './lot-state';
import { TARGETED_PRICE_BASES } from './valuation-rules';

export const moneyString = z
  .string({ error: 'send money as a decimal string with at most two places, e.g. "1000.00"' })
  .refine(isMoneyString, { message: 'must be a non-negative decimal string with at most two places, e.g. "1000.00"' });

export const positiveMoneyString = moneyString.refine((v) => /[1-9]/.test(v), {
  message: 'must be above zero',
});

export const idString = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not a valid id');
/** Years the platform's records can sensibly hold: a date outside them is a typing error, refused at the edge. */
const YEARS = { min: 1900, max: 2199 };
export const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time, e.g. 2026-12-01T02:00:00Z' })
  .refine((s) => { const y = new Date(s).getUTCFullYear(); return y >= YEARS.min && y <= YEARS.max; }, `must fall in the years ${YEARS.min}–${YEARS.max}`);

export const ROLES = ['bidder', 'court_staff', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const registerBody = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(8, 'at least 8 characters').max(200),
  name: z.string().trim().min(1).max(100),
});
export const loginBody = z.strictObject({ email: z.string().max(254), password: z.string().max(200) });
export const identityBody = z.strictObject({
  realName: z.string().trim().min(2).max(50),
  idNumber: z.string().trim().min(1).max(32),
});

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
  preserved: z.boolean().default(false),
  appraisalMandatory: z.boolean().default(false),
  seizedAt: isoDateTime.optional(),
});

export const VALUATION_METHODS = ['negotiated', 'targeted_inquiry', 'network_inquiry', 'appraisal', 'pre_valuation'] as const;
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
export const assetFlagsBody = z.strictObject({ preserved: z.boolean().optional(), appraisalMandatory: z.boolean().optional(), seizedAt: isoDateTime.optional() })
  .refine((o) => Object.keys(o).length > 0, 'give at least one of preserved, appraisalMandatory, seizedAt');

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
});

export { LOT_STATUSES, type LotStatus } from './lot-state';
export const lotListQuery = z.strictObject({
  status: z.enum(LOT_STATUSES).optional(),
  court: z.string().max(200).optional(),
  kind: z.enum(ASSET_KINDS).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const clientBidId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _.:- only');
export const bidBody = z.strictObject({ amount: positiveMoneyString, clientBidId });
export const confirmDepositBody = z.strictObject({ bankReference: z.string().trim().min(3).max(100) });
export const clockAdvanceBody = z.strictObject({ ms: z.number().int().min(0).max(400 * 24 * 60 * 60 * 1000) });

export const noticeBody = z.strictObject({ note: z.string().trim().max(2000).optional() });
export const reasonBody = z.strictObject({ reason: z.string().trim().min(3, 'give a reason of at least 3 characters').max(2000) });
export const priorityHolderBody = z.strictObject({
  userId: idString.optional(),
  email: z.email().optional(),
  rank: z.number().int().min(1).max(20),
}).refine((b) => !!b.userId !== !!b.email, { message: 'give either userId or email', path: ['userId'] });
export const creditorTakeoverBody = z.strictObject({ creditor: z.string().trim().min(1).max(200), note: z.string().trim().max(2000).optional() });
export const balanceBody = z.strictObject({ bankReference: z.string().trim().min(3).max(100) });

export const watchPayload = z.strictObject({ lotId: idString });
export const bidPayload = z.strictObject({ lotId: idString, amount: positiveMoneyString, clientBidId });

export interface UserView {
  id: string; email: string; name: string; roles: Role[]; identityVerified: boolean; realName?: string | null;
}
export interface BidView { seq: number; bidderCode: string; amount: string; at: string; priorityMatch: boolean }
export interface LotView {
  id: string; assetId: string; caseId: string; title: string; kind: string; description: string; court: string; caseNumber: string;
  round: 1 | 2 | 'sell_off'; status: LotStatus;
  startingPrice: string; bidIncrement: string; deposit: string; referencePrice: string | null; referenceMethod: string | null;
  startsAt: string; endsAt: string; announcedAt: string | null; balanceDueDays: number; announcement: string;
  currentPrice: string | null; leadingBidderCode: string | null; bidCount: number; extensionCount: number;
  finalPrice: string | null; winnerCode: string | null; registrantCount: number; seq: number;
  noticesSentAt: string | null; closedAt: string | null; balanceDueAt: string | null; balancePaidAt: string | null; defaultedAt: string | null;
  suspendedAt: string | null; resumeBy: string | null; cancelReason: string | null; windowEndsAt: string | null;
  previousLotId: string | null; creditorTakeover: { creditor: string; price: string; note: string | null; at: string } | null;
  priorityRights: boolean; bidLogHead: string;
  bids: BidView[];
}
export interface BidResult { lotId: string; seq: number; amount: string; bidderCode: string; at: string; endsAt: string; extended: boolean; priorityMatch: boolean }
export interface RegistrationView {
  id: string; priorityRank: number | null; lotId: string; bidderCode: string; depositStatus: 'pending' | 'held' | 'applied' | 'released' | 'forfeited';
  depositAmount: string; createdAt: string; confirmedAt: string | null; releaseDueBy: string | null;
  payment: { method: 'bank_transfer'; amount: string; payee: string; bankName: string; accountNumber: string; reference: string };
}
export interface ApiErrorBody { error: { code: string; message: string; details?: Record<string, unknown> } }

/** Socket.IO events on the /live namespace. */
export interface LotBidEvent extends BidView { lotId: string; endsAt: string; extended: boolean; currentPrice: string; bidCount: number; extensionCount: number; /** the bid record's new head hash */ hash: string }
export interface LotStatusEvent { lotId: string; seq: number; status: LotStatus; endsAt: string; at: string }
export interface LotClosedEvent { lotId: string; seq: number; status: LotStatus; finalPrice: string | null; winnerCode: string | null; at: string }
export interface PresenceEvent { lotId: string; watchers: number }
