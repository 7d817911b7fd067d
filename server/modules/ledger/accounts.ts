/**
 * The chart of accounts. Root accounts hold the platform's totals; sub-accounts keep them per lot and per
 * party, so a registration's deposit, a lot's proceeds and a payee's refunds each have a balance of
 * their own that reconciles against the row it belongs to.
 */
export const ROOTS = {
  bank: { code: 'asset:bank', type: 'asset', name: 'Bank: the platform\'s escrow account' },
  providerClearing: { code: 'asset:provider_clearing', type: 'asset', name: 'Online payments held at the payment provider' },
  depositsHeld: { code: 'liability:deposits_held', type: 'liability', name: 'Deposits held, per registration' },
  courtProceeds: { code: 'liability:court_proceeds', type: 'liability', name: 'Sale proceeds owed to the court, per lot' },
  refundsPayable: { code: 'liability:refunds_payable', type: 'liability', name: 'Refunds owed, per payee' },
  forfeitedDeposits: { code: 'liability:forfeited_deposits', type: 'liability', name: 'Forfeited deposits awaiting allocation (A24), per lot' },
  unappliedReceipts: { code: 'liability:unapplied_receipts', type: 'liability', name: 'Money received that matched nothing yet' },
  inquiryFeesPayable: { code: 'liability:inquiry_fees_payable', type: 'liability', name: 'Inquiry fees owed to platforms (B31), per platform' },
  enforcementCosts: { code: 'liability:enforcement_costs_payable', type: 'liability', name: 'Re-auction costs met from a forfeited deposit (A24), per lot' },
  creditorPayable: { code: 'liability:creditor_payable', type: 'liability', name: 'Owed to the applicant through the court from a forfeited deposit: price gap and debt (A24), per lot' },
} as const;

export type RootName = keyof typeof ROOTS;
export type AccountType = (typeof ROOTS)[RootName]['type'];

/** One row of the chart: what a ledger line names. */
export interface Account {
  code: string;
  type: AccountType;
  parent: string | null;
  name: string;
  lotId?: string;
  registrationId?: string;
  party?: string;
}

const root = (r: RootName): Account => ({ code: ROOTS[r].code, type: ROOTS[r].type, parent: null, name: ROOTS[r].name });
const sub = (r: RootName, key: string, name: string, extra: Pick<Account, 'lotId' | 'registrationId' | 'party'>): Account => ({
  code: `${ROOTS[r].code}:${key}`, type: ROOTS[r].type, parent: ROOTS[r].code, name, ...extra,
});

export const account = {
  bank: () => root('bank'),
  providerClearing: () => root('providerClearing'),
  unappliedReceipts: () => root('unappliedReceipts'),
  /** One registration's deposit: its balance is the deposit while held, zero once applied, released or forfeited. */
  depositHeld: (registrationId: string, lotId: string) =>
    sub('depositsHeld', `reg:${registrationId}`, `Deposit of registration ${registrationId}`, { registrationId, lotId }),
  proceeds: (lotId: string) => sub('courtProceeds', `lot:${lotId}`, `Proceeds of lot ${lotId}`, { lotId }),
  /** Refunds owed to a registered user, or to an outside payer by bank account (a returned statement line). */
  refundPayable: (payee: { userId: string } | { payerAccount: string }) => 'userId' in payee
    ? sub('refundsPayable', `user:${payee.userId}`, `Refunds owed to user ${payee.userId}`, { party: payee.userId })
    : sub('refundsPayable', `payer:${payee.payerAccount}`, `Refunds owed to account ${payee.payerAccount}`, { party: payee.payerAccount }),
  forfeited: (lotId: string) => sub('forfeitedDeposits', `lot:${lotId}`, `Forfeited deposits of lot ${lotId}`, { lotId }),
  /** A24's first call on a forfeited deposit: what the re-auction costs. */
  enforcementCosts: (lotId: string) => sub('enforcementCosts', `lot:${lotId}`, `Re-auction costs of lot ${lotId}`, { lotId }),
  /** A24's second and third calls: the price gap of the re-auction, then the debt. */
  creditorPayable: (lotId: string) => sub('creditorPayable', `lot:${lotId}`, `Owed to the applicant from lot ${lotId}`, { lotId }),
  inquiryFee: (platform: string) => sub('inquiryFeesPayable', `platform:${platform}`, `Inquiry fee owed to ${platform}`, { party: platform }),
};

export const ROOT_ACCOUNTS: readonly Account[] = (Object.keys(ROOTS) as RootName[]).map(root);

/** The root an account code rolls up to: `liability:deposits_held:reg:x` → `liability:deposits_held`. */
export function rootOf(code: string): string {
  return code.split(':').slice(0, 2).join(':');
}
