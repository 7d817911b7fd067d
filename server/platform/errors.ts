import type { ErrorCode, ReasonCode } from '../../shared/error-codes';
import type { RuleCode } from '../../shared/rule-codes';

let savedStackTraceLimit = Error.stackTraceLimit;
/** The message, with stack capture off for the Error constructor about to run (restored right after it). */
function withoutStack(message: string): string {
  savedStackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  return message;
}

/**
 * Typed domain errors with stable codes; mapped to HTTP in http.ts and to socket acks in realtime.ts. They
 * are answers to a user (a bid too low, a form field missing), not faults: they carry no stack trace, whose
 * capture was a measurable share of a hot lot's refused bids.
 */
export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(withoutStack(message));
    Error.stackTraceLimit = savedStackTraceLimit;
  }
  toBody() {
    return { error: { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) } };
  }
}

export const validationFailed = (message: string, fields: Array<{ path: string; message: string }>, reason?: ReasonCode) =>
  new DomainError(400, 'VALIDATION_FAILED', message, reason ? { fields, reason } : { fields });
export const unauthenticated = (message = 'Log in to do this.') => new DomainError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message: string, details?: Record<string, unknown>) => new DomainError(403, 'FORBIDDEN', message, details);
export const notFound = (what: string) => new DomainError(404, 'NOT_FOUND', `${what} was not found.`);
export const conflict = (code: ErrorCode, message: string, details?: Record<string, unknown>) => new DomainError(409, code, message, details);
export const rateLimited = (retryAfterMs: number) =>
  new DomainError(429, 'RATE_LIMITED', `Too many attempts; try again in ${Math.ceil(retryAfterMs / 1000)} seconds.`, { retryAfterMs });

export interface Violation { rule: RuleCode; article: string; message: string; params?: Record<string, string> }

/** 422 naming the broken rule and its article; further violations ride along so a form can show them all. */
export function ruleViolation(violations: Violation[], code: ErrorCode = 'RULE_VIOLATION', extra: Record<string, unknown> = {}): DomainError {
  const [first] = violations;
  return new DomainError(422, code, first.message, {
    rule: first.rule,
    article: first.article,
    ...(first.params ?? {}),
    ...extra,
    violations: violations.map((v) => ({ rule: v.rule, article: v.article, message: v.message, params: v.params ?? {} })),
  });
}
