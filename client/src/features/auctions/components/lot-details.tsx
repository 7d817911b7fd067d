/** The lot page's fixed parts: the facts table, the banners every visitor must see, the sell-off explainer. */
import type { LotView } from '../../../../../shared/api';
import { formatYuan } from '../../../../../shared/money';
import { formatDateTime } from '../../../format';
import { methodLabel, useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Money } from '../../../ui/money';

export function LotFacts({ lot, watchers }: { lot: LotView; watchers: number | null }) {
  const { t } = useI18n();
  return (
    <section className="card" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('lot.factsTitle')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('lot.referencePrice')}</dt>
          <dd>
            <Money value={lot.referencePrice} />
            {lot.referenceMethod && <span className="small muted block">{t('lot.referenceMethod', { method: methodLabel(t, lot.referenceMethod) })}</span>}
          </dd>
        </div>
        <div><dt>{t('lot.startingPrice')}</dt><dd><Money value={lot.startingPrice} /></dd></div>
        <div><dt>{t('lot.increment')}</dt><dd><Money value={lot.bidIncrement} /></dd></div>
        <div><dt>{t('lot.deposit')}</dt><dd><Money value={lot.deposit} /></dd></div>
        <div className="facts-wide">
          <dt>{t('lot.period')}</dt>
          <dd>{formatDateTime(lot.startsAt, false)} – {formatDateTime(lot.endsAt)}</dd>
        </div>
        {lot.windowEndsAt && (
          <div className="facts-wide">
            <dt>{t('lot.windowEnds')}</dt>
            <dd>{formatDateTime(lot.windowEndsAt)}</dd>
          </div>
        )}
        <div>
          <dt>{t('lot.balanceDue')}</dt>
          <dd>
            {lot.balanceDueAt ? formatDateTime(lot.balanceDueAt) : t('lot.balanceDueDays', { days: lot.balanceDueDays })}
            {lot.balancePaidAt && <span className="small block success-text">{t('lot.balancePaidOn', { at: formatDateTime(lot.balancePaidAt) })}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('lot.priorityRights')}</dt>
          <dd data-testid="priority-rights" data-exists={lot.priorityRights ? 'true' : 'false'}>{lot.priorityRights ? t('lot.priorityExist') : t('lot.priorityNone')}</dd>
        </div>
        <div><dt>{t('lot.registrants')}</dt><dd>{lot.registrantCount}</dd></div>
        <div><dt>{t('lot.watchers')}</dt><dd>{watchers ?? '—'}</dd></div>
        <div><dt>{t('lot.bidCount')}</dt><dd>{lot.bidCount}</dd></div>
        {lot.extensionCount > 0 && <div><dt>{t('lot.extensions')}</dt><dd>{lot.extensionCount}</dd></div>}
      </dl>
      {lot.referencePrice && lot.round === 1 && (
        <p className="small muted">{t('lot.startingNote', { ratio: '70%', reference: formatYuan(lot.referencePrice) })}</p>
      )}
      {lot.round === 2 && <p className="small muted">{t('lot.secondRoundNote')}</p>}
      {lot.priorityRights && <p className="small priority-rights-note" data-testid="priority-rights-note">{t('lot.priorityRightsNote')}</p>}
    </section>
  );
}

/** What every visitor must see first: a suspension (and by when bidding resumes), a withdrawal and its reason. */
export function LotBanners({ lot }: { lot: LotView }) {
  const { t } = useI18n();
  if (lot.status === 'suspended') {
    return (
      <Alert tone="warning" title={t('banner.suspendedTitle')} testId="suspended-banner">
        {t('banner.suspended', { by: lot.resumeBy ? formatDateTime(lot.resumeBy) : '—', since: lot.suspendedAt ? formatDateTime(lot.suspendedAt) : '—' })}
      </Alert>
    );
  }
  if (lot.status === 'cancelled') {
    return (
      <Alert tone="info" title={t('banner.cancelledTitle')} testId="cancelled-banner">
        <p>{t('banner.cancelled', { reason: lot.cancelReason ?? '—' })}</p>
        <p className="small">{t('banner.cancelledDeposits')}</p>
      </Alert>
    );
  }
  if (lot.status === 'defaulted') {
    return (
      <Alert tone="warning" title={t('status.defaulted')} testId="defaulted-banner">
        {t('result.defaultedText', { due: lot.balanceDueAt ? formatDateTime(lot.balanceDueAt) : '—' })}
      </Alert>
    );
  }
  return null;
}

/** A26, C23–25: how a sell-off differs from an auction. */
export function SellOffExplainer({ lot }: { lot: LotView }) {
  const { t } = useI18n();
  return (
    <section className="card doc" aria-labelledby="selloff-title" data-testid="sell-off-explainer">
      <h2 id="selloff-title">{t('selloff.title')}</h2>
      <ul className="notice-list">
        <li>{t('selloff.price', { price: formatYuan(lot.startingPrice) })}</li>
        <li>{t('selloff.window', { from: formatDateTime(lot.startsAt), to: formatDateTime(lot.windowEndsAt ?? lot.endsAt) })}</li>
        <li>{t('selloff.round')}</li>
        <li>{t('selloff.noBid')}</li>
      </ul>
    </section>
  );
}
