import { Decimal } from 'decimal.js';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { LotStatus, LotView, RegistrationView, UserView } from '../../../shared/api';
import { formatYuan } from '../../../shared/money';
import { api } from '../api';
import { isStaff, useAuth } from '../auth';
import { errorText } from '../error-text';
import { formatDate, formatDateTime } from '../format';
import { serverNow } from '../server-clock';
import { useI18n } from '../i18n';
import { DepositStatusText } from '../features/bidding/registration-panel';
import { Alert } from '../ui/alert';
import { Money } from '../ui/money';
import { RequireRole } from '../ui/require-role';
import { Spinner } from '../ui/spinner';
import { StatusBadge } from '../ui/status-badge';
import { safeNext } from './login-page';

type MyRegistration = RegistrationView & {
  lotTitle: string; court: string; lotStatus: LotStatus; endsAt: string; won: boolean; finalPrice: string | null;
  /** For lots won: the balance deadline (A25) and when finance recorded it paid. */
  balanceDueAt?: string | null; balancePaidAt?: string | null;
};

export function AccountPage() {
  return (
    <RequireRole roles={[]}>
      <Account />
    </RequireRole>
  );
}

function Account() {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [regs, setRegs] = useState<MyRegistration[] | null>(null);
  const [wonLots, setWonLots] = useState<Record<string, LotView>>({});
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const bidder = !!user && user.roles.includes('bidder') && !isStaff(user);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const { registrations } = await api<{ registrations: MyRegistration[] }>('/me/registrations');
      setRegs(registrations);
      setError(null);
      const won = registrations.filter((r) => r.won);
      const lots = await Promise.all(won.map((r) => api<LotView>(`/lots/${encodeURIComponent(r.lotId)}`).catch(() => null)));
      setWonLots(Object.fromEntries(lots.filter((l): l is LotView => l !== null).map((l) => [l.id, l])));
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (bidder) void load();
  }, [bidder, load]);

  if (!user) return null;
  const won = (regs ?? []).filter((r) => r.won);
  return (
    <div className="container">
      <h1>{bidder ? t('me.title') : t('me.accountTitle')}</h1>
      <div className="grid-2">
        <section className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">{t('me.profile')}</h2>
          <dl className="kv-list">
            <div><dt>{t('register.name')}</dt><dd>{user.name}</dd></div>
            <div><dt>{t('login.email')}</dt><dd>{user.email}</dd></div>
            <div><dt>{t('me.roles')}</dt><dd>{user.roles.map((r) => t(`role.${r}`)).join(' · ')}</dd></div>
          </dl>
          <IdentitySection user={user} />
          {next && user.identityVerified && (
            <p><Link className="btn btn-primary" to={next}>{t('me.continue')}</Link></p>
          )}
        </section>
        {bidder && <Checklist user={user} regs={regs} />}
      </div>
      {bidder && (
        <section className="card" aria-labelledby="regs-title">
          <div className="card-head">
            <h2 id="regs-title">{t('me.registrations')}</h2>
            <button type="button" className="btn btn-light btn-small" onClick={() => void load()} disabled={loading}>
              {loading ? t('common.refreshing') : t('common.refresh')}
            </button>
          </div>
          {error !== null && <Alert tone="error">{errorText(error, t, lang)}</Alert>}
          {regs === null && loading && <Spinner />}
          {regs && regs.length === 0 && (
            <p className="muted">{t('me.noRegistrations')} <Link to="/">{t('me.browse')}</Link></p>
          )}
          {regs && regs.length > 0 && (
            <ul className="reg-list">
              {regs.map((r) => (
                <li key={r.id} className="reg-item">
                  <div className="reg-item-head">
                    <Link to={`/lots/${r.lotId}`} className="reg-item-title">{r.lotTitle}</Link>
                    <StatusBadge status={r.lotStatus} />
                  </div>
                  <p className="small muted">{r.court} · {t('me.endsAt', { at: formatDateTime(r.endsAt) })}</p>
                  <div className="reg-item-grid">
                    <span>{t('reg.yourCode')}: <strong className="mono">{r.bidderCode}</strong></span>
                    {r.priorityRank !== null && r.priorityRank !== undefined && <span className="tag tag-priority">{t('me.priorityRank', { rank: r.priorityRank })}</span>}
                    <span>{t('reg.deposit')}: <Money value={r.depositAmount} /></span>
                  </div>
                  <p className="small"><DepositStatusText registration={r} lotStatus={r.lotStatus} /></p>
                  {r.depositStatus === 'pending' && (
                    <p className="small muted">{t('me.payRef', { ref: r.payment.reference, amount: formatYuan(r.payment.amount) })}</p>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {bidder && won.length > 0 && (
        <section className="card" aria-labelledby="won-title">
          <h2 id="won-title">{t('me.won')}</h2>
          <ul className="reg-list">
            {won.map((r) => {
              const lot = wonLots[r.lotId];
              const final = r.finalPrice ?? '0';
              const balance = Decimal.max(new Decimal(final).minus(r.depositAmount), 0).toFixed(2);
              const dueAt = r.balanceDueAt ?? lot?.balanceDueAt ?? null;
              const paidAt = r.balancePaidAt ?? lot?.balancePaidAt ?? null;
              const overdue = !paidAt && dueAt !== null && Date.parse(dueAt) < serverNow();
              return (
                <li key={r.id} className="reg-item" data-testid="won-lot" data-lot-id={r.lotId}>
                  <div className="reg-item-head">
                    <Link to={`/lots/${r.lotId}`} className="reg-item-title">{r.lotTitle}</Link>
                    <StatusBadge status={r.lotStatus} />
                  </div>
                  <dl className="kv-list">
                    <div><dt>{t('lot.finalPrice')}</dt><dd><Money value={final} /></dd></div>
                    <div><dt>{t('me.depositApplied')}</dt><dd><Money value={r.depositAmount} /></dd></div>
                    <div><dt>{paidAt ? t('me.balance') : t('me.balanceDue')}</dt><dd><strong><Money value={balance} /></strong></dd></div>
                    <div>
                      <dt>{t('me.balanceDeadline')}</dt>
                      <dd data-testid="balance-due">
                        {dueAt ? formatDateTime(dueAt) : lot ? t('me.deadline', { days: lot.balanceDueDays, date: formatDate(Date.parse(r.endsAt) + lot.balanceDueDays * 86_400_000) }) : '—'}
                      </dd>
                    </div>
                    <div>
                      <dt>{t('me.balanceState')}</dt>
                      <dd>
                        {r.lotStatus === 'defaulted' ? <span className="hint-error">{t('me.balanceDefaulted')}</span>
                          : paidAt ? <span className="success-text">{t('me.balancePaid', { at: formatDateTime(paidAt) })}</span>
                          : overdue ? <span className="hint-error">{t('me.balanceOverdue')}</span>
                          : t('me.balanceOpen')}
                      </dd>
                    </div>
                  </dl>
                  {r.lotStatus === 'defaulted' ? (
                    <p className="small muted">{t('me.defaultedNote')}</p>
                  ) : (
                    <>
                      {!paidAt && <p className="small muted">{t('me.payBalance')}</p>}
                      <p>
                        <a className="btn btn-light btn-small" data-testid="confirmation-download" href={`/api/lots/${encodeURIComponent(r.lotId)}/confirmation`} download>
                          {t('result.downloadConfirmation')}
                        </a>
                      </p>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </div>
  );
}

function Checklist({ user, regs }: { user: UserView; regs: MyRegistration[] | null }) {
  const { t } = useI18n();
  const steps = [
    { done: true, text: t('check.account') },
    { done: user.identityVerified, text: t('check.identity') },
    { done: !!regs && regs.length > 0, text: t('check.register') },
    { done: !!regs && regs.some((r) => r.depositStatus !== 'pending'), text: t('check.deposit') },
  ];
  const missing = steps.filter((s) => !s.done).length;
  return (
    <section className="card" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('check.title')}</h2>
      <p className="muted small">{missing === 0 ? t('check.allDone') : t('check.missing', { n: missing })}</p>
      <ol className="checklist">
        {steps.map((s, i) => (
          <li key={i} className={s.done ? 'done' : 'todo'}>
            <span className="check-mark" aria-hidden="true">{s.done ? '✓' : i + 1}</span>
            <span>{s.text}<span className="visually-hidden"> — {s.done ? t('check.done') : t('check.todo')}</span></span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function IdentitySection({ user }: { user: UserView }) {
  const { t, lang } = useI18n();
  const { setUser } = useAuth();
  const [realName, setRealName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [justVerified, setJustVerified] = useState(false);

  if (user.identityVerified) {
    return (
      <div className="identity-ok">
        <Alert tone="success" title={t('id.verified')}>
          {t('id.verifiedAs', { name: user.realName ?? user.name })}
          {justVerified && <> {t('id.nowRegister')}</>}
        </Alert>
      </div>
    );
  }
  const cleanId = idNumber.trim().toUpperCase();
  const lengthWrong = cleanId.length > 0 && cleanId.length !== 18;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ identityVerified: boolean; user: UserView }>('/me/identity', { body: { realName: realName.trim(), idNumber: cleanId } });
      setJustVerified(true);
      setUser(res.user);
    } catch (err) {
      setError(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="form identity-form" onSubmit={onSubmit} noValidate aria-labelledby="id-title">
      <h3 id="id-title">{t('id.title')}</h3>
      <p className="small muted">{t('id.intro')}</p>
      <div className="field">
        <label htmlFor="id-name">{t('id.realName')}</label>
        <input id="id-name" autoComplete="name" value={realName} onChange={(e) => setRealName(e.target.value)} maxLength={50} />
      </div>
      <div className="field">
        <label htmlFor="id-number">{t('id.number')}</label>
        <input
          id="id-number"
          className="mono"
          inputMode="text"
          autoComplete="off"
          maxLength={18}
          value={idNumber}
          onChange={(e) => setIdNumber(e.target.value)}
          aria-invalid={lengthWrong || !!error}
          aria-describedby="id-number-hint"
        />
        <span id="id-number-hint" className={`hint${lengthWrong ? ' hint-error' : ''}`}>
          {lengthWrong ? t('id.lengthWrong', { n: cleanId.length }) : t('id.hint')}
        </span>
      </div>
      {error && <Alert tone="error">{error}</Alert>}
      <button type="submit" className="btn btn-primary" disabled={busy || realName.trim().length < 2 || cleanId.length !== 18}>
        {busy ? t('id.busy') : t('id.submit')}
      </button>
    </form>
  );
}
