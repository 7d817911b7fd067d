/**
 * Who takes each staff action on a lot: court staff steer the sale, finance records money. The server
 * answers GET /lots/:id/actions with only the caller's actions, so a court clerk never sees a button
 * that finance alone may press, and the client shows what the server would accept.
 */
import type { LotNextAction, StaffLotAction } from './lot-actions';

export type StaffRole = 'court_staff' | 'finance';

export const LOT_ACTION_ROLE: Record<StaffLotAction, StaffRole> = {
  notify_parties: 'court_staff', publish: 'court_staff', add_priority_holder: 'court_staff', suspend: 'court_staff',
  resume: 'court_staff', cancel: 'court_staff', confirmation: 'court_staff', second_round: 'court_staff', sell_off: 'court_staff',
  re_auction: 'court_staff', creditor_takeover: 'court_staff',
  record_balance: 'finance',
};

/** An admin may do whatever a staff role may (as requireRole allows). */
export function mayTake(roles: readonly string[], action: StaffLotAction): boolean {
  return roles.includes('admin') || roles.includes(LOT_ACTION_ROLE[action]);
}

export function actionsFor(roles: readonly string[], actions: readonly LotNextAction[]): LotNextAction[] {
  return actions.filter((a) => mayTake(roles, a.action));
}
