/** The inquiry platforms a network inquiry asks: add one, change its address or fee, stop or resume asking it. */
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { Alert } from '../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../ui/form';
import { Money } from '../../ui/money';
import { QueryCard } from '../../ui/query-card';
import { addPlatform, platformEditForm, platformForm, registryKeys, setPlatformActive, updatePlatform, useInquiryPlatforms } from './api';

type PlatformRow = NonNullable<ReturnType<typeof useInquiryPlatforms>['data']>[number];

function AddPlatform() {
  const { t } = useI18n();
  const form = useZodForm(platformForm, { name: '', url: '', fee: '', reason: '' });
  const add = useApiMutation(addPlatform, { invalidate: [registryKeys.all], onSuccess: () => form.reset() });
  const labels = { name: t('admin.platformName'), url: t('admin.platformUrl'), fee: t('admin.platformFee') };
  return (
    <form className="form" onSubmit={form.handleSubmit((b) => add.mutate(b))} noValidate data-testid="add-platform">
      <h3>{t('admin.addPlatform')}</h3>
      <Field form={form} name="name" id="platform-name" label={labels.name}>{(p) => <input {...p} maxLength={100} />}</Field>
      <Field form={form} name="url" id="platform-url" label={labels.url} invalid={t('admin.urlInvalid')}>{(p) => <input {...p} type="url" inputMode="url" placeholder="https://" />}</Field>
      <Field form={form} name="fee" id="platform-fee" label={labels.fee} hint={t('admin.feeHint')} invalid={t('admin.feeInvalid')}>{(p) => <input {...p} inputMode="decimal" placeholder="800.00" />}</Field>
      <Field form={form} name="reason" id="platform-reason" label={t('admin.reasonOptional')} invalid={t('admin.reasonShort')}>{(p) => <input {...p} maxLength={500} />}</Field>
      {add.errorMessage && <Alert tone="error">{add.errorMessage}</Alert>}
      <SubmitButton form={form} required={labels} pending={add.isPending} pendingLabel={t('common.saving')} testId="add-platform-submit">{t('admin.addPlatform')}</SubmitButton>
    </form>
  );
}

function EditPlatform({ p }: { p: PlatformRow }) {
  const { t } = useI18n();
  const form = useZodForm(platformEditForm, { url: p.url, fee: p.fee ?? '0.00', reason: '' });
  const save = useApiMutation((b: Parameters<typeof updatePlatform>[1]) => updatePlatform(p.id, b), { invalidate: [registryKeys.all] });
  const [why, setWhy] = useState('');
  const toggle = useApiMutation(() => setPlatformActive(p.id, !p.active, why.trim()), { invalidate: [registryKeys.all], onSuccess: () => setWhy('') });
  const labels = { url: t('admin.platformUrl'), fee: t('admin.platformFee') };
  const whyId = `platform-${p.id}-why`;
  return (
    <details className="admin-edit">
      <summary>{t('admin.change')}</summary>
      <form className="form" onSubmit={form.handleSubmit((b) => save.mutate(b))} noValidate>
        <Field form={form} name="url" id={`platform-${p.id}-url`} label={labels.url} invalid={t('admin.urlInvalid')}>{(c) => <input {...c} type="url" inputMode="url" />}</Field>
        <Field form={form} name="fee" id={`platform-${p.id}-fee`} label={labels.fee} invalid={t('admin.feeInvalid')}>{(c) => <input {...c} inputMode="decimal" />}</Field>
        <Field form={form} name="reason" id={`platform-${p.id}-reason`} label={t('admin.reasonOptional')} invalid={t('admin.reasonShort')}>{(c) => <input {...c} maxLength={500} />}</Field>
        {save.errorMessage && <Alert tone="error">{save.errorMessage}</Alert>}
        <SubmitButton form={form} required={labels} pending={save.isPending} pendingLabel={t('common.saving')} className="btn btn-primary btn-small">{t('admin.save')}</SubmitButton>
      </form>
      <form className="form" onSubmit={(e) => { e.preventDefault(); toggle.mutate(undefined); }}>
        <label htmlFor={whyId}>{p.active ? t('admin.whyDeactivate') : t('admin.whyReactivate')}</label>
        <input id={whyId} value={why} onChange={(e) => setWhy(e.target.value)} maxLength={500} aria-describedby={`${whyId}-hint`} />
        <span id={`${whyId}-hint`} className="hint">{t('admin.reasonNeeded')}</span>
        {toggle.errorMessage && <Alert tone="error">{toggle.errorMessage}</Alert>}
        <button type="submit" className="btn btn-light btn-small" disabled={why.trim().length < 2 || toggle.isPending}>
          {p.active ? t('admin.deactivate') : t('admin.reactivate')}
        </button>
      </form>
    </details>
  );
}

export function InquiryPlatformsCard() {
  const { t } = useI18n();
  const list = useInquiryPlatforms();
  return (
    <QueryCard id="admin-platforms" title={t('admin.platforms')} query={list} testId="admin-platforms">
      <p className="small muted">{t('admin.platformsIntro')}</p>
      <ul className="admin-list">
        {list.data?.map((p) => (
          <li key={`${p.id}-${p.updatedAt}`} data-testid="inquiry-platform" data-name={p.name}>
            <div>
              <strong>{p.name}</strong>{' '}
              <span className={`pill${p.active ? ' pill-effective' : ''}`}>{p.active ? t('admin.active') : t('admin.inactive')}</span>
              {p.fromSetting && <span className="small muted"> {t('admin.fromSetting')}</span>}
            </div>
            <div className="small" style={{ overflowWrap: 'anywhere' }}>{p.url}</div>
            <div className="small">{t('admin.platformFee')}: {p.fee === null ? t('admin.noFee') : <Money value={p.fee} showWan={false} />}</div>
            <EditPlatform p={p} />
          </li>
        ))}
      </ul>
      {list.data?.length === 0 && <p className="muted">{t('admin.noPlatforms')}</p>}
      <AddPlatform />
    </QueryCard>
  );
}
