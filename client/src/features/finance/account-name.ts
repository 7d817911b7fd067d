import type { MessageKey, T } from '../../i18n';

const ROOTS = ['asset:bank', 'asset:provider_clearing', 'liability:deposits_held', 'liability:court_proceeds', 'liability:refunds_payable', 'liability:forfeited_deposits', 'liability:unapplied_receipts', 'liability:inquiry_fees_payable'] as const;
const SUBS = ['reg', 'lot', 'user', 'payer', 'platform'] as const;

/**
 * An account code in words: `liability:deposits_held:reg:42` → "Deposits held · registration 42".
 * A code the chart grows later still shows, as its code.
 */
export function accountName(t: T, code: string): string {
  const parts = code.split(':');
  const root = parts.slice(0, 2).join(':');
  const rootName = (ROOTS as readonly string[]).includes(root) ? t(`finance.acct.${root.split(':')[1]}` as MessageKey) : root;
  if (parts.length <= 2) return rootName;
  const [kind, ...rest] = parts.slice(2);
  const id = rest.join(':');
  return (SUBS as readonly string[]).includes(kind) ? `${rootName} · ${t(`finance.acct.sub.${kind}` as MessageKey, { id })}` : `${rootName} · ${parts.slice(2).join(':')}`;
}
