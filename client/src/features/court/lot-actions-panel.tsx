import { useState, type FormEvent, type ReactNode } from 'react';
import type { LotView } from '../../../../shared/api';
import { formatYuan } from '../../../../shared/money';
import { earliestDateAfterPeriod, NOTICE_BEFORE_ANNOUNCEMENT_DAYS } from '../../../../shared/rules';
import { ApiError, api } from '../../api';
import { hasRole, useAuth } from '../../auth';
import { errorText, violationsOf } from '../../error-text';
import { formatDateTime } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';
import { ruleText } from '../../rule-text';
import { Alert } from '../../ui/alert';
import type { LotFormMode } from './lot-form';
import type { LotActionName, LotActionView } from './types';

const LABEL: Record<LotActionName, MessageKey> = {
  notify_parties: 'action.notify_parties',
  publish: 'action.publish',
  suspend: 'action.suspend',
  resume: 'action.resume',
  cancel: 'action.cancel',
  add_priority_holder: 'action.add_priority_holder',
  record_balance: 'action.record_balance',
  second_round: 'action.second_round',
  sell_off: 'action.sell_off',
  re_auction: 'action.re_auction',
  creditor_takeover: 'action.creditor_takeover',
  confirmation: 'action.confirmation',
};
const BUTTON: Record<LotActionName, MessageKey> = {
  notify_parties: 'actionBtn.notify_parties',
  publish: 'actionBtn.publish',
  suspend: 'actionBtn.suspend',
  resume: 'actionBtn.resume',
  cancel: 'actionBtn.cancel',
  add_priority_holder: 'actionBtn.add_priority_holder',
  record_balance: 'actionBtn.record_balance',
  second_round: 'actionBtn.second_round',
  sell_off: 'actionBtn.sell_off',
  re_auction: 'actionBtn.re_auction',
  creditor_takeover: 'actionBtn.creditor_takeover',
  confirmation: 'actionBtn.confirmation',
};
const HINT: Record<LotActionName, MessageKey> = {
  notify_parties: 'actionHint.notify_parties',
  publish: 'actionHint.publish',
  suspend: 'actionHint.suspend',
  resume: 'actionHint.resume',
  cancel: 'actionHint.cancel',
  add_priority_holder: 'actionHint.add_priority_holder',
  record_balance: 'actionHint.record_balance',
  second_round: 'actionHint.second_round',
  sell_off: 'actionHint.sell_off',
  re_auction: 'actionHint.re_auction',
  creditor_takeover: 'actionHint.creditor_takeover',
  confirmation: 'actionHint.confirmation',
};
const FORM_MODE: Partial<Record<string, LotFormMode>> = { second_round: 'second_round', sell_off: 'sell_off', re_auction: 're_auction' };
const known = (a: string): a is LotActionName => a in LABEL;
/** "notify_parties" → "Notify parties", for an action this client does not know yet. */
const humanise = (a: string) => a.charAt(0).toUpperCase() + a.slice(1).replace(/_/g, ' ');

/** The server's reasons name instants in UTC (ISO); staff read court time (UTC+8). */
function localiseInstants(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g, (iso) => formatDateTime(iso));
}

/** An error in the reader's language: the rule texts when the server names rules, else the coded message. */
export function ActionError({ error, overrides, fix }: { error: unknown; overrides?: Partial<Record<string, string>>; fix?: string }) {
  const { t, lang } = useI18n();
  const violations = error instanceof ApiError ? violationsOf(error) : [];
  return (
    <Alert tone="error" title={t('control.refused')} testId="action-error">
      {violations.length > 0 ? (
        <ul className="rule-list">{violations.map((v, i) => <li key={i}>{ruleText(v, t)}</li>)}</ul>
      ) : errorText(error, t, lang, overrides)}
      {fix && <p className="small">{fix}</p>}
    </Alert>
  );
}

/**
 * Every action of the lot's control page, allowed or not, each with the server's reason; the allowed ones
 * open their form in place (or act at once: publish, resume), the later rounds open the lot form.
 */
export function LotActionsPanel({ lot, actions, onChanged, onOpenForm, openForm }: {
  lot: LotView;
  actions: LotActionView[];
  onChanged(next: LotView | null, message: string): void;
  onOpenForm(mode: LotFormMode): void;
  openForm: LotFormMode | null;
}) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<{ action: string; error: unknown } | null>(null);
  const financeToo = hasRole(user, 'finance');

  const direct = async (action: 'publish' | 'resume') => {
    setBusy(action);
    setError(null);
    try {
      if (action === 'publish') {
        const res = await api<{ status: string; announcedAt: string }>(`/lots/${encodeURIComponent(lot.id)}/publish`, { method: 'POST', body: {} });
        onChanged(null, t('control.done.publish', { at: formatDateTime(res.announcedAt) }));
      } else {
        const next = await api<LotView>(`/lots/${encodeURIComponent(lot.id)}/resume`, { method: 'POST', body: {} });
        onChanged(next, t('control.done.resume', { end: formatDateTime(next.endsAt) }));
      }
    } catch (err) {
      setError({ action, error: err });
    } finally {
      setBusy(null);
    }
  };

  const click = (a: LotActionView) => {
    setError(null);
    if (a.action === 'publish' || a.action === 'resume') {
      void direct(a.action === 'publish' ? 'publish' : 'resume');
      return;
    }
    const mode = FORM_MODE[a.action];
    if (mode) {
      setOpen(null);
      onOpenForm(mode);
      return;
    }
    setOpen((o) => (o === a.action ? null : a.action));
  };

  const allowed = actions.filter((a) => a.allowed);
  const blocked = actions.filter((a) => !a.allowed);
  const row = (a: LotActionView) => {
    const isOpen = open === a.action || (FORM_MODE[a.action] !== undefined && openForm === FORM_MODE[a.action]);
    const financeOnly = a.action === 'record_balance' && !financeToo;
    const isKnown = known(a.action);
    const enabled = a.allowed && isKnown && !financeOnly && busy === null;
    const label = isKnown ? t(LABEL[a.action as LotActionName]) : humanise(a.action);
    let button: ReactNode;
    if (a.action === 'confirmation' && a.allowed) {
      button = (
        <a className="btn btn-light" data-testid="action-confirmation" href={`/api/lots/${encodeURIComponent(lot.id)}/confirmation`} download>
          {t(BUTTON.confirmation)}
        </a>
      );
    } else {
      button = (
        <button
          type="button"
          className={`btn ${a.action === 'cancel' ? 'btn-danger' : a.allowed ? 'btn-primary' : 'btn-light'}${a.allowed ? '' : ' btn-small'}`}
          data-testid={`action-${a.action}`}
          disabled={!enabled}
          aria-expanded={a.allowed && !['publish', 'resume'].includes(a.action) ? isOpen : undefined}
          aria-describedby={`action-reason-${a.action}`}
          onClick={() => click(a)}
        >
          {busy === a.action ? t('common.working') : isKnown ? t(BUTTON[a.action as LotActionName]) : label}
        </button>
      );
    }
    return (
      <li key={a.action} className={`action-row ${a.allowed ? 'action-allowed' : 'action-blocked'}${isOpen ? ' action-open' : ''}`} data-action={a.action} data-allowed={a.allowed ? 'true' : 'false'}>
        <div className="action-main">
          <div className="action-info">
            <div className="action-title">
              <span className="action-mark" aria-hidden="true">{a.allowed ? '●' : '○'}</span>
              <strong>{label}</strong>
              {a.article && <span className="tag">{a.article}</span>}
              <span className="visually-hidden">{a.allowed ? t('control.availableNow') : t('control.notAvailable')}</span>
            </div>
            {lang === 'zh' && isKnown && <p className="small action-hint">{t(HINT[a.action as LotActionName])}</p>}
            <p className="small action-reason" id={`action-reason-${a.action}`} lang="en">{localiseInstants(a.reason)}</p>
            {financeOnly && a.allowed && <p className="small muted">{t('control.financeOnly')}</p>}
            {!isKnown && a.allowed && <p className="small muted">{t('control.unknownAction')}</p>}
          </div>
          <div className="action-button">{button}</div>
        </div>
        {error?.action === a.action && (
          <ActionError error={error.error} fix={a.action === 'publish' ? t('court.publishFix') : t('control.reloadFix')} />
        )}
        {open === a.action && a.allowed && (
          <div className="action-form">
            {a.action === 'notify_parties' && <NoticeForm lot={lot} onDone={onChanged} onClose={() => setOpen(null)} />}
            {a.action === 'suspend' && <ReasonForm lot={lot} kind="suspend" onDone={onChanged} onClose={() => setOpen(null)} />}
            {a.action === 'cancel' && <ReasonForm lot={lot} kind="cancel" onDone={onChanged} onClose={() => setOpen(null)} />}
            {a.action === 'add_priority_holder' && <PriorityHolderForm lot={lot} onAdded={() => onChanged(null, '')} />}
            {a.action === 'creditor_takeover' && <CreditorForm lot={lot} onDone={onChanged} onClose={() => setOpen(null)} />}
            {a.action === 'record_balance' && financeToo && <BalanceForm lot={lot} onDone={onChanged} onClose={() => setOpen(null)} />}
          </div>
        )}
      </li>
    );
  };

  return (
    <div data-testid="lot-actions" className="lot-actions">
      <h3 className="actions-group-title">{t('control.canDo', { n: allowed.length })}</h3>
      {allowed.length === 0 ? <p className="muted small">{t(['sold', 'unsold', 'cancelled', 'defaulted'].includes(lot.status) ? 'control.nothingFinal' : 'control.nothingNow')}</p> : <ul className="action-list">{allowed.map(row)}</ul>}
      <h3 className="actions-group-title">{t('control.cannotDo')}</h3>
      <ul className="action-list action-list-blocked">{blocked.map(row)}</ul>
    </div>
  );
}

/** A16: record that the parties and known priority holders were notified; publishing may follow three clear days later. */
function NoticeForm({ lot, onDone, onClose }: { lot: LotView; onDone(next: LotView, message: string): void; onClose(): void }) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const next = await api<LotView>(`/lots/${encodeURIComponent(lot.id)}/notify-parties`, { body: note.trim() ? { note: note.trim() } : {} });
      const from = next.noticesSentAt ? earliestDateAfterPeriod(new Date(next.noticesSentAt), NOTICE_BEFORE_ANNOUNCEMENT_DAYS) : '—';
      onDone(next, t('control.done.notify', { from }));
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
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

function ReasonForm({ lot, kind, onDone, onClose }: { lot: LotView; kind: 'suspend' | 'cancel'; onDone(next: LotView, message: string): void; onClose(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ok = reason.trim().length >= 3;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api<LotView>(`/lots/${encodeURIComponent(lot.id)}/${kind}`, { body: { reason: reason.trim() } });
      onDone(next, kind === 'suspend'
        ? t('control.done.suspend', { by: next.resumeBy ? formatDateTime(next.resumeBy) : '—' })
        : t('control.done.cancel'));
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
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

interface AddedHolder { id: string; email: string; rank: number }

function PriorityHolderForm({ lot, onAdded }: { lot: LotView; onAdded(): void }) {
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

function CreditorForm({ lot, onDone, onClose }: { lot: LotView; onDone(next: LotView, message: string): void; onClose(): void }) {
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

function BalanceForm({ lot, onDone, onClose }: { lot: LotView; onDone(next: LotView, message: string): void; onClose(): void }) {
  const { t } = useI18n();
  const [ref, setRef] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ok = ref.trim().length >= 3;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ok) return;
    setBusy(true);
    setError(null);
    try {
      const next = await api<LotView>(`/finance/lots/${encodeURIComponent(lot.id)}/balance`, { body: { bankReference: ref.trim() } });
      onDone(next, t('control.done.balance'));
      onClose();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
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
