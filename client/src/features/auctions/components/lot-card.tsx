import { Link } from 'react-router';
import type { LotView } from '../../../../../shared/api';
import { formatDateTime } from '../../../format';
import { kindLabel, useI18n } from '../../../i18n';
import { AssetIllustration } from '../../../ui/asset-illustration';
import { Countdown } from '../../../ui/countdown';
import { Money } from '../../../ui/money';
import { StatusBadge } from '../../../ui/status-badge';
import { WatchButton } from '../../notifications/watch-button';

/** One lot in the public list: picture, status, prices and the time left. */
export function LotCard({ lot }: { lot: LotView }) {
  const { t, lang } = useI18n();
  // the reader's language: the court's English title when there is one, else the original
  const title = lang === 'en' && lot.titleEn ? lot.titleEn : lot.title;
  const hasBids = lot.bidCount > 0;
  const closed = ['sold', 'unsold', 'cancelled', 'defaulted'].includes(lot.status);
  return (
    <li className={`lot-card lot-card-${lot.status}`} data-testid="lot-card" data-lot-id={lot.id}>
      <Link to={`/lots/${lot.id}`} className="lot-card-link">
        <div className="lot-card-media">
          <AssetIllustration kind={lot.kind} title={title} />
          <span className="lot-card-badge"><StatusBadge status={lot.status} /></span>
          <span className="lot-card-kind">{kindLabel(t, lot.kind)}</span>
        </div>
        <div className="lot-card-body">
          <h2 className="lot-card-title" title={title} data-testid="lot-card-title">{title}</h2>
          <p className="lot-card-court">{lot.court}</p>
          <dl className="lot-card-prices">
            <div>
              <dt>{t('lot.startingPrice')}</dt>
              <dd><Money value={lot.startingPrice} /></dd>
            </div>
            <div>
              <dt>{lot.status === 'sold' ? t('lot.finalPrice') : t('lot.currentPrice')}</dt>
              <dd className="price-strong">
                {lot.status === 'sold' ? <Money value={lot.finalPrice} /> : hasBids ? <Money value={lot.currentPrice} /> : <span className="muted">{t('lot.noBidsYet')}</span>}
              </dd>
            </div>
          </dl>
          <div className="lot-card-foot">
            {closed ? (
              <span className="muted small">{t('list.endedAt', { at: formatDateTime(lot.endsAt) })}</span>
            ) : (
              <Countdown status={lot.status} startsAt={lot.startsAt} endsAt={lot.endsAt} compact />
            )}
            <span className="muted small">{t('list.bids', { n: lot.bidCount })}</span>
          </div>
        </div>
      </Link>
      <WatchButton lotId={lot.id} compact />
    </li>
  );
}
