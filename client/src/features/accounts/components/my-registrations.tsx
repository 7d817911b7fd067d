import { Link } from 'react-router';
import { formatYuan } from '../../../../../shared/money';
import { formatDateTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { lotTitle } from '../../auctions/components/lot-disclosure';
import { DepositStatusText } from '../../bidding/components/registration-panel';
import { RefundState } from '../../bidding/components/deposit-money';
import { Money } from '../../../ui/money';
import { Spinner } from '../../../ui/spinner';
import { StatusBadge } from '../../../ui/status-badge';
import type { MyRegistration } from '../api';

/** The lots a bidder registered for, with the bidder code and the deposit's state on each. */
export function MyRegistrations({ regs, loading }: { regs: MyRegistration[] | null; loading: boolean }) {
  const { t, lang } = useI18n();
  return (
    <>
      {regs === null && loading && <Spinner />}
      {regs && regs.length === 0 && (
        <p className="muted">{t('me.noRegistrations')} <Link to="/">{t('me.browse')}</Link></p>
      )}
      {regs && regs.length > 0 && (
        <ul className="reg-list">
          {regs.map((r) => (
            <li key={r.id} className="reg-item">
              <div className="reg-item-head">
                <Link to={`/lots/${r.lotId}`} className="reg-item-title">{lotTitle({ title: r.lotTitle, titleEn: r.lotTitleEn }, lang)}</Link>
                <StatusBadge status={r.lotStatus} />
              </div>
              <p className="small muted">{r.court} · {t('me.endsAt', { at: formatDateTime(r.endsAt) })}</p>
              <div className="reg-item-grid">
                <span>{t('reg.yourCode')}: <strong className="mono">{r.bidderCode}</strong></span>
                {r.priorityRank !== null && r.priorityRank !== undefined && <span className="tag tag-priority">{t('me.priorityRank', { rank: r.priorityRank })}</span>}
                <span>{t('reg.deposit')}: <Money value={r.depositAmount} /></span>
              </div>
              <p className="small"><DepositStatusText registration={r} lotStatus={r.lotStatus} /></p>
              {r.refund && r.depositStatus !== 'released' && <p className="small"><RefundState refund={r.refund} /></p>}
              {r.depositStatus === 'pending' && (
                <p className="small muted">{t('me.payRef', { ref: r.payment.reference, amount: formatYuan(r.payment.amount) })}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
