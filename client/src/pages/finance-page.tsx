import { lazy, Suspense } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useI18n, type MessageKey } from '../i18n';
import { serverNow } from '../server-clock';
import { RequireRole } from '../ui/require-role';
import { Spinner } from '../ui/spinner';
import { useRefunds, useUnmatched } from '../features/finance/api';
import '../features/finance/finance.css';

// Each section is its own chunk: a clerk matching deposits does not download the ledger's screens.
const SECTIONS = {
  deposits: lazy(() => import('../features/finance/components/deposits').then((m) => ({ default: m.Deposits }))),
  statements: lazy(() => import('../features/finance/components/statements-tab').then((m) => ({ default: m.StatementsTab }))),
  refunds: lazy(() => import('../features/finance/components/refunds').then((m) => ({ default: m.Refunds }))),
  balances: lazy(() => import('../features/finance/components/balances-tab').then((m) => ({ default: m.BalancesTab }))),
  books: lazy(() => import('../features/finance/components/books-tab').then((m) => ({ default: m.BooksTab }))),
  report: lazy(() => import('../features/finance/components/reconciliation').then((m) => ({ default: m.Reconciliation }))),
};
type Section = keyof typeof SECTIONS;
const ORDER = Object.keys(SECTIONS) as Section[];
const isSection = (s: string | null): s is Section => s !== null && Object.hasOwn(SECTIONS, s);

export function FinancePage() {
  return (
    <RequireRole roles={['finance']}>
      <Finance />
    </RequireRole>
  );
}

function Finance() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const raw = params.get('tab');
  const section: Section = isSection(raw) ? raw : 'deposits';
  const Panel = SECTIONS[section];
  return (
    <div className="container finance" data-testid="finance-page">
      <h1>{t('finance.title')}</h1>
      <FinanceNav current={section} />
      <Suspense fallback={<Spinner />}>
        <Panel />
      </Suspense>
    </div>
  );
}

/** The sections as links (shareable, the back button works), each with what waits there. */
function FinanceNav({ current }: { current: Section }) {
  const { t } = useI18n();
  const unmatched = useUnmatched().data?.length ?? 0;
  const refunds = useRefunds().data ?? [];
  const now = serverNow();
  const due = refunds.filter((r) => r.status !== 'sent');
  const overdue = due.filter((r) => r.overdue || Date.parse(r.dueBy) < now).length;
  const badge: Partial<Record<Section, { n: number; alert: boolean; label: string }>> = {
    statements: unmatched > 0 ? { n: unmatched, alert: false, label: t('finance.nav.unmatched', { n: unmatched }) } : undefined,
    refunds: due.length > 0 ? { n: due.length, alert: overdue > 0, label: overdue > 0 ? t('finance.nav.refundsOverdue', { n: due.length, overdue }) : t('finance.nav.refundsDue', { n: due.length }) } : undefined,
  };
  return (
    <nav className="finance-nav" aria-label={t('finance.nav.label')}>
      <ul>
        {ORDER.map((s) => {
          const b = badge[s];
          return (
            <li key={s}>
              <Link to={`?tab=${s}`} aria-current={s === current ? 'page' : undefined} data-testid={`finance-tab-${s}`} className={s === current ? 'active' : undefined}>
                {t(`finance.nav.${s}` as MessageKey)}
                {b && (
                  <span className={`finance-count${b.alert ? ' finance-count-alert' : ''}`}>
                    <span aria-hidden="true">{b.alert ? `! ${b.n}` : b.n}</span>
                    <span className="visually-hidden">{b.label}</span>
                  </span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
