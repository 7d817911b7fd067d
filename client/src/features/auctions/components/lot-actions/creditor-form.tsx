import { creditorTakeoverBody } from '../../../../../../shared/api';
import { formatYuan } from '../../../../../../shared/money';
import { useI18n } from '../../../../i18n';
import { Field, useZodForm } from '../../../../ui/form';
import { ActionForm, useLotAction, type ActionFormProps } from './action-form';

export function CreditorForm(props: ActionFormProps) {
  const { t } = useI18n();
  const form = useZodForm(creditorTakeoverBody, { creditor: '', note: '' });
  const action = useLotAction(props, 'creditorTakeover', (_, b: { creditor: string }) => t('control.done.takeover', { creditor: b.creditor }));
  return (
    <ActionForm
      form={form} action={action} required={{ creditor: t('control.creditor') }} submitLabel={t('control.takeoverSubmit')} testId="creditor-submit" onClose={props.onClose}
      onSubmit={({ creditor, note }) => action.mutate({ creditor, ...(note ? { note } : {}) })}
    >
      <p className="small">{t('control.takeoverNote', { price: formatYuan(props.lot.startingPrice) })}</p>
      <Field form={form} name="creditor" id="creditor-name" label={t('control.creditor')}>{(p) => <input {...p} data-testid="creditor-name" maxLength={200} />}</Field>
      <Field form={form} name="note" id="creditor-note" label={t('asset.note')}>{(p) => <textarea {...p} data-testid="creditor-note" rows={2} maxLength={2000} />}</Field>
    </ActionForm>
  );
}
