import { BrowserRouter, Route, Routes } from 'react-router';
import { AuthProvider } from './auth';
import { I18nProvider } from './i18n';
import { Layout } from './ui/layout';
import { AccountPage } from './pages/account-page';
import { CourtCasePage } from './pages/court-case-page';
import { CourtPage } from './pages/court-page';
import { FinancePage } from './pages/finance-page';
import { LotListPage } from './pages/lot-list-page';
import { LotPage } from './pages/lot-page';
import { LoginPage } from './pages/login-page';
import { NotFoundPage } from './pages/not-found-page';
import { RegisterPage } from './pages/register-page';

export function App() {
  return (
    <BrowserRouter>
      <I18nProvider>
        <AuthProvider>
          <Layout>
            <Routes>
              <Route path="/" element={<LotListPage />} />
              <Route path="/lots/:id" element={<LotPage />} />
              <Route path="/login" element={<LoginPage />} />
              <Route path="/register" element={<RegisterPage />} />
              <Route path="/me" element={<AccountPage />} />
              <Route path="/court" element={<CourtPage />} />
              <Route path="/court/cases/:id" element={<CourtCasePage />} />
              <Route path="/finance" element={<FinancePage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </Layout>
        </AuthProvider>
      </I18nProvider>
    </BrowserRouter>
  );
}
