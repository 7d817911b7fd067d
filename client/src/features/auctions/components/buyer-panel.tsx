import { useState } from 'react';
import type { LotView } from '../../../../../shared/api';
import { errorText } from '../../../error-text';
import { useI18n } from '../../../i18n';
import { Alert } from '../../../ui/alert';
import { Spinner } from '../../../ui/spinner';
import { useBuyer } from '../control-api';

const CLOSED_WITH_BUYER = new Set(['sold', 'defaulted']);

function masked(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}` : id;
}

/** A18/A22: who bought, for court staff, only once bidding has ended. */
export function BuyerPanel({ lot }: { lot: LotView }) {
  const { t, lang } = useI18n();
  const [reveal, setReveal] = useState(false);
  const hasBuyer = CLOSED_WITH_BUYER.has(lot.status);
  const query = useBuyer(lot.id, hasBuyer);
  const buyer = query.data ?? null;
  const error = query.error;

  let body;
  if (!hasBuyer) {
    body = (
      <p className="muted small">
        {['draft', 'announced', 'live', 'suspended'].includes(lot.status) ? t('buyer.secret') : t('buyer.none')}
      </p>
    );
  } else if (error !== null) {
    body = <Alert tone="error" action={<button type="button" className="btn btn-light btn-small" onClick={() => void query.refetch()}>{t('common.retry')}</button>}>{errorText(error, t, lang)}</Alert>;
  } else if (!buyer || query.isFetching) {
    body = <Spinner />;
  } else {
    body = (
      <>
        <dl className="kv-list" data-testid="buyer-identity">
          <div><dt>{t('buyer.code')}</dt><dd className="mono">{buyer.bidderCode}</dd></div>
          <div><dt>{t('id.realName')}</dt><dd>{buyer.realName ?? '—'}</dd></div>
          <div>
            <dt>{t('id.number')}</dt>
            <dd className="mono">
              {buyer.idNumber ? (reveal ? buyer.idNumber : masked(buyer.idNumber)) : '—'}{' '}
              {buyer.idNumber && (
                <button type="button" className="btn btn-light btn-small" onClick={() => setReveal((r) => !r)} aria-pressed={reveal}>
                  {reveal ? t('buyer.hide') : t('buyer.show')}
                </button>
              )}
            </dd>
          </div>
          <div><dt>{t('login.email')}</dt><dd>{buyer.email}</dd></div>
        </dl>
        <p className="small muted">{t('buyer.note')}</p>
      </>
    );
  }
  return (
    <section className="card" aria-labelledby="buyer-title">
      <h2 id="buyer-title">{t('buyer.title')}</h2>
      {body}
    </section>
  );
}
