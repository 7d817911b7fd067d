import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorText } from '../error-text';
import { roundLabel, useI18n } from '../i18n';
import { useBidLog, useLot } from '../features/auctions/api';
import { verifyBidLog, type ChainResult } from '../features/bidding/bid-log';
import { BidLogTable } from '../features/bidding/components/bid-log-table';
import { Alert } from '../ui/alert';
import { Breadcrumb } from '../ui/breadcrumb';
import { PageLoading } from '../ui/spinner';
import { RefreshButton } from '../ui/refresh-button';
import { StatusBadge } from '../ui/status-badge';

type Check = { state: 'pending' } | { state: 'error' } | ChainResult;

/** The public, hash-chained bid record of a lot, rechecked in the browser. */
export function BidLogPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const logQuery = useBidLog(id);
  const lotQuery = useLot(id);
  const log = logQuery.data ?? null;
  const lot = lotQuery.data ?? null;
  const error = logQuery.error;
  const loading = logQuery.isFetching;
  const [check, setCheck] = useState<Check>({ state: 'pending' });
  const load = () => Promise.all([logQuery.refetch(), lotQuery.refetch()]);

  useEffect(() => {
    if (!log) return;
    let live = true;
    setCheck({ state: 'pending' });
    verifyBidLog(log).then((r) => { if (live) setCheck(r); }, () => { if (live) setCheck({ state: 'error' }); });
    return () => { live = false; };
  }, [log]);

  if (!log) {
    if (error !== null) {
      return (
        <div className="container narrow">
          <Alert tone="error" title={t('bidlog.loadFailed')} action={<button type="button" className="btn btn-light" onClick={() => void load()}>{t('common.retry')}</button>}>
            {errorText(error, t, lang)} <Link to={`/lots/${id}`}>{t('bidlog.backToLot')}</Link>
          </Alert>
        </div>
      );
    }
    return <PageLoading />;
  }

  const perEntry = check.state === 'ok' || check.state === 'broken' ? check.perEntry : null;
  let verdict: { tone: string; text: string };
  if (check.state === 'pending') verdict = { tone: 'pending', text: t('bidlog.checking') };
  else if (check.state === 'error') verdict = { tone: 'broken', text: t('bidlog.cannotCheck') };
  else if (check.state === 'ok') verdict = { tone: 'ok', text: log.entries.length === 0 ? t('bidlog.empty') : t('bidlog.verified', { n: check.checked }) };
  else verdict = { tone: 'broken', text: check.problem === 'head' ? t('bidlog.brokenHead', { seq: check.seq }) : t(check.problem === 'link' ? 'bidlog.brokenLink' : 'bidlog.brokenHash', { seq: check.seq }) };
  const entries = [...log.entries].sort((a, b) => a.seq - b.seq);

  return (
    <div className="container bid-log-page">
      <Breadcrumb to={`/lots/${id}`}>{lot ? lot.title : t('bidlog.backToLot')}</Breadcrumb>
      <div className="page-head">
        <div>
          <h1>{t('bidlog.title')}</h1>
          {lot && (
            <p className="muted small">
              <StatusBadge status={lot.status} /> {roundLabel(t, lot.round)} · {lot.court}
            </p>
          )}
        </div>
        <RefreshButton onClick={() => void load()} refreshing={loading} />
      </div>
      <section className="card" aria-labelledby="bidlog-chain-title">
        <h2 id="bidlog-chain-title">{t('bidlog.chainTitle')}</h2>
        <p className={`chain-verdict chain-${verdict.tone}`} data-testid="bid-log-verified" data-state={check.state === 'error' ? 'broken' : check.state} role="status">
          {verdict.text}
        </p>
        <dl className="kv-list head-hash">
          <div><dt>{t('bidlog.head')}</dt><dd className="mono hash-full" data-testid="bid-log-head">{log.head || '—'}</dd></div>
          <div><dt>{t('bidlog.algorithm')}</dt><dd className="small" lang="en">{log.algorithm}</dd></div>
          <div><dt>{t('bidlog.lotId')}</dt><dd className="mono small">{log.lotId}</dd></div>
        </dl>
        <p className="small muted">{t('bidlog.how')}</p>
      </section>
      <section className="card" aria-labelledby="bidlog-entries-title">
        <div className="card-head">
          <h2 id="bidlog-entries-title">{t('bidlog.entries')}</h2>
          <span className="small muted">{t('record.count', { n: entries.length })} · {t('record.zone')}</span>
        </div>
        {entries.length === 0 ? <p className="muted">{t('record.empty')}</p> : <BidLogTable entries={entries} perEntry={perEntry} />}
      </section>
    </div>
  );
}
