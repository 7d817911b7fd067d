import { errorText } from '../error-text';
import { useI18n } from '../i18n';
import { lotsQuery, useLots } from '../features/auctions/api';
import { LotCard } from '../features/auctions/components/lot-card';
import { LotFilterBar, useLotFilterParams } from '../features/auctions/components/lot-filters';
import { Alert } from '../ui/alert';
import { Spinner } from '../ui/spinner';
import '../features/auctions/lot-search.css';

/** The catalogue: searchable by text, court, status, kind, price and start date, in the chosen order, a page at a time. */
export function LotListPage() {
  const { t, lang } = useI18n();
  const filterParams = useLotFilterParams();
  const built = lotsQuery(filterParams.filters);
  const search = 'query' in built ? built.query : null;
  const problem = 'problem' in built ? built.problem : null;
  const query = useLots(search);
  // while the search has a problem, nothing from an earlier search is shown as if it matched
  const lots = search ? query.data?.pages.flatMap((p) => p.lots) ?? null : null;
  const firstLoad = query.isPending && search !== null;
  const error = query.error;
  const hasFilters = filterParams.active;
  return (
    <div className="container">
      <section className="hero">
        <h1>{t('list.title')}</h1>
        <p className="muted">{t('list.subtitle')}</p>
      </section>
      <LotFilterBar {...filterParams} problem={problem} />
      <div className="list-meta" aria-live="polite">
        {firstLoad && <Spinner />}
        {lots && (
          <span className="muted" data-testid="lot-count">
            {query.hasNextPage ? t('list.countMore', { shown: lots.length }) : t('list.count', { n: lots.length })}
          </span>
        )}
        {query.isFetching && !query.isFetchingNextPage && lots !== null && <Spinner label={t('common.refreshing')} />}
      </div>
      {error !== null && (
        <Alert tone="error" action={<button type="button" className="btn btn-light" onClick={() => void query.refetch()}>{t('common.retry')}</button>}>
          {errorText(error, t, lang)}
        </Alert>
      )}
      {lots && lots.length === 0 && !query.isFetching && (
        <div className="empty" data-testid="lot-empty">
          <p>{hasFilters ? t('list.emptyFiltered') : t('list.empty')}</p>
          {hasFilters && <button type="button" className="btn btn-ghost" onClick={filterParams.clear}>{t('list.clear')}</button>}
        </div>
      )}
      {lots && lots.length > 0 && (
        <ul className="lot-grid" data-testid="lot-grid">
          {lots.map((lot) => <LotCard key={lot.id} lot={lot} />)}
        </ul>
      )}
      {query.hasNextPage && search && (
        <div className="list-more">
          <button type="button" className="btn btn-light" data-testid="lot-more" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
            {query.isFetchingNextPage ? t('common.loading') : t('list.loadMore')}
          </button>
        </div>
      )}
    </div>
  );
}
