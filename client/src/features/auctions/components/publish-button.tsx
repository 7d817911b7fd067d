import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../../api';
import { errorText, violationsOf } from '../../../error-text';
import { formatDateTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { ruleText } from '../../../rule-text';
import { Alert } from '../../../ui/alert';

/** Publishes a draft; the server checks the announcement period against its clock and explains a refusal. */
export function PublishButton({ lotId, onPublished }: { lotId: string; onPublished?(announcedAt: string): void }) {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await api<{ status: string; announcedAt: string }>(`/lots/${encodeURIComponent(lotId)}/publish`, { method: 'POST', body: {} });
      setDone(res.announcedAt);
      onPublished?.(res.announcedAt);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <Alert tone="success" title={t('court.published')}>
        {t('court.publishedAt', { at: formatDateTime(done) })} <Link to={`/lots/${lotId}`}>{t('court.viewPublic')}</Link>
      </Alert>
    );
  }
  const violations = error instanceof ApiError ? violationsOf(error) : [];
  return (
    <div className="publish">
      <button type="button" className="btn btn-primary" onClick={publish} disabled={busy}>
        {busy ? t('court.publishing') : t('court.publish')}
      </button>
      {error !== null && (
        <Alert tone="error" title={t('court.publishRefused')}>
          {violations.length > 0 ? (
            <ul className="rule-list">
              {violations.map((v, i) => <li key={i}>{ruleText(v, t)}</li>)}
            </ul>
          ) : errorText(error, t, lang)}
          {violations.length > 0 && <p className="small">{t('court.publishFix')}</p>}
        </Alert>
      )}
    </div>
  );
}
