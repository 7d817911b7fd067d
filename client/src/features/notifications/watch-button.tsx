import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { useWatchlist, useWatchToggle } from './api';
import './notifications.css';

/** Watch / stop watching a lot (围观): its start and extensions then come as alerts. Shown to signed-in users. */
export function WatchButton({ lotId, compact = false }: { lotId: string; compact?: boolean }) {
  const { user } = useAuth();
  const { t } = useI18n();
  const list = useWatchlist(user);
  const toggle = useWatchToggle(user);
  if (!user || !list.data) return null;
  const pending = toggle.isPending ? toggle.variables : null;
  const watching = pending && pending.lotId === lotId ? pending.watch : list.data.lots.some((l) => l.lotId === lotId);
  const label = watching ? t('watch.unwatch') : t('watch.watch');
  return (
    <button
      type="button"
      className={`btn watch-btn${compact ? ' watch-btn-compact' : ' btn-ghost'}${watching ? ' watch-btn-on' : ''}`}
      aria-pressed={watching}
      aria-label={compact ? label : undefined}
      title={label}
      disabled={toggle.isPending}
      data-testid="watch-button"
      onClick={(e) => {
        e.preventDefault();
        toggle.mutate({ lotId, watch: !watching });
      }}
    >
      <span aria-hidden="true">{watching ? '★' : '☆'}</span>
      {!compact && <span>{watching ? t('watch.watching') : t('watch.watch')}</span>}
    </button>
  );
}
