import { Decimal } from 'decimal.js';
import { Link } from 'react-router';
import { formatYuan } from '../../../../../shared/money';
import { formatDateTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { serverNow } from '../../../server-clock';
import { Money } from '../../../ui/money';
import type { BalanceRow } from '../../court/types';
import { recordBalance, useBalances } from '../api';
import { QueryCard } from '../../../ui/query-card';
import { lotTitle } from '../../auctions/components/lot-disclosure';
import { BankReferenceForm } from './bank-reference-form';

type BalanceState = 'paid' | 'due' | 'overdue' | 'defaulted';

function balanceState(r: BalanceRow, now: number): BalanceState {
  if (r.status === 'defaulted') return 'defaulted';
  if (r.balancePaidAt) return 'paid';
  if (r.balanceDueAt && Date.parse(r.balanceDueAt) < now) return 'overdue';
  return 'due';
}

const STATE_ORDER: Record<BalanceState, number> = { overdue: 0, due: 1, defaulted: 2, paid: 3 };

/** A25: balances of sold lots, due, overdue or paid; finance records each when the bank confirms it. */
export function Balances() {
  const { t } = useI18n();
  const query = useBalances();
  const rows = query.data ?? null;
  const now = serverNow();
  const sorted = rows ? [...rows].sort((a, b) => STATE_ORDER[balanceState(a, now)] - STATE_ORDER[balanceState(b, now)] || (a.balanceDueAt ?? '').localeCompare(b.balanceDueAt ?? '')) : null;
  const counts = (rows ?? []).reduce<Record<BalanceState, number>>((c, r) => ({ ...c, [balanceState(r, now)]: c[balanceState(r, now)] + 1 }), { paid: 0, due: 0, overdue: 0, defaulted: 0 });
  return (
    <QueryCard id="balances-title" title={t('balances.title')} query={query} testId="balances">
      <p className="small muted">{t('balances.intro')}</p>
      {rows && rows.length > 0 && (
        <p className="small balance-counts">
          {(['overdue', 'due', 'paid', 'defaulted'] as const).map((s) => (
            <span key={s} className={`pill pill-balance-${s}`}>{t(`balances.state.${s}`)}: {counts[s]}</span>
          ))}
        </p>
      )}
      {sorted && sorted.length === 0 && <p className="muted">{t('balances.none')}</p>}
      {sorted && sorted.length > 0 && (
        <ul className="deposit-rows">
          {sorted.map((r) => (
            <BalanceItem key={r.id} row={r} state={balanceState(r, now)} />
          ))}
        </ul>
      )}
    </QueryCard>
  );
}

function BalanceItem({ row, state }: { row: BalanceRow; state: BalanceState }) {
  const { t, lang } = useI18n();
  const id = `balref-${row.id}`;
  const balance = row.finalPrice ? Decimal.max(new Decimal(row.finalPrice).minus(row.deposit), 0).toFixed(2) : null;
  const open = state === 'due' || state === 'overdue';
  return (
    <li className={`deposit-row balance-row balance-${state}${state === 'due' || state === 'overdue' ? '' : ' balance-row-closed'}`} data-testid="balance-row" data-lot-id={row.id} data-state={state}>
      <div className="deposit-row-info">
        <div className="deposit-row-top">
          <Link to={`/lots/${row.id}`}><strong>{lotTitle(row, lang)}</strong></Link>
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
        <BankReferenceForm
          id={id} hint={t('balances.hint', { amount: balance ? formatYuan(balance) : '—' })} submitLabel={t('balances.record')} pendingLabel={t('common.working')}
          testIds={{ input: 'balance-bank-reference', submit: 'balance-submit' }} send={(bank) => recordBalance(row.id, bank)}
        />
      )}
    </li>
  );
}
