import { inputLang } from '../../../format';
import { useI18n, type MessageKey } from '../../../i18n';
import { isDay, useDebouncedParam, usePeriodEnd, useUrlFilters } from '../../../url-search';
import { useCourts } from '../../results/api';
import { LOT_FILTER_KEYS, LOT_LIST_KINDS, LOT_LIST_STATUSES, LOT_SORTS, useRegions, type LotFilters, type LotSearchProblem } from '../api';

export const LOT_SEARCH_PROBLEM: Record<LotSearchProblem, MessageKey> = {
  minPrice: 'list.problem.minPrice', maxPrice: 'list.problem.maxPrice', priceOrder: 'list.problem.priceOrder',
  fromDate: 'list.problem.fromDate', toDate: 'list.problem.toDate', dateOrder: 'list.problem.dateOrder',
};

/** The catalogue's search lives in the address (?court=…&minPrice=…&startsFrom=…&sort=…), so a search can be linked and reloaded. */
export function useLotFilterParams() {
  const search = useUrlFilters(LOT_FILTER_KEYS);
  return { ...search, filters: search.filters as LotFilters };
}

export function LotFilterBar({ filters, setParam, clear, active, problem }: ReturnType<typeof useLotFilterParams> & { problem: LotSearchProblem | null }) {
  const { t, lang } = useI18n();
  const courts = useCourts();
  const regions = useRegions();
  const inRegion = filters.region ? regions.data?.find((r) => r.region === filters.region) : undefined;
  // With a region chosen, the court box suggests that region's registered courts.
  const courtOptions = inRegion ? inRegion.courts : (courts.data ?? []).map((c) => c.court);
  // Typed boxes write to the address a moment after the last keystroke.
  const [text, setText] = useDebouncedParam(filters.q, (v) => setParam('q', v), 350);
  const [court, setCourt] = useDebouncedParam(filters.court, (v) => setParam('court', v));
  const [minPrice, setMinPrice] = useDebouncedParam(filters.minPrice, (v) => setParam('minPrice', v));
  const [maxPrice, setMaxPrice] = useDebouncedParam(filters.maxPrice, (v) => setParam('maxPrice', v));
  // The end the form shows is the last day included; the address holds the day after.
  const [toDay, changeTo] = usePeriodEnd(filters.startsFrom, filters.startsTo, (v) => setParam('startsTo', v));
  const submitAll = () => {
    setParam('q', text.trim());
    setParam('court', court.trim());
    setParam('minPrice', minPrice.trim());
    setParam('maxPrice', maxPrice.trim());
  };

  return (
    <form className="filters lot-search" role="search" aria-label={t('list.searchLabel')} onSubmit={(e) => { e.preventDefault(); submitAll(); }}>
      <div className="field field-grow">
        <label htmlFor="lot-search">{t('list.search')}</label>
        <input id="lot-search" data-testid="lot-search-q" type="search" maxLength={200} value={text} placeholder={t('list.searchPlaceholder')} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="field lot-search-court">
        <label htmlFor="lot-court-filter">{t('list.court')}</label>
        <input id="lot-court-filter" data-testid="lot-search-court" list="lot-court-options" maxLength={200} value={court} placeholder={t('list.allCourts')} onChange={(e) => setCourt(e.target.value)} />
        <datalist id="lot-court-options">
          {courtOptions.map((c) => <option key={c} value={c} />)}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="lot-region-filter">{t('list.region')}</label>
        <select id="lot-region-filter" data-testid="lot-region-filter" value={filters.region} onChange={(e) => setParam('region', e.target.value)}>
          <option value="">{t('list.allRegions')}</option>
          {/* a region from a link that the list lacks is still shown as chosen */}
          {filters.region && !inRegion && <option value={filters.region}>{filters.region}</option>}
          {(regions.data ?? []).map((r) => <option key={r.region} value={r.region}>{r.region}</option>)}
        </select>
      </div>
      <FilterSelect id="lot-status-filter" label={t('list.status')} all={t('list.allStatuses')} value={filters.status} onChange={(v) => setParam('status', v)}
        options={LOT_LIST_STATUSES.map((s) => [s, `status.${s}` as const])} />
      <FilterSelect id="lot-kind-filter" label={t('list.kind')} all={t('list.allKinds')} value={filters.kind} onChange={(v) => setParam('kind', v)}
        options={LOT_LIST_KINDS.map((k) => [k, `kind.${k}` as const])} />
      <div className="field">
        <label htmlFor="lot-min-price">{t('list.minPrice')}</label>
        <input id="lot-min-price" data-testid="lot-search-min-price" inputMode="decimal" autoComplete="off" maxLength={24} value={minPrice} placeholder="0"
          aria-invalid={problem === 'minPrice' || problem === 'priceOrder'} aria-describedby="lot-search-hint" onChange={(e) => setMinPrice(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="lot-max-price">{t('list.maxPrice')}</label>
        <input id="lot-max-price" data-testid="lot-search-max-price" inputMode="decimal" autoComplete="off" maxLength={24} value={maxPrice} placeholder={t('list.noLimit')}
          aria-invalid={problem === 'maxPrice' || problem === 'priceOrder'} aria-describedby="lot-search-hint" onChange={(e) => setMaxPrice(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="lot-starts-from">{t('list.startsFrom')}</label>
        <input id="lot-starts-from" data-testid="lot-search-from" type="date" lang={inputLang(lang)} value={filters.startsFrom} max={isDay(toDay) ? toDay : undefined}
          aria-invalid={problem === 'fromDate' || problem === 'dateOrder'} aria-describedby="lot-search-hint" onChange={(e) => setParam('startsFrom', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="lot-starts-to">{t('list.startsTo')}</label>
        <input id="lot-starts-to" data-testid="lot-search-to" type="date" lang={inputLang(lang)} value={toDay} min={filters.startsFrom || undefined}
          aria-invalid={problem === 'toDate' || problem === 'dateOrder'} aria-describedby="lot-search-hint" onChange={(e) => changeTo(e.target.value)} />
      </div>
      <FilterSelect id="lot-sort" label={t('list.sort')} all={t('list.sort.default')} value={filters.sort} onChange={(v) => setParam('sort', v)}
        options={LOT_SORTS.map((s) => [s, `list.sort.${s}` as const])} />
      <div className="lot-search-actions">
        <button type="submit" className="btn btn-primary" data-testid="lot-search-submit">{t('list.submit')}</button>
        {active && (
          <button type="button" className="btn btn-ghost filters-clear" data-testid="lot-search-clear" onClick={() => { setText(''); setCourt(''); setMinPrice(''); setMaxPrice(''); clear(); }}>
            {t('list.clear')}
          </button>
        )}
      </div>
      <p id="lot-search-hint" className={`small lot-search-hint ${problem ? 'hint-error' : 'muted'}`} data-testid="lot-search-hint" role={problem ? 'alert' : undefined}>
        {problem ? t(LOT_SEARCH_PROBLEM[problem]) : t('list.searchHint')}
      </p>
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
      <select id={id} data-testid={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map(([v, key]) => <option key={v} value={v}>{t(key)}</option>)}
      </select>
    </div>
  );
}
