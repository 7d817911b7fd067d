import { Link, useNavigate, useSearchParams } from 'react-router';
import type { UserView } from '../../../shared/api';
import { useI18n } from '../i18n';
import { LoginForm } from '../features/accounts/components/login-form';

/** Only same-site paths: never redirect to another origin from a query string. */
export function safeNext(next: string | null): string | null {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : null;
}

export function homeFor(user: UserView): string {
  if (user.roles.includes('bidder')) return '/';
  if (user.roles.includes('court_staff') || user.roles.includes('admin')) return '/court';
  if (user.roles.includes('finance')) return '/finance';
  return '/';
}

export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));

  return (
    <div className="container narrow">
      <div className="card form-card">
        <h1>{t('login.title')}</h1>
        <LoginForm onLoggedIn={(user) => navigate(next ?? homeFor(user), { replace: true })} />
        <p className="muted form-foot">
          {t('login.noAccount')} <Link to={`/register${next ? `?next=${encodeURIComponent(next)}` : ''}`}>{t('login.registerLink')}</Link>
        </p>
      </div>
    </div>
  );
}
