import { Decimal } from 'decimal.js';
import { useEffect, useRef } from 'react';
import { formatWanYi, formatYuan, toChineseCapital } from '../../../../../shared/money';
import { useI18n } from '../../../i18n';

/** Repeats the amount in figures and in capital numerals (大写金额), as Chinese bank forms do, before anything is sent. */
export function BidConfirmDialog({ amount, bidderCode, minimum, match = false, onConfirm, onCancel }: {
  amount: string | null;
  /** A priority holder matching the current price (A21) rather than raising it. */
  match?: boolean;
  bidderCode: string | null;
  /** The minimum next bid now; the price may move while the dialog is open. */
  minimum: string;
  onConfirm(): void;
  onCancel(): void;
}) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (amount && !d.open) {
      d.showModal();
      confirmRef.current?.focus();
    } else if (!amount && d.open) {
      d.close();
    }
  }, [amount]);

  const wan = amount ? formatWanYi(amount) : null;
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="bid-confirm-title"
      aria-describedby="bid-confirm-desc"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      {amount && (
        <div className="dialog-body">
          <h2 id="bid-confirm-title">{match ? t('bid.confirmMatchTitle') : t('bid.confirmTitle')}</h2>
          <p className="dialog-amount">{formatYuan(amount)}</p>
          {wan && <p className="dialog-wan" lang="zh-CN">{wan}</p>}
          <div className="dialog-capital">
            <span className="dialog-capital-label">{t('bid.capitalLabel')}</span>
            <span className="dialog-capital-value" lang="zh-CN">{toChineseCapital(amount)}</span>
          </div>
          {new Decimal(amount).lt(minimum) && (
            <p className="dialog-warning" role="alert">{t('bid.priceMoved', { minimum: formatYuan(minimum) })}</p>
          )}
          {match && <p className="dialog-match">{t('bid.confirmMatch')}</p>}
          {bidderCode && <p className="muted">{t('bid.confirmAs', { code: bidderCode })}</p>}
          <p id="bid-confirm-desc" className="small muted">{t('bid.confirmNote')}</p>
          <div className="dialog-actions">
            <button type="button" className="btn btn-light" onClick={onCancel}>{t('common.cancel')}</button>
            <button type="button" ref={confirmRef} className="btn btn-primary" data-testid="bid-confirm" onClick={onConfirm}>
              {t('bid.confirmButton', { amount: formatYuan(amount) })}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
