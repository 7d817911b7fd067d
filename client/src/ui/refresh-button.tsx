import { useI18n } from '../i18n';

/** Reads a resource again on request; says so while it is reading. */
export function RefreshButton({ onClick, refreshing, label, className = 'btn btn-light btn-small' }: { onClick(): void; refreshing: boolean; label?: string; className?: string }) {
  const { t } = useI18n();
  return (
    <button type="button" className={className} onClick={onClick} disabled={refreshing}>
      {refreshing ? t('common.refreshing') : label ?? t('common.refresh')}
    </button>
  );
}
