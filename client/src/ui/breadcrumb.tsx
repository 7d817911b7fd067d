import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n';

/** The one step back up a page's hierarchy, above its title. */
export function Breadcrumb({ to, children }: { to: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <nav className="breadcrumb" aria-label={t('nav.breadcrumb')}>
      <Link to={to}>← {children}</Link>
    </nav>
  );
}
