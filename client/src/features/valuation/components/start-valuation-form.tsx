import { useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { APPRAISAL_AGENCY_COUNT, TARGETED_PRICE_BASES } from '../../../../../shared/valuation-rules';
import { methodLabel, useI18n, type MessageKey } from '../../../i18n';
import { ruleText } from '../../../rule-text';
import { Alert } from '../../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../../ui/form';
import { MoneyInput } from '../../../ui/money-input';
import type { AssetView, ValuationView } from '../../court/types';
import { startValuation, useValuationChanged } from '../api';
import { checkStart, emptyStart, startForm, type StartFields } from '../start-form';
import { IN_PROGRESS, priceBasisLabel, START_METHODS, type StartMethod } from '../valuation-logic';

const hintKey = (m: StartMethod) => `valForm.hint.${m}` as MessageKey;

export function StartValuationForm({ asset, valuations, onCreated }: { asset: AssetView; valuations: ValuationView[]; onCreated(v: ValuationView): void }) {
  const { t } = useI18n();
  const mandatory = !!asset.appraisalMandatory;
  const changed = useValuationChanged();
  const form = useZodForm(startForm, emptyStart(mandatory ? 'appraisal' : 'negotiated'));
  const f = useWatch({ control: form.control }) as StartFields;
  // Pre-valuation is only for preserved property; a method chosen earlier may vanish when the flag is cleared.
  const chosen: StartMethod = f.method === 'pre_valuation' && !asset.preserved ? 'negotiated' : f.method;
  const check = checkStart({ ...f, method: chosen }, valuations, mandatory);
  const start = useApiMutation((body: z.output<typeof startForm>) => startValuation(asset.id, body), {
    onSuccess: (v) => { form.reset(emptyStart(chosen)); changed(null); onCreated(v); },
  });
  const inProgress = valuations.find((v) => IN_PROGRESS.has(v.status)) ?? null;
  const id = (k: string) => `val-${asset.id}-${k}`;
  // A choice that changes which fields count leaves no stale refusal on the ones now hidden.
  const choice = (name: 'method' | 'negOutcome' | 'preMode' | 'selection') => {
    const r = form.register(name);
    return { ...r, onChange: (e: { target: unknown }) => { form.clearErrors(); start.reset(); return r.onChange(e); } };
  };
  const onValid = (body: z.output<typeof startForm>) => {
    // An agreement to skip ahead is recorded only where the order asks for one.
    if (!check.needsSkip && 'skipAgreement' in body) delete body.skipAgreement;
    start.mutate(body);
  };

  const amountLabel = chosen === 'negotiated' ? t('valForm.agreedAmount') : chosen === 'targeted_inquiry' ? t('valForm.targetedAmount') : t('valForm.preAmount');
  const submitKey: MessageKey = chosen === 'network_inquiry' || (chosen === 'pre_valuation' && f.preMode === 'inquiry')
    ? 'valForm.submitInquiry'
    : chosen === 'appraisal' ? 'valForm.submitAppraisal' : chosen === 'negotiated' && f.negOutcome === 'none' ? 'valForm.submitNoAgreement' : 'valForm.submitRecord';
  const radios = (name: 'negOutcome' | 'preMode' | 'selection', legend: string, options: Array<[string, string]>) => (
    <fieldset className="choice">
      <legend>{legend}</legend>
      {options.map(([value, label]) => <label key={value} className="checkbox"><input type="radio" value={value} {...choice(name)} /> {label}</label>)}
    </fieldset>
  );

  return (
    <form className="form valuation-form" onSubmit={form.handleSubmit(onValid)} noValidate aria-labelledby={id('title')}>
      <h5 id={id('title')}>{t('valForm.title')}</h5>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={id('method')}>{t('asset.method')}</label>
          <select id={id('method')} data-testid="valuation-method" {...choice('method')} value={chosen} aria-describedby={id('method-hint')}>
            {START_METHODS.filter((m) => m !== 'pre_valuation' || asset.preserved).map((m, i) => (
              <option key={m} value={m} disabled={mandatory && m !== 'appraisal' && m !== 'pre_valuation'}>
                {m === 'pre_valuation' ? methodLabel(t, m) : `${i + 1}. ${methodLabel(t, m)}`}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p id={id('method-hint')} className="small muted method-hint">{t(hintKey(chosen))}</p>
      {check.mandatoryBlock && <Alert tone="warning">{ruleText(check.mandatoryBlock, t)}</Alert>}
      {inProgress && <p className="small hint-warn">{t('valForm.inProgressNote', { method: methodLabel(t, inProgress.method) })}</p>}

      {chosen === 'negotiated' && radios('negOutcome', t('valForm.negOutcome'), [['agreed', t('valForm.negAgreed')], ['none', t('valForm.negNone')]])}
      {chosen === 'targeted_inquiry' && (
        <div className="form-grid">
          <Field form={form} name="priceBasis" id={id('basis')} label={t('valForm.priceBasis')}>
            {(p) => <select {...p}>{TARGETED_PRICE_BASES.map((b) => <option key={b} value={b}>{priceBasisLabel(t, b)}</option>)}</select>}
          </Field>
          <Field form={form} name="bodyAsked" id={id('body')} label={t('valForm.bodyAsked')}>
            {(p) => <input {...p} maxLength={200} placeholder={t('valForm.bodyAskedPlaceholder')} />}
          </Field>
          <Field form={form} name="documentRef" id={id('docref')} label={t('valForm.documentRef')}>{(p) => <input {...p} maxLength={200} />}</Field>
        </div>
      )}
      {chosen === 'pre_valuation' && radios('preMode', t('valForm.preHow'), [['amount', t('valForm.preAmountChoice')], ['inquiry', t('valForm.preInquiryChoice')]])}
      {check.needsAmount && (
        <div className="form-grid">
          <MoneyInput form={form} name="amount" id={id('amount')} label={amountLabel} testId="valuation-amount" />
        </div>
      )}
      {(chosen === 'negotiated' || (chosen === 'pre_valuation' && f.preMode === 'amount')) && (
        <Field form={form} name="note" id={id('note')} label={chosen === 'negotiated' && f.negOutcome === 'none' ? t('valForm.noAgreementNote') : t('asset.note')}>
          {(p) => <input {...p} maxLength={2000} />}
        </Field>
      )}
      {chosen === 'appraisal' && (
        <>
          {radios('selection', t('valForm.selection'), [['agreed', t('valForm.selectionAgreed')], ['lot', t('valForm.selectionLot')]])}
          <Field
            form={form} name="agencies" id={id('agencies')} label={t(f.selection === 'agreed' ? 'valForm.agenciesAgreed' : 'valForm.agenciesLot')}
            hint={check.dupes ? t('valForm.agenciesDupes') : check.shortAgency ? t('valForm.agenciesShort') : t('valForm.agenciesCount', { n: check.agencies.length, min: APPRAISAL_AGENCY_COUNT })}
            invalid={t('valForm.agenciesCount', { n: check.agencies.length, min: APPRAISAL_AGENCY_COUNT })}
          >
            {(p) => <textarea {...p} rows={5} />}
          </Field>
          {f.selection === 'lot' && (
            <Field form={form} name="drawSeed" id={id('seed')} label={t('valForm.drawSeed')} hint={t('valForm.drawSeedHint')} invalid={t('valForm.drawSeedHint')}>
              {(p) => <input {...p} maxLength={64} />}
            </Field>
          )}
        </>
      )}
      {check.needsSkip && (
        <div className="skip-box" data-testid="valuation-order">
          <p className="small">{check.order.filter((v) => v.rule === 'METHOD_ORDER').map((v) => ruleText(v, t)).join(' ')}</p>
          <label className="checkbox">
            <input type="checkbox" data-testid="valuation-skip" {...form.register('skip')} />
            <span>{t('valForm.skip')}</span>
          </label>
          {f.skip && (
            <Field form={form} name="skipNote" id={id('skip-note')} label={t('valForm.skipNote')} hint={t('valForm.skipHint')}>
              {(p) => <textarea {...p} data-testid="valuation-skip-note" rows={2} maxLength={2000} placeholder={t('valForm.skipPlaceholder')} />}
            </Field>
          )}
        </div>
      )}
      {start.errorMessage && <Alert tone="error" title={t('valForm.refused')}>{start.errorMessage}</Alert>}
      <div className="btn-row">
        <SubmitButton form={form} required={{}} pending={start.isPending} blocked={check.blocked} testId="valuation-submit" pendingLabel={t('common.saving')}>{t(submitKey)}</SubmitButton>
        {check.blocked && !check.mandatoryBlock && <span className="small muted">{t(check.problems.includes('skip') ? 'valForm.needSkip' : 'valForm.completeFirst')}</span>}
      </div>
    </form>
  );
}
