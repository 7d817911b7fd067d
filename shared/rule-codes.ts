/**
 * Every rule a violation can name (`details.rule`, `violations[].rule`), with the article(s) it cites
 * (`details.article`): A = auction provisions, B = reference-price provisions, C = enforcement
 * provisions (docs/domain-rules.md). The first article is the usual one; a rule listing more cites the
 * one that applies to the case (e.g. the announcement period: A12 for a first round, A26 after).
 */
export const RULE_CODES = {
  // Lot terms and publishing (shared/rules.ts)
  REFERENCE_PRICE_REQUIRED: { articles: ['A10'] },
  STARTING_PRICE_BELOW_70_PERCENT: { articles: ['A10'] },
  STARTING_PRICE_POSITIVE: { articles: ['A10'] },
  BID_INCREMENT_POSITIVE: { articles: ['A20'] },
  BID_INCREMENT_TOO_LARGE: { articles: ['A20'] },
  DEPOSIT_OUT_OF_RANGE: { articles: ['A17'] },
  BIDDING_PERIOD_TOO_SHORT: { articles: ['A20'] },
  BIDDING_PERIOD_TOO_LONG: { articles: ['A20'] },
  START_IN_PAST: { articles: ['A12'] },
  BALANCE_DUE_DAYS_OUT_OF_RANGE: { articles: ['A25'] },
  ANNOUNCEMENT_PERIOD_TOO_SHORT: { articles: ['A12', 'A26'] },
  REFERENCE_PRICE_EXPIRED: { articles: ['B27'] },
  PARTY_NOTICE_MISSING: { articles: ['A16'] },
  PARTY_NOTICE_TOO_RECENT: { articles: ['A16'] },
  DISCLOSURE_MISSING: { articles: ['A14', 'A13'] },

  // Bids (shared/rules.ts, bidding service)
  FIRST_BID_BELOW_STARTING_PRICE: { articles: ['A20'] },
  PRIORITY_BID_BETWEEN_MATCH_AND_RAISE: { articles: ['A21'] },
  BID_BELOW_MINIMUM: { articles: ['A20'] },
  STAFF_MAY_NOT_BID: { articles: ['A28'] },
  PROXY_MAX_TOO_HIGH: { articles: ['A20'] },
  DEFAULTER_BARRED: { articles: ['A24'] },
  RESIDENT_ID_CHECK_DIGIT: { articles: ['A17'] },

  // Later rounds and after the close (auctions and lifecycle services)
  SECOND_ROUND_CUT_OVER_20_PERCENT: { articles: ['A26'] },
  SECOND_ROUND_NEEDS_FAILED_FIRST: { articles: ['A26'] },
  SECOND_ROUND_TOO_LATE: { articles: ['A26'] },
  SELL_OFF_NEEDS_FAILED_SECOND: { articles: ['A26'] },
  SELL_OFF_PRICE: { articles: ['A26'] },
  FIRST_ROUND_ALREADY_HELD: { articles: ['A26'] },
  TAKEOVER_NEEDS_FAILED_LATER_ROUND: { articles: ['C16'] },
  FORFEITURE_OVER_DEPOSIT: { articles: ['A24'] },

  // Reference prices (shared/valuation-rules.ts, valuation service)
  METHOD_ORDER: { articles: ['B4'] },
  APPRAISAL_MANDATORY: { articles: ['B14'] },
  APPRAISAL_EXTENSIONS_EXHAUSTED: { articles: ['B19'] },
  NO_OBJECTION_TO_AGREED_PRICE: { articles: ['B22'] },
  OBJECTION_PERIOD_CLOSED: { articles: ['B22'] },
  PRE_VALUATION_NEEDS_PRESERVED_ASSET: { articles: ['B27'] },
} as const satisfies Record<string, { articles: readonly [string, ...string[]] }>;

export type RuleCode = keyof typeof RULE_CODES;
export const RULE_CODE_LIST = Object.keys(RULE_CODES) as RuleCode[];

export function isRuleCode(s: string): s is RuleCode {
  return Object.prototype.hasOwnProperty.call(RULE_CODES, s);
}
