import { errorText } from '../error-text';
import { useI18n, type MessageKey } from '../i18n';
import { resultsCsvUrl, resultsQuery, useResults } from '../features/results/api';
import { ResultsSearch, useResultFilters } from '../features/results/components/results-search';
import { ResultsTable } from '../features/results/components/results-table';
import { Alert } from '../ui/alert';
import { Spinner } from '../ui/spinner';
import '../features/results/results.css';

const PROBLEM: Record<'fromDate' | 'toDate' | 'order', MessageKey> = {
  fromDate: 'results.problem.fromDate', toDate: 'results.problem.toDate', order: 'results.problem.order',
};

/** 成交公示: every finished auction, searchable by court, period, kind, outcome and text, and as CSV. */
export function ResultsPage() {
  const { t, lang } = useI18n();
  const search = useResultFilters();
  const built = resultsQuery(search.filters);
  const query = 'query' in built ? built.query : null;
  const problem = 'problem' in built ? PROBLEM[built.problem] : null;
  const results = useResults(query);
  // while the period is not a valid one, nothing from an earlier search is shown as if it matched
  const items = query ? results.data?.pages.flatMap((p) => p.items) ?? null : null;
  const firstLoad = results.isPending && query !== null;
  // the first page counts every match, whether or not more pages follow
  const total = query ? results.data?.pages[0]?.total ?? null : null;
  return (
    <div className="container results-page">
      <section className="hero">
        <h1>{t('results.title')}</h1>
        <p className="muted">{t('results.subtitle')}</p>
      </section>
      <ResultsSearch {...search} problem={problem} />
      <div className="list-meta results-meta" aria-live="polite">
        {firstLoad && <Spinner />}
        {items && total !== null && (
          <span className="muted" data-testid="results-count">
            {results.hasNextPage ? t('results.countMore', { n: total, shown: items.length }) : t('results.count', { n: total })}
          </span>
        )}
        {results.isFetching && !results.isFetchingNextPage && items && <Spinner label={t('common.refreshing')} />}
        {query && items && items.length > 0 && (
          <a className="btn btn-light btn-small results-csv" href={resultsCsvUrl(query, lang)} download data-testid="results-csv">{t('results.csv')}</a>
        )}
      </div>
      {results.error !== null && (
        <Alert tone="error" action={<button type="button" className="btn btn-light" onClick={() => void results.refetch()}>{t('common.retry')}</button>}>
          {errorText(results.error, t, lang)}
        </Alert>
      )}
      {items && items.length === 0 && !results.isFetching && (
        <div className="empty" data-testid="results-empty">
          <p>{search.active ? t('results.emptyFiltered') : t('results.empty')}</p>
          {search.active && <button type="button" className="btn btn-ghost" onClick={search.clear}>{t('results.search.clear')}</button>}
        </div>
      )}
      {items && items.length > 0 && <ResultsTable items={items} />}
      {results.hasNextPage && (
        <div className="results-more">
          <button type="button" className="btn btn-light" data-testid="results-more" disabled={results.isFetchingNextPage} onClick={() => void results.fetchNextPage()}>
            {results.isFetchingNextPage ? t('common.loading') : t('results.loadMore')}
          </button>
        </div>
      )}
      <p className="small muted results-privacy">{t('results.privacyNote')}</p>
    </div>
  );
}
