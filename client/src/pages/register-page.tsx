import { Link, useNavigate, useSearchParams } from 'react-router';
import { useI18n } from '../i18n';
import { RegisterForm } from '../features/accounts/components/register-form';
import { safeNext } from './login-page';

export function RegisterPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  return (
    <div className="container narrow">
      <div className="card form-card">
        <h1>{t('register.title')}</h1>
        <p className="muted">{t('register.intro')}</p>
        <RegisterForm onRegistered={() => navigate(`/me${next ? `?next=${encodeURIComponent(next)}` : ''}`, { replace: true })} />
        <p className="muted form-foot">
          {t('register.haveAccount')} <Link to="/login">{t('nav.login')}</Link>
        </p>
      </div>
    </div>
  );
}
