import type { LotStatus } from '../../../shared/api';
import { useI18n } from '../i18n';

export function StatusBadge({ status, testId, large }: { status: LotStatus; testId?: string; large?: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${status}${large ? ' badge-large' : ''}`} data-testid={testId} data-status={status}>
      {status === 'live' && <span className="badge-dot" aria-hidden="true" />}
      {t(`status.${status}`)}
    </span>
  );
}
