/** The start-a-determination form: what the clerk types, and how it becomes the shared valuationBody. */
import { z } from 'zod';
import { valuationBody } from '../../../../shared/api';
import { isMoneyString } from '../../../../shared/money';
import { APPRAISAL_AGENCY_COUNT, TARGETED_PRICE_BASES } from '../../../../shared/valuation-rules';
import { cleanMoney } from '../../ui/money-input';
import type { ValuationView } from '../court/types';
import { methodOrderViolations, START_METHODS, type StartMethod } from './valuation-logic';

const fields = z.strictObject({
  method: z.enum(START_METHODS as [StartMethod, ...StartMethod[]]),
  negOutcome: z.enum(['agreed', 'none']),
  amount: z.string(),
  note: z.string(),
  priceBasis: z.enum(TARGETED_PRICE_BASES),
  bodyAsked: z.string(),
  documentRef: z.string(),
  selection: z.enum(['agreed', 'lot']),
  agencies: z.string(),
  drawSeed: z.string(),
  preMode: z.enum(['amount', 'inquiry']),
  skip: z.boolean(),
  skipNote: z.string(),
});
export type StartFields = z.input<typeof fields>;

export const emptyStart = (method: StartMethod): StartFields => ({
  method, negOutcome: 'agreed', amount: '', note: '', priceBasis: 'tax_base', bodyAsked: '', documentRef: '', selection: 'agreed', agencies: '', drawSeed: '',
  preMode: 'amount', skip: false, skipNote: '',
});

export function agencyLines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

const opt = <K extends string>(key: K, v: string) => (v.trim() ? { [key]: v.trim() } as Record<K, string> : {});

/** The request the server takes for the chosen method; an agreement to skip ahead only when one was given. */
function toBody(f: z.output<typeof fields>): unknown {
  const skipAgreement = f.skip ? { skipAgreement: { note: f.skipNote.trim() } } : {};
  const amount = cleanMoney(f.amount);
  switch (f.method) {
    case 'negotiated':
      return f.negOutcome === 'agreed' ? { method: f.method, amount, ...opt('note', f.note) } : { method: f.method, noAgreement: true as const, ...opt('note', f.note) };
    case 'targeted_inquiry':
      return { method: f.method, priceBasis: f.priceBasis, bodyAsked: f.bodyAsked, amount, ...opt('documentRef', f.documentRef), ...skipAgreement };
    case 'network_inquiry':
      return { method: f.method, ...skipAgreement };
    case 'appraisal':
      return { method: f.method, selection: f.selection, agencies: agencyLines(f.agencies), ...(f.selection === 'lot' ? opt('drawSeed', f.drawSeed) : {}), ...skipAgreement };
    case 'pre_valuation':
      return f.preMode === 'amount' ? { method: f.method, amount, ...opt('note', f.note) } : { method: f.method, viaNetworkInquiry: true as const };
  }
}

/** Checked by the server's own schema: its errors land on the fields of the same name (amount, bodyAsked, agencies, drawSeed). */
export const startForm = fields.transform(toBody).pipe(valuationBody);

/** What the rules say before submit (B4, B5, B14) and which typed values are not yet acceptable. */
export function checkStart(f: StartFields, valuations: ValuationView[], mandatory: boolean) {
  const order = methodOrderViolations(f.method, valuations, false, mandatory);
  const mandatoryBlock = order.find((v) => v.rule === 'APPRAISAL_MANDATORY') ?? null;
  const needsSkip = order.some((v) => v.rule === 'METHOD_ORDER');
  const problems: string[] = [];
  const needsAmount = (f.method === 'negotiated' && f.negOutcome === 'agreed') || f.method === 'targeted_inquiry' || (f.method === 'pre_valuation' && f.preMode === 'amount');
  const amount = cleanMoney(f.amount);
  const amountOk = !needsAmount || (isMoneyString(amount) && /[1-9]/.test(amount));
  if (!amountOk) problems.push('amount');
  if (f.method === 'targeted_inquiry' && f.bodyAsked.trim().length < 2) problems.push('bodyAsked');
  const agencies = agencyLines(f.agencies);
  const dupes = agencies.length !== new Set(agencies.map((a) => a.toLowerCase())).size;
  const shortAgency = agencies.some((a) => a.length < 2 || a.length > 200);
  if (f.method === 'appraisal' && (agencies.length < APPRAISAL_AGENCY_COUNT || agencies.length > 30 || dupes || shortAgency)) problems.push('agencies');
  const seed = f.drawSeed.trim();
  if (f.method === 'appraisal' && f.selection === 'lot' && seed && (seed.length < 4 || seed.length > 64)) problems.push('seed');
  if (needsSkip && !(f.skip && f.skipNote.trim().length >= 3)) problems.push('skip');
  return { order, mandatoryBlock, needsSkip, needsAmount, agencies, dupes, shortAgency, problems, blocked: !!mandatoryBlock || problems.length > 0 };
}
