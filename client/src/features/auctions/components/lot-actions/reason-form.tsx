import { reasonBody } from '../../../../../../shared/api';
import { formatDateTime } from '../../../../format';
import { useI18n } from '../../../../i18n';
import { Alert } from '../../../../ui/alert';
import { Field, useZodForm } from '../../../../ui/form';
import { ActionForm, useLotAction, type ActionFormProps } from './action-form';

export function ReasonForm({ kind, ...props }: ActionFormProps & { kind: 'suspend' | 'cancel' }) {
  const { t } = useI18n();
  const { lot } = props;
  const form = useZodForm(reasonBody, { reason: '' });
  const action = useLotAction(props, kind === 'suspend' ? 'suspendLot' : 'cancelLot', (next) => (kind === 'suspend'
    ? t('control.done.suspend', { by: next.resumeBy ? formatDateTime(next.resumeBy) : '—' })
    : t('control.done.cancel')));
  const label = kind === 'cancel' ? t('control.cancelReason') : t('control.suspendReason');
  return (
    <ActionForm
      form={form} action={action} required={{ reason: label }} testId="reason-submit" onClose={props.onClose} onSubmit={action.mutate}
      submitClass={`btn ${kind === 'cancel' ? 'btn-danger' : 'btn-primary'}`} submitLabel={kind === 'cancel' ? t('control.cancelConfirm') : t('control.suspendConfirm')}
    >
      {kind === 'cancel' ? (
        <Alert tone="warning" title={t('control.cancelWarnTitle')}>
          {t('control.cancelWarn', { n: lot.registrantCount })}
        </Alert>
      ) : (
        <p className="small">{t('control.suspendNote', { live: lot.status === 'live' ? t('control.suspendLive') : t('control.suspendAnnounced') })}</p>
      )}
      <Field form={form} name="reason" id={`reason-${kind}`} label={label} hint={t('control.reasonHint')} invalid={t('control.reasonHint')}>
        {(p) => <textarea {...p} data-testid="reason-input" rows={2} maxLength={2000} />}
      </Field>
    </ActionForm>
  );
}
