import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { UserView } from '../../../shared/api';
import { useAuth } from '../auth';
import { errorText } from '../error-text';
import { useI18n } from '../i18n';
import { Alert } from '../ui/alert';

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
  const { t, lang } = useI18n();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await login(email.trim(), password);
      navigate(next ?? homeFor(user), { replace: true });
    } catch (err) {
      setError(errorText(err, t, lang, { UNAUTHENTICATED: t('login.wrong') }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="container narrow">
      <div className="card form-card">
        <h1>{t('login.title')}</h1>
        <form onSubmit={onSubmit} className="form" noValidate>
          <div className="field">
            <label htmlFor="login-email">{t('login.email')}</label>
            <input id="login-email" data-testid="login-email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('login.password')}</label>
            <input id="login-password" data-testid="login-password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          {error && <Alert tone="error">{error}</Alert>}
          <button type="submit" className="btn btn-primary btn-block" data-testid="login-submit" disabled={busy || !email || !password}>
            {busy ? t('login.busy') : t('login.submit')}
          </button>
        </form>
        <p className="muted form-foot">
          {t('login.noAccount')} <Link to={`/register${next ? `?next=${encodeURIComponent(next)}` : ''}`}>{t('login.registerLink')}</Link>
        </p>
      </div>
    </div>
  );
}
