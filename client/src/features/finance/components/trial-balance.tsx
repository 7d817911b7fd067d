import { useI18n } from '../../../i18n';
import { accountName } from '../account-name';
import { Money } from '../../../ui/money';
import { useTrialBalance } from '../api';
import { QueryCard } from '../../../ui/query-card';
import { TableHead } from '../../../ui/table-head';

/** Root accounts' totals; each account opens its ledger below (onOpen). */
export function TrialBalanceCard({ onOpen }: { onOpen?(account: string): void }) {
  const { t } = useI18n();
  const query = useTrialBalance();
  const tb = query.data ?? null;
  return (
    <QueryCard id="tb-title" title={t('finance.trialBalance')} query={query}>
      {tb && (
        <>
          <p className={`balance-flag ${tb.balanced ? 'balance-yes' : 'balance-no'}`} role="status">
            <span aria-hidden="true">{tb.balanced ? '✓' : '✗'}</span> {tb.balanced ? t('finance.balanced') : t('finance.unbalanced')}
          </p>
          {tb.accounts.length === 0 ? <p className="muted">{t('finance.noEntries')}</p> : (
            <div className="table-wrap">
              <table className="table table-cards">
                <TableHead columns={[t('finance.account'), { label: t('finance.debit'), num: true }, { label: t('finance.credit'), num: true }, { label: t('finance.balance'), num: true }]} />
                <tbody>
                  {tb.accounts.map((a) => (
                    <tr key={a.account}>
                      <td data-label={t('finance.account')}>
                        {onOpen
                          ? <button type="button" className="link-button" data-testid="tb-open" onClick={() => onOpen(a.account)}>{accountName(t, a.account)}</button>
                          : accountName(t, a.account)}
                        <span className="block small muted mono">{a.account}</span>
                      </td>
                      <td className="num" data-label={t('finance.debit')}><Money value={a.debit} showWan={false} /></td>
                      <td className="num" data-label={t('finance.credit')}><Money value={a.credit} showWan={false} /></td>
                      <td className="num" data-label={t('finance.balance')}><Money value={a.balance} showWan={false} /></td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('finance.total')}</th>
                    <td className="num" data-label={t('finance.debit')}><Money value={tb.totalDebit} showWan={false} /></td>
                    <td className="num" data-label={t('finance.credit')}><Money value={tb.totalCredit} showWan={false} /></td>
                    <td />
                  </tr>
                </tfoot>
              </table>
            </div>
          )}
        </>
      )}
    </QueryCard>
  );
}
