/** Server errors in the reader's language, each saying what to do next; the server's own message is the fallback. */
import type { ErrorCode } from '../../shared/error-codes';
import { RULE_CODES, type RuleCode } from '../../shared/rule-codes';
import { ApiError } from './api';
import type { Lang, MessageKey, T } from './i18n';
import { ruleText, type ViolationLike } from './rule-text';

export function violationsOf(err: ApiError): ViolationLike[] {
  const list = err.details.violations;
  if (Array.isArray(list) && list.length > 0) return list as ViolationLike[];
  if (typeof err.details.rule === 'string') {
    const { rule, article, violations: _ignored, ...params } = err.details as Record<string, unknown>;
    return [{
      rule: rule as string, article: typeof article === 'string' ? article : '', message: err.message,
      params: Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === 'string')) as Record<string, string>,
    }];
  }
  return [];
}

function statusText(t: T, status: unknown): string {
  return typeof status === 'string' && ['draft', 'announced', 'live', 'suspended', 'sold', 'unsold', 'cancelled', 'defaulted'].includes(status)
    ? t(`status.${status}` as MessageKey)
    : String(status ?? '—');
}

/**
 * Codes only the client makes (no connection, no answer on the socket), and EMAIL_TAKEN, which older
 * servers sent.
 */
export type ClientErrorCode = 'NETWORK' | 'TIMEOUT' | 'EMAIL_TAKEN';

/** A refusal of the lot transition table that is also a rule: worded as that rule, with its article. */
const asRule = (t: T, err: ApiError, rule: RuleCode) =>
  ruleText({ rule, article: RULE_CODES[rule].articles[0], message: err.message }, t);

export function errorText(err: unknown, t: T, lang: Lang, overrides: Partial<Record<string, string>> = {}): string {
  if (!(err instanceof ApiError)) return t('error.unexpected');
  const override = overrides[err.code];
  if (override) return override;
  const d = err.details;
  const code = err.code as ErrorCode | ClientErrorCode;
  switch (code) {
    case 'NETWORK':
      return t('error.network');
    case 'TIMEOUT':
      return t('error.timeout');
    case 'UNAUTHENTICATED':
      return t('error.unauthenticated');
    case 'FORBIDDEN':
      if (d.reason === 'NOT_REGISTERED') return t('error.notRegistered');
      if (d.reason === 'DEPOSIT_NOT_HELD') return t('error.depositNotHeld');
      if (d.reason === 'IDENTITY_NOT_VERIFIED') return t('error.identityNotVerified');
      if (d.reason === 'CROSS_ORIGIN') return t('error.crossOrigin');
      return t('error.forbidden');
    case 'NOT_FOUND':
      return t('error.notFound');
    case 'RATE_LIMITED': {
      const ms = typeof d.retryAfterMs === 'number' ? d.retryAfterMs : 1000;
      return t('error.rateLimited', { seconds: Math.max(1, Math.ceil(ms / 1000)) });
    }
    case 'LOT_NOT_LIVE':
      if (d.status === 'suspended') return t('error.lotSuspended');
      return d.status === 'ended' ? t('error.biddingEnded') : t('error.lotNotLive');
    case 'LOT_NOT_SUSPENDABLE':
      return t('error.lotNotSuspendable', { status: statusText(t, d.status) });
    case 'LOT_NOT_SUSPENDED':
      return t('error.lotNotSuspended', { status: statusText(t, d.status) });
    case 'LOT_FINISHED':
      return t('error.lotFinished', { status: statusText(t, d.status) });
    case 'LOT_NOT_OPEN_FOR_HOLDERS':
      return t('error.notOpenForHolders', { status: statusText(t, d.status) });
    case 'ALREADY_PRIORITY_HOLDER':
      return t('error.alreadyHolder', { rank: typeof d.rank === 'number' ? d.rank : '—' });
    case 'ALREADY_TAKEN_OVER':
      return t('error.alreadyTakenOver');
    case 'LOT_NOT_SOLD':
      return t('error.lotNotSold');
    case 'BALANCE_ALREADY_PAID':
      return t('error.balanceAlreadyPaid');
    case 'NO_BUYER':
      return d.status === 'live' || d.status === 'announced' ? t('error.noBuyerYet') : t('error.noBuyer');
    case 'ALREADY_LEADING':
      return t('error.alreadyLeading');
    case 'RULE_VIOLATION':
    case 'IDENTITY_INVALID': {
      if (err.code === 'IDENTITY_INVALID') return lang === 'en' ? err.message : t('error.identityInvalid');
      const vs = violationsOf(err);
      if (vs.length === 0) return lang === 'en' ? err.message : t('error.ruleGeneric', { message: err.message });
      return vs.map((v) => ruleText(v, t)).join(' ');
    }
    case 'VALIDATION_FAILED': {
      if (d.reason === 'PASSWORD_TOO_WEAK') return t('error.passwordTooWeak');
      const fields = Array.isArray(d.fields) ? (d.fields as Array<{ path: string; message: string }>) : [];
      return t('error.validation', { fields: fields.map((f) => `${f.path}: ${f.message}`).join('; ') || err.message });
    }
    case 'EMAIL_TAKEN':
      return t('error.emailTaken');
    case 'CASE_EXISTS':
      return t('error.caseExists');
    case 'ASSET_HAS_OPEN_LOT':
      return t('error.assetHasOpenLot');
    case 'LOT_NOT_DRAFT':
      return t('error.lotNotDraft');
    case 'REGISTRATION_CLOSED':
      return t('error.registrationClosed');
    case 'DEPOSIT_NOT_PENDING':
      return t('error.depositNotPending', { status: typeof d.depositStatus === 'string' ? d.depositStatus : '' });
    case 'LOT_CLOSED':
      return t('error.lotClosedForDeposit');
    case 'BANK_REFERENCE_USED':
      return t('error.bankReferenceUsed');
    case 'NO_INQUIRY_PLATFORMS':
      return t('error.noInquiryPlatforms');
    case 'NOT_PENDING_APPRAISAL':
      return t('error.notPendingAppraisal');
    case 'OBJECTION_RESOLVED':
      return t('error.objectionResolved');
    case 'LOT_NOT_ANNOUNCED':
      return t('error.lotNotAnnounced');
    case 'TAKEOVER_NEEDS_FAILED_LATER_ROUND':
    case 'SECOND_ROUND_NEEDS_FAILED_FIRST':
    case 'SELL_OFF_NEEDS_FAILED_SECOND':
    case 'FIRST_ROUND_ALREADY_HELD':
      return asRule(t, err, code);
    case 'IDENTITY_LOCKED':
      return t('error.identityLocked');
    case 'IDENTITY_IN_USE':
      return t('error.identityInUse');
    case 'DETERMINATION_IN_PROGRESS':
      return t('error.determinationInProgress');
    case 'CONFLICT':
      return t('error.conflict');
    case 'PAYLOAD_TOO_LARGE':
      return t('error.payloadTooLarge');
    case 'UNSUPPORTED_MEDIA_TYPE':
      return t('error.unsupportedMediaType');
    case 'BAD_REQUEST':
      return t('error.badRequest');
    case 'INTERNAL':
      return t('error.internal');
    default:
      return unknownCode(code, err, t);
  }
}

/** Every code has a case above (typecheck); one a newer server adds is shown in the server's words. */
function unknownCode(_code: never, err: ApiError, t: T): string {
  return err.message || t('error.unexpected');
}

/** The minimum a refused bid names, from either transport. */
export function minimumOf(err: ApiError): string | null {
  const m = err.details.minimum;
  if (typeof m === 'string') return m;
  const v = violationsOf(err)[0];
  return v?.params?.minimum ?? null;
}

