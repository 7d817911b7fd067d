import { Link, useNavigate } from 'react-router';
import { useI18n } from '../i18n';
import { FormCard } from '../features/accounts/components/form-card';
import { LoginForm } from '../features/accounts/components/login-form';
import { homeFor, useNextPath, withNext } from '../features/accounts/next-path';

export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const next = useNextPath();
  return (
    <FormCard title={t('login.title')} foot={<>{t('login.noAccount')} <Link to={withNext('/register', next)}>{t('login.registerLink')}</Link></>}>
      <LoginForm onLoggedIn={(user) => navigate(next ?? homeFor(user), { replace: true })} />
    </FormCard>
  );
}
