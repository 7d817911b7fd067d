import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { LotView } from '../../../../../shared/api';
import { formatYuan } from '../../../../../shared/money';
import { earliestDateAfterPeriod, NOTICE_BEFORE_ANNOUNCEMENT_DAYS } from '../../../../../shared/rules';
import { formatDateTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { serverNow } from '../../../server-clock';
import { Alert } from '../../../ui/alert';
import { Money } from '../../../ui/money';

/** The one line that says where the lot stands: suspended (and by when it must resume), cancelled, defaulted. */
export function StatusBanner({ lot }: { lot: LotView }) {
  const { t } = useI18n();
  if (lot.status === 'suspended') {
    const overdue = lot.resumeBy !== null && Date.parse(lot.resumeBy) < serverNow();
    return (
      <Alert tone={overdue ? 'error' : 'warning'} title={t('banner.suspendedTitle')} testId="suspended-banner">
        {t(overdue ? 'control.resumeOverdue' : 'banner.suspendedStaff', { by: lot.resumeBy ? formatDateTime(lot.resumeBy) : '—', since: lot.suspendedAt ? formatDateTime(lot.suspendedAt) : '—' })}
      </Alert>
    );
  }
  if (lot.status === 'cancelled') {
    return <Alert tone="info" title={t('banner.cancelledTitle')} testId="cancelled-banner">{t('banner.cancelled', { reason: lot.cancelReason ?? '—' })}</Alert>;
  }
  if (lot.status === 'defaulted') {
    return <Alert tone="warning" title={t('status.defaulted')}>{t('control.defaulted', { at: lot.defaultedAt ? formatDateTime(lot.defaultedAt) : '—' })}</Alert>;
  }
  return null;
}

export function LotKeyFacts({ lot }: { lot: LotView }) {
  const { t } = useI18n();
  const row = (label: string, value: ReactNode, key?: string) => <div key={key ?? label}><dt>{label}</dt><dd>{value}</dd></div>;
  return (
    <section className="card" aria-labelledby="control-facts-title">
      <h2 id="control-facts-title">{t('lot.factsTitle')}</h2>
      <dl className="kv-list control-facts" data-testid="control-facts">
        {row(t('lot.referencePrice'), <Money value={lot.referencePrice} />)}
        {row(t('lot.startingPrice'), <Money value={lot.startingPrice} />)}
        {row(t('lot.increment'), <Money value={lot.bidIncrement} showWan={false} />)}
        {row(t('lot.deposit'), <Money value={lot.deposit} />)}
        {row(t('lot.period'), `${formatDateTime(lot.startsAt, false)} – ${formatDateTime(lot.endsAt)}`)}
        {lot.windowEndsAt && row(t('lot.windowEnds'), formatDateTime(lot.windowEndsAt))}
        {row(t('control.noticesSentAt'), lot.noticesSentAt
          ? <>{formatDateTime(lot.noticesSentAt)}{lot.status === 'draft' && <span className="block small muted">{t('control.publishFrom', { date: earliestDateAfterPeriod(new Date(lot.noticesSentAt), NOTICE_BEFORE_ANNOUNCEMENT_DAYS) })}</span>}</>
          : t('control.noticesNone'))}
        {row(t('control.announcedAt'), lot.announcedAt ? formatDateTime(lot.announcedAt) : t('control.notPublished'))}
        {row(t('lot.registrants'), lot.registrantCount)}
        {row(t('lot.bidCount'), lot.bidCount)}
        {lot.status === 'live' && lot.currentPrice && row(t('lot.currentPrice'), <><Money value={lot.currentPrice} /> · <span className="mono">{lot.leadingBidderCode}</span></>)}
        {lot.finalPrice && row(t('lot.finalPrice'), <><Money value={lot.finalPrice} /> · <span className="mono">{lot.winnerCode}</span></>)}
        {lot.closedAt && row(t('control.closedAt'), formatDateTime(lot.closedAt))}
        {lot.balanceDueAt && row(t('lot.balanceDueAt'), formatDateTime(lot.balanceDueAt))}
        {(lot.status === 'sold' || lot.balancePaidAt) && row(t('control.balancePaid'), lot.balancePaidAt ? formatDateTime(lot.balancePaidAt) : t('control.notYet'))}
        {lot.defaultedAt && row(t('control.defaultedAt'), formatDateTime(lot.defaultedAt))}
        {lot.suspendedAt && row(t('control.suspendedAt'), formatDateTime(lot.suspendedAt))}
        {lot.resumeBy && row(t('control.resumeBy'), formatDateTime(lot.resumeBy))}
        {lot.cancelReason && row(t('control.cancelReason'), lot.cancelReason)}
        {row(t('control.priorityRights'), lot.priorityRights ? t('control.priorityYes') : t('control.priorityNo'))}
        {lot.creditorTakeover && row(t('control.takeover'), t('control.takeoverLine', { creditor: lot.creditorTakeover.creditor, price: formatYuan(lot.creditorTakeover.price), at: formatDateTime(lot.creditorTakeover.at) }))}
        {lot.previousLotId && row(t('control.previousLot'), <Link to={`/court/lots/${lot.previousLotId}`}>{t('control.open')}</Link>)}
        {row(t('bidlog.head'), <span className="mono hash-full">{lot.bidLogHead || '—'}</span>)}
      </dl>
    </section>
  );
}

