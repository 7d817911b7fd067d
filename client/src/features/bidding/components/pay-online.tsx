import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ResponseOf } from '../../../../../shared/contract/call';
import { formatYuan } from '../../../../../shared/money';
import { ApiError, call } from '../../../api';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { useApiMutation } from '../../../ui/form';
import { myRegistrationsKey } from '../../accounts/api';
import { lotRegistrationKey } from '../api';

type OnlineDeposit = ResponseOf<'payDepositOnline'>;

/**
 * Paying online instead of by transfer: the deposit as a hold at the payment provider, captured only if the
 * bidder wins; the buyer's balance as an ordinary payment. A server without a provider answers 404, and the
 * bank transfer above stays the only way. The demo's provider is a sandbox, and the page says so: no real
 * money moves.
 */
export function PayOnline({ lotId, what = 'deposit' }: { lotId: string; what?: 'deposit' | 'balance' }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [unavailable, setUnavailable] = useState(false);
  const [payment, setPayment] = useState<OnlineDeposit | null>(null);
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: lotRegistrationKey(lotId) }), qc.invalidateQueries({ queryKey: myRegistrationsKey })]);
  const start = useApiMutation(async () => {
    try {
      return await call(what === 'balance' ? 'payBalanceOnline' : 'payDepositOnline', { params: { id: lotId } });
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }, { onSuccess: (p) => { if (p) setPayment(p); else setUnavailable(true); } });
  const sandbox = useApiMutation((outcome: 'succeed' | 'decline') => call('sandboxPay', { body: { clientSecret: payment?.clientSecret ?? '', outcome } }), {
    onSuccess: (p) => { setPayment(p); void refresh(); },
  });

  if (unavailable) return <p className="small muted" data-testid="pay-online-unavailable">{t('pay.online.unavailable')}</p>;
  if (!payment) {
    return (
      <div className="pay-online">
        <p className="small">{what === 'balance' ? t('pay.online.balanceOr') : t('pay.online.or')}</p>
        <button type="button" className="btn btn-light" data-testid={what === 'balance' ? 'pay-balance-online' : 'pay-online'} disabled={start.isPending} onClick={() => start.mutate(undefined)}>
          {start.isPending ? t('common.working') : what === 'balance' ? t('pay.online.balanceStart') : t('pay.online.start')}
        </button>
        {start.errorMessage && <Alert tone="error">{start.errorMessage}</Alert>}
      </div>
    );
  }
  const failed = payment.status === 'cancelled' || payment.status === 'failed';
  const done = failed || payment.status === 'authorized' || payment.status === 'succeeded';
  return (
    <div className={`pay-online${payment.provider === 'sandbox' ? ' pay-online-sandbox' : ''}`} data-testid="pay-online-box" data-status={payment.status}>
      {payment.provider === 'sandbox' && (
        <p className="sandbox-label" data-testid="sandbox-label"><strong>{t('pay.online.sandboxTitle')}</strong> {t('pay.online.sandboxNote')}</p>
      )}
      {done ? (
        <Alert
          tone={failed ? 'error' : 'success'} testId="pay-online-result"
          action={failed ? <button type="button" className="btn btn-light btn-small" data-testid="pay-online-retry" disabled={start.isPending} onClick={() => start.mutate(undefined)}>{t('common.retry')}</button> : undefined}
        >
          {failed ? t('pay.online.declined') : what === 'balance' ? t('pay.online.balancePaid') : t('pay.online.authorized')}
        </Alert>
      ) : payment.provider === 'sandbox' && payment.clientSecret ? (
        <div className="btn-row">
          <button type="button" className="btn btn-primary" data-testid="sandbox-pay" disabled={sandbox.isPending} onClick={() => sandbox.mutate('succeed')}>
            {sandbox.isPending ? t('common.working') : t('pay.online.sandboxPay', { amount: formatYuan(payment.amount) })}
          </button>
          <button type="button" className="btn btn-light" data-testid="sandbox-decline" disabled={sandbox.isPending} onClick={() => sandbox.mutate('decline')}>{t('pay.online.sandboxDecline')}</button>
        </div>
      ) : (
        <>
          <p className="small">{payment.clientSecret ? t('pay.online.provider') : t('pay.online.preparing')}</p>
          <button type="button" className="btn btn-light btn-small" disabled={start.isPending} onClick={() => start.mutate(undefined)}>{t('pay.online.checkAgain')}</button>
        </>
      )}
      {sandbox.errorMessage && <Alert tone="error">{sandbox.errorMessage}</Alert>}
    </div>
  );
}
