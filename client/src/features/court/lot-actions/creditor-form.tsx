import { useState, type FormEvent } from 'react';
import type { LotView } from '../../../../../shared/api';
import { formatYuan } from '../../../../../shared/money';
import { api } from '../../../api';
import { useI18n } from '../../../i18n';
import { ActionError } from './action-error';

export function CreditorForm({ lot, onDone, onClose }: { lot: LotView; onDone(next: LotView, message: string): void; onClose(): void }) {
  const { t } = useI18n();
  const [creditor, setCreditor] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ok = creditor.trim().length > 0;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api<LotView>(`/lots/${encodeURIComponent(lot.id)}/creditor-takeover`, { body: { creditor: creditor.trim(), ...(note.trim() ? { note: note.trim() } : {}) } });
      onDone(next, t('control.done.takeover', { creditor: creditor.trim() }));
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
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
