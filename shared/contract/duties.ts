/** The court's worklist: every duty on its lots, prices and money, most urgent first. */
import { z } from 'zod';
import { DUTY_KINDS, DUTY_REASON_CODES, DUTY_URGENCIES } from '../court-duties';
import { id, isoTime, money } from './common';

export const DUTY_LIST_MAX = 500;

export const dutiesQuery = z.strictObject({
  /** Only this court's duties (the court named on the case). */
  court: z.string().trim().min(1).max(200).optional(),
  kind: z.enum(DUTY_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(DUTY_LIST_MAX).default(200),
});

export const dutyItem = z.strictObject({
  kind: z.enum(DUTY_KINDS),
  urgency: z.enum(DUTY_URGENCIES),
  /** Worded by the client from the code and its parameters (shared/court-duties.ts). */
  reasonCode: z.enum(DUTY_REASON_CODES),
  reasonParams: z.record(z.string(), z.string()),
  article: z.string().nullable(),
  /** The instant the duty is due by (for a lot ending today: its end). */
  dueAt: isoTime.nullable(),
  lotId: id.nullable(),
  valuationId: id.nullable(),
  refundId: id.nullable(),
  assetId: id,
  assetTitle: z.string(),
  /** The court's English title of the asset, when it gave one. */
  assetTitleEn: z.string().nullable(),
  caseId: id,
  caseNumber: z.string(),
  court: z.string(),
  amount: money.nullable(),
});
export type DutyItem = z.infer<typeof dutyItem>;

export const dutyList = z.strictObject({
  asOf: isoTime,
  items: z.array(dutyItem),
  /** More duties exist than the limit let through; the most urgent were kept. */
  truncated: z.boolean(),
});
export type DutyList = z.infer<typeof dutyList>;
