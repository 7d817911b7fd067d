/**
 * Every error code the API answers with, and its HTTP status: `{"error": {"code", "message", "details"}}`
 * (docs/api.md, Errors). The server builds errors only from these codes and the client words each of them,
 * so a code added here without wording fails the client's typecheck.
 */
export const ERROR_CODES = {
  // Generic answers
  BAD_REQUEST: { status: 400 },
  VALIDATION_FAILED: { status: 400 },
  UNAUTHENTICATED: { status: 401 },
  FORBIDDEN: { status: 403 },
  NOT_FOUND: { status: 404 },
  CONFLICT: { status: 409 },
  PAYLOAD_TOO_LARGE: { status: 413 },
  UNSUPPORTED_MEDIA_TYPE: { status: 415 },
  RULE_VIOLATION: { status: 422 },
  RATE_LIMITED: { status: 429 },
  INTERNAL: { status: 500 },

  // Accounts
  IDENTITY_INVALID: { status: 422 },
  IDENTITY_LOCKED: { status: 409 },
  IDENTITY_IN_USE: { status: 409 },

  // Cases and valuation
  CASE_EXISTS: { status: 409 },
  /** An administrator cannot take away their own admin role (another administrator can). */
  OWN_ADMIN_ROLE: { status: 409 },
  /** A court or inquiry platform of that name is registered (names are unique). */
  COURT_EXISTS: { status: 409 },
  INQUIRY_PLATFORM_EXISTS: { status: 409 },
  /** The asset's kind fixes its announcement period (A12): it may be corrected only until a lot of it is published. */
  ASSET_KIND_LOCKED: { status: 409 },
  DETERMINATION_IN_PROGRESS: { status: 409 },
  NO_INQUIRY_PLATFORMS: { status: 409 },
  NOT_PENDING_APPRAISAL: { status: 409 },
  OBJECTION_RESOLVED: { status: 409 },

  // Files of an asset: a file over its type's cap; content that is not a photo or document accepted here
  FILE_TOO_LARGE: { status: 413 },
  FILE_TYPE_NOT_ALLOWED: { status: 415 },

  // Lots: refusals of the transition table (shared/lot-state.ts)
  ASSET_HAS_OPEN_LOT: { status: 409 },
  LOT_NOT_DRAFT: { status: 409 },
  LOT_NOT_OPEN_FOR_HOLDERS: { status: 409 },
  LOT_NOT_SUSPENDABLE: { status: 409 },
  LOT_NOT_SUSPENDED: { status: 409 },
  LOT_FINISHED: { status: 409 },
  LOT_NOT_ANNOUNCED: { status: 409 },
  LOT_NOT_LIVE: { status: 409 },
  LOT_NOT_SOLD: { status: 409 },
  LOT_CLOSED: { status: 409 },
  REGISTRATION_CLOSED: { status: 409 },
  TAKEOVER_NEEDS_FAILED_LATER_ROUND: { status: 409 },
  SECOND_ROUND_NEEDS_FAILED_FIRST: { status: 409 },
  SELL_OFF_NEEDS_FAILED_SECOND: { status: 409 },
  FIRST_ROUND_ALREADY_HELD: { status: 409 },

  // Lots: people and money
  ALREADY_PRIORITY_HOLDER: { status: 409 },
  ALREADY_TAKEN_OVER: { status: 409 },
  ALREADY_LEADING: { status: 409 },
  // The lot kept changing while its bids were being decided (another node, a court action): try again.
  LOT_BUSY: { status: 409 },
  NO_BUYER: { status: 409 },
  DEPOSIT_NOT_PENDING: { status: 409 },
  BANK_REFERENCE_USED: { status: 409 },
  BALANCE_ALREADY_PAID: { status: 409 },
  // Online payments: a webhook whose signature does not verify
  BAD_SIGNATURE: { status: 400 },

  // Money: bank statements and refunds
  STATEMENT_INVALID: { status: 422 },
  LINE_RESOLVED: { status: 409 },
  REFUND_NOT_DUE: { status: 409 },
  // Money: a provider call finance asked to retry that has not failed, or that a new payment replaces
  CALL_NOT_FAILED: { status: 409 },
  // Money: proceeds to the court and forfeited deposits (A24)
  BALANCE_NOT_PAID: { status: 409 },
  PROCEEDS_APPROVED: { status: 409 },
  PROCEEDS_NOT_APPROVED: { status: 409 },
  PROCEEDS_PAID: { status: 409 },
  LOT_NOT_DEFAULTED: { status: 409 },
  FORFEITURE_ALLOCATED: { status: 409 },
} as const satisfies Record<string, { status: number }>;

export type ErrorCode = keyof typeof ERROR_CODES;
export const ERROR_CODE_LIST = Object.keys(ERROR_CODES) as ErrorCode[];

/** Codes kept in the registry though no server source names them (a retired code clients may still meet). */
export const RESERVED_ERROR_CODES: readonly ErrorCode[] = [];

export function isErrorCode(s: string): s is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CODES, s);
}

/** `details.reason`: which case of a generic code applies, and the code it comes with. */
export const REASON_CODES = {
  NOT_REGISTERED: { code: 'FORBIDDEN' },
  DEPOSIT_NOT_HELD: { code: 'FORBIDDEN' },
  IDENTITY_NOT_VERIFIED: { code: 'FORBIDDEN' },
  CROSS_ORIGIN: { code: 'FORBIDDEN' },
  PASSWORD_TOO_WEAK: { code: 'VALIDATION_FAILED' },
  NUL_CHARACTER: { code: 'VALIDATION_FAILED' },
  ILL_FORMED_UNICODE: { code: 'VALIDATION_FAILED' },
  TOO_DEEP: { code: 'VALIDATION_FAILED' },
  DATE_IN_FUTURE: { code: 'VALIDATION_FAILED' },
  // A file whose content is not the kind the uploader named; an image whose content cannot be decoded
  KIND_MISMATCH: { code: 'FILE_TYPE_NOT_ALLOWED' },
  UNREADABLE: { code: 'FILE_TYPE_NOT_ALLOWED' },
} as const satisfies Record<string, { code: ErrorCode }>;

export type ReasonCode = keyof typeof REASON_CODES;
export const REASON_CODE_LIST = Object.keys(REASON_CODES) as ReasonCode[];
