import type { LotView } from '../../../../../shared/api';
import { formatYuan } from '../../../../../shared/money';
import { useI18n } from '../../../i18n';

/** 竞买须知: the terms a bidder accepts when registering, with this lot's figures filled in. */
export function BiddingNotice({ lot, compact }: { lot: LotView; compact?: boolean }) {
  const { t } = useI18n();
  const items = [
    t('notice.deposit', { deposit: formatYuan(lot.deposit) }),
    t('notice.anonymity'),
    t('notice.bidding', { starting: formatYuan(lot.startingPrice), increment: formatYuan(lot.bidIncrement) }),
    t('notice.extension'),
    t('notice.balance', { days: lot.balanceDueDays }),
    t('notice.asIs'),
    t('notice.staff'),
  ];
  return (
    <ol className={`notice-list${compact ? ' notice-compact' : ''}`}>
      {items.map((text, i) => <li key={i}>{text}</li>)}
    </ol>
  );
}
