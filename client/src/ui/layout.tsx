import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { hasRole, useAuth } from '../auth';
import { LANGS, useI18n, type Lang } from '../i18n';

// The bell opens the user's own socket: its own chunk, so a visitor who is not signed in never loads it.
const NotificationBell = lazy(() => import('../features/notifications/notification-bell').then((m) => ({ default: m.NotificationBell })));

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const location = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [location.pathname]);
  return (
    <div className="app">
      <a className="skip-link" href="#main">{t('nav.skip')}</a>
      <Header />
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        <div className="container footer-inner">
          <span>{t('footer.legal')}</span>
          <span>{t('footer.timezone')}</span>
        </div>
      </footer>
    </div>
  );
}

function Header() {
  const { t, lang, setLang } = useI18n();
  const { user, loading, logout } = useAuth();
  const navigate = useNavigate();
  const logoutMutation = useMutation({ mutationFn: logout, onSuccess: () => navigate('/') });
  const busy = logoutMutation.isPending;
  const isBidder = !!user && user.roles.includes('bidder');
  const onLogout = () => logoutMutation.mutate();
  const navClass = ({ isActive }: { isActive: boolean }) => `nav-link${isActive ? ' nav-link-active' : ''}`;
  const { pathname } = useLocation();
  // The court's pages sit under /court; the worklist has its own entry.
  const courtActive = pathname.startsWith('/court') && !pathname.startsWith('/court/worklist');
  return (
    <header className="header">
      <div className="container header-inner">
        <Link to="/" className="brand">
          <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
            <rect width="32" height="32" rx="6" fill="#a3262a" />
            <path d="M8 24h16M10 24v-8m6 8v-8m6 8v-8M7 14l9-6 9 6z" stroke="#fbf3e4" strokeWidth="2" fill="none" strokeLinejoin="round" />
          </svg>
          <span className="brand-text">
            <span className="brand-name">{t('brand.name')}</span>
            <span className="brand-sub">{t('brand.sub')}</span>
            <span className="visually-hidden"> {t('brand.home')}</span>
          </span>
        </Link>
        <nav className="nav" aria-label={t('nav.main')}>
          <NavLink to="/" end className={navClass}>{t('nav.auctions')}</NavLink>
          <NavLink to="/results" className={navClass}>{t('nav.results')}</NavLink>
          <NavLink to="/stats" className={navClass}>{t('nav.stats')}</NavLink>
          {isBidder && <NavLink to="/me" end className={navClass}>{t('nav.myAuctions')}</NavLink>}
          {user && <NavLink to="/me/watchlist" className={navClass} data-testid="nav-watchlist">{t('nav.watchlist')}</NavLink>}
          {hasRole(user, 'court_staff') && <NavLink to="/court" className={() => navClass({ isActive: courtActive })}>{t('nav.court')}</NavLink>}
          {hasRole(user, 'court_staff') && <NavLink to="/court/worklist" className={navClass} data-testid="nav-worklist">{t('nav.worklist')}</NavLink>}
          {hasRole(user, 'finance') && <NavLink to="/finance" className={navClass}>{t('nav.finance')}</NavLink>}
          {user?.roles.includes('admin') && <NavLink to="/admin" className={navClass} data-testid="nav-admin">{t('nav.admin')}</NavLink>}
        </nav>
        <span className="header-break" aria-hidden="true" />
        <div className="lang-switch" role="group" aria-label={t('nav.language')}>
            {LANGS.map((l: Lang) => (
              <button key={l} type="button" className={`lang-btn${lang === l ? ' lang-btn-active' : ''}`} aria-pressed={lang === l} onClick={() => setLang(l)} lang={l === 'zh' ? 'zh-CN' : 'en'}>
                {l === 'zh' ? '中文' : 'EN'}
              </button>
            ))}
        </div>
        {user && <Suspense fallback={null}><NotificationBell /></Suspense>}
        <div className="header-user">
          {loading ? null : user ? (
            <div className="user-box">
              <Link to="/me" className="user-name" title={user.email}>{user.name}</Link>
              <button type="button" className="btn btn-ghost btn-small" onClick={onLogout} disabled={busy}>
                {busy ? t('nav.loggingOut') : t('nav.logout')}
              </button>
            </div>
          ) : (
            <Link to="/login" className="btn btn-light btn-small">{t('nav.login')}</Link>
          )}
        </div>
      </div>
    </header>
  );
}
