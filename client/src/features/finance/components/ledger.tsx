import { useEffect, useId, useRef, useState } from 'react';
import { formatDateTime } from '../../../format';
import { useI18n, type MessageKey, type T } from '../../../i18n';
import { Money } from '../../../ui/money';
import { QueryCard } from '../../../ui/query-card';
import { TableHead } from '../../../ui/table-head';
import { accountName } from '../account-name';
import { useLedger, useLedgerAccounts, type LedgerAccount } from '../api';
import { LotLink } from './lot-link';

/** A chart with a sub-account per registration and lot grows long: show this many matches at a time. */
const SHOWN = 60;

/** The chart of accounts with posted balances, and one account's entries, each down to its lot. */
export function Ledger({ account, onOpen }: { account: string | null; onOpen(code: string): void }) {
  return (
    <>
      {account && <Entries account={account} onOpen={onOpen} />}
      <Chart current={account} onOpen={onOpen} />
    </>
  );
}

const KINDS = ['deposit_held', 'deposit_applied', 'deposit_released', 'deposit_forfeited', 'balance_received', 'overpayment', 'receipt_unapplied', 'receipt_returned', 'refund_sent', 'proceeds_paid'] as const;
/** The entry's kind in the reader's language; a kind the server adds later shows as sent. */
const entryKind = (t: T, kind: string) => ((KINDS as readonly string[]).includes(kind) ? t(`finance.kind.${kind}` as MessageKey) : kind);

function Chart({ current, onOpen }: { current: string | null; onOpen(code: string): void }) {
  const { t } = useI18n();
  const query = useLedgerAccounts();
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const words = filter.trim().toLowerCase();
  const rows = (query.data ?? []).filter((a) => words === '' || matches(a, words, accountName(t, a.code)));
  return (
    <QueryCard id="chart-title" title={t('finance.ledger.chart')} query={query} testId="ledger-chart">
      <div className="field">
        <label htmlFor={filterId}>{t('finance.ledger.filter')}</label>
        <input id={filterId} type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder={t('finance.ledger.filterPlaceholder')} data-testid="ledger-filter" />
      </div>
      {query.data && rows.length === 0 && <p className="muted">{t('finance.ledger.noAccounts')}</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="table table-cards">
            <TableHead columns={[t('finance.account'), { label: t('finance.debit'), num: true }, { label: t('finance.credit'), num: true }, { label: t('finance.balance'), num: true }]} />
            <tbody>
              {rows.slice(0, SHOWN).map((a) => (
                <tr key={a.code} className={a.code === current ? 'row-current' : a.parent ? 'row-sub' : undefined} aria-current={a.code === current ? 'true' : undefined}>
                  <td data-label={t('finance.account')}>
                    <button type="button" className="link-button" onClick={() => onOpen(a.code)} data-testid="ledger-open" data-account={a.code}>{accountName(t, a.code)}</button>
                    <span className="block small muted mono">{a.code}</span>
                    {a.lotId && <span className="block small"><LotLink lotId={a.lotId}>{t('finance.openLot')}</LotLink></span>}
                  </td>
                  <td className="num" data-label={t('finance.debit')}><Money value={a.debit} showWan={false} /></td>
                  <td className="num" data-label={t('finance.credit')}><Money value={a.credit} showWan={false} /></td>
                  <td className="num" data-label={t('finance.balance')}><Money value={a.balance} showWan={false} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > SHOWN && <p className="small muted">{t('finance.ledger.more', { shown: SHOWN, n: rows.length })}</p>}
    </QueryCard>
  );
}

function matches(a: LedgerAccount, words: string, name: string): boolean {
  return a.code.toLowerCase().includes(words) || name.toLowerCase().includes(words) || (a.lotId ?? '').toLowerCase().includes(words);
}

function Entries({ account, onOpen }: { account: string; onOpen(code: string): void }) {
  const { t, lang } = useI18n();
  const query = useLedger(account);
  const view = query.data ?? null;
  const top = useRef<HTMLDivElement>(null);
  // Opened from a long chart or another entry: bring the ledger into view rather than leave it off screen.
  useEffect(() => { top.current?.scrollIntoView({ block: 'start' }); }, [account]);
  return (
    <div ref={top}>
    <QueryCard id="ledger-title" title={t('finance.ledger.title', { account: accountName(t, account) })} query={query} testId="ledger-entries">
      <p className="small mono muted">{account}</p>
      {view && (
        <p><strong>{t('finance.balance')}: <Money value={view.balance} showWan={false} /></strong></p>
      )}
      {view && view.entries.length === 0 && <p className="muted">{t('finance.noEntries')}</p>}
      {view && view.entries.length > 0 && (
        <div className="table-wrap">
          <table className="table ledger-table table-cards">
            <TableHead columns={[t('finance.ledger.at'), t('finance.ledger.entry'), t('finance.account'), { label: t('finance.debit'), num: true }, { label: t('finance.credit'), num: true }]} />
            <tbody>
              {view.entries.map((e, i) => (
                <tr key={`${e.entryId}-${e.account}-${i}`} className={e.phase === 'posted' ? undefined : `ledger-${e.phase}`} data-testid="ledger-entry">
                  <td className="nowrap small" data-label={t('finance.ledger.at')}>{formatDateTime(e.at)}</td>
                  <td data-label={t('finance.ledger.entry')}>
                    <strong>{entryKind(t, e.kind)}</strong> <span className="mono small muted">#{e.entryId}</span>
                    {/* The memo is the record's own English text; the entry's kind above says it in the reader's language. */}
                    {lang === 'en' && <span className="block small muted">{e.memo}</span>}
                    {e.phase !== 'posted' && <span className={`pill pill-phase-${e.phase}`}> {t(`finance.ledger.phase.${e.phase}` as MessageKey)}</span>}
                    {e.lotId && <span className="block small"><LotLink lotId={e.lotId}>{t('finance.openLot')}</LotLink></span>}
                  </td>
                  <td data-label={t('finance.account')}>
                    {e.account === account ? <span className="small">{accountName(t, e.account)}</span>
                      : <button type="button" className="link-button small" onClick={() => onOpen(e.account)}>{accountName(t, e.account)}</button>}
                  </td>
                  <td className="num" data-label={t('finance.debit')}><Money value={e.debit === '0.00' ? null : e.debit} showWan={false} /></td>
                  <td className="num" data-label={t('finance.credit')}><Money value={e.credit === '0.00' ? null : e.credit} showWan={false} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryCard>
    </div>
  );
}
