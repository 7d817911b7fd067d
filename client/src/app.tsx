import { lazy, Suspense } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth';
import { I18nProvider } from './i18n';
import { Layout } from './ui/layout';
import { PageLoading } from './ui/spinner';
import { AccountPage } from './pages/account-page';
import { LotListPage } from './pages/lot-list-page';
import { LotPage } from './pages/lot-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { RegisterPage } from './pages/register-page';

// Staff pages and the bid log load on demand: a bidder on a phone does not download the court's workspace.
const BidLogPage = lazy(() => import('./pages/bid-log-page').then((m) => ({ default: m.BidLogPage })));
const CourtPage = lazy(() => import('./pages/court-page').then((m) => ({ default: m.CourtPage })));
const CourtCasePage = lazy(() => import('./pages/court-case-page').then((m) => ({ default: m.CourtCasePage })));
const CourtValuationPage = lazy(() => import('./pages/court-valuation-page').then((m) => ({ default: m.CourtValuationPage })));
const CourtWorklistPage = lazy(() => import('./pages/court-worklist-page').then((m) => ({ default: m.CourtWorklistPage })));
const CourtLotPage = lazy(() => import('./pages/court-lot-page').then((m) => ({ default: m.CourtLotPage })));
const FinancePage = lazy(() => import('./pages/finance-page').then((m) => ({ default: m.FinancePage })));

export function App() {
  return (
    <BrowserRouter>
      <I18nProvider>
        <AuthProvider>
          <Layout>
            <Suspense fallback={<PageLoading />}>
              <Routes>
                <Route path="/" element={<LotListPage />} />
                <Route path="/lots/:id" element={<LotPage />} />
                <Route path="/lots/:id/bid-log" element={<BidLogPage />} />
                <Route path="/login" element={<LoginPage />} />
                <Route path="/register" element={<RegisterPage />} />
                <Route path="/me" element={<AccountPage />} />
                <Route path="/court" element={<CourtPage />} />
                <Route path="/court/cases/:id" element={<CourtCasePage />} />
                <Route path="/court/lots/:id" element={<CourtLotPage />} />
                <Route path="/court/valuations/:id" element={<CourtValuationPage />} />
                <Route path="/court/worklist" element={<CourtWorklistPage />} />
                <Route path="/finance" element={<FinancePage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Routes>
            </Suspense>
          </Layout>
        </AuthProvider>
      </I18nProvider>
    </BrowserRouter>
  );
}
