import { formatDateTime } from '../../../format';
import { useI18n, type MessageKey } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { useApiMutation } from '../../../ui/form';
import { QueryCard } from '../../../ui/query-card';
import { financeKeys, retryOutboxCall, useOutboxCalls, type OutboxCallView } from '../api';
import { LotLink } from './lot-link';

/** A failed capture, cancel or refund can be queued again; a failed payment is closed and its payer pays afresh. */
const RETRYABLE: ReadonlyArray<OutboxCallView['kind']> = ['capture_deposit', 'cancel_deposit', 'refund'];

/**
 * Calls to the payment provider that failed, or erred and are waiting to try again: what was asked, how
 * often, the provider's last answer and when the next try is due. Money does not move until they succeed.
 */
export function ProviderCalls() {
  const { t } = useI18n();
  const query = useOutboxCalls();
  const rows = query.data ?? null;
  return (
    <QueryCard id="provider-calls-title" title={t('finance.calls.title')} query={query} testId="provider-calls">
      <p className="small muted">{t('finance.calls.intro')}</p>
      {rows && rows.length === 0 && <p className="muted">{t('finance.calls.none')}</p>}
      {rows && rows.length > 0 && (
        <ul className="deposit-rows">
          {rows.map((r) => <CallRow key={r.id} row={r} />)}
        </ul>
      )}
    </QueryCard>
  );
}

function CallRow({ row }: { row: OutboxCallView }) {
  const { t } = useI18n();
  const retry = useApiMutation(() => retryOutboxCall(row.id), { invalidate: [financeKeys.all] });
  return (
    <li className="deposit-row" data-testid="provider-call" data-call-id={row.id} data-status={row.status}>
      <div className="deposit-row-info">
        <div className="deposit-row-top">
          <strong>{t(`finance.calls.kind.${row.kind}` as MessageKey)}</strong>
          <span className={`pill ${row.status === 'failed' ? 'pill-refund-overdue' : 'pill-refund-due'}`}>{t(`finance.calls.status.${row.status}` as MessageKey)}</span>
        </div>
        <dl className="kv-list kv-inline small">
          <div><dt>{t('finance.calls.attempts')}</dt><dd>{row.attempts}</dd></div>
          {row.status === 'pending' && <div><dt>{t('finance.calls.next')}</dt><dd>{formatDateTime(row.nextAttemptAt)}</dd></div>}
          <div><dt>{t('finance.calls.since')}</dt><dd>{formatDateTime(row.createdAt)}</dd></div>
        </dl>
        {row.lastError && <p className="small hint-error mono" data-testid="provider-call-error">{row.lastError}</p>}
        {row.lotId && <p className="small"><LotLink lotId={row.lotId}>{t('finance.openLot')}</LotLink></p>}
      </div>
      {row.status === 'failed' && (RETRYABLE.includes(row.kind) ? (
        <div>
          <button type="button" className="btn btn-light btn-small" data-testid="provider-call-retry" disabled={retry.isPending} onClick={() => retry.mutate(undefined)}>
            {retry.isPending ? t('common.working') : t('finance.calls.retry')}
          </button>
          {retry.errorMessage && <Alert tone="error">{retry.errorMessage}</Alert>}
        </div>
      ) : (
        <p className="small muted">{t('finance.calls.payerRetries')}</p>
      ))}
    </li>
  );
}
