/** An asset's legal flags: preserved (litigation preservation, pre-valuation), appraisal required by law (B14), seizure date (B1). */
import type { FieldPath, UseFormReturn } from 'react-hook-form';
import { formatDate } from '../../../format';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../../ui/form';
import type { AssetView } from '../../court/types';
import { assetKeys, caseKeys, flagsForm, saveAssetFlags } from '../api';

export function AssetFlagTags({ asset }: { asset: AssetView }) {
  const { t } = useI18n();
  return (
    <>
      {asset.preserved && <span className="tag tag-flag" data-testid="asset-flag-preserved">{t('flags.preserved')}</span>}
      {asset.appraisalMandatory && <span className="tag tag-flag" data-testid="asset-flag-mandatory">{t('flags.mandatoryTag')}</span>}
      {asset.seizedAt && <span className="tag">{t('flags.seizedOn', { date: formatDate(asset.seizedAt) })}</span>}
    </>
  );
}

type FlagValues = { preserved?: boolean; appraisalMandatory?: boolean; seized: string };

/** The two flags and the seizure date, as the new-asset form and the flags form both ask them. */
export function FlagFields<V extends FlagValues, O>({ form, idPrefix, testIds }: {
  form: UseFormReturn<V, unknown, O>;
  idPrefix: string;
  testIds: { preserved: string; mandatory: string };
}) {
  const { t } = useI18n();
  const name = (n: keyof FlagValues) => n as FieldPath<V>;
  return (
    <>
      <label className="checkbox">
        <input type="checkbox" data-testid={testIds.preserved} {...form.register(name('preserved'))} />
        <span>{t('flags.preservedLabel')}<span className="block small muted">{t('flags.preservedHint')}</span></span>
      </label>
      <label className="checkbox">
        <input type="checkbox" data-testid={testIds.mandatory} {...form.register(name('appraisalMandatory'))} />
        <span>{t('flags.mandatoryLabel')}<span className="block small muted">{t('flags.mandatoryHint')}</span></span>
      </label>
      <Field form={form} name={name('seized')} id={`${idPrefix}-seized`} label={t('flags.seizedAt')} hint={t('flags.seizedHint')} invalid={t('court.dateInvalid')} className="field-date">
        {(p) => <input {...p} type="date" />}
      </Field>
    </>
  );
}

export function AssetFlagsForm({ asset, onSaved, onCancel }: { asset: AssetView; onSaved(): void; onCancel(): void }) {
  const { t } = useI18n();
  const form = useZodForm(flagsForm, { preserved: !!asset.preserved, appraisalMandatory: !!asset.appraisalMandatory, seized: asset.seizedAt ? formatDate(asset.seizedAt) : '' });
  const save = useApiMutation((body: Parameters<typeof saveAssetFlags>[1]) => saveAssetFlags(asset.id, body), {
    invalidate: [caseKeys.detail(asset.caseId), assetKeys.detail(asset.id)],
    onSuccess: onSaved,
  });
  return (
    <form className="form flags-form" onSubmit={form.handleSubmit((b) => save.mutate(b))} noValidate aria-label={t('flags.formLabel')}>
      <FlagFields form={form} idPrefix={`flags-${asset.id}`} testIds={{ preserved: 'asset-flags-preserved', mandatory: 'asset-flags-mandatory' }} />
      {save.errorMessage && <Alert tone="error">{save.errorMessage}</Alert>}
      <div className="btn-row">
        <SubmitButton form={form} required={{}} pending={save.isPending} className="btn btn-primary btn-small" testId="asset-flags-save" pendingLabel={t('common.saving')}>{t('flags.save')}</SubmitButton>
        <button type="button" className="btn btn-light btn-small" onClick={onCancel}>{t('common.cancel')}</button>
      </div>
    </form>
  );
}
