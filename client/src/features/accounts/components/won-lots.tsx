import { Decimal } from 'decimal.js';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { lotTitle } from '../../auctions/components/lot-disclosure';
import { serverNow } from '../../../server-clock';
import { Money } from '../../../ui/money';
import { StatusBadge } from '../../../ui/status-badge';
import { useLotsById } from '../../auctions/api';
import type { MyRegistration } from '../api';

/** Lots the bidder won: price, deposit applied, the balance and its deadline (A25), and the confirmation. */
export function WonLots({ won }: { won: MyRegistration[] }) {
  const { t, lang } = useI18n();
  const lotQueries = useLotsById(won.map((r) => r.lotId));
  const wonLots = Object.fromEntries(lotQueries.flatMap((q) => (q.data ? [[q.data.id, q.data] as const] : [])));
  return (
    <section className="card" aria-labelledby="won-title">
      <h2 id="won-title">{t('me.won')}</h2>
      <ul className="reg-list">
        {won.map((r) => {
          const lot = wonLots[r.lotId];
          const final = r.finalPrice ?? '0';
          // The server's balance (amount, its own B- reference, A25 date) once the close has set it; derived before.
          const balance = r.balance?.amount ?? Decimal.max(new Decimal(final).minus(r.depositAmount), 0).toFixed(2);
          const dueAt = r.balance?.dueAt ?? r.balanceDueAt ?? lot?.balanceDueAt ?? null;
          const paidAt = r.balance?.paidAt ?? r.balancePaidAt ?? lot?.balancePaidAt ?? null;
          const overdue = !paidAt && dueAt !== null && Date.parse(dueAt) < serverNow();
          return (
            <li key={r.id} className="reg-item" data-testid="won-lot" data-lot-id={r.lotId}>
              <div className="reg-item-head">
                <Link to={`/lots/${r.lotId}`} className="reg-item-title">{lotTitle({ title: r.lotTitle, titleEn: r.lotTitleEn }, lang)}</Link>
                <StatusBadge status={r.lotStatus} />
              </div>
              <dl className="kv-list">
                <div><dt>{t('lot.finalPrice')}</dt><dd><Money value={final} /></dd></div>
                <div><dt>{t('me.depositApplied')}</dt><dd><Money value={r.depositAmount} /></dd></div>
                <div><dt>{paidAt ? t('me.balance') : t('me.balanceDue')}</dt><dd><strong><Money value={balance} testId="won-balance" /></strong></dd></div>
                {r.balance && <div><dt>{t('pay.memo')}</dt><dd className="mono pay-ref" data-testid="balance-reference">{r.balance.reference}</dd></div>}
                <div>
                  <dt>{t('me.balanceDeadline')}</dt>
                  <dd data-testid="balance-due">
                    {dueAt ? formatDateTime(dueAt) : lot ? t('me.deadline', { days: lot.balanceDueDays, date: formatDate(Date.parse(r.endsAt) + lot.balanceDueDays * 86_400_000) }) : '—'}
                  </dd>
                </div>
                <div>
                  <dt>{t('me.balanceState')}</dt>
                  <dd>
                    {r.lotStatus === 'defaulted' ? <span className="hint-error">{t('me.balanceDefaulted')}</span>
                      : paidAt ? <span className="success-text">{t('me.balancePaid', { at: formatDateTime(paidAt) })}</span>
                      : overdue ? <span className="hint-error">{t('me.balanceOverdue')}</span>
                      : t('me.balanceOpen')}
                  </dd>
                </div>
              </dl>
              {r.lotStatus === 'defaulted' ? (
                <p className="small muted">{t('me.defaultedNote')}</p>
              ) : (
                <>
                  {!paidAt && <p className="small muted">{t('me.payBalance')}</p>}
                  <p>
                    <a className="btn btn-light btn-small" data-testid="confirmation-download" href={`/api/lots/${encodeURIComponent(r.lotId)}/confirmation`} download>
                      {t('result.downloadConfirmation')}
                    </a>
                  </p>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
