import { Link } from 'react-router';
import { LOT_STATUSES, type LotStatus } from '../../../../../shared/api';
import { errorText } from '../../../error-text';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { RefreshButton } from '../../../ui/refresh-button';
import { Money } from '../../../ui/money';
import { Spinner } from '../../../ui/spinner';
import { useDebouncedParam, useUrlFilters } from '../../../url-search';
import { useCourtLotPages } from '../../auctions/control-api';
import { CourtLotsTable } from '../../auctions/components/court-lots-table';
import { useCaseSearch } from '../api';
import { NewCaseForm } from './new-case-form';

/** What the address keeps of this page: the case search, the lots' status, and whether the new-case form is open. */
const KEYS = ['q', 'lotStatus', 'new'] as const;
const isLotStatus = (s: string): s is LotStatus => (LOT_STATUSES as readonly string[]).includes(s);

/**
 * Court staff's start: a new case from the top of the page, the cases found by case number or party and read
 * a page at a time, newest first, and the lots a page at a time, of one status if chosen, each with its next step.
 */
export function CourtHome() {
  const { t, lang } = useI18n();
  const { filters, setParam } = useUrlFilters(KEYS);
  const [text, setText] = useDebouncedParam(filters.q, (v) => setParam('q', v), 350);
  const lotStatus = isLotStatus(filters.lotStatus) ? filters.lotStatus : '';
  const creating = filters.new === '1';
  const cases = useCaseSearch(filters.q);
  const lots = useCourtLotPages(lotStatus);
  const caseList = cases.data?.pages.flatMap((p) => p.cases) ?? null;
  const lotList = lots.data?.pages.flatMap((p) => p.lots) ?? null;
  const loading = cases.isFetching || lots.isFetching;
  const reload = () => { void cases.refetch(); void lots.refetch(); };
  const error = cases.error ?? lots.error;
  return (
    <div className="container">
      <div className="page-head">
        <h1>{t('court.title')}</h1>
        <div className="btn-row">
          {!creating && (
            <button type="button" className="btn btn-primary btn-small" data-testid="new-case-open" onClick={() => setParam('new', '1')}>
              {t('court.newCaseAction')}
            </button>
          )}
          <Link to="/court/worklist" className="btn btn-light btn-small">{t('worklist.title')}</Link>
          <RefreshButton refreshing={loading} onClick={reload} />
        </div>
      </div>
      {error !== null && <Alert tone="error" action={<button type="button" className="btn btn-light btn-small" onClick={reload}>{t('common.retry')}</button>}>{errorText(error, t, lang)}</Alert>}
      {creating && <NewCaseForm onCancel={() => setParam('new', '')} />}
      <section className="card" aria-labelledby="cases-title">
        <h2 id="cases-title">{t('court.cases')}</h2>
        <form className="filters" role="search" aria-label={t('court.searchCases')} onSubmit={(e) => { e.preventDefault(); setParam('q', text.trim()); }}>
          <div className="field field-grow">
            <label htmlFor="case-search">{t('court.searchCases')}</label>
            <input id="case-search" data-testid="case-search" type="search" maxLength={200} value={text} placeholder={t('court.searchCasesPlaceholder')} onChange={(e) => setText(e.target.value)} />
          </div>
        </form>
        {caseList === null && cases.isFetching && <Spinner />}
        {caseList && caseList.length === 0 && !cases.isFetching && (
          filters.q
            ? <p className="muted" data-testid="case-empty">{t('court.noCasesFound', { q: filters.q })} <button type="button" className="btn btn-ghost btn-small" onClick={() => { setText(''); setParam('q', ''); }}>{t('court.clearSearch')}</button></p>
            : <p className="muted" data-testid="case-empty">{t('court.noCases')}</p>
        )}
        {caseList && caseList.length > 0 && (
          <ul className="case-list" data-testid="case-list" aria-busy={cases.isFetching}>
            {caseList.map((c) => (
              <li key={c.id}>
                <Link to={`/court/cases/${c.id}`} className="case-link" data-testid="case-link">
                  <span className="case-number">{c.caseNumber}</span>
                  <span className="small muted">{c.court}</span>
                  <span className="small">{t('court.parties', { applicant: c.applicant, respondent: c.respondent })}</span>
                  <span className="small muted">{t('court.claim')}: <Money value={c.claimAmount} /> · {t('court.assetCount', { n: c.assetCount ?? 0 })}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {cases.hasNextPage && (
          <div className="list-more">
            <button type="button" className="btn btn-light" data-testid="case-more" disabled={cases.isFetchingNextPage} onClick={() => void cases.fetchNextPage()}>
              {cases.isFetchingNextPage ? t('common.loading') : t('court.moreCases')}
            </button>
          </div>
        )}
      </section>
      <CourtLotsTable
        lots={lotList}
        loading={lots.isFetching}
        filtered={lotStatus !== ''}
        filters={(
          <div className="filters">
            <div className="field">
              <label htmlFor="court-lot-status">{t('court.lotStatusFilter')}</label>
              <select id="court-lot-status" data-testid="court-lot-status" value={lotStatus} onChange={(e) => setParam('lotStatus', e.target.value)}>
                <option value="">{t('court.allLotStatuses')}</option>
                {LOT_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
              </select>
            </div>
          </div>
        )}
        more={lots.hasNextPage && (
          <div className="list-more">
            <button type="button" className="btn btn-light" data-testid="court-lots-more" disabled={lots.isFetchingNextPage} onClick={() => void lots.fetchNextPage()}>
              {lots.isFetchingNextPage ? t('common.loading') : t('court.moreLots')}
            </button>
          </div>
        )}
      />
    </div>
  );
}
