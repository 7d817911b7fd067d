import { Link } from 'react-router';
import { ApiError } from '../../../api';
import { violationsOf } from '../../../error-text';
import { formatDateTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { useApiMutation } from '../../../ui/form';
import { controlKeys, publishLot } from '../control-api';
import { ActionError } from './lot-actions/action-error';

/** Publishes a draft; the server checks the announcement period against its clock and explains a refusal. */
export function PublishButton({ lotId, onPublished }: { lotId: string; onPublished?(announcedAt: string): void }) {
  const { t } = useI18n();
  const publish = useApiMutation(() => publishLot(lotId), {
    invalidate: [controlKeys.courtList()],
    onSuccess: (res) => onPublished?.(res.announcedAt),
  });

  if (publish.data) {
    return (
      <Alert tone="success" title={t('court.published')}>
        {t('court.publishedAt', { at: formatDateTime(publish.data.announcedAt) })} <Link to={`/lots/${lotId}`}>{t('court.viewPublic')}</Link>
      </Alert>
    );
  }
  const error = publish.error;
  const violations = error instanceof ApiError ? violationsOf(error) : [];
  return (
    <div className="publish">
      <button type="button" className="btn btn-primary" onClick={() => publish.mutate()} disabled={publish.isPending}>
        {publish.isPending ? t('court.publishing') : t('court.publish')}
      </button>
      {error !== null && <ActionError error={error} title={t('court.publishRefused')} fix={violations.length > 0 ? t('court.publishFix') : undefined} />}
    </div>
  );
}
