import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { LotView, RegistrationView, UserView } from '../../../../../shared/api';
import { formatYuan } from '../../../../../shared/money';
import { isStaff } from '../../../auth';
import { errorText } from '../../../error-text';
import { formatDateTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Money } from '../../../ui/money';
import { RefreshButton } from '../../../ui/refresh-button';
import { useApiMutation } from '../../../ui/form';
import { Spinner } from '../../../ui/spinner';
import { myRegistrationsKey } from '../../accounts/api';
import { withNext } from '../../accounts/next-path';
import { BiddingNotice } from './bidding-notice';
import { accountNames, BalanceBox, RefundState } from './deposit-money';
import { PayOnline } from './pay-online';
import { registerForLot, registrationKey, type RegistrationState } from '../api';

export function RegistrationPanel({ lot, user, authLoading, reg }: { lot: LotView; user: UserView | null; authLoading: boolean; reg: RegistrationState }) {
  const { t, lang } = useI18n();
  const [accepted, setAccepted] = useState(false);
  const queryClient = useQueryClient();
  const register = useApiMutation(() => registerForLot(lot.id), {
    invalidate: [myRegistrationsKey],
    onSuccess: (registration) => queryClient.setQueryData(registrationKey(lot.id, user?.id ?? null), registration),
  });
  const here = `/lots/${lot.id}`;
  const open = lot.status === 'announced' || lot.status === 'live';

  if (authLoading) return null;
  let body;
  if (!user) {
    if (!open) return null;
    body = (
      <>
        <p>{t('reg.loginFirst')}</p>
        <div className="btn-row">
          <Link className="btn btn-primary" to={withNext('/login', here)}>{t('nav.login')}</Link>
          <Link className="btn btn-light" to={withNext('/register', here)}>{t('reg.createAccount')}</Link>
        </div>
      </>
    );
  } else if (isStaff(user)) {
    body = <p className="muted">{t('reg.staff')}</p>;
  } else if (!user.roles.includes('bidder')) {
    body = <p className="muted">{t('reg.notBidder')}</p>;
  } else if (reg.loading) {
    body = <Spinner />;
  } else if (reg.registration) {
    body = <RegistrationDetails registration={reg.registration} lotStatus={lot.status} refreshing={reg.refreshing} onRefresh={() => void reg.refresh()} />;
  } else if (!open) {
    return null;
  } else if (!user.identityVerified) {
    body = (
      <Alert tone="warning" title={t('reg.verifyTitle')} action={<Link className="btn btn-primary" to={withNext('/me', here)}>{t('reg.verifyLink')}</Link>}>
        {t('reg.verifyText')}
      </Alert>
    );
  } else {
    body = (
      <>
        <p>{t('reg.intro', { deposit: formatYuan(lot.deposit) })}</p>
        <div className="notice-box" tabIndex={0} role="region" aria-label={t('lot.noticeTitle')}>
          <h3>{t('lot.noticeTitle')}</h3>
          <BiddingNotice lot={lot} compact />
        </div>
        <label className="checkbox">
          <input type="checkbox" data-testid="register-accept" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />
          <span>{t('reg.accept')}</span>
        </label>
        {register.errorMessage && <Alert tone="error">{register.errorMessage}</Alert>}
        <button type="button" className="btn btn-primary btn-block" data-testid="register-submit" disabled={!accepted || register.isPending} onClick={() => register.mutate(undefined)}>
          {register.isPending ? t('reg.busy') : t('reg.submit')}
        </button>
        {!accepted && <p className="small muted">{t('reg.acceptFirst')}</p>}
      </>
    );
  }
  return (
    <section className="card reg-panel" aria-labelledby="reg-title">
      <h2 id="reg-title">{reg.registration ? t('reg.titleRegistered') : t('reg.title')}</h2>
      {reg.error !== null && <Alert tone="error" action={<button type="button" className="btn btn-light btn-small" onClick={() => void reg.refresh()}>{t('common.retry')}</button>}>{errorText(reg.error, t, lang)}</Alert>}
      {body}
    </section>
  );
}

export function DepositStatusText({ registration, lotStatus }: { registration: RegistrationView; lotStatus?: string }) {
  const { t } = useI18n();
  const r = registration;
  const due = r.releaseDueBy ? formatDateTime(r.releaseDueBy) : null;
  let text: string;
  switch (r.depositStatus) {
    case 'pending': text = t('deposit.pending'); break;
    case 'held':
      text = lotStatus === 'announced' ? t('deposit.heldUpcoming') : due ? t('deposit.heldUntil', { at: due }) : t('deposit.held');
      break;
    case 'applied': text = t('deposit.applied'); break;
    case 'released':
      // The refund, once it exists, says what actually happened to the money (sent, or still to send).
      if (r.refund) return <span className="deposit-status deposit-released" data-testid="deposit-status" data-status="released"><RefundState refund={r.refund} /></span>;
      text = due ? t('deposit.releasedBy', { at: due }) : t('deposit.released');
      break;
    default: text = t('deposit.forfeited');
  }
  return (
    <span className={`deposit-status deposit-${r.depositStatus}`} data-testid="deposit-status" data-status={r.depositStatus}>
      <strong>{t(`depositState.${r.depositStatus}`)}</strong> — {text}
    </span>
  );
}

function RegistrationDetails({ registration: r, lotStatus, refreshing, onRefresh }: { registration: RegistrationView; lotStatus: string; refreshing: boolean; onRefresh(): void }) {
  const { t, lang } = useI18n();
  const names = accountNames(r.payment, lang);
  return (
    <div className="reg-details">
      <div className="bidder-code-box">
        <span className="muted small">{t('reg.yourCode')}</span>
        <span className="bidder-code" data-testid="bidder-code">{r.bidderCode}</span>
        <span className="small muted">{t('reg.codeNote')}</span>
      </div>
      <div className="kv">
        <span className="kv-key">{t('reg.deposit')}</span>
        <Money value={r.depositAmount} />
      </div>
      <div className="deposit-line">
        <DepositStatusText registration={r} lotStatus={lotStatus} />
      </div>
      {r.depositStatus === 'pending' && (
        <div className="pay-box">
          <h3>{t('reg.howToPay')}</h3>
          <dl className="pay-list">
            <div><dt>{t('pay.amount')}</dt><dd><Money value={r.payment.amount} /></dd></div>
            <div><dt>{t('pay.payee')}</dt><dd data-testid="pay-payee">{names.payee}</dd></div>
            <div><dt>{t('pay.bank')}</dt><dd data-testid="pay-bank">{names.bankName}</dd></div>
            <div><dt>{t('pay.account')}</dt><dd className="mono">{r.payment.accountNumber}</dd></div>
            <div><dt>{t('pay.memo')}</dt><dd className="mono pay-ref">{r.payment.reference}</dd></div>
          </dl>
          <p className="small">{t('reg.payNote')}</p>
          {(lotStatus === 'announced' || lotStatus === 'live') && <PayOnline lotId={r.lotId} />}
        </div>
      )}
      {r.balance && <BalanceBox balance={r.balance} payee={r.payment} />}
      {r.balance && !r.balance.paidAt && lotStatus === 'sold' && <PayOnline lotId={r.lotId} what="balance" />}
      <RefreshButton onClick={onRefresh} refreshing={refreshing} label={t('reg.refresh')} />
    </div>
  );
}
