import { useState } from 'react';
import { Link } from 'react-router';
import { inLanguage } from '../../../../../shared/disclosure';
import { errorText } from '../../../error-text';
import { formatDateTime, formatTime } from '../../../format';
import { methodLabel, useI18n } from '../../../i18n';
import { serverNow } from '../../../server-clock';
import { Alert } from '../../../ui/alert';
import { Breadcrumb } from '../../../ui/breadcrumb';
import { RefreshButton } from '../../../ui/refresh-button';
import { Spinner } from '../../../ui/spinner';
import type { WorklistItem } from '../../court/types';
import { onServerClock, useWorklist } from '../api';
import { valuationStatusLabel } from '../valuation-logic';
import { TableHead } from '../../../ui/table-head';
import { DutyList } from '../../court/components/duty-list';

type Filter = 'all' | 'attention' | 'collecting' | 'objections';

/** Most urgent first: overdue, then objections to decide, then by the nearest date. */
function urgency(i: WorklistItem): number {
  if (i.overdue) return 0;
  if (i.pendingObjections > 0) return 1;
  return 2;
}
function nextDate(i: WorklistItem): number {
  const at = i.status === 'objection_window' ? i.objectionWindowEndsAt : i.deadlineAt;
  return at ? Date.parse(at) : Number.MAX_SAFE_INTEGER;
}

/** Court staff's worklist: determinations collecting quotes or awaiting a report, overdue ones, and objections to resolve. */
export function Worklist() {
  const { t, lang } = useI18n();
  const query = useWorklist();
  const items = query.data?.items ?? null;
  const duties = query.data?.lateDuties ?? [];
  const loading = query.isFetching;
  const loadedAt = onServerClock(query.dataUpdatedAt);
  const reload = () => void query.refetch();
  const [filter, setFilter] = useState<Filter>('all');

  const all = items ?? [];
  const counts = {
    all: all.length,
    attention: all.filter((i) => i.overdue || i.pendingObjections > 0).length,
    collecting: all.filter((i) => i.status === 'pending' || i.status === 'extended').length,
    objections: all.filter((i) => i.status === 'objection_window').length,
  };
  const shown = all
    .filter((i) => filter === 'all'
      || (filter === 'attention' && (i.overdue || i.pendingObjections > 0))
      || (filter === 'collecting' && (i.status === 'pending' || i.status === 'extended'))
      || (filter === 'objections' && i.status === 'objection_window'))
    .sort((a, b) => urgency(a) - urgency(b) || nextDate(a) - nextDate(b));
  const now = serverNow();

  return (
    <div className="container">
      <Breadcrumb to="/court">{t('court.backToCases')}</Breadcrumb>
      <div className="page-head">
        <div>
          <h1>{t('worklist.title')}</h1>
          <p className="small muted">{t('worklist.intro')}</p>
        </div>
        <RefreshButton refreshing={loading} onClick={reload} />
      </div>
      <DutyList />
      {query.error !== null && <Alert tone="error" action={<button type="button" className="btn btn-light btn-small" onClick={reload}>{t('common.retry')}</button>}>{errorText(query.error, t, lang)}</Alert>}
      <section className="card" aria-labelledby="worklist-valuations">
        <div className="card-head">
          <h2 id="worklist-valuations">{t('worklist.valuations')}</h2>
          {loadedAt && <span className="small muted">{t('worklist.loadedAt', { at: formatTime(loadedAt) })}</span>}
        </div>
        <div className="segmented" role="group" aria-label={t('worklist.filter')}>
          {(['all', 'attention', 'collecting', 'objections'] as const).map((f) => (
            <button key={f} type="button" className={`seg-btn${filter === f ? ' seg-btn-active' : ''}`} aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {t(`worklist.f.${f}`)} <span className="seg-count">{counts[f]}</span>
            </button>
          ))}
        </div>
        {items === null && loading && <Spinner />}
        {items && shown.length === 0 && <p className="muted" data-testid="worklist-empty">{t(all.length === 0 ? 'worklist.empty' : 'worklist.emptyFilter')}</p>}
        <div className="table-wrap">
          <table className="table table-cards worklist-table" data-testid="worklist" data-count={shown.length}>
            {shown.length > 0 && (
              <TableHead columns={[t('worklist.asset'), t('asset.method'), t('asset.valStatus'), t('worklist.due'), { label: t('worklist.objections'), num: true }, { label: t('val.details'), hidden: true }]} />
            )}
            <tbody>
              {shown.map((i) => {
                const windowClosed = i.status === 'objection_window' && !!i.objectionWindowEndsAt && Date.parse(i.objectionWindowEndsAt) < now;
                return (
                  <tr key={i.valuationId} data-testid="worklist-row" data-status={i.status} data-overdue={i.overdue ? 'true' : 'false'} className={i.overdue ? 'row-overdue' : undefined}>
                    <td data-label={t('worklist.asset')}>
                      <Link to={`/court/cases/${i.caseId}#asset-${i.assetId}-card`}>{inLanguage(i.assetTitle, i.assetTitleEn, lang).text}</Link>
                      <span className="block small muted">{i.caseNumber} · {i.court}</span>
                    </td>
                    <td data-label={t('asset.method')}>{methodLabel(t, i.method)}</td>
                    <td data-label={t('asset.valStatus')}>
                      <span className={`pill pill-${i.status}`}>{valuationStatusLabel(t, { method: i.method, status: i.status, details: {} })}</span>
                      {i.overdue && <span className="block small hint-error">{t('val.overdue')}</span>}
                    </td>
                    <td data-label={t('worklist.due')} className="small">
                      {i.status === 'objection_window'
                        ? (i.objectionWindowEndsAt ? <>{t(windowClosed ? 'worklist.windowEnded' : 'worklist.windowEnds')}<span className="block nowrap">{formatDateTime(i.objectionWindowEndsAt)}</span></> : '—')
                        : (i.deadlineAt ? <>{t(i.method === 'appraisal' ? 'worklist.reportDue' : 'worklist.quotesDue')}<span className={`block nowrap${i.overdue ? ' hint-error' : ''}`}>{formatDateTime(i.deadlineAt)}</span></> : '—')}
                    </td>
                    <td data-label={t('worklist.objections')} className="num">
                      {i.pendingObjections > 0 ? <span className="pill pill-failed" data-testid="worklist-objections">{t('worklist.toResolve', { n: i.pendingObjections })}</span> : <span className="muted">0</span>}
                    </td>
                    <td data-label="">
                      <Link to={`/court/valuations/${i.valuationId}`} className="btn btn-light btn-small nowrap" data-testid="valuation-link">{t('val.open')}</Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {duties.length > 0 && (
          <section aria-labelledby="late-duties" data-testid="late-duties">
            <h3 id="late-duties">{t('worklist.duties')}</h3>
            <ul>
              {duties.map((d) => (
                <li key={`${d.rule}-${d.assetId}`} data-testid="late-duty" data-rule={d.rule}>
                  <Link to={`/court/cases/${d.caseId}#asset-${d.assetId}-card`}>{inLanguage(d.assetTitle, d.assetTitleEn, lang).text}</Link>
                  <span className="small muted"> · {d.caseNumber}</span>
                  <span className="block small hint-error">{t(d.rule === 'B1' ? 'worklist.dutyB1' : 'worklist.dutyB30', { due: formatDateTime(d.dueBy) })}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </section>
    </div>
  );
}
