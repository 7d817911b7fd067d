import { balanceBody } from '../../../../../../shared/api';
import { useI18n } from '../../../../i18n';
import { Field, useZodForm } from '../../../../ui/form';
import { ActionForm, useLotAction, type ActionFormProps } from './action-form';

export function BalanceForm(props: ActionFormProps) {
  const { t } = useI18n();
  const form = useZodForm(balanceBody, { bankReference: '' });
  const action = useLotAction(props, 'recordBalance', () => t('control.done.balance'));
  return (
    <ActionForm form={form} action={action} required={{ bankReference: t('finance.bankReference') }} submitLabel={t('balances.record')} onClose={props.onClose} onSubmit={action.mutate}>
      <Field form={form} name="bankReference" id="control-bankref" label={t('finance.bankReference')} hint={t('finance.bankReferenceHint')}>
        {(p) => <input {...p} maxLength={100} placeholder={t('finance.bankReferencePlaceholder')} />}
      </Field>
    </ActionForm>
  );
}
