import { useState, type FormEvent } from 'react';
import type { LotView } from '../../../../../../shared/api';
import { useI18n } from '../../../../i18n';
import { ActionError } from './action-error';
import { useLotAction } from '../../control-api';

export function BalanceForm({ lot, onDone, onClose }: { lot: LotView; onDone(next: LotView, message: string): void; onClose(): void }) {
  const { t } = useI18n();
  const [ref, setRef] = useState('');
  const { busy, error, run } = useLotAction(onDone, onClose);
  const ok = ref.trim().length >= 3;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ok) return;
    void run(`/finance/lots/${encodeURIComponent(lot.id)}/balance`, { bankReference: ref.trim() }, () => t('control.done.balance'));
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="control-bankref">{t('finance.bankReference')}</label>
        <input id="control-bankref" maxLength={100} value={ref} onChange={(e) => setRef(e.target.value)} placeholder={t('finance.bankReferencePlaceholder')} />
        <span className="hint">{t('finance.bankReferenceHint')}</span>
      </div>
      {error !== null && <ActionError error={error} fix={t('control.reloadFix')} />}
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" disabled={!ok || busy}>{busy ? t('common.working') : t('balances.record')}</button>
        <button type="button" className="btn btn-light" onClick={onClose} disabled={busy}>{t('common.close')}</button>
      </div>
    </form>
  );
}
