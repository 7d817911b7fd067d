import { inputLang } from '../../../format';
import { kindLabel, useI18n, type MessageKey } from '../../../i18n';
import { useDebouncedParam, usePeriodEnd, useUrlFilters } from '../../../url-search';
import { isDay, RESULT_KINDS, RESULT_OUTCOMES, useCourts, type ResultFilters } from '../api';

const KEYS = ['court', 'from', 'to', 'kind', 'outcome', 'q'] as const;

/** The search lives in the address (?court=…&from=…&to=…), so it survives a reload and can be shared. */
export function useResultFilters() {
  const search = useUrlFilters(KEYS);
  return { ...search, filters: search.filters as ResultFilters };
}

export function ResultsSearch({ filters, setParam, clear, active, problem }: ReturnType<typeof useResultFilters> & { problem: MessageKey | null }) {
  const { t, lang } = useI18n();
  const courts = useCourts();
  // Search as the user types, a moment after the last keystroke.
  const [text, setText] = useDebouncedParam(filters.q, (v) => setParam('q', v));
  // The end the form shows is the last day included; the address holds the day after.
  const [toDay, changeTo] = usePeriodEnd(filters.from, filters.to, (v) => setParam('to', v));

  const courtOptions = (courts.data ?? []).map((c) => ({ value: c.court, label: t('results.search.courtOption', { court: c.court, n: c.lotsFinished }) }));
  // A shared link may name a court this list does not (yet) hold: it stays selectable.
  if (filters.court && !courtOptions.some((c) => c.value === filters.court)) courtOptions.unshift({ value: filters.court, label: filters.court });

  return (
    <form className="filters results-search" role="search" aria-label={t('results.search.label')} onSubmit={(e) => { e.preventDefault(); setParam('q', text.trim()); }}>
      <div className="field results-field-court">
        <label htmlFor="results-court">{t('results.search.court')}</label>
        <select id="results-court" data-testid="results-court" value={filters.court} onChange={(e) => setParam('court', e.target.value)}>
          <option value="">{t('results.search.allCourts')}</option>
          {courtOptions.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="results-from">{t('results.search.from')}</label>
        <input id="results-from" data-testid="results-from" type="date" lang={inputLang(lang)} value={filters.from} max={isDay(toDay) ? toDay : undefined}
          aria-invalid={problem === 'results.problem.order' || problem === 'results.problem.fromDate'} aria-describedby="results-period-hint"
          onChange={(e) => setParam('from', e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="results-to">{t('results.search.to')}</label>
        <input id="results-to" data-testid="results-to" type="date" lang={inputLang(lang)} value={toDay} min={filters.from || undefined}
          aria-invalid={problem === 'results.problem.order' || problem === 'results.problem.toDate'} aria-describedby="results-period-hint"
          onChange={(e) => changeTo(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="results-kind">{t('results.search.kind')}</label>
        <select id="results-kind" data-testid="results-kind" value={filters.kind} onChange={(e) => setParam('kind', e.target.value)}>
          <option value="">{t('results.search.allKinds')}</option>
          {RESULT_KINDS.map((k) => <option key={k} value={k}>{kindLabel(t, k)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="results-outcome">{t('results.search.outcome')}</label>
        <select id="results-outcome" data-testid="results-outcome" value={filters.outcome} onChange={(e) => setParam('outcome', e.target.value)}>
          <option value="">{t('results.search.allOutcomes')}</option>
          {RESULT_OUTCOMES.map((o) => <option key={o} value={o}>{t(`results.outcome.${o}`)}</option>)}
        </select>
      </div>
      <div className="field field-grow">
        <label htmlFor="results-q">{t('results.search.text')}</label>
        <input id="results-q" data-testid="results-q" type="search" maxLength={200} value={text} placeholder={t('results.search.textPlaceholder')} onChange={(e) => setText(e.target.value)} />
      </div>
      <div className="results-search-actions">
        <button type="submit" className="btn btn-primary" data-testid="results-submit">{t('results.search.submit')}</button>
        {active && (
          <button type="button" className="btn btn-ghost" data-testid="results-clear" onClick={() => { setText(''); clear(); }}>{t('results.search.clear')}</button>
        )}
      </div>
      <p id="results-period-hint" className={`small results-period-hint ${problem ? 'hint-error' : 'muted'}`} data-testid="results-period-hint" role={problem ? 'alert' : undefined}>
        {problem ? t(problem) : t('results.search.periodHint')}
      </p>
    </form>
  );
}
