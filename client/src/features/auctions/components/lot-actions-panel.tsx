import { useState, type ReactNode } from 'react';
import type { LotView } from '../../../../../shared/api';
import { useAuth } from '../../../auth';
import { formatDateTime } from '../../../format';
import { useI18n, type MessageKey } from '../../../i18n';
import { useApiMutation } from '../../../ui/form';
import { publishLot, resumeLot } from '../control-api';
import { ActionError } from './lot-actions/action-error';
import { BalanceForm } from './lot-actions/balance-form';
import { CreditorForm } from './lot-actions/creditor-form';
import { NoticeForm } from './lot-actions/notice-form';
import { PriorityHolderForm } from './lot-actions/priority-holder-form';
import { ReasonForm } from './lot-actions/reason-form';
import { actionReasonText } from '../messages/action-reason';
import type { LotFormMode } from './lot-form';
import { mayTake } from '../../../../../shared/lot-action-roles';
import type { LotActionName, LotActionView } from '../../court/types';

const ACTIONS: readonly LotActionName[] = [
  'notify_parties', 'publish', 'suspend', 'resume', 'cancel', 'add_priority_holder', 'record_balance',
  'second_round', 'sell_off', 're_auction', 'creditor_takeover', 'confirmation',
];
/** An action's name, its button and its plain-words hint in the catalogue: `action.*`, `actionBtn.*`, `actionHint.*`. */
const LABEL = (a: LotActionName) => `action.${a}` as MessageKey;
const BUTTON = (a: LotActionName) => `actionBtn.${a}` as MessageKey;
const HINT = (a: LotActionName) => `actionHint.${a}` as MessageKey;
const FORM_MODE: Partial<Record<string, LotFormMode>> = { second_round: 'second_round', sell_off: 'sell_off', re_auction: 're_auction' };
const known = (a: string): a is LotActionName => (ACTIONS as readonly string[]).includes(a);
/** "notify_parties" → "Notify parties", for an action this client does not know yet. */
const humanise = (a: string) => a.charAt(0).toUpperCase() + a.slice(1).replace(/_/g, ' ');

/**
 * Every action of the lot's control page, allowed or not, each with why, worded from the server's reason code; the allowed ones
 * open their form in place (or act at once: publish, resume), the later rounds open the lot form.
 */
export function LotActionsPanel({ lot, actions, onChanged, onOpenForm, openForm }: {
  lot: LotView;
  actions: LotActionView[];
  onChanged(next: LotView | null, message: string): void;
  onOpenForm(mode: LotFormMode): void;
  openForm: LotFormMode | null;
}) {
  const { t } = useI18n();
  const { user } = useAuth();
  const [open, setOpen] = useState<string | null>(null);
  // Publish and resume act at once, without a form; a refusal is shown under the action's row.
  const direct = useApiMutation(async (action: 'publish' | 'resume') => {
    if (action === 'publish') {
      const res = await publishLot(lot.id);
      onChanged(null, t('control.done.publish', { at: formatDateTime(res.announcedAt) }));
    } else {
      const next = await resumeLot(lot.id);
      onChanged(next, t('control.done.resume', { end: formatDateTime(next.endsAt) }));
    }
  });
  const busy = direct.isPending ? direct.variables ?? null : null;
  const error = direct.error !== null && direct.variables ? { action: direct.variables, error: direct.error } : null;

  const click = (a: LotActionView) => {
    direct.reset();
    if (a.action === 'publish' || a.action === 'resume') {
      direct.mutate(a.action === 'publish' ? 'publish' : 'resume');
      return;
    }
    const mode = FORM_MODE[a.action];
    if (mode) {
      setOpen(null);
      onOpenForm(mode);
      return;
    }
    setOpen((o) => (o === a.action ? null : a.action));
  };

  // Only this user's actions (the server lists no others): court staff never see what finance alone may do.
  const roles = user?.roles ?? [];
  const mine = actions.filter((a) => !known(a.action) || mayTake(roles, a.action));
  const allowed = mine.filter((a) => a.allowed);
  const blocked = mine.filter((a) => !a.allowed);
  const row = (a: LotActionView) => {
    const isOpen = open === a.action || (FORM_MODE[a.action] !== undefined && openForm === FORM_MODE[a.action]);
    const isKnown = known(a.action);
    const enabled = a.allowed && isKnown && busy === null;
    const label = isKnown ? t(LABEL(a.action as LotActionName)) : humanise(a.action);
    let button: ReactNode;
    if (a.action === 'confirmation' && a.allowed) {
      button = (
        <a className="btn btn-light" data-testid="action-confirmation" href={`/api/lots/${encodeURIComponent(lot.id)}/confirmation`} download>
          {t(BUTTON('confirmation'))}
        </a>
      );
    } else {
      button = (
        <button
          type="button"
          className={`btn ${a.action === 'cancel' ? 'btn-danger' : a.allowed ? 'btn-primary' : 'btn-light'}${a.allowed ? '' : ' btn-small'}`}
          data-testid={`action-${a.action}`}
          disabled={!enabled}
          aria-expanded={a.allowed && !['publish', 'resume'].includes(a.action) ? isOpen : undefined}
          aria-describedby={`action-reason-${a.action}`}
          onClick={() => click(a)}
        >
          {busy === a.action ? t('common.working') : isKnown ? t(BUTTON(a.action as LotActionName)) : label}
        </button>
      );
    }
    return (
      <li key={a.action} className={`action-row ${a.allowed ? 'action-allowed' : 'action-blocked'}${isOpen ? ' action-open' : ''}`} data-action={a.action} data-allowed={a.allowed ? 'true' : 'false'}>
        <div className="action-main">
          <div className="action-info">
            <div className="action-title">
              <span className="action-mark" aria-hidden="true">{a.allowed ? '●' : '○'}</span>
              <strong>{label}</strong>
              {a.article && <span className="tag">{a.article}</span>}
              <span className="visually-hidden">{a.allowed ? t('control.availableNow') : t('control.notAvailable')}</span>
            </div>
            {isKnown && <p className="small action-hint">{t(HINT(a.action as LotActionName))}</p>}
            <p className="small action-reason" id={`action-reason-${a.action}`}>{actionReasonText(t, a)}</p>
            {!isKnown && a.allowed && <p className="small muted">{t('control.unknownAction')}</p>}
          </div>
          <div className="action-button">{button}</div>
        </div>
        {error?.action === a.action && (
          <ActionError error={error.error} fix={a.action === 'publish' ? t('court.publishFix') : t('control.reloadFix')} />
        )}
        {open === a.action && a.allowed && (
          <div className="action-form">
            {a.action === 'notify_parties' && <NoticeForm lot={lot} onDone={onChanged} onClose={() => setOpen(null)} />}
            {a.action === 'suspend' && <ReasonForm lot={lot} kind="suspend" onDone={onChanged} onClose={() => setOpen(null)} />}
            {a.action === 'cancel' && <ReasonForm lot={lot} kind="cancel" onDone={onChanged} onClose={() => setOpen(null)} />}
            {a.action === 'add_priority_holder' && <PriorityHolderForm lot={lot} onAdded={() => onChanged(null, '')} />}
            {a.action === 'creditor_takeover' && <CreditorForm lot={lot} onDone={onChanged} onClose={() => setOpen(null)} />}
            {a.action === 'record_balance' && <BalanceForm lot={lot} onDone={onChanged} onClose={() => setOpen(null)} />}
          </div>
        )}
      </li>
    );
  };

  return (
    <div data-testid="lot-actions" className="lot-actions">
      <h3 className="actions-group-title">{t('control.canDo', { n: allowed.length })}</h3>
      {allowed.length === 0 ? <p className="muted small">{t(['sold', 'unsold', 'cancelled', 'defaulted'].includes(lot.status) ? 'control.nothingFinal' : 'control.nothingNow')}</p> : <ul className="action-list">{allowed.map(row)}</ul>}
      <h3 className="actions-group-title">{t('control.cannotDo')}</h3>
      <ul className="action-list action-list-blocked">{blocked.map(row)}</ul>
    </div>
  );
}
