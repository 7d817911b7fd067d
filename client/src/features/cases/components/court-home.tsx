import { Link } from 'react-router';
import { errorText } from '../../../error-text';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { RefreshButton } from '../../../ui/refresh-button';
import { Money } from '../../../ui/money';
import { Spinner } from '../../../ui/spinner';
import { useCourtLots } from '../../auctions/control-api';
import { CourtLotsTable } from '../../auctions/components/court-lots-table';
import { useCases } from '../api';
import { NewCaseForm } from './new-case-form';

/** Court staff's start: the cases, a new case, and every lot with its next step. */
export function CourtHome() {
  const { t, lang } = useI18n();
  const cases = useCases();
  const lots = useCourtLots();
  const loading = cases.isFetching || lots.isFetching;
  const reload = () => { void cases.refetch(); void lots.refetch(); };
  const error = cases.error ?? lots.error;
  return (
    <div className="container">
      <div className="page-head">
        <h1>{t('court.title')}</h1>
        <div className="btn-row">
          <Link to="/court/worklist" className="btn btn-light btn-small">{t('worklist.title')}</Link>
          <RefreshButton refreshing={loading} onClick={reload} />
        </div>
      </div>
      {error !== null && <Alert tone="error" action={<button type="button" className="btn btn-light btn-small" onClick={reload}>{t('common.retry')}</button>}>{errorText(error, t, lang)}</Alert>}
      <div className="grid-court">
        <section className="card" aria-labelledby="cases-title">
          <h2 id="cases-title">{t('court.cases')}</h2>
          {!cases.data && cases.isFetching && <Spinner />}
          {cases.data && cases.data.length === 0 && <p className="muted">{t('court.noCases')}</p>}
          {cases.data && cases.data.length > 0 && (
            <ul className="case-list">
              {cases.data.map((c) => (
                <li key={c.id}>
                  <Link to={`/court/cases/${c.id}`} className="case-link">
                    <span className="case-number">{c.caseNumber}</span>
                    <span className="small muted">{c.court}</span>
                    <span className="small">{t('court.parties', { applicant: c.applicant, respondent: c.respondent })}</span>
                    <span className="small muted">{t('court.claim')}: <Money value={c.claimAmount} /> · {t('court.assetCount', { n: c.assetCount ?? 0 })}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
        <NewCaseForm />
      </div>
      <CourtLotsTable lots={lots.data ?? null} loading={lots.isFetching} />
    </div>
  );
}
