import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api';
import { errorText } from '../error-text';
import { formatDateTime } from '../format';
import { formatYuan } from '../../../shared/money';
import { accountLabel, useI18n } from '../i18n';
import { Alert } from '../ui/alert';
import { Money } from '../ui/money';
import { RequireRole } from '../ui/require-role';
import { Spinner } from '../ui/spinner';
import { StatusBadge } from '../ui/status-badge';
import { Decimal } from 'decimal.js';
import type { LotStatus, LotView } from '../../../shared/api';
import type { BalanceRow } from '../features/court/types';
import { serverNow } from '../server-clock';

interface PendingDeposit {
  registrationId: string;
  lotId: string;
  lotTitle: string;
  lotStatus: LotStatus;
  payerName: string | null;
  payerEmail: string;
  amount: string;
  paymentReference: string;
  registeredAt: string;
}

interface TrialBalance {
  balanced: boolean;
  totalDebit: string;
  totalCredit: string;
  accounts: Array<{ account: string; debit: string; credit: string; balance: string }>;
}

export function FinancePage() {
  return (
    <RequireRole roles={['finance']}>
      <Finance />
    </RequireRole>
  );
}

function Finance() {
  const { t } = useI18n();
  const [balanceKey, setBalanceKey] = useState(0);
  return (
    <div className="container">
      <h1>{t('finance.title')}</h1>
      <Deposits onConfirmed={() => setBalanceKey((k) => k + 1)} />
      <Balances onRecorded={() => setBalanceKey((k) => k + 1)} />
      <TrialBalanceCard reloadKey={balanceKey} />
    </div>
  );
}

function Deposits({ onConfirmed }: { onConfirmed(): void }) {
  const { t, lang } = useI18n();
  const [rows, setRows] = useState<PendingDeposit[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [confirmed, setConfirmed] = useState<Array<{ ref: string; bank: string; payer: string }>>([]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const { deposits } = await api<{ deposits: PendingDeposit[] }>('/finance/deposits');
      setRows(deposits);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="card" aria-labelledby="deposits-title">
      <div className="card-head">
        <h2 id="deposits-title">{t('finance.deposits')}</h2>
        <button type="button" className="btn btn-light btn-small" onClick={() => void load()} disabled={loading}>
          {loading ? t('common.refreshing') : t('common.refresh')}
        </button>
      </div>
      <p className="small muted">{t('finance.depositsIntro')}</p>
      {error !== null && <Alert tone="error">{errorText(error, t, lang)}</Alert>}
      {confirmed.length > 0 && (
        <Alert tone="success" title={t('finance.confirmedTitle')}>
          <ul className="plain-list">
            {confirmed.map((c) => <li key={c.ref}>{t('finance.confirmedLine', { ref: c.ref, bank: c.bank, payer: c.payer })}</li>)}
          </ul>
        </Alert>
      )}
      {rows === null && loading && <Spinner />}
      {rows && rows.length === 0 && <p className="muted">{t('finance.noDeposits')}</p>}
      {rows && rows.length > 0 && (
        <ul className="deposit-rows">
          {rows.map((r) => (
            <DepositRow
              key={r.registrationId}
              row={r}
              onDone={(bank) => {
                setRows((list) => (list ?? []).filter((x) => x.registrationId !== r.registrationId));
                setConfirmed((c) => [{ ref: r.paymentReference, bank, payer: r.payerName ?? r.payerEmail }, ...c].slice(0, 5));
                onConfirmed();
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function DepositRow({ row, onDone }: { row: PendingDeposit; onDone(bankReference: string): void }) {
  const { t, lang } = useI18n();
  const [bankRef, setBankRef] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const valid = bankRef.trim().length >= 3;
  const id = `bankref-${row.registrationId}`;
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/finance/deposits/${encodeURIComponent(row.registrationId)}/confirm`, { body: { bankReference: bankRef.trim() } });
      onDone(bankRef.trim());
    } catch (err) {
      setError(errorText(err, t, lang));
      setBusy(false);
    }
  };
  return (
    <li className="deposit-row">
      <div className="deposit-row-info">
        <div className="deposit-row-top">
          <strong>{row.payerName ?? t('finance.noRealName')}</strong>
          <span className="small muted">{row.payerEmail}</span>
        </div>
        <div className="small">
          <Link to={`/lots/${row.lotId}`}>{row.lotTitle}</Link> <StatusBadge status={row.lotStatus} />
        </div>
        <dl className="kv-list kv-inline small">
          <div><dt>{t('pay.amount')}</dt><dd><Money value={row.amount} /></dd></div>
          <div><dt>{t('finance.reference')}</dt><dd className="mono pay-ref">{row.paymentReference}</dd></div>
          <div><dt>{t('finance.registeredAt')}</dt><dd>{formatDateTime(row.registeredAt)}</dd></div>
        </dl>
      </div>
      <form className="deposit-row-action" onSubmit={(e) => { e.preventDefault(); if (valid) void confirm(); }} noValidate>
        <div className="field">
          <label htmlFor={id}>{t('finance.bankReference')}</label>
          <input id={id} value={bankRef} maxLength={100} onChange={(e) => setBankRef(e.target.value)} placeholder={t('finance.bankReferencePlaceholder')} aria-describedby={`${id}-hint`} />
          <span id={`${id}-hint`} className="hint">{t('finance.bankReferenceHint')}</span>
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy || !valid}>{busy ? t('finance.confirming') : t('finance.confirm')}</button>
        {error && <Alert tone="error">{error}</Alert>}
      </form>
    </li>
  );
}

function TrialBalanceCard({ reloadKey }: { reloadKey: number }) {
  const { t, lang } = useI18n();
  const [tb, setTb] = useState<TrialBalance | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      setTb(await api<TrialBalance>('/finance/trial-balance'));
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load, reloadKey]);
  return (
    <section className="card" aria-labelledby="tb-title">
      <div className="card-head">
        <h2 id="tb-title">{t('finance.trialBalance')}</h2>
        <button type="button" className="btn btn-light btn-small" onClick={() => void load()} disabled={loading}>
          {loading ? t('common.refreshing') : t('common.refresh')}
        </button>
      </div>
      {error !== null && <Alert tone="error">{errorText(error, t, lang)}</Alert>}
      {tb === null && loading && <Spinner />}
      {tb && (
        <>
          <p className={`balance-flag ${tb.balanced ? 'balance-yes' : 'balance-no'}`} role="status">
            <span aria-hidden="true">{tb.balanced ? '✓' : '✗'}</span> {tb.balanced ? t('finance.balanced') : t('finance.unbalanced')}
          </p>
          {tb.accounts.length === 0 ? <p className="muted">{t('finance.noEntries')}</p> : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t('finance.account')}</th>
                    <th scope="col" className="num">{t('finance.debit')}</th>
                    <th scope="col" className="num">{t('finance.credit')}</th>
                    <th scope="col" className="num">{t('finance.balance')}</th>
                  </tr>
                </thead>
                <tbody>
                  {tb.accounts.map((a) => (
                    <tr key={a.account}>
                      <td>{accountLabel(t, a.account)}<span className="block small muted mono">{a.account}</span></td>
                      <td className="num"><Money value={a.debit} showWan={false} /></td>
                      <td className="num"><Money value={a.credit} showWan={false} /></td>
                      <td className="num"><Money value={a.balance} showWan={false} /></td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('finance.total')}</th>
                    <td className="num"><Money value={tb.totalDebit} showWan={false} /></td>
                    <td className="num"><Money value={tb.totalCredit} showWan={false} /></td>
                    <td />
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

type BalanceState = 'paid' | 'due' | 'overdue' | 'defaulted';

function balanceState(r: BalanceRow, now: number): BalanceState {
  if (r.status === 'defaulted') return 'defaulted';
  if (r.balancePaidAt) return 'paid';
  if (r.balanceDueAt && Date.parse(r.balanceDueAt) < now) return 'overdue';
  return 'due';
}

const STATE_ORDER: Record<BalanceState, number> = { overdue: 0, due: 1, defaulted: 2, paid: 3 };

/** A25: balances of sold lots, due, overdue or paid; finance records each when the bank confirms it. */
function Balances({ onRecorded }: { onRecorded(): void }) {
  const { t, lang } = useI18n();
  const [rows, setRows] = useState<BalanceRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(async () => {
    setLoading(true);
    try {
      const { lots } = await api<{ lots: BalanceRow[] }>('/finance/balances');
      setRows(lots);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  const now = serverNow();
  const sorted = rows ? [...rows].sort((a, b) => STATE_ORDER[balanceState(a, now)] - STATE_ORDER[balanceState(b, now)] || (a.balanceDueAt ?? '').localeCompare(b.balanceDueAt ?? '')) : null;
  const counts = (rows ?? []).reduce<Record<BalanceState, number>>((c, r) => ({ ...c, [balanceState(r, now)]: c[balanceState(r, now)] + 1 }), { paid: 0, due: 0, overdue: 0, defaulted: 0 });
  return (
    <section className="card" aria-labelledby="balances-title" data-testid="balances">
      <div className="card-head">
        <h2 id="balances-title">{t('balances.title')}</h2>
        <button type="button" className="btn btn-light btn-small" onClick={() => void load()} disabled={loading}>
          {loading ? t('common.refreshing') : t('common.refresh')}
        </button>
      </div>
      <p className="small muted">{t('balances.intro')}</p>
      {rows && rows.length > 0 && (
        <p className="small balance-counts">
          {(['overdue', 'due', 'paid', 'defaulted'] as const).map((s) => (
            <span key={s} className={`pill pill-balance-${s}`}>{t(`balances.state.${s}`)}: {counts[s]}</span>
          ))}
        </p>
      )}
      {error !== null && <Alert tone="error">{errorText(error, t, lang)}</Alert>}
      {rows === null && loading && <Spinner />}
      {sorted && sorted.length === 0 && <p className="muted">{t('balances.none')}</p>}
      {sorted && sorted.length > 0 && (
        <ul className="deposit-rows">
          {sorted.map((r) => (
            <BalanceItem
              key={r.id}
              row={r}
              state={balanceState(r, now)}
              onDone={(next) => {
                setRows((list) => (list ?? []).map((x) => (x.id === r.id ? { ...x, status: next.status as BalanceRow['status'], balancePaidAt: next.balancePaidAt } : x)));
                onRecorded();
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function BalanceItem({ row, state, onDone }: { row: BalanceRow; state: BalanceState; onDone(next: LotView): void }) {
  const { t, lang } = useI18n();
  const [bankRef, setBankRef] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const valid = bankRef.trim().length >= 3;
  const id = `balref-${row.id}`;
  const balance = row.finalPrice ? Decimal.max(new Decimal(row.finalPrice).minus(row.deposit), 0).toFixed(2) : null;
  const record = async () => {
    setBusy(true);
    setError(null);
    try {
      const next = await api<LotView>(`/finance/lots/${encodeURIComponent(row.id)}/balance`, { body: { bankReference: bankRef.trim() } });
      onDone(next);
    } catch (err) {
      setError(errorText(err, t, lang));
    } finally {
      setBusy(false);
    }
  };
  const open = state === 'due' || state === 'overdue';
  return (
    <li className={`deposit-row balance-row balance-${state}${state === 'due' || state === 'overdue' ? '' : ' balance-row-closed'}`} data-testid="balance-row" data-lot-id={row.id} data-state={state}>
      <div className="deposit-row-info">
        <div className="deposit-row-top">
          <Link to={`/lots/${row.id}`}><strong>{row.title}</strong></Link>
          <span className={`pill pill-balance-${state}`} data-testid="balance-state">{t(`balances.state.${state}`)}</span>
        </div>
        <p className="small muted">{row.court} · {t('balances.buyer', { code: row.winnerCode ?? '—' })}</p>
        <dl className="kv-list kv-inline small">
          <div><dt>{t('lot.finalPrice')}</dt><dd><Money value={row.finalPrice} /></dd></div>
          <div><dt>{state === 'defaulted' ? t('balances.depositForfeited') : t('me.depositApplied')}</dt><dd><Money value={row.deposit} /></dd></div>
          {state !== 'defaulted' && <div><dt>{state === 'paid' ? t('me.balance') : t('me.balanceDue')}</dt><dd><Money value={balance} /></dd></div>}
          <div><dt>{t('me.balanceDeadline')}</dt><dd>{row.balanceDueAt ? formatDateTime(row.balanceDueAt) : '—'}</dd></div>
          {row.balancePaidAt && <div><dt>{t('balances.paidAt')}</dt><dd>{formatDateTime(row.balancePaidAt)}</dd></div>}
        </dl>
        {state === 'overdue' && <p className="small hint-error">{t('balances.overdueNote')}</p>}
        {state === 'defaulted' && <p className="small muted">{t('balances.defaultedNote')}</p>}
      </div>
      {open && (
        <form className="deposit-row-action" onSubmit={(e) => { e.preventDefault(); if (valid) void record(); }} noValidate>
          <div className="field">
            <label htmlFor={id}>{t('finance.bankReference')}</label>
            <input id={id} data-testid="balance-bank-reference" value={bankRef} maxLength={100} onChange={(e) => setBankRef(e.target.value)} placeholder={t('finance.bankReferencePlaceholder')} aria-describedby={`${id}-hint`} />
            <span id={`${id}-hint`} className="hint">{t('balances.hint', { amount: balance ? formatYuan(balance) : '—' })}</span>
          </div>
          <button type="submit" className="btn btn-primary" data-testid="balance-submit" disabled={busy || !valid}>{busy ? t('common.working') : t('balances.record')}</button>
          {error && <Alert tone="error">{error}</Alert>}
        </form>
      )}
    </li>
  );
}
