import type { LotStatus } from '../../../shared/api';
import { formatDuration } from '../format';
import { useI18n } from '../i18n';
import { useServerNow } from '../server-clock';

/** "Starts in …" for announced lots, "Ends in …" for live ones, on the server clock. */
export function Countdown({ status, startsAt, endsAt, testId, compact }: { status: LotStatus; startsAt: string; endsAt: string; testId?: string; compact?: boolean }) {
  const { t } = useI18n();
  const now = useServerNow();
  let label: string;
  let value = '';
  let urgent = false;
  if (status === 'announced') {
    const ms = Date.parse(startsAt) - now;
    if (ms > 0) {
      label = t('countdown.startsIn');
      value = formatDuration(ms, t('countdown.dayUnit'));
    } else {
      label = t('countdown.starting');
    }
  } else if (status === 'live') {
    const ms = Date.parse(endsAt) - now;
    if (ms > 0) {
      label = t('countdown.endsIn');
      value = formatDuration(ms, t('countdown.dayUnit'));
      urgent = ms <= 5 * 60 * 1000;
    } else {
      label = t('countdown.closing');
    }
  } else if (status === 'draft') {
    label = t('countdown.notPublished');
  } else if (status === 'suspended') {
    label = t('countdown.suspended');
  } else {
    label = t('countdown.ended');
  }
  return (
    <span className={`countdown${urgent ? ' countdown-urgent' : ''}${compact ? ' countdown-compact' : ''}`} data-testid={testId}>
      <span className="countdown-label">{label}</span>
      {value && <span className="countdown-value">{value}</span>}
    </span>
  );
}
