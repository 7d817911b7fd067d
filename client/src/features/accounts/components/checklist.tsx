import type { UserView } from '../../../../../shared/api';
import { useI18n } from '../../../i18n';
import type { MyRegistration } from '../api';

/** What a bidder still has to do before bidding: account, identity, registration, deposit. */
export function Checklist({ user, regs }: { user: UserView; regs: MyRegistration[] | null }) {
  const { t } = useI18n();
  const steps = [
    { done: true, text: t('check.account') },
    { done: user.identityVerified, text: t('check.identity') },
    { done: !!regs && regs.length > 0, text: t('check.register') },
    { done: !!regs && regs.some((r) => r.depositStatus !== 'pending'), text: t('check.deposit') },
  ];
  const missing = steps.filter((s) => !s.done).length;
  return (
    <section className="card" aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('check.title')}</h2>
      <p className="muted small">{missing === 0 ? t('check.allDone') : t('check.missing', { n: missing })}</p>
      <ol className="checklist">
        {steps.map((s, i) => (
          <li key={i} className={s.done ? 'done' : 'todo'}>
            <span className="check-mark" aria-hidden="true">{s.done ? '✓' : i + 1}</span>
            <span>{s.text}<span className="visually-hidden"> — {s.done ? t('check.done') : t('check.todo')}</span></span>
          </li>
        ))}
      </ol>
    </section>
  );
}
