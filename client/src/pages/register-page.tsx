import { Link, useNavigate } from 'react-router';
import { useI18n } from '../i18n';
import { FormCard } from '../features/accounts/components/form-card';
import { RegisterForm } from '../features/accounts/components/register-form';
import { useNextPath, withNext } from '../features/accounts/next-path';

export function RegisterPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const next = useNextPath();
  return (
    <FormCard title={t('register.title')} intro={t('register.intro')} foot={<>{t('register.haveAccount')} <Link to="/login">{t('nav.login')}</Link></>}>
      <RegisterForm onRegistered={() => navigate(withNext('/me', next), { replace: true })} />
    </FormCard>
  );
}
