import { Link } from 'react-router';
import type { BidView } from '../../../../../shared/api';
import { formatTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { Money } from '../../../ui/money';

/** The bid record by bidder code, newest first; the caller's own bids marked. */
export function BidRecord({ bids, myCode, leadingCode, closed, sold = closed, lotId, head, headBidCount, bidCount }: {
  bids: BidView[]; myCode: string | null; leadingCode: string | null; closed: boolean;
  /** Closed with a buyer: the top bid won. A withdrawn lot's top bid is only the highest. */
  sold?: boolean;
  /** The public bid log: its link and the head hash (as of headBidCount bids; bid events do not carry hashes). */
  lotId: string; head: string; headBidCount: number; bidCount: number;
}) {
  const { t } = useI18n();
  const sorted = [...bids].sort((a, b) => b.seq - a.seq);
  return (
    <section className="card bid-record" aria-labelledby="bid-record-title">
      <div className="card-head">
        <h2 id="bid-record-title">{t('record.title')}</h2>
        <span className="muted small">{t('record.count', { n: bids.length })}</span>
      </div>
      {sorted.length === 0 ? (
        <p className="muted" data-testid="bid-record">{t('record.empty')}</p>
      ) : (
        <ol className="bid-list" data-testid="bid-record" aria-live="polite" aria-relevant="additions">
          {sorted.map((b, i) => {
            const mine = myCode !== null && b.bidderCode === myCode;
            const top = i === 0 && b.bidderCode === leadingCode;
            return (
              <li key={b.seq} className={`bid-row${mine ? ' bid-row-mine' : ''}${top ? ' bid-row-top' : ''}`} data-mine={mine ? 'true' : undefined} data-seq={b.seq}>
                <span className="bid-code">
                  {b.bidderCode}
                  {mine && <span className="tag tag-mine">{t('record.mine')}</span>}
                  {b.priorityMatch && <span className="tag tag-priority" data-testid="bid-priority" title={t('record.priorityTitle')}>{t('record.priority')}</span>}
                </span>
                <span className="bid-tag">{top ? <span className={`tag ${closed ? (sold ? 'tag-won' : 'tag-out') : 'tag-lead'}`}>{closed ? t(sold ? 'record.final' : 'record.highest') : t('record.leading')}</span> : <span className="tag tag-out">{t('record.outbid')}</span>}</span>
                <Money className="bid-amount" value={b.amount} showWan={false} />
                <time className="bid-time" dateTime={b.at}>{formatTime(b.at, false)}</time>
              </li>
            );
          })}
        </ol>
      )}
      {sorted.length > 0 && <p className="small muted">{t('record.zone')}</p>}
      <div className="bid-log-box">
        <Link to={`/lots/${lotId}/bid-log`} data-testid="bid-log-link">{t('bidlog.linkVerify')}</Link>
        {head && (
          <p className="small bid-log-head-line">
            <span className="muted">{t('bidlog.head')}</span>{' '}
            <span className="mono hash-full" data-testid="bid-log-head">{head}</span>
          </p>
        )}
        {head && headBidCount < bidCount && <p className="small muted">{t('bidlog.headAsOf', { n: headBidCount })}</p>}
      </div>
    </section>
  );
}
