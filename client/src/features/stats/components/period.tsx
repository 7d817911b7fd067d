import { formatDate, ZONE_LABEL } from '../../../format';
import { kindLabel, useI18n } from '../../../i18n';
import { addDays, type StatsFilters } from '../api';

/** "Court X · Real estate · 1 Jan 2026 – 30 Nov 2026 (UTC+8)": what the figures below are over. */
export function PeriodLine({ filters, className }: { filters: StatsFilters; className?: string }) {
  const { t, lang } = useI18n();
  return (
    <p className={className} data-testid="stats-scope">
      <span data-testid="stats-scope-court">{filters.court ?? t('stats.allCourts')}</span>
      {' · '}
      <span>{filters.kind ? kindLabel(t, filters.kind) : t('stats.allKinds')}</span>
      {' · '}
      <span data-testid="stats-scope-period">{t('stats.periodRange', { from: formatDate(filters.from, lang), to: formatDate(addDays(filters.to, -1), lang) })} {ZONE_LABEL}</span>
    </p>
  );
}
