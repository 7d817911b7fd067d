import { Link } from 'react-router';
import type { LotStatus } from '../../../shared/lot-state';
import { useAuth } from '../auth';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Alert } from '../ui/alert';
import { Money } from '../ui/money';
import { Spinner } from '../ui/spinner';
import { StatusBadge } from '../ui/status-badge';
import { useWatchlist } from '../features/notifications/api';
import { WatchButton } from '../features/notifications/watch-button';
import '../features/notifications/notifications.css';

/** The lots the signed-in user watches, latest first, with their state and price. */
export function WatchlistPage() {
  const { user, loading } = useAuth();
  const { t, lang } = useI18n();
  const list = useWatchlist(user);
  if (loading) return <Spinner />;
  if (!user) {
    return (
      <div className="container narrow">
        <h1>{t('watch.title')}</h1>
        <p><Link className="btn btn-primary" to="/login">{t('nav.login')}</Link></p>
      </div>
    );
  }
  return (
    <div className="container">
      <h1>{t('watch.title')}</h1>
      {list.isPending && <Spinner />}
      {list.isError && <Alert tone="error">{t('alerts.loadFailed')}</Alert>}
      {list.data && list.data.lots.length === 0 && <p className="muted">{t('watch.empty')}</p>}
      <ul className="watch-list" data-testid="watchlist">
        {list.data?.lots.map((l) => (
          <li key={l.lotId} className="watch-item" data-testid="watchlist-item">
            <div className="watch-item-head">
              <Link to={`/lots/${l.lotId}`}>{lang === 'en' && l.titleEn ? l.titleEn : l.title}</Link>
              <WatchButton lotId={l.lotId} />
            </div>
            <span className="muted small">{l.court}</span>
            <StatusBadge status={l.status as LotStatus} />
            <span>{t('lot.currentPrice')}: <Money value={l.currentPrice ?? l.startingPrice} /></span>
            <span className="muted small">{formatDateTime(l.startsAt)} – {formatDateTime(l.endsAt)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
