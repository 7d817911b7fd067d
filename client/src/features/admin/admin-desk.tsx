/** The administrator's desk: users and their roles, court holidays, courts, inquiry platforms, and the record of every change. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLES, type Role } from '../../../../shared/api';
import { call } from '../../api';
import { formatDate, formatDateTime } from '../../format';
import { useI18n, type MessageKey } from '../../i18n';
import { Alert } from '../../ui/alert';
import { useApiMutation } from '../../ui/form';
import { ChangeFacts } from './change-entry';
import { CourtsCard } from './courts-card';
import { InquiryPlatformsCard } from './inquiry-platforms-card';

const adminKeys = {
  all: ['admin'] as const,
  users: (q: string) => ['admin', 'users', q] as const,
  holidays: ['admin', 'holidays'] as const,
  changes: ['admin', 'changes'] as const,
};

function UserRow({ user }: { user: { id: string; email: string; name: string; roles: Role[] } }) {
  const { t } = useI18n();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const save = useApiMutation((r: Role[]) => call('setUserRoles', { params: { id: user.id }, body: { roles: r } }), { invalidate: [adminKeys.all] });
  const changed = [...roles].sort().join() !== [...user.roles].sort().join();
  const toggle = (r: Role) => setRoles((cur) => (cur.includes(r) ? cur.filter((x) => x !== r) : [...cur, r]));
  return (
    <li className="admin-user" data-testid="admin-user" data-email={user.email}>
      <div><strong>{user.name}</strong> <span className="small muted">{user.email}</span></div>
      <fieldset className="admin-roles">
        <legend className="visually-hidden">{t('admin.rolesOf', { name: user.name })}</legend>
        {ROLES.map((r) => (
          <label key={r} className="check">
            <input type="checkbox" checked={roles.includes(r)} onChange={() => toggle(r)} data-testid={`role-${r}`} /> {t(`role.${r}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <button type="button" className="btn btn-primary btn-small" disabled={!changed || roles.length === 0 || save.isPending} aria-describedby={`roles-${user.id}-why`} onClick={() => save.mutate(roles)} data-testid="save-roles">
        {save.isPending ? t('common.saving') : t('admin.saveRoles')}
      </button>
      {roles.length === 0 && <span id={`roles-${user.id}-why`} className="small hint-error">{t('admin.oneRole')}</span>}
      {roles.length > 0 && !changed && <span id={`roles-${user.id}-why`} className="small muted" data-testid="save-roles-why">{t('admin.changeRoleFirst')}</span>}
      {save.errorMessage && <Alert tone="error">{save.errorMessage}</Alert>}
    </li>
  );
}

function Users() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const users = useQuery({ queryKey: adminKeys.users(q), queryFn: ({ signal }) => call('adminUsers', { query: { q: q || undefined, limit: 50 }, signal }) });
  return (
    <section className="card" aria-labelledby="admin-users">
      <h2 id="admin-users">{t('admin.users')}</h2>
      <label htmlFor="admin-user-q">{t('admin.search')}</label>
      <input id="admin-user-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} maxLength={200} />
      <ul className="admin-list">{users.data?.users.map((u) => <UserRow key={`${u.id}-${u.roles.join()}`} user={u} />)}</ul>
    </section>
  );
}

function Holidays() {
  const { t } = useI18n();
  const list = useQuery({ queryKey: adminKeys.holidays, queryFn: ({ signal }) => call('adminHolidays', { signal }) });
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const add = useApiMutation(() => call('putHoliday', { body: { date, name } }), { invalidate: [adminKeys.all], onSuccess: () => { setDate(''); setName(''); } });
  const remove = useApiMutation((d: string) => call('removeHoliday', { params: { date: d } }), { invalidate: [adminKeys.all] });
  const missing = [!date && t('admin.holidayDate'), !name.trim() && t('admin.holidayName')].filter(Boolean).join(t('admin.listSep'));
  return (
    <section className="card" aria-labelledby="admin-holidays">
      <h2 id="admin-holidays">{t('admin.holidays')}</h2>
      <p className="small muted">{t('admin.holidaysIntro')}</p>
      <form className="form" onSubmit={(e) => { e.preventDefault(); add.mutate(undefined); }}>
        <label htmlFor="holiday-date">{t('admin.holidayDate')}</label>
        <input id="holiday-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        <label htmlFor="holiday-name">{t('admin.holidayName')}</label>
        <input id="holiday-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} />
        <button type="submit" className="btn btn-primary" disabled={missing !== '' || add.isPending} aria-describedby="holiday-missing">{t('admin.addHoliday')}</button>
        {missing && <span id="holiday-missing" className="small muted">{t('admin.missing', { fields: missing })}</span>}
        {add.errorMessage && <Alert tone="error">{add.errorMessage}</Alert>}
      </form>
      <ul className="admin-list">
        {list.data?.holidays.map((h) => (
          <li key={h.date} data-testid="holiday">
            <strong>{formatDate(`${h.date}T00:00:00+08:00`)}</strong> {h.name}
            {h.source === 'admin'
              ? <button type="button" className="btn btn-light btn-small" onClick={() => remove.mutate(h.date)}>{t('admin.removeHoliday')}</button>
              : <span className="small muted"> {t('admin.fromSetting')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Changes() {
  const { t } = useI18n();
  const changes = useQuery({ queryKey: adminKeys.changes, queryFn: ({ signal }) => call('staffChanges', { query: { limit: 50 }, signal }) });
  return (
    <section className="card" aria-labelledby="admin-changes">
      <h2 id="admin-changes">{t('admin.changes')}</h2>
      {changes.data && changes.data.changes.length === 0 && <p className="muted" data-testid="changes-empty">{t('admin.noChanges')}</p>}
      <ul className="admin-list small">
        {changes.data?.changes.map((c) => (
          <li key={c.id}>
            <span className="nowrap">{formatDateTime(c.at)}</span> · {t(`admin.action.${c.action}` as MessageKey)} · <code>{c.subjectId}</code>
            <ChangeFacts before={c.before} after={c.after} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function AdminDesk() {
  const { t } = useI18n();
  return (
    <div className="container">
      <h1>{t('admin.title')}</h1>
      <p className="small muted">{t('admin.intro')}</p>
      <Users />
      <Holidays />
      <CourtsCard />
      <InquiryPlatformsCard />
      <Changes />
    </div>
  );
}
