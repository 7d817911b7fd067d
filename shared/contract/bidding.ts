/** Registration for a lot, the deposit's payment details, and bids. */
import { z } from 'zod';
import { id, idString, isoTime, money, positiveMoneyString } from './common';
import { lotStatus } from './lots';
import { balanceDue, myRefund } from './money';

export const clientBidId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _.:- only');
export const bidBody = z.strictObject({ amount: positiveMoneyString, clientBidId });

/** A bid's result; the same for a retry with the same clientBidId on the same lot. */
export const bidResult = z.strictObject({
  lotId: id, seq: z.number().int().min(1), amount: money, bidderCode: z.string(), at: isoTime, endsAt: isoTime,
  extended: z.boolean(), priorityMatch: z.boolean(),
});
export type BidResult = z.infer<typeof bidResult>;

export const DEPOSIT_STATUSES = ['pending', 'held', 'applied', 'released', 'forfeited'] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];

export const registrationView = z.strictObject({
  id, priorityRank: z.number().int().min(1).nullable(), lotId: id, bidderCode: z.string(),
  depositStatus: z.enum(DEPOSIT_STATUSES),
  depositAmount: money, createdAt: isoTime, confirmedAt: isoTime.nullable(),
  /** When a held or settled deposit is to be applied or released, at the latest (A23, A25). */
  releaseDueBy: isoTime.nullable(),
  payment: z.strictObject({
    method: z.literal('bank_transfer'), amount: money,
    /** The payee and bank as Chinese pages show them; `payeeEn` and `bankNameEn` as English pages do. */
    payee: z.string(), bankName: z.string(), payeeEn: z.string(), bankNameEn: z.string(), accountNumber: z.string(),
    /** The memo the transfer must carry, so finance can match it. */
    reference: z.string(),
  }),
  /** The winner's balance after the close (A25); null for everyone else and before the close. */
  balance: balanceDue.nullable(),
  /** A released bank deposit's refund as its bidder sees it (A23); null when none is owed. */
  refund: myRefund.nullable(),
});
export type BalanceDue = z.infer<typeof balanceDue>;
export type MyRefund = z.infer<typeof myRefund>;
export type RegistrationView = z.infer<typeof registrationView>;

/** GET /api/me/registrations rows: each registration with its lot's state and, for the winner, the balance's dates. */
export const myRegistration = registrationView.extend({
  lotTitle: z.string(), lotTitleEn: z.string().nullable(), court: z.string(), lotStatus, endsAt: isoTime, won: z.boolean(), finalPrice: money.nullable(),
  balanceDueAt: isoTime.nullable(), balancePaidAt: isoTime.nullable(),
});
export type MyRegistration = z.infer<typeof myRegistration>;
export const myRegistrations = z.strictObject({ registrations: z.array(myRegistration) });

export const lotIdParams = z.strictObject({ id: idString });

/** POST /api/lots/:id/proxy-bid: the most the platform may bid for the caller, the minimum step at a time. */
export const proxyBidBody = z.strictObject({ maxAmount: positiveMoneyString });
/** The caller's proxy bid in force; its maximum is shown to no one else. */
export const proxyBidView = z.strictObject({
  lotId: id, maxAmount: money, createdAt: isoTime,
  /** The next bid it would have to place is above its maximum: it bids no more. */
  exhausted: z.boolean(),
});
export type ProxyBidView = z.infer<typeof proxyBidView>;
export const myProxyBid = z.strictObject({ proxyBid: proxyBidView.nullable() });
