import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './data/query-client';
import { AuthProvider } from './auth';
import { I18nProvider, withMessages } from './i18n';
import { Layout } from './ui/layout';
import { PageLoading } from './ui/spinner';
import { RouteErrorBoundary } from './ui/route-error-boundary';

// Every page is its own chunk, loaded when its route is first visited: the entry holds only the shell
// (router, auth, i18n, layout), and a bidder on a phone does not download the court's workspace. Each
// route also fetches the message catalogues of the features its page shows.
const LotListPage = lazy(withMessages(['auctions', 'valuation'], () => import('./pages/lot-list-page').then((m) => ({ default: m.LotListPage }))));
const LotPage = lazy(withMessages(['auctions', 'bidding', 'cases', 'valuation'], () => import('./pages/lot-page').then((m) => ({ default: m.LotPage }))));
const LoginPage = lazy(withMessages(['accounts'], () => import('./pages/login-page').then((m) => ({ default: m.LoginPage }))));
const RegisterPage = lazy(withMessages(['accounts'], () => import('./pages/register-page').then((m) => ({ default: m.RegisterPage }))));
const AccountPage = lazy(withMessages(['accounts', 'auctions', 'bidding', 'valuation'], () => import('./pages/account-page').then((m) => ({ default: m.AccountPage }))));
const NotificationsPage = lazy(withMessages(['accounts'], () => import('./pages/notifications-page').then((m) => ({ default: m.NotificationsPage }))));
const WatchlistPage = lazy(withMessages(['auctions'], () => import('./pages/watchlist-page').then((m) => ({ default: m.WatchlistPage }))));
const NotFoundPage = lazy(withMessages([], () => import('./pages/not-found-page').then((m) => ({ default: m.NotFoundPage }))));
const BidLogPage = lazy(withMessages(['bidding', 'audit', 'cases', 'valuation'], () => import('./pages/bid-log-page').then((m) => ({ default: m.BidLogPage }))));
const CourtPage = lazy(withMessages(['cases', 'auctions', 'valuation'], () => import('./pages/court-page').then((m) => ({ default: m.CourtPage }))));
const CourtCasePage = lazy(withMessages(['cases', 'auctions', 'valuation'], () => import('./pages/court-case-page').then((m) => ({ default: m.CourtCasePage }))));
const CourtValuationPage = lazy(withMessages(['valuation', 'cases', 'auctions'], () => import('./pages/court-valuation-page').then((m) => ({ default: m.CourtValuationPage }))));
const CourtWorklistPage = lazy(withMessages(['cases', 'valuation'], () => import('./pages/court-worklist-page').then((m) => ({ default: m.CourtWorklistPage }))));
const CourtLotPage = lazy(withMessages(['auctions', 'cases', 'bidding', 'valuation', 'audit', 'accounts', 'finance'], () => import('./pages/court-lot-page').then((m) => ({ default: m.CourtLotPage }))));
const StatsPage = lazy(withMessages(['stats'], () => import('./pages/stats-page').then((m) => ({ default: m.StatsPage }))));
const StatsReportPage = lazy(withMessages(['stats'], () => import('./pages/stats-report-page').then((m) => ({ default: m.StatsReportPage }))));
const ResultsPage = lazy(withMessages(['results'], () => import('./pages/results-page').then((m) => ({ default: m.ResultsPage }))));
const AdminPage = lazy(withMessages(['accounts'], () => import('./pages/admin-page').then((m) => ({ default: m.AdminPage }))));
const FinancePage = lazy(withMessages(['finance', 'accounts', 'auctions', 'bidding', 'valuation'], () => import('./pages/finance-page').then((m) => ({ default: m.FinancePage }))));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
    <BrowserRouter>
      <I18nProvider>
        <AuthProvider>
          <Layout>
            <RouteErrorBoundary>
              <Suspense fallback={<PageLoading />}>
                <Routes>
                  <Route path="/" element={<LotListPage />} />
                  <Route path="/lots/:id" element={<LotPage />} />
                  <Route path="/lots/:id/bid-log" element={<BidLogPage />} />
                  <Route path="/login" element={<LoginPage />} />
                  <Route path="/register" element={<RegisterPage />} />
                  <Route path="/me" element={<AccountPage />} />
                  <Route path="/me/watchlist" element={<WatchlistPage />} />
                  <Route path="/me/notifications" element={<NotificationsPage />} />
                  <Route path="/court" element={<CourtPage />} />
                  <Route path="/court/cases/:id" element={<CourtCasePage />} />
                  <Route path="/court/lots/:id" element={<CourtLotPage />} />
                  <Route path="/court/valuations/:id" element={<CourtValuationPage />} />
                  <Route path="/court/worklist" element={<CourtWorklistPage />} />
                  <Route path="/finance" element={<FinancePage />} />
                  <Route path="/admin" element={<AdminPage />} />
                  <Route path="/stats" element={<StatsPage />} />
                  <Route path="/stats/report" element={<StatsReportPage />} />
                  <Route path="/results" element={<ResultsPage />} />
                  <Route path="*" element={<NotFoundPage />} />
                </Routes>
              </Suspense>
            </RouteErrorBoundary>
          </Layout>
        </AuthProvider>
      </I18nProvider>
    </BrowserRouter>
    </QueryClientProvider>
  );
}
