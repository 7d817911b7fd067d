import type { LotView } from '../../../../../shared/api';
import { formatYuan } from '../../../../../shared/money';
import { formatDateTime } from '../../../format';
import { useI18n } from '../../../i18n';
import type { ConnectionState } from '../use-live-lot';

/** The parts of the bidding room that only show: the connection indicator and the result once the lot closed. */
export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const { t } = useI18n();
  return (
    <span className={`conn conn-${state}`} data-testid="connection-status" data-state={state} role="status">
      <span className="conn-dot" aria-hidden="true" />
      {t(`conn.${state}`)}
    </span>
  );
}

export function ResultBox({ lot, myCode }: { lot: LotView; myCode: string | null }) {
  const { t } = useI18n();
  const mine = myCode !== null && lot.winnerCode === myCode;
  if (lot.status === 'sold') {
    return (
      <div className="result result-sold" role="status" data-testid="lot-result">
        <strong>{t('result.sold', { amount: formatYuan(lot.finalPrice ?? lot.currentPrice ?? '0'), code: lot.winnerCode ?? '—' })}</strong>
        {lot.balanceDueAt && !mine && (
          <p className="small">
            {lot.balancePaidAt
              ? t('result.balancePaid', { at: formatDateTime(lot.balancePaidAt) })
              : t('result.balanceDue', { at: formatDateTime(lot.balanceDueAt) })}
          </p>
        )}
        {mine && (
          <>
            <p>{lot.balancePaidAt ? t('result.youWonPaid') : t('result.youWonDue', { at: lot.balanceDueAt ? formatDateTime(lot.balanceDueAt) : t('result.youWon', { days: lot.balanceDueDays }) })}</p>
            <a className="btn btn-light btn-small" data-testid="confirmation-download" href={`/api/lots/${encodeURIComponent(lot.id)}/confirmation`} download>
              {t('result.downloadConfirmation')}
            </a>
          </>
        )}
      </div>
    );
  }
  if (lot.status === 'defaulted') {
    return (
      <div className="result result-defaulted" role="status" data-testid="lot-result">
        <strong>{t('result.defaulted', { code: lot.winnerCode ?? '—' })}</strong>
        <p className="small">{t('result.defaultedText', { due: lot.balanceDueAt ? formatDateTime(lot.balanceDueAt) : '—' })}</p>
      </div>
    );
  }
  if (lot.status === 'unsold') {
    const next = lot.creditorTakeover
      ? t('result.takenOver', { creditor: lot.creditorTakeover.creditor, price: formatYuan(lot.creditorTakeover.price) })
      : lot.round === 1 ? t('result.unsoldNext') : lot.round === 2 ? t('result.unsoldNext2') : t('result.unsoldNextSellOff');
    return <div className="result result-unsold" role="status" data-testid="lot-result"><strong>{t('result.unsold')}</strong><p className="small">{next}</p></div>;
  }
  if (lot.status === 'cancelled') {
    return <div className="result" role="status" data-testid="lot-result"><strong>{t('status.cancelled')}</strong><p className="small">{t('banner.cancelledDeposits')}</p></div>;
  }
  return <div className="result" role="status"><strong>{t(`status.${lot.status}`)}</strong></div>;
}
