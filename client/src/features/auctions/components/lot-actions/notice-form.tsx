import { useState, type FormEvent } from 'react';
import type { LotView } from '../../../../../../shared/api';
import { earliestDateAfterPeriod, NOTICE_BEFORE_ANNOUNCEMENT_DAYS } from '../../../../../../shared/rules';
import { formatDateTime } from '../../../../format';
import { useI18n } from '../../../../i18n';
import { ActionError } from './action-error';
import { useLotAction } from '../../control-api';

/** A16: record that the parties and known priority holders were notified; publishing may follow three clear days later. */
export function NoticeForm({ lot, onDone, onClose }: { lot: LotView; onDone(next: LotView, message: string): void; onClose(): void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const { busy, error, run } = useLotAction(onDone, onClose);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(`/lots/${encodeURIComponent(lot.id)}/notify-parties`, note.trim() ? { note: note.trim() } : {}, (next) => {
      const from = next.noticesSentAt ? earliestDateAfterPeriod(new Date(next.noticesSentAt), NOTICE_BEFORE_ANNOUNCEMENT_DAYS) : '—';
      return t('control.done.notify', { from });
    });
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="small">{t('control.noticeNote', { days: NOTICE_BEFORE_ANNOUNCEMENT_DAYS })}</p>
      {lot.noticesSentAt && <p className="small muted">{t('control.noticeAgain', { at: formatDateTime(lot.noticesSentAt) })}</p>}
      <div className="field">
        <label htmlFor="notice-note">{t('control.noticeNoteLabel')}</label>
        <textarea id="notice-note" data-testid="notice-note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('control.noticePlaceholder')} />
      </div>
      {error !== null && <ActionError error={error} fix={t('control.reloadFix')} />}
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" data-testid="notice-submit" disabled={busy}>{busy ? t('common.working') : t('control.noticeSubmit')}</button>
        <button type="button" className="btn btn-light" onClick={onClose} disabled={busy}>{t('common.close')}</button>
      </div>
    </form>
  );
}
