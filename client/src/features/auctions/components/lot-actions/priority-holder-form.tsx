import { useState, type FormEvent } from 'react';
import type { LotView } from '../../../../../../shared/api';
import { api } from '../../../../api';
import { useI18n } from '../../../../i18n';
import { Alert } from '../../../../ui/alert';
import { ActionError } from './action-error';

interface AddedHolder { id: string; email: string; rank: number }

export function PriorityHolderForm({ lot, onAdded }: { lot: LotView; onAdded(): void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [rank, setRank] = useState('1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<AddedHolder[]>([]);
  const rankNum = Number(rank);
  const rankOk = /^\d+$/.test(rank.trim()) && rankNum >= 1 && rankNum <= 20;
  const emailOk = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!rankOk || !emailOk) return;
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ id: string; rank: number }>(`/lots/${encodeURIComponent(lot.id)}/priority-holders`, { body: { email: email.trim(), rank: rankNum } });
      setAdded((list) => [{ id: res.id, email: email.trim(), rank: res.rank }, ...list]);
      setEmail('');
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const latest = added[0];
  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="small">{t('control.priorityNote')}</p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="priority-email">{t('control.priorityEmail')}</label>
          <input id="priority-email" data-testid="priority-email" type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={email !== '' && !emailOk} aria-describedby="priority-email-hint" />
          <span id="priority-email-hint" className="hint">{t('control.priorityEmailHint')}</span>
        </div>
        <div className="field">
          <label htmlFor="priority-rank">{t('control.priorityRank')}</label>
          <input id="priority-rank" data-testid="priority-rank" type="number" min={1} max={20} step={1} inputMode="numeric" value={rank} onChange={(e) => setRank(e.target.value)} aria-invalid={!rankOk} aria-describedby="priority-rank-hint" />
          <span id="priority-rank-hint" className={`hint${rankOk ? '' : ' hint-error'}`}>{t('control.priorityRankHint')}</span>
        </div>
      </div>
      {error !== null && (
        <ActionError error={error} overrides={{ NOT_FOUND: t('control.priorityNoUser') }} fix={t('control.priorityFix')} />
      )}
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" data-testid="priority-submit" disabled={busy || !rankOk || !emailOk}>
          {busy ? t('common.working') : t('control.priorityAdd')}
        </button>
      </div>
      {latest && (
        <Alert tone="success" title={t('control.priorityAdded')}>
          <p data-testid="priority-recorded">{t('control.priorityRecorded', { email: latest.email, rank: latest.rank })}</p>
          <p className="small">{t('control.priorityRecordedNext')}</p>
        </Alert>
      )}
    </form>
  );
}
