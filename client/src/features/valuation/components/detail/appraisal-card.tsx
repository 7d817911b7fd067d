import { useState, type FormEvent } from 'react';
import { formatYuan, isMoneyString } from '../../../../../../shared/money';
import { APPRAISAL_EXTENSION_DAYS, APPRAISAL_MAX_EXTENSIONS, OBJECTION_DAYS } from '../../../../../../shared/valuation-rules';
import { api } from '../../../../api';
import { errorText } from '../../../../error-text';
import { formatDateTime } from '../../../../format';
import { useI18n } from '../../../../i18n';
import { Alert } from '../../../../ui/alert';
import type { ValuationDetailView } from '../../../court/types';

export function AppraisalCard({ v, onChanged }: { v: ValuationDetailView; onChanged(next: ValuationDetailView | null): void }) {
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
