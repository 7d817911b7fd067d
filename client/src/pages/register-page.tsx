import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api';
import { useAuth } from '../auth';
import { errorText } from '../error-text';
import { useI18n } from '../i18n';
import { Alert } from '../ui/alert';
import { safeNext } from './login-page';

export function RegisterPage() {
  const { t, lang } = useI18n();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<null | 'register' | 'login'>(null);
  const [error, setError] = useState<string | null>(null);
  const tooShort = password.length > 0 && password.length < 8;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (password.length < 8) return;
    setError(null);
    setBusy('register');
    let registered = false;
    try {
      await api('/auth/register', { body: { name: name.trim(), email: email.trim(), password } });
      registered = true;
      setBusy('login');
      await login(email.trim(), password);
      navigate(`/me${next ? `?next=${encodeURIComponent(next)}` : ''}`, { replace: true });
    } catch (err) {
      // Registering answers alike for a new and a taken email; a taken one shows only here, as a failed login.
      setError(errorText(err, t, lang, registered ? { UNAUTHENTICATED: t('register.loginFailed') } : {}));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="container narrow">
      <div className="card form-card">
        <h1>{t('register.title')}</h1>
        <p className="muted">{t('register.intro')}</p>
        <form onSubmit={onSubmit} className="form" noValidate>
          <div className="field">
            <label htmlFor="reg-name">{t('register.name')}</label>
            <input id="reg-name" autoComplete="name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="reg-email">{t('login.email')}</label>
            <input id="reg-email" type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="reg-password">{t('login.password')}</label>
            <input id="reg-password" type="password" autoComplete="new-password" required minLength={8} aria-describedby="reg-password-hint" aria-invalid={tooShort} value={password} onChange={(e) => setPassword(e.target.value)} />
            <span id="reg-password-hint" className={`hint${tooShort ? ' hint-error' : ''}`}>{t('register.passwordHint')}</span>
          </div>
          {error && <Alert tone="error">{error}</Alert>}
          <button type="submit" className="btn btn-primary btn-block" disabled={busy !== null || !name.trim() || !email.trim() || password.length < 8}>
            {busy === 'register' ? t('register.busy') : busy === 'login' ? t('login.busy') : t('register.submit')}
          </button>
        </form>
        <p className="muted form-foot">
          {t('register.haveAccount')} <Link to="/login">{t('nav.login')}</Link>
        </p>
      </div>
    </div>
  );
}
