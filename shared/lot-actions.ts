/**
 * What court staff may do next with a lot, and why not where they may not, worded from the legal rules
 * (rules.ts) and the transition table (lot-state.ts); the server answers GET /lots/:id/actions with it.
 */
import { canTransition, type LotAction } from './lot-state';
import { SECOND_ROUND_WITHIN_DAYS, checkPartyNotice, cstDate, periodEnd, resumeDueBy, type Round } from './rules';

/** What court staff may do next with a lot; whether its status allows each is the transition table's (lot-state.ts). */
export type StaffLotAction = Extract<LotAction, 'notify_parties' | 'publish' | 'suspend' | 'resume' | 'cancel' | 'add_priority_holder' | 'record_balance' | 'second_round' | 'sell_off' | 're_auction' | 'creditor_takeover' | 'confirmation'>;

export interface LotFacts {
  status: string;
  round: Round;
  suspendedAt: Date | null;
  noticesSentAt: Date | null;
  balancePaidAt: Date | null;
  balanceDueAt: Date | null;
  closedAt: Date | null;
  hasLaterLot: boolean;
  creditorTakeover: boolean;
}

/** What court staff may do next with a lot, and why not where they may not: shown on the lot's control page. */
export function lotNextActions(f: LotFacts, now: Date, holidays: ReadonlySet<string> = new Set()): Array<{ action: StaffLotAction; allowed: boolean; reason: string; article?: string }> {
  const out: Array<{ action: StaffLotAction; allowed: boolean; reason: string; article?: string }> = [];
  const add = (action: StaffLotAction, allowed: boolean, reason: string, article?: string) => out.push({ action, allowed, reason, article });
  const may = (action: StaffLotAction) => canTransition(f.status, action);
  const open = may('cancel');
  add('notify_parties', may('notify_parties'), may('notify_parties')
    ? (f.noticesSentAt ? `Parties notified on ${cstDate(f.noticesSentAt)} (UTC+8); record again only if the notice is repeated.` : 'Record that the parties and known priority holders were notified (A16).')
    : 'Notices are recorded before the announcement.', 'A16');
  let publishOk = may('publish');
  let publishReason = 'Only a draft is published.';
  if (may('publish')) {
    const notice = checkPartyNotice(f.noticesSentAt, now, holidays);
    publishOk = notice.length === 0;
    publishReason = notice.length ? notice[0].message : 'Publish the announcement; the announcement period is checked against today (A12).';
  }
  add('publish', publishOk, publishReason, publishOk ? 'A12' : 'A16');
  add('add_priority_holder', may('add_priority_holder'), may('add_priority_holder') ? 'Record a court-confirmed priority purchase right holder before bidding starts.' : 'Priority holders are recorded before bidding starts.', 'A19');
  add('suspend', may('suspend'), may('suspend') ? 'Suspend with a reason; the remaining bidding time is given back on resumption.' : 'Only an announced or live auction can be suspended.', 'A29');
  if (may('resume') && f.suspendedAt) {
    const due = resumeDueBy(f.suspendedAt, holidays);
    add('resume', true, now.getTime() > due.getTime() ? `Overdue: the auction should have resumed by ${due.toISOString()} (A29).` : `Resume by ${due.toISOString()} (within 5 days, A29).`, 'A29');
  } else {
    add('resume', false, 'Only a suspended auction resumes.', 'A29');
  }
  add('cancel', open, open ? 'Withdraw the lot with a reason; held deposits are released.' : 'A finished lot cannot be cancelled.');
  const sold = may('record_balance');
  add('confirmation', may('confirmation'), may('confirmation') ? 'The confirmation of sale is generated with the buyer\'s identity (A22).' : 'Generated once the lot is sold.', 'A22');
  add('record_balance', sold && !f.balancePaidAt, sold ? (f.balancePaidAt ? 'The balance is paid.' : `Record the balance when the bank confirms it; due by ${f.balanceDueAt?.toISOString() ?? '—'}.`) : 'Only for a sold lot.', 'A25');
  const failedFirst = may('second_round') && f.round === 1 && !f.hasLaterLot;
  let secondReason = 'A second auction follows a failed first one.';
  let secondAllowed = false;
  if (failedFirst && f.closedAt) {
    const due = periodEnd(f.closedAt, SECOND_ROUND_WITHIN_DAYS, holidays);
    secondAllowed = now.getTime() <= due.getTime();
    secondReason = secondAllowed ? `Create the second auction, starting at most 20% lower, to be held by ${due.toISOString()} (A26).` : `The 30 days for a second auction passed on ${due.toISOString()} (A26).`;
  }
  add('second_round', secondAllowed, secondReason, 'A26');
  const failedSecond = may('sell_off') && f.round === 2 && !f.hasLaterLot && !f.creditorTakeover;
  add('sell_off', failedSecond, failedSecond ? 'Open a 60-day sell-off at the second auction\'s price, or record a creditor taking the property at the reserve.' : 'A sell-off follows a failed second auction.', 'A26');
  add('creditor_takeover', (may('creditor_takeover') && (f.round === 2 || f.round === 'sell_off')) && !f.creditorTakeover && !f.hasLaterLot,
    'A creditor may take the property at the failed auction\'s reserve (以物抵债).', 'C16');
  add('re_auction', may('re_auction') && !f.hasLaterLot, may('re_auction') ? 'Re-auction the property; the defaulting buyer may not bid (A24).' : 'Only after the buyer defaulted.', 'A24');
  return out;
}
