import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { isStaff, useAuth } from '../auth';
import { errorText } from '../error-text';
import { useI18n } from '../i18n';
import { lotKeys } from '../features/auctions/api';
import { myRegistrationsKey, useMyRegistrations } from '../features/accounts/api';
import { Checklist } from '../features/accounts/components/checklist';
import { IdentitySection } from '../features/accounts/components/identity-form';
import { MyRegistrations } from '../features/accounts/components/my-registrations';
import { WonLots } from '../features/accounts/components/won-lots';
import { useNextPath } from '../features/accounts/next-path';
import { Alert } from '../ui/alert';
import { RefreshButton } from '../ui/refresh-button';
import { RequireRole } from '../ui/require-role';

export function AccountPage() {
  return (
    <RequireRole roles={[]}>
      <Account />
    </RequireRole>
  );
}

function Account() {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const next = useNextPath();
  const bidder = !!user && user.roles.includes('bidder') && !isStaff(user);
  const query = useMyRegistrations(bidder);
  const regs = query.data ?? null;
  const loading = query.isFetching;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: myRegistrationsKey });
    for (const r of regs ?? []) if (r.won) void queryClient.invalidateQueries({ queryKey: lotKeys.detail(r.lotId), exact: true });
  };

  if (!user) return null;
  const won = (regs ?? []).filter((r) => r.won);
  return (
    <div className="container" data-testid="account-page">
      <h1>{bidder ? t('me.title') : t('me.accountTitle')}</h1>
      <div className="grid-2">
        <section className="card" aria-labelledby="profile-title">
          <h2 id="profile-title">{t('me.profile')}</h2>
          <dl className="kv-list">
            <div><dt>{t('register.name')}</dt><dd>{user.name}</dd></div>
            <div><dt>{t('login.email')}</dt><dd>{user.email}</dd></div>
            <div><dt>{t('me.roles')}</dt><dd>{user.roles.map((r) => t(`role.${r}`)).join(' · ')}</dd></div>
          </dl>
          <IdentitySection user={user} />
          {next && user.identityVerified && (
            <p><Link className="btn btn-primary" to={next}>{t('me.continue')}</Link></p>
          )}
        </section>
        {bidder && <Checklist user={user} regs={regs} />}
      </div>
      {bidder && (
        <section className="card" aria-labelledby="regs-title">
          <div className="card-head">
            <h2 id="regs-title">{t('me.registrations')}</h2>
            <RefreshButton onClick={refresh} refreshing={loading} />
          </div>
          {query.error !== null && <Alert tone="error">{errorText(query.error, t, lang)}</Alert>}
          <MyRegistrations regs={regs} loading={loading} />
        </section>
      )}
      {bidder && won.length > 0 && <WonLots won={won} />}
    </div>
  );
}
