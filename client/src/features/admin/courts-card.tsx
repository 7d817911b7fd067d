/** The courts cases name: add one, and keep its region, address and viewing phone (看样) current. */
import { useI18n } from '../../i18n';
import { Alert } from '../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../ui/form';
import { QueryCard } from '../../ui/query-card';
import { addCourt, courtEditForm, courtForm, registryKeys, updateCourt, useAdminCourts, type CourtEditInput } from './api';

type CourtRow = NonNullable<ReturnType<typeof useAdminCourts>['data']>[number];

function AddCourt() {
  const { t } = useI18n();
  const form = useZodForm(courtForm, { name: '', region: '', address: '', phone: '' });
  const add = useApiMutation(addCourt, { invalidate: [registryKeys.all, registryKeys.courtChoices], onSuccess: () => form.reset() });
  const labels = { name: t('admin.courtName') };
  return (
    <form className="form" onSubmit={form.handleSubmit((b) => add.mutate(b))} noValidate data-testid="add-court">
      <h3>{t('admin.addCourt')}</h3>
      <Field form={form} name="name" id="court-name" label={labels.name}>{(p) => <input {...p} maxLength={200} placeholder="杭州市上城区人民法院" />}</Field>
      <Field form={form} name="region" id="court-region" label={t('admin.courtRegion')} hint={t('admin.courtRegionHint')}>{(p) => <input {...p} maxLength={100} />}</Field>
      <Field form={form} name="address" id="court-address" label={t('admin.courtAddress')}>{(p) => <input {...p} maxLength={300} />}</Field>
      <Field form={form} name="phone" id="court-phone" label={t('admin.courtPhone')} invalid={t('admin.phoneInvalid')}>{(p) => <input {...p} type="tel" maxLength={40} />}</Field>
      {add.errorMessage && <Alert tone="error">{add.errorMessage}</Alert>}
      <SubmitButton form={form} required={labels} pending={add.isPending} pendingLabel={t('common.saving')} testId="add-court-submit">{t('admin.addCourt')}</SubmitButton>
    </form>
  );
}

function EditCourt({ c }: { c: CourtRow }) {
  const { t } = useI18n();
  const form = useZodForm(courtEditForm, { region: c.region, address: c.address, phone: c.phone });
  const save = useApiMutation((b: CourtEditInput) => updateCourt(c.id, b), { invalidate: [registryKeys.all, registryKeys.courtChoices] });
  return (
    <details className="admin-edit">
      <summary>{t('admin.change')}</summary>
      <form className="form" onSubmit={form.handleSubmit((b) => save.mutate(b))} noValidate>
        <Field form={form} name="region" id={`court-${c.id}-region`} label={t('admin.courtRegion')}>{(p) => <input {...p} maxLength={100} />}</Field>
        <Field form={form} name="address" id={`court-${c.id}-address`} label={t('admin.courtAddress')}>{(p) => <input {...p} maxLength={300} />}</Field>
        <Field form={form} name="phone" id={`court-${c.id}-phone`} label={t('admin.courtPhone')} invalid={t('admin.phoneInvalid')}>{(p) => <input {...p} type="tel" maxLength={40} />}</Field>
        {save.errorMessage && <Alert tone="error">{save.errorMessage}</Alert>}
        <SubmitButton form={form} required={{}} pending={save.isPending} pendingLabel={t('common.saving')} className="btn btn-primary btn-small">{t('admin.save')}</SubmitButton>
      </form>
    </details>
  );
}

export function CourtsCard() {
  const { t } = useI18n();
  const list = useAdminCourts();
  return (
    <QueryCard id="admin-courts" title={t('admin.courts')} query={list} testId="admin-courts">
      <p className="small muted">{t('admin.courtsIntro')}</p>
      <ul className="admin-list">
        {list.data?.map((c) => (
          <li key={`${c.id}-${c.updatedAt}`} data-testid="court" data-name={c.name}>
            <div><strong>{c.name}</strong>{c.region && <span className="small muted"> · {c.region}</span>}</div>
            {(c.address || c.phone) && <div className="small">{[c.address, c.phone && `${t('admin.courtPhone')}: ${c.phone}`].filter(Boolean).join(' · ')}</div>}
            <EditCourt c={c} />
          </li>
        ))}
      </ul>
      {list.data?.length === 0 && <p className="muted">{t('admin.noCourts')}</p>}
      <AddCourt />
    </QueryCard>
  );
}
