import { Balances } from '../features/finance/components/balances';
import { Deposits } from '../features/finance/components/deposits';
import { TrialBalanceCard } from '../features/finance/components/trial-balance';
import { useI18n } from '../i18n';
import { RequireRole } from '../ui/require-role';

export function FinancePage() {
  return (
    <RequireRole roles={['finance']}>
      <Finance />
    </RequireRole>
  );
}

function Finance() {
  const { t } = useI18n();
  return (
    <div className="container">
      <h1>{t('finance.title')}</h1>
      <Deposits />
      <Balances />
      <TrialBalanceCard />
    </div>
  );
}
