import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { Role } from '../../../shared/api';
import { hasRole, useAuth } from '../auth';
import { useI18n } from '../i18n';
import { Alert } from './alert';
import { PageLoading } from './spinner';

/** Shows the page to the roles named (admin always); otherwise says who may see it and how to log in. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { user, loading } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (loading) return <PageLoading />;
  const next = encodeURIComponent(location.pathname + location.search);
  if (!user) {
    return (
      <div className="container narrow">
        <Alert tone="info" title={t('guard.loginTitle')} action={<Link className="btn btn-primary" to={`/login?next=${next}`}>{t('nav.login')}</Link>}>
          {t('guard.loginText')}
        </Alert>
      </div>
    );
  }
  if (roles.length > 0 && !hasRole(user, ...roles)) {
    return (
      <div className="container narrow">
        <Alert tone="warning" title={t('guard.roleTitle')}>
          {t('guard.roleText', { roles: roles.map((r) => t(`role.${r}`)).join(' / ') })}
        </Alert>
      </div>
    );
  }
  return <>{children}</>;
}
