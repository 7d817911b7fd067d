/**
 * Server errors in the reader's language, each saying what to do next, built from the error's code and
 * details only: the server's English message is for API consumers and is never shown.
 */
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
    case 'LOT_BUSY':
      return t('error.lotBusy');
    case 'IDENTITY_INVALID':
      // One check (GB 11643 length, birth date, check digit); details.rule names it.
      return t('error.identityInvalid');
    case 'RULE_VIOLATION': {
      const vs = violationsOf(err);
      if (vs.length === 0) return t('error.ruleUnknown', { article: typeof d.article === 'string' ? d.article : '—' });
      return vs.map((v) => ruleText(v, t)).join(' ');
    }
    case 'VALIDATION_FAILED':
      return validationText(t, d, lang);
    case 'EMAIL_TAKEN':
      return t('error.emailTaken');
    case 'CASE_EXISTS':
      return t('error.caseExists');
    case 'OWN_ADMIN_ROLE':
      return t('error.ownAdminRole');
    case 'COURT_EXISTS':
      return t('error.courtExists');
    case 'INQUIRY_PLATFORM_EXISTS':
      return t('error.inquiryPlatformExists');
    case 'ASSET_KIND_LOCKED':
      return t('error.assetKindLocked');
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
    case 'BAD_SIGNATURE':
      return t('error.badSignature');
    case 'STATEMENT_INVALID':
      return t('error.statementInvalid', { count: Array.isArray(d.errors) ? String(d.errors.length) : '' });
    case 'LINE_RESOLVED':
      return t('error.lineResolved');
    case 'REFUND_NOT_DUE':
      return t('error.refundNotDue');
    case 'CALL_NOT_FAILED':
      return t('error.callNotFailed');
    case 'BALANCE_NOT_PAID':
      return t('error.balanceNotPaid');
    case 'PROCEEDS_APPROVED':
      return t('error.proceedsApproved');
    case 'PROCEEDS_NOT_APPROVED':
      return t('error.proceedsNotApproved');
    case 'PROCEEDS_PAID':
      return t('error.proceedsPaid');
    case 'LOT_NOT_DEFAULTED':
      return t('error.lotNotDefaulted');
    case 'FORFEITURE_ALLOCATED':
      return t('error.forfeitureAllocated');
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
    case 'FILE_TOO_LARGE':
      return d.kind === 'photo' ? t('error.photoTooLarge') : t('error.fileTooLarge');
    case 'FILE_TYPE_NOT_ALLOWED':
      if (d.reason === 'KIND_MISMATCH') return d.kind === 'photo' ? t('error.notAPhoto') : t('error.notADocument');
      if (d.reason === 'UNREADABLE') return t('error.imageUnreadable');
      return t('error.fileTypeNotAllowed');
    case 'BAD_REQUEST':
      return t('error.badRequest');
    case 'INTERNAL':
      return t('error.internal');
    default:
      return unknownCode(code, err, t);
  }
}

/** Every code has a case above (typecheck); one a newer server adds is named by its code, never in the server's words. */
function unknownCode(_code: never, err: ApiError, t: T): string {
  return err.code ? t('error.unknownCode', { code: err.code }) : t('error.unexpected');
}

/** A failing field as server/platform/validate.ts describes it: zod's code and parameters. */
interface FieldProblem {
  path?: unknown; code?: unknown; origin?: unknown; minimum?: unknown; maximum?: unknown; inclusive?: unknown; exact?: unknown;
  format?: unknown; divisor?: unknown; keys?: unknown; values?: unknown;
}

const INPUT_REASONS: Partial<Record<string, MessageKey>> = {
  NUL_CHARACTER: 'error.field.nul', ILL_FORMED_UNICODE: 'error.field.unicode', TOO_DEEP: 'error.field.tooDeep',
  DATE_IN_FUTURE: 'error.field.dateInFuture',
};
const LENGTH_ORIGINS = ['string', 'file'];
const COUNT_ORIGINS = ['array', 'set'];
const NUMBER_ORIGINS = ['number', 'int', 'bigint'];

function fieldText(t: T, f: FieldProblem, reason: unknown, lang: Lang): string {
  const field = typeof f.path === 'string' ? f.path : '—';
  const num = (v: unknown) => (typeof v === 'number' ? v : Number.NaN);
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join(lang === 'zh' ? '、' : ', ') : '—');
  if (typeof reason === 'string' && INPUT_REASONS[reason]) return t(INPUT_REASONS[reason]!, { field });
  const origin = String(f.origin ?? '');
  switch (f.code) {
    case 'too_small':
    case 'too_big': {
      const small = f.code === 'too_small';
      const bound = num(small ? f.minimum : f.maximum);
      if (Number.isNaN(bound)) break;
      if (LENGTH_ORIGINS.includes(origin)) {
        if (f.exact === true) return t('error.field.length', { field, length: bound });
        return small ? t('error.field.tooShort', { field, minimum: bound }) : t('error.field.tooLong', { field, maximum: bound });
      }
      if (COUNT_ORIGINS.includes(origin)) return small ? t('error.field.tooFew', { field, minimum: bound }) : t('error.field.tooMany', { field, maximum: bound });
      if (NUMBER_ORIGINS.includes(origin)) {
        const exclusive = f.inclusive === false;
        if (small) return t(exclusive ? 'error.field.tooLowExclusive' : 'error.field.tooLow', { field, minimum: bound });
        return t(exclusive ? 'error.field.tooHighExclusive' : 'error.field.tooHigh', { field, maximum: bound });
      }
      break;
    }
    case 'invalid_type':
      return t('error.field.type', { field });
    case 'invalid_format':
      if (f.format === 'email') return t('error.field.email', { field });
      if (f.format === 'datetime' || f.format === 'date') return t('error.field.datetime', { field });
      return t('error.field.format', { field });
    case 'not_multiple_of':
      if (typeof f.divisor === 'number') return t('error.field.multipleOf', { field, divisor: f.divisor });
      break;
    case 'unrecognized_keys':
      return t('error.field.unknownKeys', { field, keys: list(f.keys) });
    case 'invalid_value':
      return t('error.field.oneOf', { field, values: list(f.values) });
    case 'url_scheme':
      return t('error.field.urlScheme', { field });
    case 'url_userinfo':
      return t('error.field.urlUserinfo', { field });
    case 'url_query':
      return t('error.field.urlQuery', { field });
    case 'url_not_public':
      return t('error.field.urlNotPublic', { field });
  }
  return t('error.field.invalid', { field });
}

/** VALIDATION_FAILED in the reader's language, one sentence per failing field, from codes and parameters only. */
function validationText(t: T, d: Record<string, unknown>, lang: Lang): string {
  if (d.reason === 'PASSWORD_TOO_WEAK') return t('error.passwordTooWeak');
  const fields = Array.isArray(d.fields) ? (d.fields as FieldProblem[]) : [];
  if (fields.length === 0) return t('error.badRequest');
  return t('error.validation', { fields: fields.map((f) => fieldText(t, f, d.reason, lang)).join(lang === 'zh' ? '' : ' ') });
}

/** The minimum a refused bid names, from either transport. */
export function minimumOf(err: ApiError): string | null {
  const m = err.details.minimum;
  if (typeof m === 'string') return m;
  const v = violationsOf(err)[0];
  return v?.params?.minimum ?? null;
}

