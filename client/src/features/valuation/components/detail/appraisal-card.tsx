import { z } from 'zod';
import { appraisalReportBody } from '../../../../../../shared/api';
import { formatYuan } from '../../../../../../shared/money';
import { APPRAISAL_EXTENSION_DAYS, APPRAISAL_MAX_EXTENSIONS, OBJECTION_DAYS } from '../../../../../../shared/valuation-rules';
import { formatDateTime } from '../../../../format';
import { useI18n } from '../../../../i18n';
import { Alert } from '../../../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../../../ui/form';
import type { ValuationDetailView } from '../../../court/types';
import { extendAppraisal, recordAppraisalReport, useValuationChanged } from '../../api';
import { MoneyInput, typedMoney } from '../../../../ui/money-input';

export function AppraisalCard({ v }: { v: ValuationDetailView }) {
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
          <ReportForm v={v} />
          <ExtendForm v={v} />
        </div>
      )}
    </section>
  );
}

const extendForm = z.strictObject({ reason: z.string().trim().min(3).max(2000) });

function ExtendForm({ v }: { v: ValuationDetailView }) {
  const { t } = useI18n();
  const changed = useValuationChanged();
  const form = useZodForm(extendForm, { reason: '' });
  const extend = useApiMutation(({ reason }: z.output<typeof extendForm>) => extendAppraisal(v.id, reason), {
    onSuccess: (next) => { changed(next); form.reset(); },
  });
  const used = v.extensionCount ?? 0;
  const exhausted = used >= APPRAISAL_MAX_EXTENSIONS;
  return (
    <form className="form sub-form" onSubmit={form.handleSubmit((b) => extend.mutate(b))} noValidate aria-labelledby={`extend-${v.id}`}>
      <h3 id={`extend-${v.id}`}>{t('vd.extendTitle')}</h3>
      <p className="small muted">{t('vd.extendHint', { used, max: APPRAISAL_MAX_EXTENSIONS, days: APPRAISAL_EXTENSION_DAYS })}</p>
      <Field form={form} name="reason" id={`extend-reason-${v.id}`} label={t('vd.reason')}>
        {(p) => <textarea {...p} rows={2} maxLength={2000} disabled={exhausted} />}
      </Field>
      {extend.errorMessage && <Alert tone="error">{extend.errorMessage}</Alert>}
      <SubmitButton form={form} required={{ reason: t('vd.reason') }} pending={extend.isPending} blocked={exhausted} className="btn btn-light" testId="appraisal-extend" pendingLabel={t('common.saving')}>
        {t('vd.extend')}
      </SubmitButton>
    </form>
  );
}

const reportForm = appraisalReportBody.extend({ amount: typedMoney });

function ReportForm({ v }: { v: ValuationDetailView }) {
  const { t } = useI18n();
  const changed = useValuationChanged();
  const agencies = v.details?.agencies ?? [];
  const form = useZodForm(reportForm, { agency: v.details?.commissioned ?? agencies[0] ?? '', reportRef: '', amount: '' });
  const record = useApiMutation((body: z.output<typeof reportForm>) => recordAppraisalReport(v.id, body), { onSuccess: (next) => changed(next) });
  const labels = { agency: t('vd.agency'), reportRef: t('vd.reportRef'), amount: t('vd.appraisedAmount') };
  return (
    <form className="form sub-form" onSubmit={form.handleSubmit((b) => record.mutate(b))} noValidate aria-labelledby={`report-${v.id}`}>
      <h3 id={`report-${v.id}`}>{t('vd.reportTitle')}</h3>
      <p className="small muted">{t('vd.reportHint', { days: OBJECTION_DAYS })}</p>
      <Field form={form} name="agency" id={`report-agency-${v.id}`} label={labels.agency}>
        {(p) => <select {...p}>{agencies.map((a) => <option key={a} value={a}>{a}</option>)}</select>}
      </Field>
      <Field form={form} name="reportRef" id={`report-ref-${v.id}`} label={labels.reportRef}>{(p) => <input {...p} maxLength={200} />}</Field>
      <MoneyInput form={form} name="amount" id={`report-amount-${v.id}`} label={labels.amount} />
      {record.errorMessage && <Alert tone="error">{record.errorMessage}</Alert>}
      <SubmitButton form={form} required={labels} pending={record.isPending} testId="appraisal-report-submit" pendingLabel={t('common.saving')}>{t('vd.recordReport')}</SubmitButton>
    </form>
  );
}
