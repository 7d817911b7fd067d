import { Decimal } from 'decimal.js';
import { useEffect, useRef, useState } from 'react';
import { bidCaution } from '../../../../../shared/bid-caution';
import { formatWanYi, formatYuan, toChineseCapital } from '../../../../../shared/money';
import { useI18n } from '../../../i18n';
import { formatCount } from '../../../format';
import './bid-safety.css';

/** A raise, a priority holder's match of the current price (A21), or the maximum of a proxy bid. */
export type ConfirmKind = 'bid' | 'match' | 'proxy';

/** The lot's prices the amount is compared with (the far-above check). */
export interface PriceTerms { startingPrice: string; bidIncrement: string; currentPrice: string | null }

/** After the amount on the button changes under the bidder's finger, it takes taps again only after this pause. */
const CHANGED_AMOUNT_PAUSE_MS = 800;

/**
 * Repeats the amount in figures and in capital numerals (大写金额), as Chinese bank forms do, before anything is sent.
 * It never offers an amount it knows will be refused: when the price moves past the amount while it is open, it
 * offers the new minimum instead (with a warning), and it sends only the amount it shows. An amount far above the
 * price (shared/bid-caution.ts) is confirmed a second time.
 */
export function BidConfirmDialog({ amount, kind = 'bid', bidderCode, minimum, terms, blockedReason = null, onConfirm, onCancel }: {
  amount: string | null;
  kind?: ConfirmKind;
  bidderCode: string | null;
  /** The minimum now (the current price for a match); the price may move while the dialog is open. */
  minimum: string;
  terms: PriceTerms;
  /** Why nothing can be sent now (the auction ended, the connection dropped, you lead…), or null. */
  blockedReason?: string | null;
  /** Called with the amount shown, which is the one to send. */
  onConfirm(amount: string): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const sureRef = useRef<HTMLInputElement>(null);
  const stale = amount !== null && new Decimal(amount).lt(minimum);
  const offer = amount === null ? null : stale ? new Decimal(minimum).toFixed(2) : amount;
  const caution = offer ? bidCaution({ amount: offer, minimum, ...terms }) : null;
  // The far-above box is ticked for one amount only: a changed amount must be confirmed again.
  const [sureOf, setSureOf] = useState<string | null>(null);
  const [pausing, setPausing] = useState(false);
  const shown = useRef<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (amount && !d.open) {
      d.showModal();
      (caution?.farAbove ? sureRef.current : confirmRef.current)?.focus();
    } else if (!amount && d.open) {
      d.close();
    }
    // Only opening and closing matter here; the focus goes where the first step is.
  }, [amount]);

  useEffect(() => {
    const before = shown.current;
    shown.current = offer;
    if (!offer || !before || before === offer) return;
    setPausing(true);
    const id = setTimeout(() => setPausing(false), CHANGED_AMOUNT_PAUSE_MS);
    return () => clearTimeout(id);
  }, [offer]);

  const wan = offer ? formatWanYi(offer) : null;
  const needsSure = !!caution?.farAbove && sureOf !== offer;
  const title = kind === 'match' ? t('bid.confirmMatchTitle') : kind === 'proxy' ? t('bid.proxy.confirmTitle') : t('bid.confirmTitle');
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="bid-confirm-title"
      aria-describedby="bid-confirm-desc"
      data-testid={kind === 'proxy' ? 'proxy-confirm-dialog' : 'bid-confirm-dialog'}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {offer && caution && (
        <div className="dialog-body">
          <h2 id="bid-confirm-title">{title}</h2>
          {/* A long sum steps down a size so that a phone shows every digit. */}
          <p className={`dialog-amount${formatYuan(offer).length > 14 ? ' dialog-amount-long' : ''}`} data-testid="bid-confirm-amount">{formatYuan(offer)}</p>
          {wan && <p className="dialog-wan" lang="zh-CN">{wan}</p>}
          <div className="dialog-capital">
            <span className="dialog-capital-label">{t('bid.capitalLabel')}</span>
            <span className="dialog-capital-value" lang="zh-CN" data-testid="bid-confirm-capital">{toChineseCapital(offer)}</span>
          </div>
          {stale && amount && (
            <p className="dialog-warning" role="alert" data-testid="bid-price-moved">
              {t('bid.priceMovedOffer', { amount: formatYuan(amount), minimum: formatYuan(offer), kind })}
            </p>
          )}
          {kind === 'match' && <p className="dialog-match">{t('bid.confirmMatch')}</p>}
          {kind === 'proxy' && <p className="dialog-match" data-testid="proxy-confirm-note">{t('bid.proxy.confirmNote')}</p>}
          {caution.farAbove && (
            <div className="dialog-far" data-testid="bid-far-above">
              <p className="dialog-far-text">
                {t(caution.reference === terms.currentPrice ? 'bid.far.textCurrent' : 'bid.far.textStarting', {
                  amount: formatYuan(offer), above: formatYuan(caution.aboveReference), reference: formatYuan(caution.reference), steps: formatCount(caution.stepsAboveMinimum), kind,
                })}
              </p>
              <label className="dialog-far-check">
                <input
                  ref={sureRef}
                  type="checkbox"
                  data-testid="bid-far-confirm"
                  checked={sureOf === offer}
                  onChange={(e) => setSureOf(e.target.checked ? offer : null)}
                />
                <span>{t('bid.far.check', { capital: toChineseCapital(offer), kind })}</span>
              </label>
            </div>
          )}
          {bidderCode && <p className="muted">{t('bid.confirmAs', { code: bidderCode })}</p>}
          <p id="bid-confirm-desc" className="small muted">{t('bid.confirmNote')}</p>
          {blockedReason && <p className="room-reason" role="note" data-testid="bid-confirm-blocked">{blockedReason}</p>}
          <div className="dialog-actions">
            <button type="button" className="btn btn-light" data-testid="bid-confirm-cancel" onClick={onCancel}>{t('common.cancel')}</button>
            <button
              type="button"
              ref={confirmRef}
              className="btn btn-primary"
              data-testid="bid-confirm"
              disabled={blockedReason !== null || needsSure || pausing}
              onClick={() => onConfirm(offer)}
            >
              {kind === 'proxy' ? t('bid.proxy.confirmButton', { amount: formatYuan(offer) }) : t('bid.confirmButton', { amount: formatYuan(offer) })}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
