import { ASSET_KINDS } from '../../../../../shared/api';
import { kindLabel, useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../../ui/form';
import { assetForm, caseKeys, createAsset } from '../api';
import { FlagFields } from './asset-flags';

/** No default kind: it sets the announcement period (A12: 15 days movable, 30 immovable), so the clerk chooses it. */
const EMPTY = { title: '', kind: undefined, description: '', preserved: false, appraisalMandatory: false, seized: '' } as const;

export function NewAssetForm({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const form = useZodForm(assetForm, EMPTY);
  const create = useApiMutation((body: Parameters<typeof createAsset>[1]) => createAsset(caseId, body), {
    invalidate: [caseKeys.detail(caseId)],
    onSuccess: () => form.reset({ ...EMPTY, kind: '' as never }),
  });
  return (
    <section className="card" aria-labelledby="new-asset-title">
      <h2 id="new-asset-title">{t('court.newAsset')}</h2>
      <form className="form" onSubmit={form.handleSubmit((b) => create.mutate(b))} noValidate>
        <div className="form-grid">
          <Field form={form} name="title" id="asset-title" label={t('court.assetTitle')} wide>{(p) => <input {...p} maxLength={200} />}</Field>
          <Field form={form} name="kind" id="asset-kind" label={t('list.kind')} hint={t('assetKind.hint')}>
            {(p) => (
              <select {...p} required data-testid="asset-kind-choice">
                <option value="">{t('assetKind.choose')}</option>
                {ASSET_KINDS.map((k) => <option key={k} value={k}>{kindLabel(t, k)}</option>)}
              </select>
            )}
          </Field>
        </div>
        <Field form={form} name="description" id="asset-description" label={t('court.assetDescription')} hint={t('court.assetDescriptionHint')}>
          {(p) => <textarea {...p} rows={4} maxLength={20000} />}
        </Field>
        <FlagFields form={form} idPrefix="asset" testIds={{ preserved: 'asset-preserved', mandatory: 'asset-appraisal-mandatory' }} />
        {create.errorMessage && <Alert tone="error">{create.errorMessage}</Alert>}
        <SubmitButton form={form} required={{ title: t('court.assetTitle'), kind: t('list.kind') }} pending={create.isPending} pendingLabel={t('common.saving')}>{t('court.addAsset')}</SubmitButton>
      </form>
    </section>
  );
}
