import { Decimal } from 'decimal.js';
import { useEffect, useState, type FormEvent } from 'react';
import type { LotView, RegistrationView } from '../../../../../shared/api';
import { formatYuan } from '../../../../../shared/money';
import { proxyMaxCeiling } from '../../../../../shared/proxy-rules';
import { ApiError } from '../../../api';
import { errorText, minimumOf } from '../../../error-text';
import { useI18n } from '../../../i18n';
import { useProxyBid, useSetProxyBid, useWithdrawProxyBid } from '../api';
import { parseAmount } from '../parse-amount';
import { BidConfirmDialog } from './bid-confirm-dialog';

type Note = { tone: 'error' | 'success'; text: string; minimum?: string | null };

/**
 * Proxy bidding (代理出价): the bidder sets the most they would pay; whenever they are outbid the platform bids the
 * minimum for them, up to it (server/modules/bidding/proxy-bids.ts). Each such bid is an ordinary bid that
 * cannot be withdrawn; withdrawing the instruction only stops further bids.
 */
export function ProxyBidPanel({ lot, registration, minimum, leading }: {
  lot: LotView;
  /** A registration whose deposit is held. */
  registration: RegistrationView;
  /** The minimum next bid now: the lowest maximum that could still bid. */
  minimum: Decimal;
  leading: boolean;
}) {
  const { t, lang } = useI18n();
  const proxyQuery = useProxyBid(lot.id, registration.id);
  const setProxy = useSetProxyBid(lot.id, registration.id);
  const withdraw = useWithdrawProxyBid(lot.id, registration.id);
  const [input, setInput] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const proxy = proxyQuery.data ?? null;
  const { refetch } = proxyQuery;
  const hasProxy = proxy !== null;

  // Every bid on the lot may have been the proxy's own or may have gone past its maximum: read it again.
  useEffect(() => {
    if (hasProxy) void refetch();
  }, [lot.seq, hasProxy, refetch]);

  const hasBids = lot.bidCount > 0;
  const price = new Decimal(hasBids && lot.currentPrice ? lot.currentPrice : lot.startingPrice);
  const max = proxy ? new Decimal(proxy.maxAmount) : null;
  // Exhausted: outbid, and the next bid it would have to place is above its maximum.
  const exhausted = !!proxy && !leading && (proxy.exhausted || minimum.gt(max!));
  const headroom = max ? Decimal.max(max.minus(price), 0) : null;
  const state = !proxy ? null : exhausted ? 'exhausted' : leading ? 'leading' : 'active';
  const busy = setProxy.isPending || withdraw.isPending;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const amount = parseAmount(input);
    if (!amount) {
      setNote({ tone: 'error', text: t('bid.customInvalid') });
      return;
    }
    if (new Decimal(amount).lt(minimum)) {
      setNote({ tone: 'error', text: t('bid.proxy.belowMinimum', { minimum: formatYuan(minimum) }), minimum: minimum.toFixed(2) });
      return;
    }
    // The server refuses a maximum more than 200 increments above the next bid (PROXY_MAX_TOO_HIGH).
    const ceiling = proxyMaxCeiling(minimum, lot.bidIncrement);
    if (new Decimal(amount).gt(ceiling)) {
      setNote({ tone: 'error', text: t('bid.proxy.aboveCeiling', { ceiling: formatYuan(ceiling) }) });
      return;
    }
    setNote(null);
    setConfirming(amount);
  };

  const send = (amount: string) => {
    setConfirming(null);
    setProxy.mutate(amount, {
      onSuccess: (p) => {
        setInput('');
        setNote({ tone: 'success', text: t('bid.proxy.setDone', { amount: formatYuan(p.maxAmount) }) });
      },
      onError: (err) => {
        const m = err instanceof ApiError ? minimumOf(err) : null;
        setNote({ tone: 'error', text: m ? t('bid.proxy.belowMinimum', { minimum: formatYuan(Decimal.max(m, minimum)) }) : errorText(err, t, lang), minimum: m });
      },
    });
  };

  const onWithdraw = () => {
    withdraw.mutate(undefined, {
      onSuccess: () => setNote({ tone: 'success', text: t('bid.proxy.withdrawn') }),
      onError: (err) => setNote({ tone: 'error', text: errorText(err, t, lang) }),
    });
  };

  const suggested = note?.minimum ? Decimal.max(note.minimum, minimum).toFixed(2) : null;
  return (
    <section className="proxy-panel" data-testid="proxy-panel" aria-labelledby="proxy-title">
      <h3 id="proxy-title" className="proxy-title">{t('bid.proxy.title')}</h3>
      {proxy && max && headroom ? (
        <div className={`proxy-status proxy-${state}`} data-testid="proxy-status" data-state={state} role="status">
          <dl className="proxy-facts">
            <div><dt>{t('bid.proxy.max')}</dt><dd data-testid="proxy-max-amount">{formatYuan(max)}</dd></div>
            <div><dt>{t('bid.proxy.headroom')}</dt><dd data-testid="proxy-headroom">{formatYuan(exhausted ? '0' : headroom)}</dd></div>
          </dl>
          <p className="proxy-state">
            {state === 'exhausted'
              ? t('bid.proxy.stateExhausted', { max: formatYuan(max), minimum: formatYuan(minimum) })
              : state === 'leading' ? t('bid.proxy.stateLeading') : t('bid.proxy.stateActive', { minimum: formatYuan(minimum) })}
          </p>
          <button type="button" className="btn btn-light btn-small" data-testid="proxy-withdraw" disabled={busy} onClick={onWithdraw}>
            {withdraw.isPending ? t('bid.proxy.withdrawing') : t('bid.proxy.withdraw')}
          </button>
        </div>
      ) : (
        <p className="small muted">{t('bid.proxy.intro')}</p>
      )}
      <form className="custom-bid" onSubmit={onSubmit} noValidate>
        <label htmlFor="proxy-max" className="custom-bid-label">{proxy ? t('bid.proxy.newMaxLabel') : t('bid.proxy.maxLabel')}</label>
        <div className="custom-bid-row">
          <span className="input-prefix" aria-hidden="true">¥</span>
          <input
            id="proxy-max"
            data-testid="proxy-max"
            inputMode="decimal"
            autoComplete="off"
            placeholder={minimum.toFixed(2)}
            value={input}
            disabled={busy}
            onChange={(e) => {
              setInput(e.target.value);
              setNote((n) => (n?.tone === 'error' ? null : n));
            }}
            aria-describedby="proxy-note"
          />
          <button type="submit" className="btn btn-primary" data-testid="proxy-set" disabled={busy || input.trim() === ''}>
            {setProxy.isPending ? t('bid.proxy.setting') : t('bid.proxy.set')}
          </button>
        </div>
      </form>
      <div id="proxy-note" className={`feedback${note ? ` feedback-${note.tone}` : ''}`} data-testid="proxy-note" aria-live="polite">
        {note?.text}
        {suggested && note?.tone === 'error' && (
          <button type="button" className="btn btn-light btn-small" data-testid="proxy-suggested" onClick={() => setConfirming(suggested)}>
            {t('bid.proxy.useMinimum', { amount: formatYuan(suggested) })}
          </button>
        )}
      </div>
      <BidConfirmDialog
        amount={confirming}
        kind="proxy"
        bidderCode={registration.bidderCode}
        minimum={minimum.toFixed(2)}
        terms={{ startingPrice: lot.startingPrice, bidIncrement: lot.bidIncrement, currentPrice: hasBids ? lot.currentPrice : null }}
        onCancel={() => setConfirming(null)}
        onConfirm={send}
      />
    </section>
  );
}
