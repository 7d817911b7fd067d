/**
 * Why a lot action is (not) possible, in the reader's language, from the server's reason code and
 * parameters (shared/lot-actions.ts); the server's English `reason` is never shown.
 */
import { DISCLOSURE_FIELDS, type DisclosureField } from '../../../../../shared/disclosure';
import { LOT_ACTION_REASON_CODES, type LotActionReasonCode } from '../../../../../shared/lot-actions';
import { formatDate, formatDateTime } from '../../../format';
import type { MessageKey, T } from '../../../i18n';
import { disclosureLabel } from '../../../rule-text';

export interface ActionReasonLike { reasonCode?: string; reasonParams?: Record<string, string>; reason?: string }

const isCode = (c: unknown): c is LotActionReasonCode => (LOT_ACTION_REASON_CODES as readonly unknown[]).includes(c);

const isField = (f: string): f is DisclosureField => (DISCLOSURE_FIELDS as readonly string[]).includes(f);

/**
 * Calendar dates and instants in the reader's words and the court's zone; day counts as numbers for plurals;
 * disclosure fields by their names in the reader's language.
 */
function localParams(t: T, p: Record<string, string>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(p)) {
    if (name === 'days') out[name] = Number(value);
    else if (name === 'fields') out[name] = value.split(',').filter(isField).map((f) => disclosureLabel(t, f)).join(t('actionReason.fieldSeparator')) || '—';
    else if (name.endsWith('At')) out[name] = formatDateTime(value);
    else if (name.endsWith('Date')) out[name] = formatDate(value);
    else out[name] = value;
  }
  out.dueAt ??= '—';
  return out;
}

/** The reason of one action of GET /lots/:id/actions; an unknown code (a newer server) says only that it is not possible. */
export function actionReasonText(t: T, action: ActionReasonLike): string {
  if (!isCode(action.reasonCode)) return '';
  return t(`actionReason.${action.reasonCode}` as MessageKey, localParams(t, action.reasonParams ?? {}));
}
