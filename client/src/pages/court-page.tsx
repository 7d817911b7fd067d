import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { LotView } from '../../../shared/api';
import { isMoneyString } from '../../../shared/money';
import { api } from '../api';
import { errorText } from '../error-text';
import { formatDateTime } from '../format';
import { roundLabel, useI18n } from '../i18n';
import { PublishButton } from '../features/auctions/components/publish-button';
import type { CaseView } from '../features/court/types';
import { Alert } from '../ui/alert';
import { Money } from '../ui/money';
import { RequireRole } from '../ui/require-role';
import { Spinner } from '../ui/spinner';
import { StatusBadge } from '../ui/status-badge';

export function CourtPage() {
  return (
    <RequireRole roles={['court_staff']}>
      <Court />
    </RequireRole>
  );
}

function Court() {
  const { t, lang } = useI18n();
  const [cases, setCases] = useState<CaseView[] | null>(null);
  const [lots, setLots] = useState<LotView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const [c, l] = await Promise.all([
        api<{ cases: CaseView[] }>('/cases'),
        api<{ lots: LotView[] }>('/lots?limit=200'),
      ]);
      setCases(c.cases);
      setLots(l.lots);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="container">
      <div className="page-head">
        <h1>{t('court.title')}</h1>
        <div className="btn-row">
          <Link to="/court/worklist" className="btn btn-light btn-small">{t('worklist.title')}</Link>
          <button type="button" className="btn btn-light btn-small" onClick={() => void load()} disabled={loading}>
            {loading ? t('common.refreshing') : t('common.refresh')}
          </button>
        </div>
      </div>
      {error !== null && <Alert tone="error" action={<button type="button" className="btn btn-light btn-small" onClick={() => void load()}>{t('common.retry')}</button>}>{errorText(error, t, lang)}</Alert>}
      <div className="grid-court">
        <section className="card" aria-labelledby="cases-title">
          <h2 id="cases-title">{t('court.cases')}</h2>
          {cases === null && loading && <Spinner />}
          {cases && cases.length === 0 && <p className="muted">{t('court.noCases')}</p>}
          {cases && cases.length > 0 && (
            <ul className="case-list">
              {cases.map((c) => (
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
      <section className="card" aria-labelledby="all-lots-title">
        <h2 id="all-lots-title">{t('court.allLots')}</h2>
        {lots === null && loading && <Spinner />}
        {lots && lots.length === 0 && <p className="muted">{t('court.noLots')}</p>}
        {lots && lots.length > 0 && (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('court.lot')}</th>
                  <th scope="col">{t('list.status')}</th>
                  <th scope="col" className="num">{t('lot.startingPrice')}</th>
                  <th scope="col" className="num">{t('lot.currentPrice')}</th>
                  <th scope="col">{t('lot.period')}</th>
                  <th scope="col">{t('court.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {lots.map((l) => (
                  <tr key={l.id}>
                    <td>
                      <Link to={`/court/lots/${l.id}`} data-testid="lot-control-link">{l.title}</Link>
                      <span className="block small muted">{l.caseNumber} · {roundLabel(t, l.round)}</span>
                    </td>
                    <td><StatusBadge status={l.status} /></td>
                    <td className="num"><Money value={l.startingPrice} showWan={false} /></td>
                    <td className="num">{l.status === 'sold' ? <Money value={l.finalPrice} showWan={false} /> : l.bidCount > 0 ? <Money value={l.currentPrice} showWan={false} /> : '—'}</td>
                    <td className="small">{formatDateTime(l.startsAt, false)} –<br />{formatDateTime(l.endsAt)}</td>
                    <td>
                      <div className="table-actions">
                        <Link to={`/court/lots/${l.id}`} className="btn btn-light btn-small nowrap">{t('court.manage')}</Link>
                        {l.status === 'draft' && <PublishButton lotId={l.id} onPublished={() => void load()} />}
                        {l.status === 'suspended' && l.resumeBy && <span className="small hint-error nowrap">{t('court.resumeBy', { at: formatDateTime(l.resumeBy) })}</span>}
                        {l.status === 'sold' && !l.balancePaidAt && l.balanceDueAt && <span className="small muted nowrap">{t('court.balanceDueBy', { at: formatDateTime(l.balanceDueAt, false) })}</span>}
                        <Link to={`/court/cases/${l.caseId}`} className="small nowrap">{t('court.openCase')}</Link>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function NewCaseForm() {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [f, setF] = useState({ caseNumber: '', court: '', applicant: '', respondent: '', claimAmount: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const claim = f.claimAmount.replace(/[¥,，\s]/g, '');
  const claimOk = isMoneyString(claim) && /[1-9]/.test(claim);
  const complete = f.caseNumber.trim() && f.court.trim() && f.applicant.trim() && f.respondent.trim() && claimOk;
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF((x) => ({ ...x, [k]: e.target.value }));
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!complete) return;
    setBusy(true);
    setError(null);
    try {
      const c = await api<CaseView>('/cases', { body: { ...f, claimAmount: claim } });
      navigate(`/court/cases/${c.id}`);
    } catch (err) {
      setError(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  const field = (k: keyof typeof f, label: string, extra: { placeholder?: string; inputMode?: 'decimal' } = {}) => (
    <div className="field">
      <label htmlFor={`case-${k}`}>{label}</label>
      <input id={`case-${k}`} value={f[k]} onChange={set(k)} {...extra} />
    </div>
  );
  return (
    <section className="card" aria-labelledby="new-case-title">
      <h2 id="new-case-title">{t('court.newCase')}</h2>
      <form className="form" onSubmit={onSubmit} noValidate>
        {field('caseNumber', t('court.caseNumber'), { placeholder: '(2026)浙0106执1234号' })}
        {field('court', t('court.court'))}
        {field('applicant', t('court.applicant'))}
        {field('respondent', t('court.respondent'))}
        {field('claimAmount', t('court.claimAmount'), { inputMode: 'decimal', placeholder: '3200000.00' })}
        {f.claimAmount !== '' && !claimOk && <span className="hint hint-error">{t('court.moneyInvalid')}</span>}
        {error && <Alert tone="error">{error}</Alert>}
        <button type="submit" className="btn btn-primary" disabled={busy || !complete}>{busy ? t('common.saving') : t('court.createCase')}</button>
      </form>
    </section>
  );
}
