import { Link } from 'react-router';
import { errorText } from '../error-text';
import { useI18n } from '../i18n';
import { Alert } from '../ui/alert';
import { Spinner } from '../ui/spinner';
import { reportUrl, statsCsvUrl, useStats, useStatsFilterParams } from '../features/stats/api';
import { CourtChart, MonthChart, RoundChart } from '../features/stats/components/charts';
import { StatsFilterBar } from '../features/stats/components/filters';
import { Headline } from '../features/stats/components/headline';
import { Method } from '../features/stats/components/method';
import { PeriodLine } from '../features/stats/components/period';
import '../features/stats/stats.css';

/** The public statistics dashboard: anyone, no login; the filters are in the URL so a view can be shared. */
export function StatsPage() {
  const { t, lang } = useI18n();
  const params = useStatsFilterParams();
  const { filters } = params;
  const byMonth = useStats(filters, 'month');
  const byRound = useStats(filters, 'round');
  const byCourt = useStats(filters, 'court');
  const total = byMonth.data;
  const failed = [byMonth, byRound, byCourt].find((q) => q.error !== null);
  const refreshing = [byMonth, byRound, byCourt].some((q) => q.isFetching) && total !== undefined;
  return (
    <div className="container stats-page">
      <div className="page-head">
        <div>
          <h1>{t('stats.title')}</h1>
          <p className="muted">{t('stats.subtitle')}</p>
        </div>
        <div className="btn-row no-print">
          <a className="btn btn-light" href={statsCsvUrl(filters, lang)} download data-testid="stats-csv">{t('stats.csv')}</a>
          <Link className="btn btn-primary" to={reportUrl(filters)} data-testid="stats-report-link">{t(filters.court ? 'stats.reportLink' : 'stats.reportLinkAll')}</Link>
        </div>
      </div>
      <StatsFilterBar {...params} />
      <div className="list-meta stats-meta" aria-live="polite">
        <PeriodLine filters={filters} className="stats-scope" />
        {refreshing && <Spinner label={t('common.refreshing')} />}
      </div>
      {failed && (
        <Alert tone="error" action={<button type="button" className="btn btn-light" onClick={() => { void byMonth.refetch(); void byRound.refetch(); void byCourt.refetch(); }}>{t('common.retry')}</button>}>
          {errorText(failed.error, t, lang)}
        </Alert>
      )}
      {total === undefined && !failed && <Spinner label={t('common.loading')} />}
      {total !== undefined && (
        <>
          {total.lotsFinished === 0 && <Alert tone="info" testId="stats-empty">{t('stats.empty')}</Alert>}
          <section aria-labelledby="stats-headline-title" className="stats-headline">
            <h2 id="stats-headline-title" className="visually-hidden">{t('stats.headline')}</h2>
            <Headline f={total} />
          </section>
          <div className="stats-charts">
            <MonthChart filters={filters} groups={total.groups ?? []} />
            <RoundChart groups={byRound.data?.groups ?? []} />
            <CourtChart groups={byCourt.data?.groups ?? []} />
          </div>
        </>
      )}
      <Method />
    </div>
  );
}
