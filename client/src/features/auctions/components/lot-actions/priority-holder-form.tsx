import { useState } from 'react';
import { z } from 'zod';
import type { LotView } from '../../../../../../shared/api';
import { useI18n } from '../../../../i18n';
import { Alert } from '../../../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../../../ui/form';
import { addPriorityHolder } from '../../control-api';
import { ActionError } from './action-error';

interface AddedHolder { id: string; email: string; rank: number }

/** The shared priorityHolderBody by email; the rank is typed as text and sent as a number. */
const holderForm = z.strictObject({
  email: z.string().trim().pipe(z.email()),
  rank: z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(1).max(20)),
});

export function PriorityHolderForm({ lot, onAdded }: { lot: LotView; onAdded(): void }) {
  const { t } = useI18n();
  const [added, setAdded] = useState<AddedHolder[]>([]);
  const form = useZodForm(holderForm, { email: '', rank: '1' });
  const add = useApiMutation((body: z.output<typeof holderForm>) => addPriorityHolder(lot.id, body), {
    onSuccess: (res, body) => {
      setAdded((list) => [{ id: res.id, email: body.email, rank: res.rank }, ...list]);
      form.resetField('email');
      onAdded();
    },
  });
  const latest = added[0];
  return (
    <form className="form" onSubmit={form.handleSubmit((b) => add.mutate(b))} noValidate>
      <p className="small">{t('control.priorityNote')}</p>
      <div className="form-grid">
        <Field form={form} name="email" id="priority-email" label={t('control.priorityEmail')} hint={t('control.priorityEmailHint')}>
          {(p) => <input {...p} data-testid="priority-email" type="email" autoComplete="off" />}
        </Field>
        <Field form={form} name="rank" id="priority-rank" label={t('control.priorityRank')} hint={t('control.priorityRankHint')} invalid={t('control.priorityRankHint')}>
          {(p) => <input {...p} data-testid="priority-rank" type="number" min={1} max={20} step={1} inputMode="numeric" />}
        </Field>
      </div>
      {add.error !== null && (
        <ActionError error={add.error} overrides={{ NOT_FOUND: t('control.priorityNoUser') }} fix={t('control.priorityFix')} />
      )}
      <div className="btn-row">
        <SubmitButton form={form} required={{ email: t('control.priorityEmail'), rank: t('control.priorityRank') }} pending={add.isPending} testId="priority-submit">
          {t('control.priorityAdd')}
        </SubmitButton>
      </div>
      {latest && (
        <Alert tone="success" title={t('control.priorityAdded')}>
          <p data-testid="priority-recorded">{t('control.priorityRecorded', { email: latest.email, rank: latest.rank })}</p>
          <p className="small">{t('control.priorityRecordedNext')}</p>
        </Alert>
      )}
    </form>
  );
}
