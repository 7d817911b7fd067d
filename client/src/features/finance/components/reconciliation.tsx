import { useId, useState } from 'react';
import { COURT_TZ_OFFSET_MS } from '../../../../../shared/rules';
import { formatDate, formatDateTime, inputLang } from '../../../format';
import { useI18n } from '../../../i18n';
import { serverNow } from '../../../server-clock';
import { Money } from '../../../ui/money';
import { QueryCard } from '../../../ui/query-card';
import { TableHead } from '../../../ui/table-head';
import { accountName } from '../account-name';
import { reconciliationCsvUrl, useReconciliation, type ReconciliationReport } from '../api';

/** Today's calendar date in the court's zone (UTC+8), as YYYY-MM-DD. */
const courtToday = () => new Date(serverNow() + COURT_TZ_OFFSET_MS).toISOString().slice(0, 10);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day's reconciliation (UTC+8): run for any date, read on screen, or download as CSV. */
export function Reconciliation() {
  const { t, lang } = useI18n();
  const inputId = useId();
  const [typed, setTyped] = useState(courtToday);
  const [date, setDate] = useState<string | null>(null);
  const query = useReconciliation(date);
  const report = query.data ?? null;
  const valid = DATE.test(typed);
  return (
    <QueryCard id="recon-title" title={t('finance.recon.title')} query={query} testId="reconciliation">
      <p className="small muted">{t('finance.recon.intro')}</p>
      <form className="recon-form" onSubmit={(e) => { e.preventDefault(); if (valid) { setDate(typed); if (typed === date) void query.refetch(); } }}>
        <div className="field">
          <label htmlFor={inputId}>{t('finance.recon.date')}</label>
          <input id={inputId} type="date" lang={inputLang(lang)} value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="recon-date" required />
        </div>
        <div className="btn-row">
          <button type="submit" className="btn btn-primary" disabled={!valid || query.isFetching} data-testid="recon-run">
            {query.isFetching ? t('common.working') : t('finance.recon.run')}
          </button>
          {valid && (
            <a className="btn btn-light" href={reconciliationCsvUrl(typed)} download={`reconciliation-${typed}.csv`} data-testid="recon-csv">{t('finance.recon.csv', { date: formatDate(typed) })}</a>
          )}
        </div>
      </form>
      {report && <Report report={report} />}
    </QueryCard>
  );
}

function Report({ report }: { report: ReconciliationReport }) {
  const { t } = useI18n();
  return (
    <div className="recon-report" data-testid="recon-report" data-date={report.date}>
      <h3>{t('finance.recon.of', { date: formatDate(report.date) })}</h3>
      <p className="small muted">{t('finance.recon.producedAt', { at: formatDateTime(report.producedAt) })}</p>
      <p className={`balance-flag ${report.balanced ? 'balance-yes' : 'balance-no'}`} role="status">
        <span aria-hidden="true">{report.balanced ? '✓' : '✗'}</span> {report.balanced ? t('finance.balanced') : t('finance.unbalanced')}
      </p>
      <div className="table-wrap">
        <table className="table table-cards">
          <TableHead columns={[t('finance.account'), { label: t('finance.recon.opening'), num: true }, { label: t('finance.debit'), num: true }, { label: t('finance.credit'), num: true }, { label: t('finance.recon.closing'), num: true }]} />
          <tbody>
            {report.accounts.map((a) => (
              <tr key={a.account}>
                <td data-label={t('finance.account')}>{accountName(t, a.account)}<span className="block small muted mono">{a.account}</span></td>
                <td className="num" data-label={t('finance.recon.opening')}><Money value={a.opening} showWan={false} /></td>
                <td className="num" data-label={t('finance.debit')}><Money value={a.debit} showWan={false} /></td>
                <td className="num" data-label={t('finance.credit')}><Money value={a.credit} showWan={false} /></td>
                <td className="num" data-label={t('finance.recon.closing')}><Money value={a.closing} showWan={false} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>{t('finance.recon.unmatched', { n: report.unmatched.length })}</h4>
      {report.unmatched.length > 0 && (
        <ul className="plain-list small">
          {report.unmatched.map((u) => (
            <li key={u.id}><Money value={u.amount} showWan={false} /> · {u.payerName} · <span className="mono">{u.reference || '—'}</span></li>
          ))}
        </ul>
      )}
      <h4 className={report.refundsOverdue.length > 0 ? 'overdue-text' : undefined}>
        {report.refundsOverdue.length > 0 && <span aria-hidden="true">⚠ </span>}{t('finance.recon.overdue', { n: report.refundsOverdue.length })}
      </h4>
      {report.refundsOverdue.length > 0 && (
        <ul className="plain-list small">
          {report.refundsOverdue.map((r) => (
            <li key={r.id}><Money value={r.amount} showWan={false} /> · {r.payeeName} · {t('finance.refunds.dueBy')} {formatDateTime(r.dueBy)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
