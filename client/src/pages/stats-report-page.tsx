import { useMemo } from 'react';
import { Link } from 'react-router';
import { errorText } from '../error-text';
import { formatDateTime } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import { serverNow } from '../server-clock';
import { Alert } from '../ui/alert';
import { Money } from '../ui/money';
import { Spinner } from '../ui/spinner';
import { TableHead } from '../ui/table-head';
import { useStats, useStatsFilterParams, type StatsFiguresView } from '../features/stats/api';
import { monthRows } from '../features/stats/components/charts';
import { Method } from '../features/stats/components/method';
import { PeriodLine } from '../features/stats/components/period';
import { monthLabel, percent } from '../features/stats/format';
import '../features/stats/stats.css';

/** The rows of a court's annual report on online judicial auctions, in its order. */
const REPORT_ROWS: Array<{ key: string; label: MessageKey; basis: MessageKey; value: (f: StatsFiguresView) => React.ReactNode }> = [
  { key: 'turnover', label: 'stats.fig.turnover', basis: 'stats.report.basis.turnover', value: (f) => <Money value={f.turnover} /> },
  { key: 'premiumOverStarting', label: 'stats.fig.premiumOverStarting', basis: 'stats.report.basis.premiumOverStarting', value: (f) => percent(f.premiumOverStarting) },
  { key: 'premiumOverReference', label: 'stats.fig.premiumOverReference', basis: 'stats.report.basis.premiumOverReference', value: (f) => percent(f.premiumOverReference) },
  { key: 'commissionSaved', label: 'stats.fig.commissionSaved', basis: 'stats.report.basis.commissionSaved', value: (f) => <Money value={f.commissionSaved} /> },
  { key: 'commissionShare', label: 'stats.fig.commissionShare', basis: 'stats.report.basis.commissionShare', value: (f) => percent(f.commissionShareOfTurnover) },
  { key: 'lotsFinished', label: 'stats.fig.lotsFinished', basis: 'stats.report.basis.lotsFinished', value: (f) => f.lotsFinished },
  { key: 'lotsSold', label: 'stats.fig.lotsSold', basis: 'stats.report.basis.lotsSold', value: (f) => f.lotsSold },
  { key: 'successRate', label: 'stats.fig.successRate', basis: 'stats.report.basis.successRate', value: (f) => percent(f.successRate) },
];

/** The report for one court (or all) and a period, shaped like a court's annual report; prints to PDF cleanly. */
export function StatsReportPage() {
  const { t, lang } = useI18n();
  const { filters } = useStatsFilterParams();
  const query = useStats(filters, 'month');
  const data = query.data;
  const generated = useMemo(() => serverNow(), [query.dataUpdatedAt]);
  const rows = useMemo(() => (data ? monthRows(filters, data.groups ?? []) : []), [data, filters]);
  const back = `/stats?${new URLSearchParams(Object.entries(filters).filter(([, v]) => v) as Array<[string, string]>).toString()}`;
  return (
    <div className="container stats-report">
      <nav className="breadcrumb no-print" aria-label={t('nav.breadcrumb')}><Link to={back}>← {t('stats.report.back')}</Link></nav>
      <header className="stats-report-head">
        <div>
          <h1 data-testid="stats-report-title">{t(filters.court ? 'stats.report.title' : 'stats.report.titleAll')}</h1>
          <PeriodLine filters={filters} className="stats-report-scope" />
          {data && <p className="muted small" data-testid="stats-report-generated">{t('stats.report.generated', { at: formatDateTime(generated, true, lang) })}</p>}
        </div>
        <button type="button" className="btn btn-primary no-print" onClick={() => window.print()} data-testid="stats-print">{t('stats.report.print')}</button>
      </header>
      {query.error !== null && <Alert tone="error" action={<button type="button" className="btn btn-light" onClick={() => void query.refetch()}>{t('common.retry')}</button>}>{errorText(query.error, t, lang)}</Alert>}
      {!data && query.error === null && <Spinner label={t('common.loading')} />}
      {data && (
        <>
          {data.lotsFinished === 0 && <Alert tone="info" testId="stats-empty">{t('stats.empty')}</Alert>}
          <section aria-labelledby="stats-report-summary">
            <h2 id="stats-report-summary">{t('stats.report.summary')}</h2>
            <div className="table-wrap">
              <table className="table stats-report-table" data-testid="stats-report-summary">
                <thead>
                  <tr>
                    <th scope="col">{t('stats.report.item')}</th>
                    <th scope="col" className="num">{t('stats.report.value')}</th>
                    <th scope="col" className="stats-basis-col">{t('stats.report.basis')}</th>
                  </tr>
                </thead>
                <tbody>
                  {REPORT_ROWS.map((r) => (
                    <tr key={r.key} data-testid="stats-report-row" data-figure={r.key}>
                      <th scope="row">
                        {t(r.label)}
                        <span className="stats-basis-inline muted small">{t(r.basis)}</span>
                      </th>
                      <td className="num" data-testid={`report-${r.key}`}>{r.value(data)}</td>
                      <td className="muted small stats-basis-col">{t(r.basis)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="stats-report-months">
            <h2 id="stats-report-months">{t('stats.report.byMonth')}</h2>
            <div className="table-wrap">
              <table className="table stats-report-table" data-testid="stats-report-months">
                <TableHead columns={[t('stats.col.month'), { label: t('stats.fig.lotsFinished'), num: true }, { label: t('stats.fig.lotsSold'), num: true },
                  { label: t('stats.fig.successRate'), num: true }, { label: t('stats.fig.turnover'), num: true }, { label: t('stats.fig.premiumOverStarting'), num: true },
                  { label: t('stats.fig.premiumOverReference'), num: true }, { label: t('stats.fig.commissionSaved'), num: true }]} />
                <tbody>
                  {rows.map((m) => (
                    <tr key={m.key} data-testid="stats-report-month" data-month={m.key}>
                      <th scope="row">{monthLabel(m.key, lang)}</th>
                      <MonthCells f={m} />
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr data-testid="stats-report-total">
                    <th scope="row">{t('stats.report.total')}</th>
                    <MonthCells f={data} />
                  </tr>
                </tfoot>
              </table>
            </div>
          </section>
        </>
      )}
      <Method headingLevel={2} />
    </div>
  );
}

function MonthCells({ f }: { f: StatsFiguresView }) {
  return (
    <>
      <td className="num">{f.lotsFinished}</td>
      <td className="num">{f.lotsSold}</td>
      <td className="num">{percent(f.successRate)}</td>
      <td className="num"><Money value={f.turnover} showWan={false} /></td>
      <td className="num">{percent(f.premiumOverStarting)}</td>
      <td className="num">{percent(f.premiumOverReference)}</td>
      <td className="num"><Money value={f.commissionSaved} showWan={false} /></td>
    </>
  );
}
