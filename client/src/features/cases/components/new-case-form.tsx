import { useNavigate } from 'react-router';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../../ui/form';
import { useCourtChoices } from '../../admin/api';
import { caseForm, caseKeys, createCase } from '../api';

/** Registers a case and opens it; `onCancel` offers a way to close the form where it was opened in place. */
export function NewCaseForm({ onCancel }: { onCancel?: () => void } = {}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const form = useZodForm(caseForm, { caseNumber: '', court: '', applicant: '', respondent: '', claimAmount: '' });
  const courts = useCourtChoices();
  const create = useApiMutation(createCase, { invalidate: [caseKeys.all], onSuccess: (c) => navigate(`/court/cases/${c.id}`) });
  const labels = {
    caseNumber: t('court.caseNumber'), court: t('court.court'), applicant: t('court.applicant'),
    respondent: t('court.respondent'), claimAmount: t('court.claimAmount'),
  };
  return (
    <section className="card" id="new-case" aria-labelledby="new-case-title" data-testid="new-case-form">
      <div className="page-head">
        <h2 id="new-case-title">{t('court.newCase')}</h2>
        {onCancel && <button type="button" className="btn btn-light btn-small" data-testid="new-case-close" onClick={onCancel}>{t('common.close')}</button>}
      </div>
      <form className="form" onSubmit={form.handleSubmit((body) => create.mutate(body))} noValidate>
        <Field form={form} name="caseNumber" id="case-caseNumber" label={labels.caseNumber}>{(p) => <input {...p} placeholder="(2026)浙0106执1234号" autoFocus={onCancel !== undefined} />}</Field>
        {/* The registry's courts are offered; a court not yet listed is still accepted. */}
        <Field form={form} name="court" id="case-court" label={labels.court}>{(p) => <input {...p} list="case-court-choices" autoComplete="off" />}</Field>
        <datalist id="case-court-choices" data-testid="court-choices">{courts.data?.map((c) => <option key={c.id} value={c.name}>{c.region}</option>)}</datalist>
        <Field form={form} name="applicant" id="case-applicant" label={labels.applicant}>{(p) => <input {...p} />}</Field>
        <Field form={form} name="respondent" id="case-respondent" label={labels.respondent}>{(p) => <input {...p} />}</Field>
        <Field form={form} name="claimAmount" id="case-claimAmount" label={labels.claimAmount} invalid={t('court.moneyInvalid')}>
          {(p) => <input {...p} inputMode="decimal" placeholder="3200000.00" />}
        </Field>
        {create.errorMessage && <Alert tone="error">{create.errorMessage}</Alert>}
        <SubmitButton form={form} required={labels} pending={create.isPending} pendingLabel={t('common.saving')}>{t('court.createCase')}</SubmitButton>
      </form>
    </section>
  );
}
