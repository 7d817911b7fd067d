/**
 * What court staff may do next with a lot, and why not where they may not, from the legal rules
 * (rules.ts) and the transition table (lot-state.ts); the server answers GET /lots/:id/actions with it.
 * Each reason is a code with parameters, which the client words in the reader's language; the English
 * `reason` stays for API consumers.
 */
import { DISCLOSURE_ARTICLES, type DisclosureField } from './disclosure';
import { canTransition, type LotAction } from './lot-state';
import {
  MAX_SUSPENSION_DAYS, NOTICE_BEFORE_ANNOUNCEMENT_DAYS, SECOND_ROUND_WITHIN_DAYS, checkPartyNotice, cstDate, periodEnd,
  resumeDueBy, type Round,
} from './rules';

/** What court staff may do next with a lot; whether its status allows each is the transition table's (lot-state.ts). */
export type StaffLotAction = Extract<LotAction, 'notify_parties' | 'publish' | 'suspend' | 'resume' | 'cancel' | 'add_priority_holder' | 'record_balance' | 'second_round' | 'sell_off' | 're_auction' | 'creditor_takeover' | 'confirmation'>;

/**
 * Why an action is or is not possible. Parameters: dates (`noticeDate`, `earliestPublishDate`) are UTC+8
 * calendar dates (YYYY-MM-DD); instants (`dueAt`) are ISO strings in UTC; `days` a whole number;
 * `fields` a comma-separated list of disclosure fields (shared/disclosure.ts).
 */
export const LOT_ACTION_REASON_CODES = [
  'NOTICE_RECORDED', 'NOTICE_TO_RECORD', 'NOTICE_BEFORE_ANNOUNCEMENT',
  'PUBLISH_READY', 'PUBLISH_DRAFT_ONLY', 'PARTY_NOTICE_MISSING', 'PARTY_NOTICE_TOO_RECENT', 'DISCLOSURE_MISSING',
  'PRIORITY_HOLDER_TO_RECORD', 'PRIORITY_HOLDER_BEFORE_BIDDING',
  'SUSPEND_READY', 'SUSPEND_ONLY_OPEN',
  'RESUME_OVERDUE', 'RESUME_BY', 'RESUME_ONLY_SUSPENDED',
  'CANCEL_READY', 'CANCEL_FINISHED',
  'CONFIRMATION_READY', 'CONFIRMATION_AFTER_SALE',
  'BALANCE_PAID', 'BALANCE_TO_RECORD', 'BALANCE_ONLY_SOLD',
  'SECOND_ROUND_AFTER_FAILED_FIRST', 'SECOND_ROUND_BY', 'SECOND_ROUND_PASSED',
  'SELL_OFF_READY', 'SELL_OFF_AFTER_FAILED_SECOND',
  'CREDITOR_TAKEOVER',
  'RE_AUCTION_READY', 'RE_AUCTION_AFTER_DEFAULT',
] as const;
export type LotActionReasonCode = (typeof LOT_ACTION_REASON_CODES)[number];

export interface LotNextAction {
  action: StaffLotAction;
  allowed: boolean;
  reasonCode: LotActionReasonCode;
  reasonParams: Record<string, string>;
  /** The same reason in English, for API consumers; the client words reasonCode instead. */
  reason: string;
  article?: string;
}

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
  /** The required disclosure fields still empty (shared/disclosure.ts missingDisclosure); none when left out. */
  disclosureMissing?: readonly DisclosureField[];
}

type Why = [code: LotActionReasonCode, params?: Record<string, string>];

/** The English wording of each code, for API consumers. */
export function englishReason(code: LotActionReasonCode, p: Record<string, string> = {}): string {
  switch (code) {
    case 'NOTICE_RECORDED': return `Parties notified on ${p.noticeDate} (UTC+8); record again only if the notice is repeated.`;
    case 'NOTICE_TO_RECORD': return 'Record that the parties and known priority holders were notified (A16).';
    case 'NOTICE_BEFORE_ANNOUNCEMENT': return 'Notices are recorded before the announcement.';
    case 'PUBLISH_READY': return 'Publish the announcement; the announcement period is checked against today (A12).';
    case 'PUBLISH_DRAFT_ONLY': return 'Only a draft is published.';
    case 'PARTY_NOTICE_MISSING': return `Notify the parties and known priority holders first; the announcement may be published ${p.days} days after the notice (A16).`;
    case 'PARTY_NOTICE_TOO_RECENT': return `The parties were notified on ${p.noticeDate}; the announcement may be published from ${p.earliestPublishDate} (China Standard Time, A16).`;
    case 'DISCLOSURE_MISSING': return `The announcement must still state: ${(p.fields ?? '').split(',').join(', ')} (A13, A14).`;
    case 'PRIORITY_HOLDER_TO_RECORD': return 'Record a court-confirmed priority purchase right holder before bidding starts.';
    case 'PRIORITY_HOLDER_BEFORE_BIDDING': return 'Priority holders are recorded before bidding starts.';
    case 'SUSPEND_READY': return 'Suspend with a reason; the remaining bidding time is given back on resumption.';
    case 'SUSPEND_ONLY_OPEN': return 'Only an announced or live auction can be suspended.';
    case 'RESUME_OVERDUE': return `Overdue: the auction should have resumed by ${p.dueAt} (A29).`;
    case 'RESUME_BY': return `Resume by ${p.dueAt} (within ${p.days} days, A29).`;
    case 'RESUME_ONLY_SUSPENDED': return 'Only a suspended auction resumes.';
    case 'CANCEL_READY': return 'Withdraw the lot with a reason; held deposits are released.';
    case 'CANCEL_FINISHED': return 'A finished lot cannot be cancelled.';
    case 'CONFIRMATION_READY': return 'The confirmation of sale is generated with the buyer\'s identity (A22).';
    case 'CONFIRMATION_AFTER_SALE': return 'Generated once the lot is sold.';
    case 'BALANCE_PAID': return 'The balance is paid.';
    case 'BALANCE_TO_RECORD': return `Record the balance when the bank confirms it; due by ${p.dueAt ?? '—'}.`;
    case 'BALANCE_ONLY_SOLD': return 'Only for a sold lot.';
    case 'SECOND_ROUND_AFTER_FAILED_FIRST': return 'A second auction follows a failed first one.';
    case 'SECOND_ROUND_BY': return `Create the second auction, starting at most 20% lower, to be held by ${p.dueAt} (A26).`;
    case 'SECOND_ROUND_PASSED': return `The ${p.days} days for a second auction passed on ${p.dueAt} (A26).`;
    case 'SELL_OFF_READY': return 'Open a 60-day sell-off at the second auction\'s price, or record a creditor taking the property at the reserve.';
    case 'SELL_OFF_AFTER_FAILED_SECOND': return 'A sell-off follows a failed second auction.';
    case 'CREDITOR_TAKEOVER': return 'A creditor may take the property at the failed auction\'s reserve (以物抵债).';
    case 'RE_AUCTION_READY': return 'Re-auction the property; the defaulting buyer may not bid (A24).';
    case 'RE_AUCTION_AFTER_DEFAULT': return 'Only after the buyer defaulted.';
  }
}

/** What court staff may do next with a lot, and why not where they may not: shown on the lot's control page. */
export function lotNextActions(f: LotFacts, now: Date, holidays: ReadonlySet<string> = new Set()): LotNextAction[] {
  const out: LotNextAction[] = [];
  const add = (action: StaffLotAction, allowed: boolean, [reasonCode, reasonParams = {}]: Why, article?: string) =>
    out.push({ action, allowed, reasonCode, reasonParams, reason: englishReason(reasonCode, reasonParams), ...(article ? { article } : {}) });
  const may = (action: StaffLotAction) => canTransition(f.status, action);
  const open = may('cancel');
  add('notify_parties', may('notify_parties'), may('notify_parties')
    ? (f.noticesSentAt ? ['NOTICE_RECORDED', { noticeDate: cstDate(f.noticesSentAt) }] : ['NOTICE_TO_RECORD'])
    : ['NOTICE_BEFORE_ANNOUNCEMENT'], 'A16');
  let publishOk = may('publish');
  let publishWhy: Why = ['PUBLISH_DRAFT_ONLY'];
  if (may('publish')) {
    const notice = checkPartyNotice(f.noticesSentAt, now, holidays);
    publishOk = notice.length === 0;
    if (!f.noticesSentAt) publishWhy = ['PARTY_NOTICE_MISSING', { days: String(NOTICE_BEFORE_ANNOUNCEMENT_DAYS) }];
    else if (notice.length) {
      publishWhy = ['PARTY_NOTICE_TOO_RECENT', {
        noticeDate: cstDate(f.noticesSentAt), earliestPublishDate: notice[0].params?.earliestPublishDate ?? '', days: String(NOTICE_BEFORE_ANNOUNCEMENT_DAYS),
      }];
    } else if (f.disclosureMissing?.length) {
      // The same rule the publish endpoint refuses with (rules.ts checkDisclosure), so the button says what is missing.
      publishOk = false;
      publishWhy = ['DISCLOSURE_MISSING', { fields: f.disclosureMissing.join(',') }];
    } else publishWhy = ['PUBLISH_READY'];
  }
  const publishArticle = publishOk ? 'A12' : publishWhy[0] === 'DISCLOSURE_MISSING' ? DISCLOSURE_ARTICLES[f.disclosureMissing![0]] : 'A16';
  add('publish', publishOk, publishWhy, publishArticle);
  add('add_priority_holder', may('add_priority_holder'), may('add_priority_holder') ? ['PRIORITY_HOLDER_TO_RECORD'] : ['PRIORITY_HOLDER_BEFORE_BIDDING'], 'A19');
  add('suspend', may('suspend'), may('suspend') ? ['SUSPEND_READY'] : ['SUSPEND_ONLY_OPEN'], 'A29');
  if (may('resume') && f.suspendedAt) {
    const due = resumeDueBy(f.suspendedAt, holidays);
    add('resume', true, now.getTime() > due.getTime()
      ? ['RESUME_OVERDUE', { dueAt: due.toISOString() }]
      : ['RESUME_BY', { dueAt: due.toISOString(), days: String(MAX_SUSPENSION_DAYS) }], 'A29');
  } else {
    add('resume', false, ['RESUME_ONLY_SUSPENDED'], 'A29');
  }
  add('cancel', open, open ? ['CANCEL_READY'] : ['CANCEL_FINISHED']);
  const sold = may('record_balance');
  add('confirmation', may('confirmation'), may('confirmation') ? ['CONFIRMATION_READY'] : ['CONFIRMATION_AFTER_SALE'], 'A22');
  add('record_balance', sold && !f.balancePaidAt, sold
    ? (f.balancePaidAt ? ['BALANCE_PAID'] : ['BALANCE_TO_RECORD', f.balanceDueAt ? { dueAt: f.balanceDueAt.toISOString() } : {}])
    : ['BALANCE_ONLY_SOLD'], 'A25');
  const failedFirst = may('second_round') && f.round === 1 && !f.hasLaterLot;
  let secondWhy: Why = ['SECOND_ROUND_AFTER_FAILED_FIRST'];
  let secondAllowed = false;
  if (failedFirst && f.closedAt) {
    const due = periodEnd(f.closedAt, SECOND_ROUND_WITHIN_DAYS, holidays);
    secondAllowed = now.getTime() <= due.getTime();
    secondWhy = secondAllowed
      ? ['SECOND_ROUND_BY', { dueAt: due.toISOString() }]
      : ['SECOND_ROUND_PASSED', { dueAt: due.toISOString(), days: String(SECOND_ROUND_WITHIN_DAYS) }];
  }
  add('second_round', secondAllowed, secondWhy, 'A26');
  const failedSecond = may('sell_off') && f.round === 2 && !f.hasLaterLot && !f.creditorTakeover;
  add('sell_off', failedSecond, failedSecond ? ['SELL_OFF_READY'] : ['SELL_OFF_AFTER_FAILED_SECOND'], 'A26');
  add('creditor_takeover', (may('creditor_takeover') && (f.round === 2 || f.round === 'sell_off')) && !f.creditorTakeover && !f.hasLaterLot,
    ['CREDITOR_TAKEOVER'], 'C16');
  add('re_auction', may('re_auction') && !f.hasLaterLot, may('re_auction') ? ['RE_AUCTION_READY'] : ['RE_AUCTION_AFTER_DEFAULT'], 'A24');
  return out;
}
