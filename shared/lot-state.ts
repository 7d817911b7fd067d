import type { ErrorCode } from './error-codes';

/**
 * A lot's life as one transition table. Every "may this happen in this status" question on the server,
 * the scheduler's claims and the staff "next actions" are answered here; time and legal conditions
 * (A12, A16, A29, ...) stay in their pure rule functions in rules.ts.
 */

export const LOT_STATUSES = ['draft', 'announced', 'live', 'suspended', 'sold', 'unsold', 'cancelled', 'defaulted'] as const;
export type LotStatus = (typeof LOT_STATUSES)[number];

export const LOT_ACTIONS = [
  // staff, before the announcement and while it runs
  'notify_parties', 'publish', 'add_priority_holder', 'suspend', 'resume', 'cancel',
  // scheduler jobs
  'start', 'close_sold', 'close_unsold', 'default',
  // bidders and finance while the lot is open
  'register', 'confirm_deposit', 'bid',
  // after the close
  'record_balance', 'confirmation', 'creditor_takeover', 'second_round', 'sell_off', 're_auction',
] as const;
export type LotAction = (typeof LOT_ACTIONS)[number];

/**
 * `same`: the action leaves the status as it is. `suspended_from`: back to the status the lot was
 * suspended from (announced or live).
 */
export type LotTarget = LotStatus | 'same' | 'suspended_from';

export interface LotTransition {
  readonly from: readonly LotStatus[];
  readonly to: LotTarget;
  /** The refusal code the API answers with when the status does not allow the action. */
  readonly refusal: ErrorCode;
}

export const LOT_TRANSITIONS = {
  notify_parties: { from: ['draft'], to: 'same', refusal: 'LOT_NOT_DRAFT' },
  publish: { from: ['draft'], to: 'announced', refusal: 'LOT_NOT_DRAFT' },
  add_priority_holder: { from: ['draft', 'announced'], to: 'same', refusal: 'LOT_NOT_OPEN_FOR_HOLDERS' },
  suspend: { from: ['announced', 'live'], to: 'suspended', refusal: 'LOT_NOT_SUSPENDABLE' },
  resume: { from: ['suspended'], to: 'suspended_from', refusal: 'LOT_NOT_SUSPENDED' },
  cancel: { from: ['draft', 'announced', 'live', 'suspended'], to: 'cancelled', refusal: 'LOT_FINISHED' },
  start: { from: ['announced'], to: 'live', refusal: 'LOT_NOT_ANNOUNCED' },
  close_sold: { from: ['live'], to: 'sold', refusal: 'LOT_NOT_LIVE' },
  close_unsold: { from: ['live'], to: 'unsold', refusal: 'LOT_NOT_LIVE' },
  default: { from: ['sold'], to: 'defaulted', refusal: 'LOT_NOT_SOLD' },
  register: { from: ['announced', 'live'], to: 'same', refusal: 'REGISTRATION_CLOSED' },
  confirm_deposit: { from: ['announced', 'live'], to: 'same', refusal: 'LOT_CLOSED' },
  bid: { from: ['live'], to: 'same', refusal: 'LOT_NOT_LIVE' },
  record_balance: { from: ['sold'], to: 'same', refusal: 'LOT_NOT_SOLD' },
  confirmation: { from: ['sold'], to: 'same', refusal: 'LOT_NOT_SOLD' },
  creditor_takeover: { from: ['unsold'], to: 'same', refusal: 'TAKEOVER_NEEDS_FAILED_LATER_ROUND' },
  second_round: { from: ['unsold'], to: 'same', refusal: 'SECOND_ROUND_NEEDS_FAILED_FIRST' },
  sell_off: { from: ['unsold'], to: 'same', refusal: 'SELL_OFF_NEEDS_FAILED_SECOND' },
  re_auction: { from: ['defaulted'], to: 'same', refusal: 'FIRST_ROUND_ALREADY_HELD' },
} as const satisfies Record<LotAction, LotTransition>;

export type LotTransitionResult =
  | { ok: true; status: LotStatus }
  | { ok: false; code: ErrorCode; status: string; action: LotAction; allowedFrom: readonly LotStatus[] };

export function isLotStatus(s: string): s is LotStatus {
  return (LOT_STATUSES as readonly string[]).includes(s);
}

/** The statuses an action is allowed from; the scheduler claims its rows with these. */
export function fromStatuses(action: LotAction): LotStatus[] {
  return [...LOT_TRANSITIONS[action].from];
}

export function canTransition(status: string, action: LotAction): boolean {
  return (LOT_TRANSITIONS[action].from as readonly string[]).includes(status);
}

/**
 * The status after `action`, or a refusal naming the statuses it is allowed from. A resumption goes back
 * to `suspendedFrom` (announced when unknown, as a lot suspended before it went live).
 */
export function transitionLot(status: string, action: LotAction, opts: { suspendedFrom?: string | null } = {}): LotTransitionResult {
  const t: LotTransition = LOT_TRANSITIONS[action];
  if (!canTransition(status, action)) return { ok: false, code: t.refusal, status, action, allowedFrom: t.from };
  if (t.to === 'same') return { ok: true, status: status as LotStatus };
  if (t.to === 'suspended_from') {
    const back = opts.suspendedFrom ?? 'announced';
    if (!canTransition(back, 'suspend')) return { ok: false, code: t.refusal, status, action, allowedFrom: t.from };
    return { ok: true, status: back as LotStatus };
  }
  return { ok: true, status: t.to };
}

/** For the scheduler, whose SQL claim already chose the status: a refusal here is a bug, not a user error. */
export function nextLotStatus(status: string, action: LotAction, opts: { suspendedFrom?: string | null } = {}): LotStatus {
  const r = transitionLot(status, action, opts);
  if (!r.ok) throw new Error(`Lot transition ${action} is not allowed from ${status} (only from ${r.allowedFrom.join(', ')}).`);
  return r.status;
}

/** A lot that can still be withdrawn has not finished. */
export const UNFINISHED_LOT_STATUSES: readonly LotStatus[] = LOT_TRANSITIONS.cancel.from;
