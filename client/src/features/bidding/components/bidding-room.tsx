import { Decimal } from 'decimal.js';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { BidResult, LotView, RegistrationView } from '../../../../../shared/api';
import { formatYuan, isMoneyString } from '../../../../../shared/money';
import { minimumNextBid } from '../../../../../shared/rules';
import { ApiError, newClientId } from '../../../api';
import { errorText, minimumOf } from '../../../error-text';
import { formatDateTime, formatTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { useServerNow } from '../../../server-clock';
import { Countdown } from '../../../ui/countdown';
import { Money } from '../../../ui/money';
import { StatusBadge } from '../../../ui/status-badge';
import { BidConfirmDialog } from './bid-confirm-dialog';
import type { ConnectionState, Extension } from '../use-live-lot';

const QUICK_STEPS = [1, 2, 5] as const;

interface Attempt { amount: string; clientBidId: string; match?: boolean }
type Feedback =
  | { kind: 'sending'; amount: string }
  | { kind: 'ack'; bid: BidResult }
  | { kind: 'error'; text: string; retry: Attempt | null; minimum: string | null }
  | { kind: 'local'; text: string };

export interface BiddingRoomProps {
  lot: LotView;
  connection: ConnectionState;
  lastExtension: Extension | null;
  registration: RegistrationView | null;
  /** Why this viewer cannot bid at all (not logged in, staff…), or null. */
  blockedReason: string | null;
  placeBid(amount: string, clientBidId: string): Promise<BidResult>;
  resync(): void;
}

/** Normalises what people type: "86,000", "¥86000", "86000.5" → "86000.50"; null when it is not an amount. */
function parseAmount(raw: string): string | null {
  const s = raw.replace(/[¥,，\s]/g, '');
  if (!isMoneyString(s) || !/[1-9]/.test(s)) return null;
  return new Decimal(s).toFixed(2);
}

export function BiddingRoom({ lot, connection, lastExtension, registration, blockedReason, placeBid, resync }: BiddingRoomProps) {
  const { t, lang } = useI18n();
  const now = useServerNow();
  const [confirming, setConfirming] = useState<Attempt | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [custom, setCustom] = useState('');
  const sending = feedback?.kind === 'sending';
  const myCode = registration?.bidderCode ?? null;

  const live = lot.status === 'live';
  const suspended = lot.status === 'suspended';
  const priorityRank = registration?.priorityRank ?? null;
  const endsAtMs = Date.parse(lot.endsAt);
  const open = live && now < endsAtMs;
  const closed = ['sold', 'unsold', 'cancelled', 'defaulted'].includes(lot.status);
  const hasBids = lot.bidCount > 0;
  const minimum = useMemo(
    () => minimumNextBid(lot.startingPrice, lot.bidIncrement, hasBids ? lot.currentPrice : null),
    [lot.startingPrice, lot.bidIncrement, lot.currentPrice, hasBids],
  );
  const increment = new Decimal(lot.bidIncrement);
  const leading = myCode !== null && lot.leadingBidderCode === myCode;
  const myBest = useMemo(() => {
    if (!myCode) return null;
    let best: Decimal | null = null;
    for (const b of lot.bids) if (b.bidderCode === myCode && (!best || best.lt(b.amount))) best = new Decimal(b.amount);
    return best;
  }, [lot.bids, myCode]);

  // Past the end by the server clock but no close event yet: ask for a fresh snapshot every few seconds.
  const lastNudge = useRef(0);
  useEffect(() => {
    if (live && now > endsAtMs + 3000 && now - lastNudge.current > 5000) {
      lastNudge.current = now;
      resync();
    }
  }, [live, now, endsAtMs, resync]);

  // A close or a status change makes an earlier refusal or hint stale.
  useEffect(() => {
    setFeedback((f) => (f && f.kind !== 'sending' ? null : f));
  }, [lot.status]);

  // A fresh extension gets a moment of emphasis.
  const [flash, setFlash] = useState(false);
  useEffect(() => {
    if (!lastExtension) return;
    setFlash(true);
    const id = setTimeout(() => setFlash(false), 4000);
    return () => clearTimeout(id);
  }, [lastExtension]);

  let disabledReason: string | null = null;
  if (suspended) disabledReason = t('bid.reason.suspended', { by: lot.resumeBy ? formatDateTime(lot.resumeBy) : '—' });
  else if (!live) disabledReason = null;
  else if (!open) disabledReason = t('bid.reason.ended');
  else if (blockedReason) disabledReason = blockedReason;
  else if (!registration) disabledReason = t('bid.reason.notRegistered');
  else if (registration.depositStatus !== 'held') disabledReason = t('bid.reason.depositNotHeld');
  else if (connection !== 'connected') disabledReason = t('bid.reason.offline');
  else if (leading) disabledReason = t('bid.reason.leading');
  const canBid = open && disabledReason === null && !sending;

  const ask = (amount: string, match = false) => {
    setFeedback(null);
    setConfirming({ amount, clientBidId: newClientId(), match });
  };
  // A21: a priority holder may match the current price instead of raising it.
  const matchAmount = priorityRank !== null && hasBids && lot.currentPrice ? new Decimal(lot.currentPrice).toFixed(2) : null;

  const send = async (attempt: Attempt) => {
    setConfirming(null);
    setFeedback({ kind: 'sending', amount: attempt.amount });
    try {
      const bid = await placeBid(attempt.amount, attempt.clientBidId);
      setFeedback({ kind: 'ack', bid });
      setCustom('');
    } catch (err) {
      const retryable = err instanceof ApiError && (err.code === 'TIMEOUT' || err.code === 'NETWORK');
      setFeedback({
        kind: 'error',
        text: retryable ? t('bid.noAnswer') : errorText(err, t, lang),
        retry: retryable ? attempt : null,
        minimum: err instanceof ApiError ? minimumOf(err) : null,
      });
    }
  };

  const onCustom = (e: FormEvent) => {
    e.preventDefault();
    const amount = parseAmount(custom);
    if (!amount) {
      setFeedback({ kind: 'local', text: t('bid.customInvalid') });
      return;
    }
    if (matchAmount && new Decimal(amount).eq(matchAmount)) {
      ask(amount, true);
      return;
    }
    if (new Decimal(amount).lt(minimum)) {
      setFeedback({
        kind: 'local',
        text: matchAmount
          ? t('rule.priorityBetween', { match: formatYuan(matchAmount), raise: formatYuan(minimum), article: 'A21' })
          : t(hasBids ? 'rule.bidBelowMinimum' : 'rule.firstBidBelowStarting', { minimum: formatYuan(minimum), article: 'A20' }),
      });
      return;
    }
    ask(amount);
  };

  // The one line that says where the bidder stands: sending, refused, leading or outbid.
  let line: { tone: 'info' | 'success' | 'warning' | 'error'; text: string } | null = null;
  if (feedback?.kind === 'sending') line = { tone: 'info', text: t('bid.sending', { amount: formatYuan(feedback.amount) }) };
  else if (feedback?.kind === 'error' || feedback?.kind === 'local') line = { tone: 'error', text: feedback.text };
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
  const suggested = feedback?.kind === 'error' && feedback.minimum
    ? Decimal.max(new Decimal(feedback.minimum), minimum).toFixed(2)
    : null;

  const extended = live && (lastExtension !== null || lot.extensionCount > 0);
  const priceLabel = closed
    ? lot.status === 'sold' ? t('lot.finalPrice') : t('lot.startingPrice')
    : hasBids ? t('lot.currentPrice') : t('lot.startingPriceNoBids');
  const priceValue = closed && lot.status === 'sold' ? lot.finalPrice ?? lot.currentPrice : hasBids ? lot.currentPrice : lot.startingPrice;

  return (
    <section className={`card room room-${lot.status}`} aria-labelledby="room-title">
      <div className="room-top">
        <h2 id="room-title" className="visually-hidden">{t('room.title')}</h2>
        <StatusBadge status={lot.status} testId="lot-status" large />
        <ConnectionIndicator state={connection} />
      </div>
      <div className="room-price">
        <span className="room-price-label">{priceLabel}</span>
        <Money value={priceValue} testId="current-price" className="room-price-value" />
        {hasBids && !closed && <span className="muted small">{t('room.leader', { code: lot.leadingBidderCode ?? '—', n: lot.bidCount })}</span>}
      </div>
      <div className="room-countdown">
        <Countdown status={lot.status} startsAt={lot.startsAt} endsAt={lot.endsAt} testId="countdown" />
        <span className="muted small">
          {lot.status === 'announced'
            ? t('room.startsAt', { at: formatDateTime(lot.startsAt) })
            : suspended ? t('room.suspendedClock')
            : lot.status === 'cancelled' ? t('room.cancelledAt', { at: formatDateTime(lot.closedAt ?? lot.endsAt) })
            : closed ? t('room.endedAt', { at: formatDateTime(lot.endsAt) }) : t('room.endsAt', { at: formatDateTime(lot.endsAt) })}
        </span>
      </div>
      {extended && (
        <div className={`banner banner-extension${flash ? ' banner-flash' : ''}`} data-testid="extension-banner" role="status">
          <strong>{t('room.extendedTitle')}</strong>{' '}
          {t('room.extended', { time: formatTime(lot.endsAt), n: lot.extensionCount })}
        </div>
      )}
      {lot.round === 'sell_off' && (live || lot.status === 'announced') && (
        <div className="banner banner-selloff" data-testid="sell-off-note">
          {hasBids
            ? t('room.sellOffRound', { end: formatDateTime(lot.endsAt) })
            : t('room.sellOffWindow', { end: formatDateTime(lot.windowEndsAt ?? lot.endsAt) })}
        </div>
      )}
      {priorityRank !== null && !closed && (
        <div className="banner banner-priority" data-testid="priority-note">
          <strong>{t('room.priorityTitle', { rank: priorityRank })}</strong>{' '}
          {t('room.priorityText')}
        </div>
      )}
      {closed && <ResultBox lot={lot} myCode={myCode} />}
      {(live || suspended) && (
        <div className="room-controls">
          <p className="small muted room-min">
            {t('room.minimum', { minimum: formatYuan(minimum), increment: formatYuan(increment) })}
          </p>
          {matchAmount && (
            <button
              type="button"
              className="btn btn-match btn-block"
              data-testid="bid-match"
              disabled={!canBid}
              onClick={() => ask(matchAmount, true)}
              aria-describedby="bid-match-note"
            >
              {t('room.match', { amount: formatYuan(matchAmount) })}
            </button>
          )}
          {matchAmount && <p id="bid-match-note" className="small muted room-min">{t('room.matchNote')}</p>}
          <div className="quick-bids" role="group" aria-label={t('room.quickLabel')}>
            {QUICK_STEPS.map((n) => {
              const amount = minimum.plus(increment.mul(n - 1)).toFixed(2);
              // Whole yuan drop the ".00" so six- and seven-figure steps fit a narrow button; the dialog shows the exact sum.
              const label = formatYuan(amount).replace(/\.00$/, '');
              return (
                <button
                  key={n}
                  type="button"
                  className="btn btn-bid"
                  data-testid={`bid-quick-${n}`}
                  disabled={!canBid}
                  onClick={() => ask(amount)}
                  aria-label={t('room.quickAria', { n, amount: formatYuan(amount) })}
                >
                  <span className="btn-bid-step">{t('room.quickStep', { n })}</span>
                  <span className={`btn-bid-amount${label.length > 9 ? ' btn-bid-long' : ''}`}>{label}</span>
                </button>
              );
            })}
          </div>
          <form className="custom-bid" onSubmit={onCustom} noValidate>
            <label htmlFor="bid-custom" className="custom-bid-label">{t('room.customLabel')}</label>
            <div className="custom-bid-row">
              <span className="input-prefix" aria-hidden="true">¥</span>
              <input
                id="bid-custom"
                data-testid="bid-custom-amount"
                inputMode="decimal"
                autoComplete="off"
                placeholder={minimum.toFixed(2)}
                value={custom}
                disabled={!canBid}
                onChange={(e) => {
                  setCustom(e.target.value);
                  setFeedback((f) => (f?.kind === 'local' ? null : f));
                }}
                aria-describedby="bid-feedback"
              />
              <button type="submit" className="btn btn-primary" data-testid="bid-custom-submit" disabled={!canBid || custom.trim() === ''}>
                {t('room.customSubmit')}
              </button>
            </div>
          </form>
          {disabledReason && <p className="room-reason" role="note" data-testid="bid-disabled-reason">{disabledReason}</p>}
        </div>
      )}
      {(live || closed || line) && <div id="bid-feedback" className={`feedback${line ? ` feedback-${line.tone}` : ''}`} data-testid="bid-feedback" aria-live="polite" data-kind={feedback?.kind ?? (leading ? 'lead' : '')}>
        {line?.text}
        {retry && (
          <button type="button" className="btn btn-light btn-small" onClick={() => void send(retry)} disabled={sending}>
            {t('bid.retrySame', { amount: formatYuan(retry.amount) })}
          </button>
        )}
        {suggested && canBid && (
          <button type="button" className="btn btn-light btn-small" onClick={() => ask(suggested)}>
            {t('bid.bidMinimum', { amount: formatYuan(suggested) })}
          </button>
        )}
      </div>}
      <BidConfirmDialog
        amount={confirming?.amount ?? null}
        bidderCode={myCode}
        minimum={confirming?.match && lot.currentPrice ? new Decimal(lot.currentPrice).toFixed(2) : minimum.toFixed(2)}
        match={!!confirming?.match}
        onCancel={() => setConfirming(null)}
        onConfirm={() => confirming && void send(confirming)}
      />
    </section>
  );
}

function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const { t } = useI18n();
  return (
    <span className={`conn conn-${state}`} data-testid="connection-status" data-state={state} role="status">
      <span className="conn-dot" aria-hidden="true" />
      {t(`conn.${state}`)}
    </span>
  );
}

function ResultBox({ lot, myCode }: { lot: LotView; myCode: string | null }) {
  const { t } = useI18n();
  const mine = myCode !== null && lot.winnerCode === myCode;
  if (lot.status === 'sold') {
    return (
      <div className="result result-sold" role="status" data-testid="lot-result">
        <strong>{t('result.sold', { amount: formatYuan(lot.finalPrice ?? lot.currentPrice ?? '0'), code: lot.winnerCode ?? '—' })}</strong>
        {lot.balanceDueAt && !mine && (
          <p className="small">
            {lot.balancePaidAt
              ? t('result.balancePaid', { at: formatDateTime(lot.balancePaidAt) })
              : t('result.balanceDue', { at: formatDateTime(lot.balanceDueAt) })}
          </p>
        )}
        {mine && (
          <>
            <p>{lot.balancePaidAt ? t('result.youWonPaid') : t('result.youWonDue', { at: lot.balanceDueAt ? formatDateTime(lot.balanceDueAt) : t('result.youWon', { days: lot.balanceDueDays }) })}</p>
            <a className="btn btn-light btn-small" data-testid="confirmation-download" href={`/api/lots/${encodeURIComponent(lot.id)}/confirmation`} download>
              {t('result.downloadConfirmation')}
            </a>
          </>
        )}
      </div>
    );
  }
  if (lot.status === 'defaulted') {
    return (
      <div className="result result-defaulted" role="status" data-testid="lot-result">
        <strong>{t('result.defaulted', { code: lot.winnerCode ?? '—' })}</strong>
        <p className="small">{t('result.defaultedText', { due: lot.balanceDueAt ? formatDateTime(lot.balanceDueAt) : '—' })}</p>
      </div>
    );
  }
  if (lot.status === 'unsold') {
    const next = lot.creditorTakeover
      ? t('result.takenOver', { creditor: lot.creditorTakeover.creditor, price: formatYuan(lot.creditorTakeover.price) })
      : lot.round === 1 ? t('result.unsoldNext') : lot.round === 2 ? t('result.unsoldNext2') : t('result.unsoldNextSellOff');
    return <div className="result result-unsold" role="status" data-testid="lot-result"><strong>{t('result.unsold')}</strong><p className="small">{next}</p></div>;
  }
  if (lot.status === 'cancelled') {
    return <div className="result" role="status" data-testid="lot-result"><strong>{t('status.cancelled')}</strong><p className="small">{t('banner.cancelledDeposits')}</p></div>;
  }
  return <div className="result" role="status"><strong>{t(`status.${lot.status}`)}</strong></div>;
}
