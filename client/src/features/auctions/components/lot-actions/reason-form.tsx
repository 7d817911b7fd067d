import { useState, type FormEvent } from 'react';
import type { LotView } from '../../../../../../shared/api';
import { formatDateTime } from '../../../../format';
import { useI18n } from '../../../../i18n';
import { Alert } from '../../../../ui/alert';
import { ActionError } from './action-error';
import { useLotAction } from '../../control-api';

export function ReasonForm({ lot, kind, onDone, onClose }: { lot: LotView; kind: 'suspend' | 'cancel'; onDone(next: LotView, message: string): void; onClose(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const { busy, error, run } = useLotAction(onDone, onClose);
  const ok = reason.trim().length >= 3;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!ok) return;
    void run(`/lots/${encodeURIComponent(lot.id)}/${kind}`, { reason: reason.trim() }, (next) => (kind === 'suspend'
      ? t('control.done.suspend', { by: next.resumeBy ? formatDateTime(next.resumeBy) : '—' })
      : t('control.done.cancel')));
  };
  const id = `reason-${kind}`;
  return (
    <form className="form" onSubmit={submit} noValidate>
      {kind === 'cancel' ? (
        <Alert tone="warning" title={t('control.cancelWarnTitle')}>
          {t('control.cancelWarn', { n: lot.registrantCount })}
        </Alert>
      ) : (
        <p className="small">{t('control.suspendNote', { live: lot.status === 'live' ? t('control.suspendLive') : t('control.suspendAnnounced') })}</p>
      )}
      <div className="field">
        <label htmlFor={id}>{kind === 'cancel' ? t('control.cancelReason') : t('control.suspendReason')}</label>
        <textarea id={id} data-testid="reason-input" rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={`${id}-hint`} aria-invalid={reason !== '' && !ok} />
        <span id={`${id}-hint`} className={`hint${reason !== '' && !ok ? ' hint-error' : ''}`}>{t('control.reasonHint')}</span>
      </div>
      {error !== null && <ActionError error={error} fix={t('control.reloadFix')} />}
      <div className="btn-row">
        <button type="submit" className={`btn ${kind === 'cancel' ? 'btn-danger' : 'btn-primary'}`} data-testid="reason-submit" disabled={!ok || busy}>
          {busy ? t('common.working') : kind === 'cancel' ? t('control.cancelConfirm') : t('control.suspendConfirm')}
        </button>
        <button type="button" className="btn btn-light" onClick={onClose} disabled={busy}>{t('common.close')}</button>
      </div>
    </form>
  );
}
