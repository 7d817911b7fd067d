/** The contract's building blocks: ids, money, times and the error body, for requests (strict) and responses (as sent). */
import { z } from 'zod';
import { MONEY_PATTERN, isMoneyString } from '../money';

// Requests

export const moneyString = z
  .string({ error: 'send money as a decimal string with at most two places, e.g. "1000.00"' })
  .refine(isMoneyString, { message: 'must be a non-negative decimal string with at most two places, e.g. "1000.00"' })
  .meta({ format: 'decimal', pattern: MONEY_PATTERN.source, example: '1000.00' });

export const positiveMoneyString = moneyString.refine((v) => /[1-9]/.test(v), {
  message: 'must be above zero',
});

export const idString = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'not a valid id');
/** Years the platform's records can sensibly hold: a date outside them is a typing error, refused at the edge. */
const YEARS = { min: 1900, max: 2199 };
export const isoDateTime = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time, e.g. 2026-12-01T02:00:00Z' })
  .refine((s) => { const y = new Date(s).getUTCFullYear(); return y >= YEARS.min && y <= YEARS.max; }, `must fall in the years ${YEARS.min}–${YEARS.max}`);

/** A calendar day in UTC+8 (the courts' zone), in the years the platform's dates live in; a period runs [from, to). */
export const utc8Day = z.iso.date({ error: 'a date as YYYY-MM-DD (UTC+8)' })
  .refine((d) => d >= '2000-01-01' && d <= '2199-12-31', { message: 'a date between 2000-01-01 and 2199-12-31' });

export const ROLES = ['bidder', 'court_staff', 'finance', 'admin'] as const;
export type Role = (typeof ROLES)[number];

// Responses: what the server sends, described exactly so that clients and tests can rely on it.

/** Money as the server sends it: a decimal string with exactly two places (api.md). */
export const money = z.string().regex(/^\d+\.\d{2}$/, 'money: a decimal string with two places').meta({ format: 'decimal', example: '1000000.00' });
/** A ledger balance may be negative (credit-side accounts). */
export const signedMoney = z.string().regex(/^-?\d+\.\d{2}$/, 'money: a signed decimal string with two places').meta({ format: 'decimal', example: '-500.00' });
/** An amount echoed as it was recorded (at most two places, as the request allowed). */
export const recordedMoney = z.string().regex(/^\d+(\.\d{1,2})?$/, 'money: a decimal string').meta({ format: 'decimal' });
/** Rates: decimal strings with four places (api.md). */
export const rate = z.string().regex(/^\d+\.\d{4}$/, 'rate: a decimal string with four places').meta({ format: 'decimal', example: '0.3100' });
/** Times: ISO-8601 UTC strings, as Date.toISOString() writes them. */
export const isoTime = z.iso.datetime();
export const id = z.string().min(1);

export const apiErrorBody = z.object({
  error: z.object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBody>;

/** A JSON object whose keys the contract does not fix (audit before/after, event data). */
export const jsonObject = z.record(z.string(), z.unknown());
