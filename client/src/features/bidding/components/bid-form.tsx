import type { Decimal } from 'decimal.js';
import type { FormEvent } from 'react';
import { formatYuan } from '../../../../../shared/money';
import { useI18n } from '../../../i18n';

const QUICK_STEPS = [1, 2, 5] as const;

/** The ways to bid: a priority match (A21), quick bids of +1, +2 and +5 increments, and an amount of one's own. */
export function BidForm({ minimum, increment, matchAmount, canBid, disabledReason, custom, onCustomChange, onCustomSubmit, onAsk }: {
  minimum: Decimal;
  increment: Decimal;
  /** The current price a priority holder may match, or null. */
  matchAmount: string | null;
  canBid: boolean;
  disabledReason: string | null;
  custom: string;
  onCustomChange(value: string): void;
  onCustomSubmit(e: FormEvent): void;
  onAsk(amount: string, match?: boolean): void;
}) {
  const { t } = useI18n();
  return (
    <div className="room-controls">
      <p className="small muted room-min" data-testid="bid-minimum">
        {t('room.minimum', { minimum: formatYuan(minimum), increment: formatYuan(increment) })}
      </p>
      {matchAmount && (
        <button
          type="button"
          className="btn btn-match btn-block"
          data-testid="bid-match"
          disabled={!canBid}
          onClick={() => onAsk(matchAmount, true)}
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
              onClick={() => onAsk(amount)}
            >
              <span className="visually-hidden">{t('room.quickAria')} </span>
              <span className="btn-bid-step">{t('room.quickStep', { n })}</span>
              <span className={`btn-bid-amount${label.length > 9 ? ' btn-bid-long' : ''}`}>{label}</span>
            </button>
          );
        })}
      </div>
      <form className="custom-bid" onSubmit={onCustomSubmit} noValidate>
        <label htmlFor="bid-custom" className="custom-bid-label">{t('room.customLabel')}</label>
        <div className="custom-bid-row">
          <span className="input-prefix" aria-hidden="true">¥</span>
          <input
            id="bid-custom"
            data-testid="bid-custom-amount"
            inputMode="decimal"
            autoComplete="off"
            placeholder={t('bid.atLeastHint', { amount: formatYuan(minimum) })}
            value={custom}
            disabled={!canBid}
            onChange={(e) => onCustomChange(e.target.value)}
            aria-describedby="bid-feedback"
          />
          <button type="submit" className="btn btn-primary" data-testid="bid-custom-submit" disabled={!canBid || custom.trim() === ''} aria-describedby={canBid && custom.trim() === '' ? 'bid-custom-why' : undefined}>
            {t('room.customSubmit')}
          </button>
        </div>
        {canBid && custom.trim() === '' && <p id="bid-custom-why" className="small muted" data-testid="bid-custom-why">{t('bid.enterAmount')}</p>}
      </form>
      {disabledReason && <p className="room-reason" role="note" data-testid="bid-disabled-reason">{disabledReason}</p>}
    </div>
  );
}
