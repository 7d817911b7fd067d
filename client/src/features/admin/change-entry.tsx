/** One entry of the change log: what each field was and became, as "field: before → after" in the reader's language. */
import { formatYuan } from '../../../../shared/money';
import { kindLabel, useI18n, type MessageKey, type T } from '../../i18n';
import { isKnownKey } from '../../locales/store';

type Facts = Record<string, unknown> | null;

function fieldLabel(t: T, field: string): string {
  const key = `admin.field.${field}`;
  return isKnownKey(key) ? t(key as MessageKey) : field;
}

function valueText(t: T, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'roles' && Array.isArray(value)) {
    return value.length === 0 ? '—' : value.map((r) => (isKnownKey(`role.${String(r)}`) ? t(`role.${String(r)}` as MessageKey) : String(r))).join(t('admin.listSep'));
  }
  if (field === 'active' && typeof value === 'boolean') return t(value ? 'admin.active' : 'admin.inactive');
  if (field === 'fee' && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return formatYuan(value);
  if (field === 'kind' && typeof value === 'string') return kindLabel(t, value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export function ChangeFacts({ before, after }: { before: Facts; after: Facts }) {
  const { t } = useI18n();
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  if (fields.length === 0) return null;
  return (
    <span className="block muted" data-testid="change-facts">
      {fields.map((f) => {
        const was = before && f in before ? valueText(t, f, before[f]) : null;
        const now = after && f in after ? valueText(t, f, after[f]) : null;
        // A new record shows its values; a change shows the old and the new; a removal shows what went.
        const text = was === null ? now : now === null ? (after === null ? `${was} → —` : was) : was === now ? now : `${was} → ${now}`;
        return <span key={f} className="block">{fieldLabel(t, f)}: {text}</span>;
      })}
    </span>
  );
}
