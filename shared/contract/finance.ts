/** Finance staff's desk: deposits by bank transfer, buyers' balances, and the ledger's trial balance. */
import { z } from 'zod';
import { id, isoTime, money, signedMoney } from './common';
import { DEPOSIT_STATUSES } from './bidding';
import { lotStatus } from './lots';
import { payerAccount } from './money';

/** `payerAccount`: where the transfer came from, so a released deposit is paid back there. */
export const confirmDepositBody = z.strictObject({ bankReference: z.string().trim().min(3).max(100), payerAccount: payerAccount.optional() });
export const balanceBody = z.strictObject({ bankReference: z.string().trim().min(3).max(100) });

/**
 * A deposit awaiting its bank transfer. Names the payer (to match the transfer), never the bidder code (A18).
 * `lotTitleEn`: the court's English title, null where it gave none (an English page then shows the Chinese).
 */
export const pendingDeposit = z.strictObject({
  registrationId: id, lotId: id, lotTitle: z.string(), lotTitleEn: z.string().nullable(), lotStatus, payerName: z.string().nullable(), payerEmail: z.string(),
  amount: money, paymentReference: z.string(), registeredAt: isoTime,
});
export type PendingDeposit = z.infer<typeof pendingDeposit>;
export const pendingDeposits = z.strictObject({ deposits: z.array(pendingDeposit) });

/** A confirmed deposit, as finance sees it: no bidder code (A18). */
export const depositConfirmation = z.strictObject({
  registrationId: id, lotId: id, depositStatus: z.enum(DEPOSIT_STATUSES), amount: money,
  bankReference: z.string().nullable(), confirmedAt: isoTime.nullable(),
});
export type DepositConfirmation = z.infer<typeof depositConfirmation>;

/** GET /api/finance/balances rows; `titleEn` as in the lot views. */
export const balanceRow = z.strictObject({
  id, title: z.string(), titleEn: z.string().nullable(), court: z.string(), status: z.enum(['sold', 'defaulted']), finalPrice: money.nullable(), deposit: money,
  winnerCode: z.string().nullable(), balanceDueAt: isoTime.nullable(), balancePaidAt: isoTime.nullable(),
});
export type BalanceRow = z.infer<typeof balanceRow>;
export const balanceList = z.strictObject({ lots: z.array(balanceRow) });

export const trialBalance = z.strictObject({
  balanced: z.boolean(), totalDebit: money, totalCredit: money,
  accounts: z.array(z.strictObject({ account: z.string(), debit: money, credit: money, balance: signedMoney })),
});
export type TrialBalance = z.infer<typeof trialBalance>;
