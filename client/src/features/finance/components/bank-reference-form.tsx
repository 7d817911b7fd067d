import { confirmDepositBody } from '../../../../../shared/api';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../../ui/form';
import { financeKeys } from '../api';

/** Finance matches a bank transfer by typing the bank's own reference for it; the same form confirms deposits and balances. */
export function BankReferenceForm<Out>({ id, hint, submitLabel, pendingLabel, testIds, send, onDone }: {
  id: string;
  hint: string;
  submitLabel: string;
  pendingLabel: string;
  testIds?: { input: string; submit: string };
  send(bankReference: string): Promise<Out>;
  onDone?(out: Out, bankReference: string): void;
}) {
  const { t } = useI18n();
  const form = useZodForm(confirmDepositBody, { bankReference: '' });
  const mutation = useApiMutation(({ bankReference }: { bankReference: string }) => send(bankReference), {
    invalidate: [financeKeys.all],
    onSuccess: (out, { bankReference }) => onDone?.(out, bankReference),
  });
  return (
    <form className="deposit-row-action" onSubmit={form.handleSubmit((b) => mutation.mutate(b))} noValidate>
      <Field form={form} name="bankReference" id={id} label={t('finance.bankReference')} hint={hint}>
        {(p) => <input {...p} data-testid={testIds?.input} maxLength={100} placeholder={t('finance.bankReferencePlaceholder')} />}
      </Field>
      <SubmitButton form={form} required={{ bankReference: t('finance.bankReference') }} pending={mutation.isPending} testId={testIds?.submit} pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
      {mutation.errorMessage && <Alert tone="error">{mutation.errorMessage}</Alert>}
    </form>
  );
}
