/**
 * Money a bidder is owed or owes on a registration: the deposit's refund (A23) and, for the winner, the
 * balance due with its own transfer reference and deadline (A25).
 */
import type { BalanceDue, MyRefund, RegistrationView } from '../../../../../shared/api';
import { formatDateTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { serverNow } from '../../../server-clock';
import { Money } from '../../../ui/money';
import './deposit-money.css';

/** The refund's state and date, in words: due by, sent on, or refused by the provider. */
export function RefundState({ refund }: { refund: MyRefund }) {
  const { t } = useI18n();
  const text = refund.status === 'sent' && refund.sentAt
    ? t('deposit.refundSent', { at: formatDateTime(refund.sentAt) })
    : refund.status === 'failed' ? t('deposit.refundFailed')
    : t('deposit.refundDue', { at: formatDateTime(refund.dueBy) });
  return (
    <span className={`refund-state refund-state-${refund.status}`} data-testid="refund-state" data-status={refund.status}>
      <strong>{t(`deposit.refund.${refund.status}`)}</strong> <Money value={refund.amount} showWan={false} /> — {text}
    </span>
  );
}

/** The account's payee and bank in the page's language (a server without English names gives its own). */
export function accountNames(payment: RegistrationView['payment'], lang: string): { payee: string; bankName: string } {
  return lang === 'en' ? { payee: payment.payeeEn ?? payment.payee, bankName: payment.bankNameEn ?? payment.bankName } : { payee: payment.payee, bankName: payment.bankName };
}

/** The winner's balance: how much, the memo the transfer must carry, by when, and whether it arrived. */
export function BalanceBox({ balance, payee }: { balance: BalanceDue; payee: RegistrationView['payment'] }) {
  const { t, lang } = useI18n();
  const names = accountNames(payee, lang);
  const overdue = !balance.paidAt && Date.parse(balance.dueAt) < serverNow();
  return (
    <div className={`pay-box balance-box${overdue ? ' balance-box-overdue' : ''}`} data-testid="balance-box" data-paid={balance.paidAt ? 'true' : 'false'}>
      <h3>{balance.paidAt ? t('deposit.balancePaidTitle') : t('deposit.balanceTitle')}</h3>
      <dl className="pay-list">
        <div><dt>{t('pay.amount')}</dt><dd><strong><Money value={balance.amount} /></strong></dd></div>
        {!balance.paidAt && (
          <>
            <div><dt>{t('pay.payee')}</dt><dd data-testid="pay-payee">{names.payee}</dd></div>
            <div><dt>{t('pay.bank')}</dt><dd data-testid="pay-bank">{names.bankName}</dd></div>
            <div><dt>{t('pay.account')}</dt><dd className="mono">{payee.accountNumber}</dd></div>
          </>
        )}
        <div><dt>{t('pay.memo')}</dt><dd className="mono pay-ref" data-testid="balance-reference">{balance.reference}</dd></div>
        <div><dt>{t('deposit.balanceDueAt')}</dt><dd>{formatDateTime(balance.dueAt)}</dd></div>
        {balance.paidAt && <div><dt>{t('deposit.balancePaidAt')}</dt><dd className="success-text">{formatDateTime(balance.paidAt)}</dd></div>}
      </dl>
      {!balance.paidAt && (
        <p className={`small${overdue ? ' hint-error' : ''}`}>{overdue ? t('deposit.balanceOverdue') : t('deposit.balanceNote')}</p>
      )}
    </div>
  );
}
