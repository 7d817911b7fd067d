import { z } from 'zod';
import { confirmDepositBody } from '../../../../../shared/api';
import { payerAccount } from '../../../../../shared/contract/money';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Field, SubmitButton, useApiMutation, useZodForm } from '../../../ui/form';
import { financeKeys } from '../api';

/** The payer's account is optional: left empty, it is not sent. */
const bankReferenceForm = confirmDepositBody.extend({ payerAccount: z.string().trim().pipe(z.union([z.literal(''), payerAccount])) });

/**
 * Finance matches a bank transfer by typing the bank's own reference for it; the same form confirms deposits and balances.
 * With `payerAccount`, it also takes an account (optional): the one a deposit came from, or the one a refund went to.
 */
export function BankReferenceForm<Out>({ id, hint, submitLabel, pendingLabel, testIds, payerAccount: accountField, send, onDone }: {
  id: string;
  hint: string;
  submitLabel: string;
  pendingLabel: string;
  testIds?: { input: string; submit: string };
  payerAccount?: { label: string; hint: string };
  send(bankReference: string, payerAccount?: string): Promise<Out>;
  onDone?(out: Out, bankReference: string): void;
}) {
  const { t } = useI18n();
  const form = useZodForm(bankReferenceForm, { bankReference: '', payerAccount: '' });
  const mutation = useApiMutation(({ bankReference, payerAccount: account }: z.output<typeof bankReferenceForm>) => send(bankReference, account || undefined), {
    invalidate: [financeKeys.all],
    onSuccess: (out, { bankReference }) => onDone?.(out, bankReference),
  });
  return (
    <form className="deposit-row-action" onSubmit={form.handleSubmit((b) => mutation.mutate(b))} noValidate>
      <Field form={form} name="bankReference" id={id} label={t('finance.bankReference')} hint={hint}>
        {(p) => <input {...p} data-testid={testIds?.input} maxLength={100} placeholder={t('finance.bankReferencePlaceholder')} />}
      </Field>
      {accountField && (
        <Field form={form} name="payerAccount" id={`${id}-payer-account`} label={accountField.label} hint={accountField.hint}>
          {(p) => <input {...p} className="mono" data-testid="payer-account" maxLength={64} autoComplete="off" />}
        </Field>
      )}
      <SubmitButton form={form} required={{ bankReference: t('finance.bankReference') }} pending={mutation.isPending} testId={testIds?.submit} pendingLabel={pendingLabel}>{submitLabel}</SubmitButton>
      {mutation.errorMessage && <Alert tone="error">{mutation.errorMessage}</Alert>}
    </form>
  );
}
