/** One reference-price determination: its status, the platforms' quotes as they arrive, objections, the appraisal, and the way to the lot. */
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Decimal } from 'decimal.js';
import { formatYuan, isMoneyString } from '../../../shared/money';
import { FIRST_ROUND_MIN_STARTING_RATIO } from '../../../shared/rules';
import { APPRAISAL_EXTENSION_DAYS, APPRAISAL_MAX_EXTENSIONS, averageQuotes, OBJECTION_DAYS } from '../../../shared/valuation-rules';
import { api, ApiError } from '../api';
import { errorText } from '../error-text';
import { formatDateTime, formatTime } from '../format';
import { methodLabel, useI18n, type T } from '../i18n';
import type { AssetView, CaseWithAssets, ObjectionView, QuoteView, ValuationDetailView, ValuationView } from '../features/court/types';
import {
  currentReference, IN_PROGRESS, isInquiry, priceBasisLabel, quoteErrorLabel, quoteStatusLabel, saleDueBy, valuationStatusLabel,
} from '../features/court/valuation-logic';
import { serverNow, syncClock } from '../server-clock';
import { Alert } from '../ui/alert';
import { Money } from '../ui/money';
import { RequireRole } from '../ui/require-role';
import { PageLoading } from '../ui/spinner';

/** While quotes may still arrive or objections be filed, the page re-reads the determination this often. */
const LIVE_REFRESH_MS = 3000;
const SLOW_REFRESH_MS = 15_000;

export function CourtValuationPage() {
  const { id = '' } = useParams();
  return (
    <RequireRole roles={['court_staff']}>
      <CourtValuation key={id} id={id} />
    </RequireRole>
  );
}

function CourtValuation({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const [v, setV] = useState<ValuationDetailView | null>(null);
  const [asset, setAsset] = useState<AssetView | null>(null);
  const [caseNumber, setCaseNumber] = useState<string | null>(null);
  const [siblings, setSiblings] = useState<ValuationView[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [refreshedAt, setRefreshedAt] = useState<number | null>(null);
  const [liveError, setLiveError] = useState(false);
  const enc = encodeURIComponent(id);

  const load = useCallback(async () => {
    try {
      const detail = await api<ValuationDetailView>(`/valuations/${enc}`);
      setV(detail);
      setLoadError(null);
      setLiveError(false);
      setRefreshedAt(serverNow());
    } catch (err) {
      setLoadError(err);
      setLiveError(true);
    }
  }, [enc]);
  useEffect(() => {
    void load();
  }, [load]);

  // The asset and its case, once, for the way back and for the lot.
  const assetId = v?.assetId;
  useEffect(() => {
    if (!assetId) return;
    let live = true;
    api<AssetView>(`/assets/${encodeURIComponent(assetId)}`)
      .then(async (a) => {
        if (!live) return;
        setAsset(a);
        const c = await api<CaseWithAssets>(`/cases/${encodeURIComponent(a.caseId)}`);
        if (live) setCaseNumber(c.caseNumber);
      })
      .catch(() => undefined);
    return () => { live = false; };
  }, [assetId]);

  // The asset's other determinations: is this one the reference price a lot would use?
  const status = v?.status;
  useEffect(() => {
    if (!assetId || status !== 'effective') return;
    let live = true;
    api<{ valuations: ValuationView[] }>(`/assets/${encodeURIComponent(assetId)}/valuations`)
      .then(({ valuations }) => { if (live) setSiblings(valuations); })
      .catch(() => undefined);
    return () => { live = false; };
  }, [assetId, status]);

  // A status change is a good moment to re-read the server clock (deadlines are shown against it).
  useEffect(() => {
    if (status) void syncClock(1);
  }, [status]);

  // Live: quotes arrive, deadlines pass, the objection window closes. One request at a time. An appraisal
  // report is recorded by staff and takes weeks: a slower pace will do there.
  const moving = !!status && IN_PROGRESS.has(status);
  const pace = v && v.method === 'appraisal' && status === 'pending' ? SLOW_REFRESH_MS : LIVE_REFRESH_MS;
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    if (!moving) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const step = async () => {
      if (stopped) return;
      if (document.visibilityState === 'visible') await loadRef.current();
      if (!stopped) timer = setTimeout(step, pace);
    };
    timer = setTimeout(step, pace);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [moving, pace]);

  if (!v) {
    if (loadError !== null) {
      const notFound = loadError instanceof ApiError && loadError.status === 404;
      return (
        <div className="container narrow">
          <Alert tone="error" title={t('vd.loadFailed')} action={<button type="button" className="btn btn-light" onClick={() => void load()}>{t('common.retry')}</button>}>
            {errorText(loadError, t, lang)} {notFound && <Link to="/court/worklist">{t('worklist.title')}</Link>}
          </Alert>
        </div>
      );
    }
    return <PageLoading />;
  }

  const inquiry = isInquiry(v);
  const d = v.details ?? {};
  const onChanged = (next: ValuationDetailView | null) => {
    if (next) setV(next);
    void load();
  };

  return (
    <div className="container valuation-page">
      <nav className="breadcrumb" aria-label={t('nav.breadcrumb')}>
        <Link to="/court">{t('court.backToCases')}</Link>
        {asset && (
          <>
            <span aria-hidden="true"> › </span>
            <Link to={`/court/cases/${asset.caseId}#asset-${asset.id}-card`}>{caseNumber ?? t('vd.case')}</Link>
          </>
        )}
        <span aria-hidden="true"> › </span>
        <span aria-current="page">{t('vd.crumb')}</span>
      </nav>
      <header className="control-head">
        <div className="lot-head-tags">
          <span className={`pill pill-large pill-${v.status}`} data-testid="valuation-status" data-status={v.status}>{valuationStatusLabel(t, v)}</span>
          {v.method === 'pre_valuation' && inquiry && <span className="tag">{t('val.viaInquiry')}</span>}
        </div>
        <h1 className="lot-title">{methodLabel(t, v.method)}{asset ? <span className="muted"> · {asset.title}</span> : null}</h1>
        <p className="small muted live-line" aria-live="off">
          {moving ? (
            <>
              <span className={`live-dot${liveError ? ' live-dot-off' : ''}`} aria-hidden="true" />
              {liveError ? t('vd.liveError') : t('vd.live', { seconds: pace / 1000, at: refreshedAt ? formatTime(refreshedAt) : '—' })}
            </>
          ) : (
            <button type="button" className="btn btn-light btn-small" onClick={() => void load()}>{t('common.refresh')}</button>
          )}
        </p>
      </header>

      <StatusExplanation v={v} />

      <div className="valuation-layout">
        <div className="valuation-main">
          {inquiry && <QuotesCard v={v} />}
          {v.method === 'appraisal' && <AppraisalCard v={v} onChanged={onChanged} />}
          <ObjectionsCard v={v} onChanged={onChanged} />
        </div>
        <aside className="valuation-side">
          <FactsCard v={v} />
          {v.status === 'effective' && asset && <CreateLotCard v={v} asset={asset} siblings={siblings} />}
          {d.inquiryFee && (
            <section className="card">
              <h2>{t('vd.feeTitle')}</h2>
              <p className="small">{t('vd.fee', { winners: d.inquiryFee.winners.join(t('common.listSep')), share: d.inquiryFee.share, price: formatYuan(d.inquiryFee.finalPrice) })}</p>
            </section>
          )}
        </aside>
      </div>
    </div>
  );
}

/** Where the determination stands under the B rules, and what happens next. */
function StatusExplanation({ v }: { v: ValuationDetailView }) {
  const { t } = useI18n();
  const now = serverNow();
  const inquiry = isInquiry(v);
  const deadline = v.deadlineAt ? formatDateTime(v.deadlineAt) : '—';
  const overdue = !!v.deadlineAt && Date.parse(v.deadlineAt) < now;
  let tone: 'info' | 'success' | 'warning' | 'error' = 'info';
  let text: string;
  switch (v.status) {
    case 'pending':
      if (inquiry) text = t(overdue ? 'vd.explain.inquiryOverdue' : 'vd.explain.inquiryPending', { deadline });
      else text = t(overdue ? 'vd.explain.appraisalOverdue' : 'vd.explain.appraisalPending', { deadline, used: v.extensionCount ?? 0, max: APPRAISAL_MAX_EXTENSIONS });
      if (overdue) tone = 'warning';
      break;
    case 'extended':
      text = t('vd.explain.extended', { deadline });
      tone = 'warning';
      break;
    case 'objection_window': {
      const pending = v.objections.filter((o) => o.status === 'pending').length;
      const ends = v.objectionWindowEndsAt ? formatDateTime(v.objectionWindowEndsAt) : '—';
      const closed = !!v.objectionWindowEndsAt && Date.parse(v.objectionWindowEndsAt) < now;
      text = closed
        ? t(pending > 0 ? 'vd.explain.windowClosedPending' : 'vd.explain.windowClosed', { n: pending })
        : t('vd.explain.window', { sent: v.reportSentAt ? formatDateTime(v.reportSentAt) : '—', ends, days: OBJECTION_DAYS });
      if (pending > 0) tone = 'warning';
      break;
    }
    case 'effective':
      text = t('vd.explain.effective', { since: v.effectiveAt ? formatDateTime(v.effectiveAt) : '—', until: v.validUntil ? formatDateTime(v.validUntil) : '—', due: v.effectiveAt ? formatDateTime(saleDueBy(v.effectiveAt)) : '—' });
      tone = 'success';
      break;
    case 'expired':
      text = t('vd.explain.expired', { until: v.validUntil ? formatDateTime(v.validUntil) : '—' });
      tone = 'warning';
      break;
    default:
      text = v.details?.outcome === 'no_agreement' ? t('vd.explain.noAgreement') : t('vd.explain.failed', { reason: v.details?.failure ?? '—' });
      tone = v.details?.outcome === 'no_agreement' ? 'info' : 'error';
  }
  return <Alert tone={tone} testId="valuation-explanation">{text}</Alert>;
}

function FactsCard({ v }: { v: ValuationDetailView }) {
  const { t } = useI18n();
  const d = v.details ?? {};
  const row = (label: string, value: ReactNode) => <div key={label}><dt>{label}</dt><dd>{value}</dd></div>;
  const refLabel = isInquiry(v) ? t('vd.referenceAverage') : t('lot.referencePrice');
  return (
    <section className="card" aria-labelledby="vd-facts">
      <h2 id="vd-facts">{t('vd.factsTitle')}</h2>
      <dl className="kv-list control-facts">
        {row(refLabel, <Money value={v.referencePrice} testId="valuation-reference" />)}
        {row(t('vd.startedAt'), formatDateTime(v.createdAt))}
        {v.deadlineAt && row(v.method === 'appraisal' ? t('vd.reportDue') : t('vd.quotesDue'), formatDateTime(v.deadlineAt))}
        {(v.extensionCount ?? 0) > 0 && row(t('vd.extensions'), String(v.extensionCount))}
        {v.reportSentAt && row(t('vd.reportSent'), formatDateTime(v.reportSentAt))}
        {v.objectionWindowEndsAt && row(t('vd.objectionsUntil'), formatDateTime(v.objectionWindowEndsAt))}
        {v.effectiveAt && row(t('asset.effectiveAt'), formatDateTime(v.effectiveAt))}
        {v.validUntil && row(t('asset.validUntil'), formatDateTime(v.validUntil))}
        {v.method === 'targeted_inquiry' && row(t('valForm.priceBasis'), priceBasisLabel(t, d.priceBasis))}
        {d.bodyAsked && row(t('valForm.bodyAsked'), d.bodyAsked)}
        {d.documentRef && row(t('valForm.documentRef'), d.documentRef)}
        {d.skipAgreement && row(t('vd.skipAgreement'), <>{d.skipAgreement.note}<span className="block small muted">{formatDateTime(d.skipAgreement.recordedAt)}</span></>)}
        {d.note && row(t('asset.note'), d.note)}
        {d.failure && row(t('vd.failure'), d.failure)}
        {row(t('vd.objectionAllowed'), d.objectionAllowed ? t('vd.yes') : t('vd.noObjection'))}
      </dl>
    </section>
  );
}

/** Effective: the first auction's lot form, prefilled at 70% of this reference (A10), on the case page. */
function CreateLotCard({ v, asset, siblings }: { v: ValuationDetailView; asset: AssetView; siblings: ValuationView[] | null }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  if (!v.referencePrice) return null;
  const current = siblings ? currentReference(siblings, serverNow()) : null;
  if (siblings && current && current.id !== v.id) {
    return (
      <section className="card">
        <p className="small">{t('vd.newerReference', { price: formatYuan(current.referencePrice!), method: methodLabel(t, current.method) })} <Link to={`/court/valuations/${current.id}`}>{t('val.open')}</Link></p>
      </section>
    );
  }
  const minimum = new Decimal(v.referencePrice).mul(FIRST_ROUND_MIN_STARTING_RATIO).toDecimalPlaces(2, Decimal.ROUND_UP);
  const go = async () => {
    setBusy(true);
    // The lot form suggests dates from the server clock; read it fresh before the form opens.
    await syncClock(2);
    navigate(`/court/cases/${asset.caseId}?newLot=${encodeURIComponent(asset.id)}`);
  };
  return (
    <section className="card create-lot-card" aria-labelledby="vd-lot">
      <h2 id="vd-lot">{t('vd.lotTitle')}</h2>
      <p className="small">{t('vd.lotText', { minimum: formatYuan(minimum), reference: formatYuan(v.referencePrice), due: v.effectiveAt ? formatDateTime(saleDueBy(v.effectiveAt)) : '—' })}</p>
      <button type="button" className="btn btn-primary btn-block" data-testid="create-lot-at-70" onClick={() => void go()} disabled={busy}>
        {busy ? t('common.loading') : t('vd.createLot')}
      </button>
    </section>
  );
}

function QuotesCard({ v }: { v: ValuationDetailView }) {
  const { t } = useI18n();
  const counted = v.quotes.filter((q) => q.status === 'reported' && !q.excluded && q.price);
  const average = counted.length > 0 ? averageQuotes(counted.map((q) => q.price!)).toFixed(2) : null;
  const collecting = v.status === 'pending' || v.status === 'extended';
  const late = v.quotes.filter((q) => q.status === 'late').length;
  const excluded = v.quotes.filter((q) => q.excluded).length;
  return (
    <section className="card" aria-labelledby="vd-quotes">
      <h2 id="vd-quotes">{t('vd.quotesTitle')}</h2>
      <p className="small muted">{t('vd.quotesIntro')}</p>
      {v.quotes.length === 0 ? <p className="muted small">{t('vd.noQuotes')}</p> : (
        <div className="table-wrap">
          <table className="table table-cards quotes-table" data-testid="quotes">
            <thead>
              <tr>
                <th scope="col">{t('vd.platform')}</th>
                <th scope="col">{t('asset.valStatus')}</th>
                <th scope="col" className="num">{t('vd.price')}</th>
                <th scope="col">{t('vd.reportedAt')}</th>
                <th scope="col">{t('vd.corrections')}</th>
                <th scope="col">{t('vd.errors')}</th>
              </tr>
            </thead>
            <tbody>
              {v.quotes.map((q) => (
                <tr key={q.id} data-testid="quote-row" data-platform={q.platform} data-status={q.status} data-excluded={q.excluded ? 'true' : 'false'} className={q.excluded ? 'quote-excluded' : undefined}>
                  <td data-label={t('vd.platform')}><strong>{q.platform}</strong></td>
                  <td data-label={t('asset.valStatus')}>
                    <span className={`pill pill-quote-${q.status}`}>{quoteStatusLabel(t, q.status)}</span>
                    {q.excluded && <span className="block small hint-error" data-testid="quote-excluded">{t('vd.excluded')}</span>}
                    {!q.excluded && v.objections.some((o) => o.quoteId === q.id && o.status === 'pending') && <span className="block small hint-warn">{t('vd.underObjection')}</span>}
                    {q.status === 'requesting' && q.attempts > 0 && <span className="block small muted">{t('vd.attempts', { n: q.attempts })}</span>}
                  </td>
                  <td data-label={t('vd.price')} className="num">
                    {q.price ? <Money value={q.price} showWan={false} testId="quote-price" /> : '—'}
                    {q.reportUrl && <a className="block small" href={q.reportUrl} target="_blank" rel="noopener noreferrer">{t('vd.report')}</a>}
                  </td>
                  <td data-label={t('vd.reportedAt')} className="small">{q.reportedAt ? formatDateTime(q.reportedAt) : '—'}</td>
                  <td data-label={t('vd.corrections')} className="small">
                    {q.correctionCount > 0 ? <>{t('vd.correctionCount', { n: q.correctionCount })}{q.correctedAt && <span className="block muted">{formatDateTime(q.correctedAt)}</span>}</> : '—'}
                  </td>
                  <td data-label={t('vd.errors')} className="small"><QuoteErrors t={t} q={q} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="quote-average" data-testid="quote-average">
        {average
          ? <>{t(collecting ? 'vd.averageSoFar' : 'vd.average', { n: counted.length })} <Money value={average} /></>
          : <span className="muted">{t(collecting ? 'vd.averageWaiting' : 'vd.averageNone')}</span>}
      </p>
      {(late > 0 || excluded > 0) && <p className="small muted">{t('vd.notAveraged', { late, excluded })}</p>}
    </section>
  );
}

function QuoteErrors({ t, q }: { t: T; q: QuoteView }) {
  const errors = q.errors ?? [];
  if (errors.length === 0) return <>—</>;
  return (
    <details className="quote-errors" data-testid="quote-errors">
      <summary>{t('vd.errorCount', { n: errors.length })}</summary>
      <ul>
        {errors.slice().reverse().map((e, i) => (
          <li key={i}><span className="muted">{formatDateTime(e.at, false)}</span> <strong>{quoteErrorLabel(t, e.kind)}</strong>: <span className="mono">{e.detail}</span></li>
        ))}
      </ul>
    </details>
  );
}

function AppraisalCard({ v, onChanged }: { v: ValuationDetailView; onChanged(next: ValuationDetailView | null): void }) {
  const { t } = useI18n();
  const d = v.details ?? {};
  const agencies = d.agencies ?? [];
  const extensions = [d.extension1, d.extension2].filter((x): x is { reason: string; at: string } => !!x);
  return (
    <section className="card" aria-labelledby="vd-appraisal">
      <h2 id="vd-appraisal">{t('vd.appraisalTitle')}</h2>
      <p className="small">{d.selection === 'lot' ? t('vd.selectionLot', { seed: d.drawSeed ?? '—' }) : t('vd.selectionAgreed')}</p>
      <ol className="agency-list" data-testid="appraisal-agencies">
        {agencies.map((a) => (
          <li key={a}>{a}{a === d.commissioned && <span className="tag tag-flag">{t('vd.commissioned')}</span>}</li>
        ))}
      </ol>
      {d.selection === 'lot' && d.candidates && <p className="small muted">{t('vd.candidates', { list: d.candidates.join(t('common.listSep')) })}</p>}
      {extensions.length > 0 && (
        <ul className="plain-list small">
          {extensions.map((x, i) => <li key={i}>{t('vd.extensionLine', { n: i + 1, at: formatDateTime(x.at), reason: x.reason })}</li>)}
        </ul>
      )}
      {d.report && (
        <p className="small" data-testid="appraisal-report">
          {t('vd.reportLine', { agency: d.report.agency, ref: d.report.reportRef, amount: formatYuan(d.report.amount), at: formatDateTime(d.report.receivedAt) })}
          {d.report.late && <span className="block hint-error">{t('vd.reportLate')}</span>}
        </p>
      )}
      {v.status === 'pending' && (
        <div className="grid-2 appraisal-forms">
          <ReportForm v={v} onChanged={onChanged} />
          <ExtendForm v={v} onChanged={onChanged} />
        </div>
      )}
    </section>
  );
}

function ExtendForm({ v, onChanged }: { v: ValuationDetailView; onChanged(next: ValuationDetailView | null): void }) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const used = v.extensionCount ?? 0;
  const exhausted = used >= APPRAISAL_MAX_EXTENSIONS;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (reason.trim().length < 3 || exhausted) return;
    setBusy(true);
    setError(null);
    try {
      onChanged(await api<ValuationDetailView>(`/valuations/${encodeURIComponent(v.id)}/appraisal/extend`, { body: { reason: reason.trim() } }));
      setReason('');
    } catch (err) {
      setError(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form sub-form" onSubmit={onSubmit} noValidate aria-labelledby={`extend-${v.id}`}>
      <h3 id={`extend-${v.id}`}>{t('vd.extendTitle')}</h3>
      <p className="small muted">{t('vd.extendHint', { used, max: APPRAISAL_MAX_EXTENSIONS, days: APPRAISAL_EXTENSION_DAYS })}</p>
      <div className="field">
        <label htmlFor={`extend-reason-${v.id}`}>{t('vd.reason')}</label>
        <textarea id={`extend-reason-${v.id}`} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} disabled={exhausted} />
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <button type="submit" className="btn btn-light" data-testid="appraisal-extend" disabled={busy || exhausted || reason.trim().length < 3}>{busy ? t('common.saving') : t('vd.extend')}</button>
    </form>
  );
}

function ReportForm({ v, onChanged }: { v: ValuationDetailView; onChanged(next: ValuationDetailView | null): void }) {
  const { t, lang } = useI18n();
  const agencies = v.details?.agencies ?? [];
  const [agency, setAgency] = useState(v.details?.commissioned ?? agencies[0] ?? '');
  const [reportRef, setReportRef] = useState('');
  const [amount, setAmount] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const clean = amount.replace(/[¥,，\s]/g, '');
  const amountOk = isMoneyString(clean) && /[1-9]/.test(clean);
  const ok = agency.trim().length >= 2 && reportRef.trim().length >= 1 && amountOk;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      onChanged(await api<ValuationDetailView>(`/valuations/${encodeURIComponent(v.id)}/appraisal/report`, { body: { agency, reportRef: reportRef.trim(), amount: clean } }));
    } catch (err) {
      setError(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form sub-form" onSubmit={onSubmit} noValidate aria-labelledby={`report-${v.id}`}>
      <h3 id={`report-${v.id}`}>{t('vd.reportTitle')}</h3>
      <p className="small muted">{t('vd.reportHint', { days: OBJECTION_DAYS })}</p>
      <div className="field">
        <label htmlFor={`report-agency-${v.id}`}>{t('vd.agency')}</label>
        <select id={`report-agency-${v.id}`} value={agency} onChange={(e) => setAgency(e.target.value)}>
          {agencies.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`report-ref-${v.id}`}>{t('vd.reportRef')}</label>
        <input id={`report-ref-${v.id}`} value={reportRef} maxLength={200} onChange={(e) => setReportRef(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`report-amount-${v.id}`}>{t('vd.appraisedAmount')}</label>
        <div className="input-money">
          <span className="input-prefix" aria-hidden="true">¥</span>
          <input id={`report-amount-${v.id}`} inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} aria-invalid={amount !== '' && !amountOk} />
        </div>
        <span className={`hint${amount !== '' && !amountOk ? ' hint-error' : ''}`}>{amount === '' ? '' : amountOk ? formatYuan(clean) : t('court.moneyInvalid')}</span>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <button type="submit" className="btn btn-primary" data-testid="appraisal-report-submit" disabled={busy || !ok}>{busy ? t('common.saving') : t('vd.recordReport')}</button>
    </form>
  );
}

function ObjectionsCard({ v, onChanged }: { v: ValuationDetailView; onChanged(next: ValuationDetailView | null): void }) {
  const { t } = useI18n();
  const d = v.details ?? {};
  const now = serverNow();
  const open = v.status === 'objection_window' && !!v.objectionWindowEndsAt && Date.parse(v.objectionWindowEndsAt) >= now;
  const platformOf = (o: ObjectionView) => (o.quoteId ? v.quotes.find((q) => q.id === o.quoteId)?.platform ?? '—' : null);
  let closedText: string | null = null;
  if (!d.objectionAllowed) closedText = t('vd.objNotAllowed');
  else if (v.status === 'pending' || v.status === 'extended') closedText = t('vd.objNotYet', { days: OBJECTION_DAYS });
  else if (!open) closedText = t('vd.objClosed', { at: v.objectionWindowEndsAt ? formatDateTime(v.objectionWindowEndsAt) : '—' });
  return (
    <section className="card" aria-labelledby="vd-objections">
      <h2 id="vd-objections">{t('vd.objectionsTitle')}</h2>
      {v.objections.length === 0 ? <p className="small muted">{t('vd.noObjections')}</p> : (
        <ul className="objection-list" data-testid="objections">
          {v.objections.map((o) => (
            <li key={o.id} className={`objection objection-${o.status}`} data-testid="objection" data-status={o.status}>
              <div className="objection-head">
                <strong>{o.party}</strong>
                <span className={`pill pill-objection-${o.status}`}>{t(`objection.${o.status}`)}</span>
                <span className="small muted">{t('vd.filedAt', { at: formatDateTime(o.filedAt) })}</span>
              </div>
              <p className="small">{platformOf(o) ? t('vd.againstQuote', { platform: platformOf(o)! }) : t('vd.againstWhole')}</p>
              <p className="prewrap">{o.reason}</p>
              {o.resolution && <p className="small"><strong>{t('vd.resolution')}</strong> {o.resolution}{o.resolvedAt && <span className="muted"> · {formatDateTime(o.resolvedAt)}</span>}</p>}
              {o.status === 'pending' && <ResolveForm v={v} o={o} onChanged={onChanged} />}
            </li>
          ))}
        </ul>
      )}
      {closedText ? <p className="small muted">{closedText}</p> : <FileObjectionForm v={v} onChanged={onChanged} />}
    </section>
  );
}

function FileObjectionForm({ v, onChanged }: { v: ValuationDetailView; onChanged(next: ValuationDetailView | null): void }) {
  const { t, lang } = useI18n();
  const [party, setParty] = useState('');
  const [reason, setReason] = useState('');
  const [quoteId, setQuoteId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reportable = v.quotes.filter((q) => q.status === 'reported' || q.status === 'late');
  const ok = party.trim().length >= 1 && reason.trim().length >= 3;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/valuations/${encodeURIComponent(v.id)}/objections`, { body: { party: party.trim(), reason: reason.trim(), ...(quoteId ? { quoteId } : {}) } });
      setParty('');
      setReason('');
      setQuoteId('');
      onChanged(null);
    } catch (err) {
      setError(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form sub-form" onSubmit={onSubmit} noValidate aria-labelledby={`file-${v.id}`}>
      <h3 id={`file-${v.id}`}>{t('vd.fileTitle')}</h3>
      <p className="small muted">{t('vd.fileHint', { ends: v.objectionWindowEndsAt ? formatDateTime(v.objectionWindowEndsAt) : '—', days: OBJECTION_DAYS })}</p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`obj-party-${v.id}`}>{t('vd.party')}</label>
          <input id={`obj-party-${v.id}`} data-testid="objection-party" value={party} maxLength={200} onChange={(e) => setParty(e.target.value)} placeholder={t('vd.partyPlaceholder')} />
        </div>
        {reportable.length > 0 && (
          <div className="field">
            <label htmlFor={`obj-quote-${v.id}`}>{t('vd.against')}</label>
            <select id={`obj-quote-${v.id}`} data-testid="objection-quote" value={quoteId} onChange={(e) => setQuoteId(e.target.value)}>
              <option value="">{t('vd.againstWholeOption')}</option>
              {reportable.map((q) => <option key={q.id} value={q.id}>{q.platform}{q.price ? ` · ${formatYuan(q.price)}` : ''}</option>)}
            </select>
          </div>
        )}
      </div>
      <div className="field">
        <label htmlFor={`obj-reason-${v.id}`}>{t('vd.objReason')}</label>
        <textarea id={`obj-reason-${v.id}`} data-testid="objection-reason" rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={`obj-reason-hint-${v.id}`} />
        <span id={`obj-reason-hint-${v.id}`} className="hint">{t('vd.objReasonHint')}</span>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" data-testid="objection-submit" disabled={busy || !ok}>{busy ? t('common.saving') : t('vd.fileSubmit')}</button>
      </div>
    </form>
  );
}

function ResolveForm({ v, o, onChanged }: { v: ValuationDetailView; o: ObjectionView; onChanged(next: ValuationDetailView | null): void }) {
  const { t, lang } = useI18n();
  const [resolution, setResolution] = useState('');
  const [busy, setBusy] = useState<'sustained' | 'rejected' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ok = resolution.trim().length >= 3;
  const decide = async (decision: 'sustained' | 'rejected') => {
    if (!ok) return;
    setBusy(decision);
    setError(null);
    try {
      onChanged(await api<ValuationDetailView>(`/valuations/${encodeURIComponent(v.id)}/objections/${encodeURIComponent(o.id)}/resolve`, { body: { decision, resolution: resolution.trim() } }));
    } catch (err) {
      setError(errorText(err, t, lang));
    } finally {
      setBusy(null);
    }
  };
  const effect = o.quoteId ? t('vd.sustainQuote') : v.method === 'appraisal' ? t('vd.sustainAppraisal') : t('vd.sustainWhole');
  return (
    <form className="form resolve-form" onSubmit={(e) => { e.preventDefault(); }} noValidate aria-label={t('vd.resolveTitle', { party: o.party })}>
      <div className="field">
        <label htmlFor={`res-${o.id}`}>{t('vd.resolutionLabel')}</label>
        <textarea id={`res-${o.id}`} data-testid="objection-resolution" rows={2} maxLength={2000} value={resolution} onChange={(e) => setResolution(e.target.value)} aria-describedby={`res-hint-${o.id}`} />
        <span id={`res-hint-${o.id}`} className="hint">{effect}</span>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="btn-row">
        <button type="button" className="btn btn-danger btn-small" data-testid="objection-sustain" disabled={!ok || busy !== null} onClick={() => void decide('sustained')}>{busy === 'sustained' ? t('common.saving') : t('vd.sustain')}</button>
        <button type="button" className="btn btn-light btn-small" data-testid="objection-reject" disabled={!ok || busy !== null} onClick={() => void decide('rejected')}>{busy === 'rejected' ? t('common.saving') : t('vd.reject')}</button>
      </div>
    </form>
  );
}
