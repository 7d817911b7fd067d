import { errorText } from '../error-text';
import { useI18n } from '../i18n';
import { useLots } from '../features/auctions/api';
import { LotCard } from '../features/auctions/components/lot-card';
import { LotFilterBar, useLotFilterParams } from '../features/auctions/components/lot-filters';
import { Alert } from '../ui/alert';
import { Spinner } from '../ui/spinner';

export function LotListPage() {
  const { t, lang } = useI18n();
  const filterParams = useLotFilterParams();
  const query = useLots(filterParams.filters);
  const lots = query.data ?? null;
  const loading = query.isFetching;
  const error = query.error;
  const hasFilters = filterParams.active;
  return (
    <div className="container">
      <section className="hero">
        <h1>{t('list.title')}</h1>
        <p className="muted">{t('list.subtitle')}</p>
      </section>
      <LotFilterBar {...filterParams} />
      <div className="list-meta" aria-live="polite">
        {loading && lots === null ? <Spinner /> : lots && <span className="muted">{t('list.count', { n: lots.length })}</span>}
        {loading && lots !== null && <Spinner label={t('common.refreshing')} />}
      </div>
      {error !== null && (
        <Alert tone="error" action={<button type="button" className="btn btn-light" onClick={() => void query.refetch()}>{t('common.retry')}</button>}>
          {errorText(error, t, lang)}
        </Alert>
      )}
      {lots && lots.length === 0 && !loading && (
        <div className="empty">
          <p>{hasFilters ? t('list.emptyFiltered') : t('list.empty')}</p>
        </div>
      )}
      {lots && lots.length > 0 && (
        <ul className="lot-grid">
          {lots.map((lot) => <LotCard key={lot.id} lot={lot} />)}
        </ul>
      )}
    </div>
  );
}
