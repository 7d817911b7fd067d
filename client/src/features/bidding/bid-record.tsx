import type { BidView } from '../../../../shared/api';
import { formatTime } from '../../format';
import { useI18n } from '../../i18n';
import { Money } from '../../ui/money';

/** The bid record by bidder code, newest first; the caller's own bids marked. */
export function BidRecord({ bids, myCode, leadingCode, closed }: { bids: BidView[]; myCode: string | null; leadingCode: string | null; closed: boolean }) {
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
                </span>
                <span className="bid-tag">{top ? <span className={`tag ${closed ? 'tag-won' : 'tag-lead'}`}>{closed ? t('record.final') : t('record.leading')}</span> : <span className="tag tag-out">{t('record.outbid')}</span>}</span>
                <Money className="bid-amount" value={b.amount} showWan={false} />
                <time className="bid-time" dateTime={b.at}>{formatTime(b.at, false)}</time>
              </li>
            );
          })}
        </ol>
      )}
      {sorted.length > 0 && <p className="small muted">{t('record.zone')}</p>}
    </section>
  );
}
