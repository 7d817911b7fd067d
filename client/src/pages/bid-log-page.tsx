import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { LotView } from '../../../shared/api';
import { api } from '../api';
import { errorText } from '../error-text';
import { formatDateTimeSeconds } from '../format';
import { roundLabel, useI18n } from '../i18n';
import { shortHash, verifyBidLog, type BidLog, type ChainResult } from '../features/bidding/bid-log';
import { Alert } from '../ui/alert';
import { Money } from '../ui/money';
import { PageLoading } from '../ui/spinner';
import { StatusBadge } from '../ui/status-badge';

type Check = { state: 'pending' } | { state: 'error' } | ChainResult;

/** The public, hash-chained bid record of a lot, rechecked in the browser. */
export function BidLogPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const [log, setLog] = useState<BidLog | null>(null);
  const [lot, setLot] = useState<LotView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [check, setCheck] = useState<Check>({ state: 'pending' });

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const enc = encodeURIComponent(id);
      const [l, v] = await Promise.all([api<BidLog>(`/lots/${enc}/bid-log`), api<LotView>(`/lots/${enc}`).catch(() => null)]);
      setLog(l);
      setLot(v);
      setError(null);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

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
      <nav className="breadcrumb" aria-label={t('nav.breadcrumb')}>
        <Link to={`/lots/${id}`}>← {lot ? lot.title : t('bidlog.backToLot')}</Link>
      </nav>
      <div className="page-head">
        <div>
          <h1>{t('bidlog.title')}</h1>
          {lot && (
            <p className="muted small">
              <StatusBadge status={lot.status} /> {roundLabel(t, lot.round)} · {lot.court}
            </p>
          )}
        </div>
        <button type="button" className="btn btn-light btn-small" onClick={() => void load()} disabled={loading}>
          {loading ? t('common.refreshing') : t('common.refresh')}
        </button>
      </div>
      <section className="card" aria-labelledby="bidlog-chain-title">
        <h2 id="bidlog-chain-title">{t('bidlog.chainTitle')}</h2>
        <p className={`chain-verdict chain-${verdict.tone}`} data-testid="bid-log-verified" data-state={check.state === 'error' ? 'broken' : check.state} role="status">
          {verdict.text}
        </p>
        <dl className="kv-list head-hash">
          <div>
            <dt>{t('bidlog.head')}</dt>
            <dd className="mono hash-full" data-testid="bid-log-head">{log.head || '—'}</dd>
          </div>
          <div>
            <dt>{t('bidlog.algorithm')}</dt>
            <dd className="small" lang="en">{log.algorithm}</dd>
          </div>
          <div>
            <dt>{t('bidlog.lotId')}</dt>
            <dd className="mono small">{log.lotId}</dd>
          </div>
        </dl>
        <p className="small muted">{t('bidlog.how')}</p>
      </section>
      <section className="card" aria-labelledby="bidlog-entries-title">
        <div className="card-head">
          <h2 id="bidlog-entries-title">{t('bidlog.entries')}</h2>
          <span className="small muted">{t('record.count', { n: entries.length })} · {t('record.zone')}</span>
        </div>
        {entries.length === 0 ? <p className="muted">{t('record.empty')}</p> : (
          <div className="table-wrap">
            <table className="table bidlog-table table-cards" data-testid="bid-log-entries">
              <thead>
                <tr>
                  <th scope="col" className="num">#</th>
                  <th scope="col">{t('bidlog.bidder')}</th>
                  <th scope="col" className="num">{t('bidlog.amount')}</th>
                  <th scope="col">{t('audit.time')}</th>
                  <th scope="col">{t('bidlog.prev')}</th>
                  <th scope="col">{t('bidlog.hash')}</th>
                  <th scope="col">{t('bidlog.check')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => {
                  const c = perEntry?.get(e.seq);
                  return (
                    <tr key={e.seq} data-seq={e.seq} data-check={c ?? 'pending'} className={c && c !== 'ok' ? 'row-broken' : undefined}>
                      <td className="num" data-label="#">{e.seq}</td>
                      <td className="mono" data-label={t('bidlog.bidder')}>
                        {e.bidderCode}
                        {e.priorityMatch && <span className="tag tag-priority" data-testid="bid-priority">{t('record.priority')}</span>}
                      </td>
                      <td className="num" data-label={t('bidlog.amount')}><Money value={e.amount} showWan={false} /></td>
                      <td className="nowrap small" data-label={t('audit.time')}>{formatDateTimeSeconds(e.at)}</td>
                      <td className="mono small" title={e.prevHash || t('bidlog.genesis')} data-label={t('bidlog.prev')}>{e.prevHash ? shortHash(e.prevHash) : t('bidlog.genesis')}</td>
                      <td className="mono small" title={e.hash} data-label={t('bidlog.hash')}>{shortHash(e.hash)}</td>
                      <td className="small" data-label={t('bidlog.check')}>
                        {c === undefined ? '…' : c === 'ok' ? <span className="success-text">✓</span> : <span className="hint-error">✗ {t(c === 'link' ? 'bidlog.rowLink' : 'bidlog.rowHash')}</span>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
