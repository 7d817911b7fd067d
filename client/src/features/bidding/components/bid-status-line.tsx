import { Decimal } from 'decimal.js';
import type { BidResult, LotView } from '../../../../../shared/api';
import { formatYuan } from '../../../../../shared/money';
import { useI18n } from '../../../i18n';

export interface Attempt { amount: string; clientBidId: string; match?: boolean }
export type Feedback =
  | { kind: 'sending'; amount: string }
  | { kind: 'ack'; bid: BidResult }
  /** `minimum`: the server refused the amount as too low (someone bid first) and said what it would take. */
  | { kind: 'error'; text: string; retry: Attempt | null; minimum: string | null; amount: string }
  | { kind: 'local'; text: string };

/**
 * The one line that says where the bidder stands: sending, refused, leading or outbid. After a refusal for
 * being too low it offers the minimum as it is now (never the one the refusal named, if the price moved on since)
 * with one tap that opens the confirmation.
 */
export function BidStatusLine({ lot, feedback, myCode, myBest, minimum, canBid, onRetry, onAsk }: {
  lot: LotView;
  feedback: Feedback | null;
  myCode: string | null;
  /** The highest bid this bidder placed, or null. */
  myBest: Decimal | null;
  /** The minimum next bid now. */
  minimum: Decimal;
  canBid: boolean;
  onRetry(attempt: Attempt): void;
  onAsk(amount: string): void;
}) {
  const { t } = useI18n();
  const live = lot.status === 'live';
  const closed = ['sold', 'unsold', 'cancelled', 'defaulted'].includes(lot.status);
  const leading = myCode !== null && lot.leadingBidderCode === myCode;
  const sending = feedback?.kind === 'sending';
  // The lowest bid that would be accepted now: the refusal's minimum, or more if the price moved on since.
  const suggested = feedback?.kind === 'error' && feedback.minimum
    ? Decimal.max(new Decimal(feedback.minimum), minimum).toFixed(2)
    : null;

  let line: { tone: 'info' | 'success' | 'warning' | 'error'; text: string } | null = null;
  if (feedback?.kind === 'sending') line = { tone: 'info', text: t('bid.sending', { amount: formatYuan(feedback.amount) }) };
  else if (feedback?.kind === 'error' && suggested && !leading) {
    line = { tone: 'error', text: t('bid.refusedLow', { amount: formatYuan(feedback.amount), minimum: formatYuan(suggested) }) };
  } else if (feedback?.kind === 'error' && !(suggested && leading)) line = { tone: 'error', text: feedback.text };
  else if (feedback?.kind === 'local') line = { tone: 'error', text: feedback.text };
  else if (closed && myCode && lot.winnerCode === myCode && lot.status === 'defaulted') line = { tone: 'error', text: t('bid.youDefaulted') };
  else if (closed && myCode && lot.winnerCode === myCode) line = { tone: 'success', text: t('bid.youWon', { amount: formatYuan(lot.finalPrice ?? lot.currentPrice ?? '0') }) };
  else if (closed && myBest) line = { tone: 'warning', text: t('bid.youLost') };
  else if (leading) line = { tone: 'success', text: t('bid.youLead', { amount: formatYuan(lot.currentPrice ?? '0') }) };
  else if (feedback?.kind === 'ack' && feedback.bid.seq > lot.seq) line = { tone: 'success', text: t('bid.youLead', { amount: formatYuan(feedback.bid.amount) }) };
  else if (closed) line = null;
  else if (myBest && lot.currentPrice) {
    const diff = new Decimal(lot.currentPrice).minus(myBest);
    line = { tone: 'warning', text: t('bid.outbid', { diff: formatYuan(diff), current: formatYuan(lot.currentPrice) }) };
  }
  const retry = feedback?.kind === 'error' ? feedback.retry : null;
  if (!(live || closed || line)) return null;

  return (
    <div
      id="bid-feedback"
      className={`feedback${line ? ` feedback-${line.tone}` : ''}`}
      data-testid="bid-feedback"
      aria-live="polite"
      data-kind={feedback?.kind ?? (leading ? 'lead' : '')}
    >
      {line?.text}
      {retry && (
        <button type="button" className="btn btn-light btn-small" onClick={() => onRetry(retry)} disabled={sending}>
          {t('bid.retrySame', { amount: formatYuan(retry.amount) })}
        </button>
      )}
      {suggested && canBid && (
        <button type="button" className="btn btn-primary btn-small" data-testid="bid-suggested" onClick={() => onAsk(suggested)}>
          {t('bid.bidMinimumNow', { amount: formatYuan(suggested) })}
        </button>
      )}
    </div>
  );
}
