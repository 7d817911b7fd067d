import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { LotView } from '../../../shared/api';
import { api, isAbort } from '../api';
import { errorText } from '../error-text';
import { formatDateTime } from '../format';
import { kindLabel, useI18n } from '../i18n';
import { Alert } from '../ui/alert';
import { AssetIllustration } from '../ui/asset-illustration';
import { Countdown } from '../ui/countdown';
import { Money } from '../ui/money';
import { Spinner } from '../ui/spinner';
import { StatusBadge } from '../ui/status-badge';

const STATUS_FILTERS = ['announced', 'live', 'sold', 'unsold'] as const;
const KIND_FILTERS = ['movable', 'immovable', 'property_right'] as const;

export function LotListPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const kind = params.get('kind') ?? '';
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const [lots, setLots] = useState<LotView[] | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [reloadKey, setReloadKey] = useState(0);

  const setParam = (key: string, value: string) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    }, { replace: true });
  };

  // Search as the user types, a moment after the last keystroke.
  useEffect(() => {
    if (text.trim() === q) return;
    const id = setTimeout(() => setParam('q', text.trim()), 350);
    return () => clearTimeout(id);
  }, [text]); // the query string is written from the box, not the other way round

  useEffect(() => {
    const ctrl = new AbortController();
    const qs = new URLSearchParams({ limit: '100' });
    if (status) qs.set('status', status);
    if (kind) qs.set('kind', kind);
    if (q) qs.set('q', q);
    setLoading(true);
    api<{ lots: LotView[] }>(`/lots?${qs.toString()}`, { signal: ctrl.signal })
      .then(({ lots: list }) => {
        setLots(list.filter((l) => l.status !== 'draft'));
        setError(null);
      })
      .catch((err) => {
        if (!isAbort(err)) setError(err);
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [status, kind, q, reloadKey]);

  // Prices of live lots move: refresh quietly while the page is visible.
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') setReloadKey((k) => k + 1);
    }, 20_000);
    return () => clearInterval(id);
  }, []);

  const hasFilters = !!(status || kind || q);
  return (
    <div className="container">
      <section className="hero">
        <h1>{t('list.title')}</h1>
        <p className="muted">{t('list.subtitle')}</p>
      </section>
      <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); setParam('q', text.trim()); }}>
        <div className="field field-grow">
          <label htmlFor="lot-search">{t('list.search')}</label>
          <input id="lot-search" type="search" value={text} placeholder={t('list.searchPlaceholder')} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="lot-status-filter">{t('list.status')}</label>
          <select id="lot-status-filter" value={status} onChange={(e) => setParam('status', e.target.value)}>
            <option value="">{t('list.allStatuses')}</option>
            {STATUS_FILTERS.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="lot-kind-filter">{t('list.kind')}</label>
          <select id="lot-kind-filter" value={kind} onChange={(e) => setParam('kind', e.target.value)}>
            <option value="">{t('list.allKinds')}</option>
            {KIND_FILTERS.map((k) => <option key={k} value={k}>{t(`kind.${k}`)}</option>)}
          </select>
        </div>
        {hasFilters && (
          <button type="button" className="btn btn-ghost filters-clear" onClick={() => { setText(''); setParams(new URLSearchParams(), { replace: true }); }}>
            {t('list.clear')}
          </button>
        )}
      </form>
      <div className="list-meta" aria-live="polite">
        {loading && lots === null ? <Spinner /> : lots && <span className="muted">{t('list.count', { n: lots.length })}</span>}
        {loading && lots !== null && <Spinner label={t('common.refreshing')} />}
      </div>
      {error !== null && (
        <Alert tone="error" action={<button type="button" className="btn btn-light" onClick={() => setReloadKey((k) => k + 1)}>{t('common.retry')}</button>}>
          {errorText(error, t, lang)}
        </Alert>
      )}
      {lots && lots.length === 0 && !loading && (
        <div className="empty">
          <p>{hasFilters ? t('list.emptyFiltered') : t('list.empty')}</p>
        </div>
      )}
      {lots && lots.length > 0 && (
        <ul className="lot-grid">
          {lots.map((lot) => <LotCard key={lot.id} lot={lot} />)}
        </ul>
      )}
    </div>
  );
}

function LotCard({ lot }: { lot: LotView }) {
  const { t } = useI18n();
  const hasBids = lot.bidCount > 0;
  const closed = ['sold', 'unsold', 'cancelled', 'defaulted'].includes(lot.status);
  return (
    <li className={`lot-card lot-card-${lot.status}`}>
      <Link to={`/lots/${lot.id}`} className="lot-card-link">
        <div className="lot-card-media">
          <AssetIllustration kind={lot.kind} title={lot.title} />
          <span className="lot-card-badge"><StatusBadge status={lot.status} /></span>
          <span className="lot-card-kind">{kindLabel(t, lot.kind)}</span>
        </div>
        <div className="lot-card-body">
          <h2 className="lot-card-title">{lot.title}</h2>
          <p className="lot-card-court">{lot.court}</p>
          <dl className="lot-card-prices">
            <div>
              <dt>{t('lot.startingPrice')}</dt>
              <dd><Money value={lot.startingPrice} /></dd>
            </div>
            <div>
              <dt>{lot.status === 'sold' ? t('lot.finalPrice') : t('lot.currentPrice')}</dt>
              <dd className="price-strong">
                {lot.status === 'sold' ? <Money value={lot.finalPrice} /> : hasBids ? <Money value={lot.currentPrice} /> : <span className="muted">{t('lot.noBidsYet')}</span>}
              </dd>
            </div>
          </dl>
          <div className="lot-card-foot">
            {closed ? (
              <span className="muted small">{t('list.endedAt', { at: formatDateTime(lot.endsAt) })}</span>
            ) : (
              <Countdown status={lot.status} startsAt={lot.startsAt} endsAt={lot.endsAt} compact />
            )}
            <span className="muted small">{t('list.bids', { n: lot.bidCount })}</span>
          </div>
        </div>
      </Link>
    </li>
  );
}
