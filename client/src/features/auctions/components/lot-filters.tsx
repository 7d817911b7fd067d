import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n, type MessageKey } from '../../../i18n';
import type { LotFilters } from '../api';

const STATUS_FILTERS = ['announced', 'live', 'sold', 'unsold'] as const;
const KIND_FILTERS = ['movable', 'immovable', 'property_right'] as const;

/** The list's filters live in the query string, so a filtered list can be linked and reloaded. */
export function useLotFilterParams() {
  const [params, setParams] = useSearchParams();
  const filters: LotFilters = { status: params.get('status') ?? '', kind: params.get('kind') ?? '', q: params.get('q') ?? '' };
  const setParam = (key: keyof LotFilters, value: string) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    }, { replace: true });
  };
  const clear = () => setParams(new URLSearchParams(), { replace: true });
  return { filters, setParam, clear, active: !!(filters.status || filters.kind || filters.q) };
}

export function LotFilterBar({ filters, setParam, clear, active }: ReturnType<typeof useLotFilterParams>) {
  const { t } = useI18n();
  const { q } = filters;
  const [text, setText] = useState(q);

  // Search as the user types, a moment after the last keystroke.
  useEffect(() => {
    if (text.trim() === q) return;
    const id = setTimeout(() => setParam('q', text.trim()), 350);
    return () => clearTimeout(id);
  }, [text]); // the query string is written from the box, not the other way round

  return (
    <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); setParam('q', text.trim()); }}>
      <div className="field field-grow">
        <label htmlFor="lot-search">{t('list.search')}</label>
        <input id="lot-search" type="search" value={text} placeholder={t('list.searchPlaceholder')} onChange={(e) => setText(e.target.value)} />
      </div>
      <FilterSelect id="lot-status-filter" label={t('list.status')} all={t('list.allStatuses')} value={filters.status} onChange={(v) => setParam('status', v)}
        options={STATUS_FILTERS.map((s) => [s, `status.${s}` as const])} />
      <FilterSelect id="lot-kind-filter" label={t('list.kind')} all={t('list.allKinds')} value={filters.kind} onChange={(v) => setParam('kind', v)}
        options={KIND_FILTERS.map((k) => [k, `kind.${k}` as const])} />
      {active && (
        <button type="button" className="btn btn-ghost filters-clear" onClick={() => { setText(''); clear(); }}>
          {t('list.clear')}
        </button>
      )}
    </form>
  );
}

function FilterSelect({ id, label, all, value, options, onChange }: {
  id: string; label: string; all: string; value: string; options: (readonly [string, MessageKey])[]; onChange(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map(([v, key]) => <option key={v} value={v}>{t(key)}</option>)}
      </select>
    </div>
  );
}
