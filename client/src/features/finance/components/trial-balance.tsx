import { errorText } from '../../../error-text';
import { accountLabel, useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Money } from '../../../ui/money';
import { RefreshButton } from '../../../ui/refresh-button';
import { Spinner } from '../../../ui/spinner';
import { useTrialBalance } from '../api';

export function TrialBalanceCard() {
  const { t, lang } = useI18n();
  const query = useTrialBalance();
  const tb = query.data ?? null;
  const error = query.error;
  return (
    <section className="card" aria-labelledby="tb-title">
      <div className="card-head">
        <h2 id="tb-title">{t('finance.trialBalance')}</h2>
        <RefreshButton refreshing={query.isFetching} onClick={() => void query.refetch()} />
      </div>
      {error !== null && <Alert tone="error">{errorText(error, t, lang)}</Alert>}
      {tb === null && query.isFetching && <Spinner />}
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
