/** Where an asset's reference price stands and what may be done next, from the shared B rules (no React). */
import {
  checkMethodOrder, INITIATE_SALE_WITHIN_DAYS, METHOD_ORDER, periodEnd, START_DETERMINATION_WITHIN_DAYS, type DeterminationMethod,
} from '../../../../shared/valuation-rules';
import type { RuleViolation } from '../../../../shared/rules';
import type { MessageKey, T } from '../../i18n';
import type { QuoteView, ValuationStatus, ValuationView } from '../court/types';

/** Statuses in which a determination is still moving: the pages re-read it. */
export const IN_PROGRESS: ReadonlySet<ValuationStatus> = new Set(['pending', 'extended', 'objection_window']);

export type StartMethod = DeterminationMethod | 'pre_valuation';
export const START_METHODS: readonly StartMethod[] = [...METHOD_ORDER, 'pre_valuation'];

export function isInquiry(v: Pick<ValuationView, 'method' | 'details'>): boolean {
  return v.method === 'network_inquiry' || v.details?.via === 'network_inquiry';
}

/** The earlier methods on record, as B4 counts them (a failed negotiation counts; a pre-valuation does not). */
export function triedMethods(valuations: ValuationView[]): DeterminationMethod[] {
  return valuations.map((v) => v.method).filter((m): m is DeterminationMethod => (METHOD_ORDER as readonly string[]).includes(m));
}

/** B4, B5, B14 before submit: what the server will say about this method for this asset. */
export function methodOrderViolations(method: StartMethod, valuations: ValuationView[], skipAgreed: boolean, appraisalMandatory: boolean): RuleViolation[] {
  if (method === 'pre_valuation') return [];
  return checkMethodOrder(method, triedMethods(valuations), skipAgreed, appraisalMandatory);
}

/** The asset's reference price a lot would use now, as the server picks it: the newest effective one still valid (B27). */
export function currentReference(valuations: ValuationView[], now: number): ValuationView | null {
  let best: ValuationView | null = null;
  for (const v of valuations) {
    if (v.status !== 'effective' || !v.referencePrice || !v.effectiveAt) continue;
    if (v.validUntil && Date.parse(v.validUntil) <= now) continue;
    if (!best || Date.parse(v.effectiveAt) > Date.parse(best.effectiveAt!)) best = v;
  }
  return best;
}

/** B30: the last moment to initiate the sale after the price took effect. */
export function saleDueBy(effectiveAt: string): Date {
  return periodEnd(new Date(effectiveAt), INITIATE_SALE_WITHIN_DAYS);
}

/** B1: the last moment to start determining the reference price after the seizure. */
export function determinationDueBy(seizedAt: string): Date {
  return periodEnd(new Date(seizedAt), START_DETERMINATION_WITHIN_DAYS);
}

/** A status in words, by method: an appraisal waits for a report, an inquiry collects quotes. */
export function valuationStatusLabel(t: T, v: Pick<ValuationView, 'method' | 'status'> & { details?: ValuationView['details'] | null }): string {
  if (v.status === 'pending' && v.method === 'appraisal') return t('valuation.pendingAppraisal');
  if (v.status === 'failed' && v.method === 'negotiated' && v.details?.outcome === 'no_agreement') return t('valuation.noAgreement');
  return t(`valuation.${v.status}` as MessageKey);
}

export function quoteStatusLabel(t: T, status: QuoteView['status'] | string): string {
  return ['requesting', 'pending', 'reported', 'late', 'failed'].includes(status) ? t(`quote.${status}` as MessageKey) : status;
}

const ERROR_KINDS = ['timeout', 'network', 'http_status', 'malformed_json', 'invalid_reply', 'wrong_currency', 'implausible_price'];
export function quoteErrorLabel(t: T, kind: string): string {
  return ERROR_KINDS.includes(kind) ? t(`quoteError.${kind}` as MessageKey) : kind;
}

export function priceBasisLabel(t: T, basis: string | undefined): string {
  return basis && ['tax_base', 'government', 'government_guided'].includes(basis) ? t(`priceBasis.${basis}` as MessageKey) : basis ?? '—';
}

/** A percentage from the server's ratio string ("1.5000" → "150.00%"), exactly, without floats. */
export function ratioPercent(ratio: string): string {
  const m = /^(\d+)\.?(\d*)$/.exec(ratio);
  if (!m) return ratio;
  const frac = (m[2] + '0000').slice(0, 4);
  const hundredths = BigInt(m[1]) * 10000n + BigInt(frac);
  const whole = hundredths / 100n;
  const rest = (hundredths % 100n).toString().padStart(2, '0');
  return `${whole.toString()}.${rest}%`;
}
