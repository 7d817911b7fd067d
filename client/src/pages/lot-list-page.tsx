import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { errorText } from '../error-text';
import { useI18n } from '../i18n';
import { useLots } from '../features/auctions/api';
import { LotCard } from '../features/auctions/components/lot-card';
import { Alert } from '../ui/alert';
import { Spinner } from '../ui/spinner';

const STATUS_FILTERS = ['announced', 'live', 'sold', 'unsold'] as const;
const KIND_FILTERS = ['movable', 'immovable', 'property_right'] as const;

export function LotListPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const kind = params.get('kind') ?? '';
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  const query = useLots({ status, kind, q });
  const lots = query.data ?? null;
  const loading = query.isFetching;
  const error = query.error;

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
        <Alert tone="error" action={<button type="button" className="btn btn-light" onClick={() => void query.refetch()}>{t('common.retry')}</button>}>
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
