import { useState, type FormEvent } from 'react';
import type { LotView } from '../../../../../../shared/api';
import { formatYuan } from '../../../../../../shared/money';
import { useI18n } from '../../../../i18n';
import { ActionError } from './action-error';
import { useLotAction } from '../../control-api';

export function CreditorForm({ lot, onDone, onClose }: { lot: LotView; onDone(next: LotView, message: string): void; onClose(): void }) {
  const { t } = useI18n();
  const [creditor, setCreditor] = useState('');
  const [note, setNote] = useState('');
  const { busy, error, run } = useLotAction(onDone, onClose);
  const ok = creditor.trim().length > 0;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ok) return;
    void run(`/lots/${encodeURIComponent(lot.id)}/creditor-takeover`, { creditor: creditor.trim(), ...(note.trim() ? { note: note.trim() } : {}) }, () => t('control.done.takeover', { creditor: creditor.trim() }));
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="small">{t('control.takeoverNote', { price: formatYuan(lot.startingPrice) })}</p>
      <div className="field">
        <label htmlFor="creditor-name">{t('control.creditor')}</label>
        <input id="creditor-name" data-testid="creditor-name" maxLength={200} value={creditor} onChange={(e) => setCreditor(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="creditor-note">{t('asset.note')}</label>
        <textarea id="creditor-note" data-testid="creditor-note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </div>
      {error !== null && <ActionError error={error} fix={t('control.reloadFix')} />}
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" data-testid="creditor-submit" disabled={!ok || busy}>{busy ? t('common.working') : t('control.takeoverSubmit')}</button>
        <button type="button" className="btn btn-light" onClick={onClose} disabled={busy}>{t('common.close')}</button>
      </div>
    </form>
  );
}
