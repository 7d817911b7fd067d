import { noticeBody } from '../../../../../../shared/api';
import { earliestDateAfterPeriod, NOTICE_BEFORE_ANNOUNCEMENT_DAYS } from '../../../../../../shared/rules';
import { formatDateTime } from '../../../../format';
import { useI18n } from '../../../../i18n';
import { Field, useZodForm } from '../../../../ui/form';
import { ActionForm, useLotAction, type ActionFormProps } from './action-form';

/** A16: record that the parties and known priority holders were notified; publishing may follow three clear days later. */
export function NoticeForm(props: ActionFormProps) {
  const { t } = useI18n();
  const { lot } = props;
  const form = useZodForm(noticeBody, { note: '' });
  const action = useLotAction(props, 'notifyParties', (next) => {
    const from = next.noticesSentAt ? earliestDateAfterPeriod(new Date(next.noticesSentAt), NOTICE_BEFORE_ANNOUNCEMENT_DAYS) : '—';
    return t('control.done.notify', { from });
  });
  return (
    <ActionForm form={form} action={action} required={{}} submitLabel={t('control.noticeSubmit')} testId="notice-submit" onClose={props.onClose} onSubmit={({ note }) => action.mutate(note ? { note } : {})}>
      <p className="small">{t('control.noticeNote', { days: NOTICE_BEFORE_ANNOUNCEMENT_DAYS })}</p>
      {lot.noticesSentAt && <p className="small muted">{t('control.noticeAgain', { at: formatDateTime(lot.noticesSentAt) })}</p>}
      <Field form={form} name="note" id="notice-note" label={t('control.noticeNoteLabel')}>
        {(p) => <textarea {...p} data-testid="notice-note" rows={2} maxLength={2000} placeholder={t('control.noticePlaceholder')} />}
      </Field>
    </ActionForm>
  );
}
