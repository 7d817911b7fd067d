import type { ReactNode } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { BodyOf, LotView } from '../../../../../../shared/api';
import { useI18n } from '../../../../i18n';
import { SubmitButton, useApiMutation } from '../../../../ui/form';
import { lotCommand, type LotCommand } from '../../control-api';
import { ActionError } from './action-error';

export interface ActionFormProps { lot: LotView; onDone(next: LotView, message: string): void; onClose(): void }

/**
 * Posts one action on a lot. On success it hands the new lot and a message up and closes the form; on
 * failure it keeps the form open with the error, so the clerk can correct and send again.
 */
export function useLotAction<N extends LotCommand>({ lot, onDone, onClose }: ActionFormProps, name: N, message: (next: LotView, body: BodyOf<N>) => string) {
  return useApiMutation((body: BodyOf<N>) => lotCommand(name, lot.id, body), {
    onSuccess: (next, body) => {
      onDone(next, message(next, body));
      onClose();
    },
  });
}

/** The action form's frame: its fields, the refusal if any, then send and close. */
export function ActionForm<V extends FieldValues, O>({ form, action, required, submitLabel, submitClass = 'btn btn-primary', testId, onClose, onSubmit, children }: {
  form: UseFormReturn<V, unknown, O>;
  action: { isPending: boolean; error: unknown };
  required: Parameters<typeof SubmitButton<V, O>>[0]['required'];
  submitLabel: string;
  submitClass?: string;
  testId?: string;
  onClose(): void;
  onSubmit(body: O): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form className="form" onSubmit={form.handleSubmit(onSubmit)} noValidate>
      {children}
      {action.error !== null && <ActionError error={action.error} fix={t('control.reloadFix')} />}
      <div className="btn-row">
        <SubmitButton form={form} required={required} pending={action.isPending} className={submitClass} testId={testId}>{submitLabel}</SubmitButton>
        <button type="button" className="btn btn-light" onClick={onClose} disabled={action.isPending}>{t('common.close')}</button>
      </div>
    </form>
  );
}
