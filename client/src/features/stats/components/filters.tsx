import { kindLabel, useI18n } from '../../../i18n';
import { inputLang } from '../../../format';
import { addDays, STATS_KINDS, useStatsCourts, type useStatsFilterParams } from '../api';

/**
 * Court, asset kind and period. The period is [from, to) on the server and in the URL; the form shows the
 * last day included, which is what a reader means by "to".
 */
export function StatsFilterBar({ filters, set, reset, custom }: ReturnType<typeof useStatsFilterParams>) {
  const { t, lang } = useI18n();
  const courts = useStatsCourts();
  const list = courts.data ?? [];
  const known = !filters.court || list.some((c) => c.court === filters.court);
  const lastDay = addDays(filters.to, -1);
  return (
    <form className="filters stats-filters no-print" role="search" aria-label={t('stats.filters')} onSubmit={(e) => e.preventDefault()}>
      <div className="field field-grow">
        <label htmlFor="stats-court">{t('stats.court')}</label>
        <select id="stats-court" value={filters.court ?? ''} onChange={(e) => set({ court: e.target.value })} data-testid="stats-court">
          <option value="">{t('stats.allCourts')}</option>
          {!known && <option value={filters.court}>{filters.court}</option>}
          {list.map((c) => <option key={c.court} value={c.court}>{t('stats.courtOption', { court: c.court, n: c.lotsFinished })}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="stats-kind">{t('stats.kind')}</label>
        <select id="stats-kind" value={filters.kind ?? ''} onChange={(e) => set({ kind: e.target.value })} data-testid="stats-kind">
          <option value="">{t('stats.allKinds')}</option>
          {STATS_KINDS.map((k) => <option key={k} value={k}>{kindLabel(t, k)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="stats-from">{t('stats.from')}</label>
        <input id="stats-from" type="date" lang={inputLang(lang)} value={filters.from} max={lastDay} required data-testid="stats-from"
          onChange={(e) => { if (e.target.value) set({ from: e.target.value }); }} />
      </div>
      <div className="field">
        <label htmlFor="stats-to">{t('stats.to')}</label>
        <input id="stats-to" type="date" lang={inputLang(lang)} value={lastDay} min={filters.from} required data-testid="stats-to"
          onChange={(e) => { if (e.target.value) set({ to: addDays(e.target.value, 1) }); }} />
      </div>
      {custom && <button type="button" className="btn btn-ghost filters-clear" onClick={reset} data-testid="stats-reset">{t('stats.reset')}</button>}
      <p className="stats-filters-note muted small">{t('stats.periodNote')}</p>
    </form>
  );
}
