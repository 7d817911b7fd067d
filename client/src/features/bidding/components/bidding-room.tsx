import { Decimal } from 'decimal.js';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { BidResult, LotView, RegistrationView } from '../../../../../shared/api';
import { formatYuan } from '../../../../../shared/money';
import { minimumNextBid } from '../../../../../shared/rules';
import { ApiError, newClientId } from '../../../api';
import { errorText, minimumOf } from '../../../error-text';
import { formatDateTime, formatTime } from '../../../format';
import { useI18n } from '../../../i18n';
import { useServerNow } from '../../../server-clock';
import { Countdown } from '../../../ui/countdown';
import { Money } from '../../../ui/money';
import { StatusBadge } from '../../../ui/status-badge';
import { parseAmount } from '../parse-amount';
import type { ConnectionState, Extension } from '../use-live-lot';
import { BidConfirmDialog } from './bid-confirm-dialog';
import { BidForm } from './bid-form';
import { BidStatusLine, type Attempt, type Feedback } from './bid-status-line';
import { ProxyBidPanel } from './proxy-bid-panel';
import { ConnectionIndicator, ResultBox } from './room-parts';

export interface BiddingRoomProps {
  lot: LotView;
  connection: ConnectionState;
  lastExtension: Extension | null;
  registration: RegistrationView | null;
  /** Why this viewer cannot bid at all (not logged in, staff…), or null. */
  blockedReason: string | null;
  /** False for a viewer nobody is signed in as: the room shows the sign-in prompt instead of the bid form. */
  signedIn?: boolean;
  placeBid(amount: string, clientBidId: string): Promise<BidResult>;
  resync(): void;
}

export function BiddingRoom({ lot, connection, lastExtension, registration, blockedReason, signedIn = true, placeBid, resync }: BiddingRoomProps) {
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
        amount: attempt.amount,
      });
    }
  };

  // The dialog sends the amount it shows: the one asked for, or the new minimum if the price moved past it.
  const confirm = (amount: string) => {
    if (!confirming) return;
    void send(amount === confirming.amount ? confirming : { ...confirming, amount, clientBidId: newClientId() });
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

  const extended = live && (lastExtension !== null || lot.extensionCount > 0);
  const priceLabel = closed
    ? lot.status === 'sold' ? t('lot.finalPrice') : t('lot.startingPrice')
    : hasBids ? t('lot.currentPrice') : t('lot.startingPriceNoBids');
  const priceValue = closed && lot.status === 'sold' ? lot.finalPrice ?? lot.currentPrice : hasBids ? lot.currentPrice : lot.startingPrice;
  // A proxy bid may be set before the start and while bidding is open, by a bidder whose deposit is held.
  const proxyOpen = (lot.status === 'announced' || open) && !blockedReason && registration?.depositStatus === 'held';

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
      {(live || suspended) && !signedIn && (
        <p className="room-reason" role="note" data-testid="bid-signin">{blockedReason ?? t('bid.reason.login')}</p>
      )}
      {(live || suspended) && signedIn && (
        <BidForm
          minimum={minimum}
          increment={increment}
          matchAmount={matchAmount}
          canBid={canBid}
          disabledReason={disabledReason}
          custom={custom}
          onCustomChange={(v) => {
            setCustom(v);
            setFeedback((f) => (f?.kind === 'local' ? null : f));
          }}
          onCustomSubmit={onCustom}
          onAsk={ask}
        />
      )}
      <BidStatusLine
        lot={lot}
        feedback={feedback}
        myCode={myCode}
        myBest={myBest}
        minimum={minimum}
        canBid={canBid}
        onRetry={(a) => void send(a)}
        onAsk={(amount) => ask(amount)}
      />
      {proxyOpen && registration && <ProxyBidPanel lot={lot} registration={registration} minimum={minimum} leading={leading} />}
      <BidConfirmDialog
        amount={confirming?.amount ?? null}
        kind={confirming?.match ? 'match' : 'bid'}
        bidderCode={myCode}
        minimum={confirming?.match && lot.currentPrice ? new Decimal(lot.currentPrice).toFixed(2) : minimum.toFixed(2)}
        terms={{ startingPrice: lot.startingPrice, bidIncrement: lot.bidIncrement, currentPrice: hasBids ? lot.currentPrice : null }}
        blockedReason={open ? disabledReason : disabledReason ?? t('bid.reason.ended')}
        onCancel={() => setConfirming(null)}
        onConfirm={confirm}
      />
    </section>
  );
}
