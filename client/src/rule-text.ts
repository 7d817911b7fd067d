/** The legal bounds from shared/rules.ts explained in the reader's language, built from rule + params + article. */
import { DISCLOSURE_FIELDS, type DisclosureField } from '../../shared/disclosure';
import { formatYuan } from '../../shared/money';
import type { RuleCode } from '../../shared/rule-codes';
import type { RuleViolation } from '../../shared/rules';
import { formatDateTime } from './format';
import { methodInline, type T } from './i18n';

export interface ViolationLike {
  rule: string;
  article: string;
  message: string;
  params?: Record<string, string>;
}

/**
 * Rules only the client names: the lot form's preview of the notice period before publishing
 * (ANNOUNCEMENT_AFTER_NOTICE, START_AFTER_NOTICE), and SELL_OFF_NOT_OPEN, which older servers sent.
 */
export type ClientRuleCode = 'ANNOUNCEMENT_AFTER_NOTICE' | 'START_AFTER_NOTICE' | 'SELL_OFF_NOT_OPEN';
export type PreviewViolation = Omit<RuleViolation, 'rule'> & { rule: RuleCode | ClientRuleCode };

const money = (v: string | undefined) => (v ? formatYuan(v) : '—');

export function ruleText(v: ViolationLike, t: T): string {
  const p = v.params ?? {};
  const a = v.article;
  const rule = v.rule as RuleCode | ClientRuleCode;
  switch (rule) {
    case 'REFERENCE_PRICE_REQUIRED':
      return t('rule.referenceRequired', { article: a });
    case 'STARTING_PRICE_BELOW_70_PERCENT':
      return t('rule.startingBelow70', { minimum: money(p.minimum), reference: money(p.referencePrice), article: a });
    case 'STARTING_PRICE_POSITIVE':
      return t('rule.startingPositive', { article: a });
    case 'BID_INCREMENT_POSITIVE':
      return t('rule.incrementPositive', { article: a });
    case 'BID_INCREMENT_TOO_LARGE':
      return t('rule.incrementTooLarge', { maximum: money(p.maximum), article: a });
    case 'DEPOSIT_OUT_OF_RANGE':
      return t('rule.depositRange', { minimum: money(p.minimum), maximum: money(p.maximum), article: a });
    case 'BIDDING_PERIOD_TOO_SHORT':
      return t('rule.periodTooShort', { minimumEndsAt: p.minimumEndsAt ? formatDateTime(p.minimumEndsAt) : '—', article: a });
    case 'BIDDING_PERIOD_TOO_LONG':
      return t('rule.periodTooLong', { article: a });
    case 'START_IN_PAST':
      return t('rule.startInPast', { article: a });
    case 'BALANCE_DUE_DAYS_OUT_OF_RANGE':
      return t('rule.balanceDays', { maximum: p.maximum ?? '90', article: a });
    case 'ANNOUNCEMENT_PERIOD_TOO_SHORT':
      return t('rule.announcement', { date: p.earliestStartDate ?? '—', days: p.days ?? '—', article: a });
    case 'REFERENCE_PRICE_EXPIRED':
      return t('rule.referenceExpired', { validUntil: p.validUntil ? formatDateTime(p.validUntil) : '—', article: a });
    case 'SECOND_ROUND_CUT_OVER_20_PERCENT':
      return t('rule.secondRoundCut', { minimum: money(p.minimum), article: a });
    case 'SECOND_ROUND_NEEDS_FAILED_FIRST':
      return t('rule.secondRoundNeedsFirst', { article: a });
    case 'SELL_OFF_NOT_OPEN':
    case 'SELL_OFF_NEEDS_FAILED_SECOND':
      return t('rule.sellOffNotOpen', { article: a });
    case 'PARTY_NOTICE_MISSING':
      return t('rule.noticeMissing', { days: p.days ?? '3', article: a });
    case 'PARTY_NOTICE_TOO_RECENT':
      return t('rule.noticeTooRecent', { date: p.earliestPublishDate ?? '—', days: p.days ?? '3', article: a });
    case 'ANNOUNCEMENT_AFTER_NOTICE':
      return t('rule.announcementAfterNotice', { date: p.earliestStartDate ?? '—', publish: p.publishDate ?? '—', days: p.days ?? '—', article: a });
    case 'START_AFTER_NOTICE':
      return t('rule.startAfterNotice', { publish: p.publishDate ?? '—', article: a });
    case 'SELL_OFF_PRICE':
      return t('rule.sellOffPrice', { price: money(p.required ?? p.minimum), article: a });
    case 'SECOND_ROUND_TOO_LATE':
      return t('rule.secondRoundTooLate', { latest: p.latestStartsAt ? formatDateTime(p.latestStartsAt) : '—', article: a });
    case 'FIRST_ROUND_ALREADY_HELD':
      return t('rule.firstRoundAlreadyHeld', { article: a });
    case 'TAKEOVER_NEEDS_FAILED_LATER_ROUND':
      return t('rule.takeoverNeedsFailed', { article: a });
    case 'FORFEITURE_OVER_DEPOSIT':
      return t('rule.forfeitureOverDeposit', { deposit: money(p.deposit), article: a });
    case 'DEFAULTER_BARRED':
      return t('rule.defaulterBarred', { article: a });
    case 'PRIORITY_BID_BETWEEN_MATCH_AND_RAISE':
      return t('rule.priorityBetween', { match: money(p.match ?? p.minimum), raise: money(p.raise), article: a });
    case 'FIRST_BID_BELOW_STARTING_PRICE':
      return t('rule.firstBidBelowStarting', { minimum: money(p.minimum), article: a });
    case 'BID_BELOW_MINIMUM':
      return t('rule.bidBelowMinimum', { minimum: money(p.minimum), article: a });
    case 'STAFF_MAY_NOT_BID':
      return t('rule.staffMayNotBid', { article: a });
    case 'PROXY_MAX_TOO_HIGH':
      return t('rule.proxyMaxTooHigh', { ceiling: money(p.ceiling), article: a });
    case 'METHOD_ORDER': {
      const earlier = (p.earlier ?? '').split(',').filter(Boolean).map((m) => methodInline(t, m)).join(t('rule.or'));
      return t('rule.methodOrder', { earlier: earlier || '—', article: a });
    }
    case 'APPRAISAL_MANDATORY':
      return t('rule.appraisalMandatory', { article: a });
    case 'PRE_VALUATION_NEEDS_PRESERVED_ASSET':
      return t('rule.preValuationPreserved', { article: a });
    case 'NO_OBJECTION_TO_AGREED_PRICE':
      return t('rule.noObjectionAgreed', { article: a });
    case 'OBJECTION_PERIOD_CLOSED':
      return t('rule.objectionClosed', { endsAt: p.endsAt ? formatDateTime(p.endsAt) : '—', article: a });
    case 'APPRAISAL_EXTENSIONS_EXHAUSTED':
      return t('rule.appraisalExtensions', { article: a });
    case 'DISCLOSURE_MISSING':
      return t('rule.disclosureMissing', { field: (DISCLOSURE_FIELDS as readonly string[]).includes(p.field ?? '') ? disclosureLabel(t, p.field as DisclosureField) : '—', article: a });
    case 'RESIDENT_ID_CHECK_DIGIT':
      return t('error.identityInvalid');
    default:
      return unknownRule(rule, v, t);
  }
}

/** Every rule has a case above (typecheck); one a newer server adds is named by its article, never in the server's words. */
function unknownRule(_rule: never, v: ViolationLike, t: T): string {
  return t('error.ruleUnknown', { article: v.article || '—' });
}

/** A disclosure field's name in the reader's language. */
export function disclosureLabel(t: T, field: DisclosureField): string {
  return t(`disclosureField.${field}`);
}
