import { useState, type FormEvent } from 'react';
import { formatYuan } from '../../../../../../shared/money';
import { OBJECTION_DAYS } from '../../../../../../shared/valuation-rules';
import { api } from '../../../../api';
import { errorText } from '../../../../error-text';
import { formatDateTime } from '../../../../format';
import { useI18n } from '../../../../i18n';
import { serverNow } from '../../../../server-clock';
import { Alert } from '../../../../ui/alert';
import type { ObjectionView, ValuationDetailView } from '../../../court/types';

export function ObjectionsCard({ v, onChanged }: { v: ValuationDetailView; onChanged(next: ValuationDetailView | null): void }) {
  const { t } = useI18n();
  const d = v.details ?? {};
  const now = serverNow();
  const open = v.status === 'objection_window' && !!v.objectionWindowEndsAt && Date.parse(v.objectionWindowEndsAt) >= now;
  const platformOf = (o: ObjectionView) => (o.quoteId ? v.quotes.find((q) => q.id === o.quoteId)?.platform ?? '—' : null);
  let closedText: string | null = null;
  if (!d.objectionAllowed) closedText = t('vd.objNotAllowed');
  else if (v.status === 'pending' || v.status === 'extended') closedText = t('vd.objNotYet', { days: OBJECTION_DAYS });
  else if (!open) closedText = t('vd.objClosed', { at: v.objectionWindowEndsAt ? formatDateTime(v.objectionWindowEndsAt) : '—' });
  return (
    <section className="card" aria-labelledby="vd-objections">
      <h2 id="vd-objections">{t('vd.objectionsTitle')}</h2>
      {v.objections.length === 0 ? <p className="small muted">{t('vd.noObjections')}</p> : (
        <ul className="objection-list" data-testid="objections">
          {v.objections.map((o) => (
            <li key={o.id} className={`objection objection-${o.status}`} data-testid="objection" data-status={o.status}>
              <div className="objection-head">
                <strong>{o.party}</strong>
                <span className={`pill pill-objection-${o.status}`}>{t(`objection.${o.status}`)}</span>
                <span className="small muted">{t('vd.filedAt', { at: formatDateTime(o.filedAt) })}</span>
              </div>
              <p className="small">{platformOf(o) ? t('vd.againstQuote', { platform: platformOf(o)! }) : t('vd.againstWhole')}</p>
              <p className="prewrap">{o.reason}</p>
              {o.resolution && <p className="small"><strong>{t('vd.resolution')}</strong> {o.resolution}{o.resolvedAt && <span className="muted"> · {formatDateTime(o.resolvedAt)}</span>}</p>}
              {o.status === 'pending' && <ResolveForm v={v} o={o} onChanged={onChanged} />}
            </li>
          ))}
        </ul>
      )}
      {closedText ? <p className="small muted">{closedText}</p> : <FileObjectionForm v={v} onChanged={onChanged} />}
    </section>
  );
}

function FileObjectionForm({ v, onChanged }: { v: ValuationDetailView; onChanged(next: ValuationDetailView | null): void }) {
  const { t, lang } = useI18n();
  const [party, setParty] = useState('');
  const [reason, setReason] = useState('');
  const [quoteId, setQuoteId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reportable = v.quotes.filter((q) => q.status === 'reported' || q.status === 'late');
  const ok = party.trim().length >= 1 && reason.trim().length >= 3;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      await api(`/valuations/${encodeURIComponent(v.id)}/objections`, { body: { party: party.trim(), reason: reason.trim(), ...(quoteId ? { quoteId } : {}) } });
      setParty('');
      setReason('');
      setQuoteId('');
      onChanged(null);
    } catch (err) {
      setError(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form sub-form" onSubmit={onSubmit} noValidate aria-labelledby={`file-${v.id}`}>
      <h3 id={`file-${v.id}`}>{t('vd.fileTitle')}</h3>
      <p className="small muted">{t('vd.fileHint', { ends: v.objectionWindowEndsAt ? formatDateTime(v.objectionWindowEndsAt) : '—', days: OBJECTION_DAYS })}</p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`obj-party-${v.id}`}>{t('vd.party')}</label>
          <input id={`obj-party-${v.id}`} data-testid="objection-party" value={party} maxLength={200} onChange={(e) => setParty(e.target.value)} placeholder={t('vd.partyPlaceholder')} />
        </div>
        {reportable.length > 0 && (
          <div className="field">
            <label htmlFor={`obj-quote-${v.id}`}>{t('vd.against')}</label>
            <select id={`obj-quote-${v.id}`} data-testid="objection-quote" value={quoteId} onChange={(e) => setQuoteId(e.target.value)}>
              <option value="">{t('vd.againstWholeOption')}</option>
              {reportable.map((q) => <option key={q.id} value={q.id}>{q.platform}{q.price ? ` · ${formatYuan(q.price)}` : ''}</option>)}
            </select>
          </div>
        )}
      </div>
      <div className="field">
        <label htmlFor={`obj-reason-${v.id}`}>{t('vd.objReason')}</label>
        <textarea id={`obj-reason-${v.id}`} data-testid="objection-reason" rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} aria-describedby={`obj-reason-hint-${v.id}`} />
        <span id={`obj-reason-hint-${v.id}`} className="hint">{t('vd.objReasonHint')}</span>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="btn-row">
        <button type="submit" className="btn btn-primary" data-testid="objection-submit" disabled={busy || !ok}>{busy ? t('common.saving') : t('vd.fileSubmit')}</button>
      </div>
    </form>
  );
}

function ResolveForm({ v, o, onChanged }: { v: ValuationDetailView; o: ObjectionView; onChanged(next: ValuationDetailView | null): void }) {
  const { t, lang } = useI18n();
  const [resolution, setResolution] = useState('');
  const [busy, setBusy] = useState<'sustained' | 'rejected' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ok = resolution.trim().length >= 3;
  const decide = async (decision: 'sustained' | 'rejected') => {
    if (!ok) return;
    setBusy(decision);
    setError(null);
    try {
      onChanged(await api<ValuationDetailView>(`/valuations/${encodeURIComponent(v.id)}/objections/${encodeURIComponent(o.id)}/resolve`, { body: { decision, resolution: resolution.trim() } }));
    } catch (err) {
      setError(errorText(err, t, lang));
    } finally {
      setBusy(null);
    }
  };
  const effect = o.quoteId ? t('vd.sustainQuote') : v.method === 'appraisal' ? t('vd.sustainAppraisal') : t('vd.sustainWhole');
  return (
    <form className="form resolve-form" onSubmit={(e) => { e.preventDefault(); }} noValidate aria-label={t('vd.resolveTitle', { party: o.party })}>
      <div className="field">
        <label htmlFor={`res-${o.id}`}>{t('vd.resolutionLabel')}</label>
        <textarea id={`res-${o.id}`} data-testid="objection-resolution" rows={2} maxLength={2000} value={resolution} onChange={(e) => setResolution(e.target.value)} aria-describedby={`res-hint-${o.id}`} />
        <span id={`res-hint-${o.id}`} className="hint">{effect}</span>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <div className="btn-row">
        <button type="button" className="btn btn-danger btn-small" data-testid="objection-sustain" disabled={!ok || busy !== null} onClick={() => void decide('sustained')}>{busy === 'sustained' ? t('common.saving') : t('vd.sustain')}</button>
        <button type="button" className="btn btn-light btn-small" data-testid="objection-reject" disabled={!ok || busy !== null} onClick={() => void decide('rejected')}>{busy === 'rejected' ? t('common.saving') : t('vd.reject')}</button>
      </div>
    </form>
  );
}
