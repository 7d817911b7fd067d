import type { ReactNode } from 'react';
import { formatWanYi, formatYuan } from '../../../../../shared/money';
import { useI18n } from '../../../i18n';
import { Money } from '../../../ui/money';
import type { StatsFiguresView } from '../api';
import { percent, perLot } from '../format';

function Figure({ label, testId, value, sub, wide }: { label: string; testId: string; value: ReactNode; sub?: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'stats-figure stats-figure-wide' : 'stats-figure'} data-testid={testId}>
      <dt>{label}</dt>
      <dd>
        <span className="stats-figure-value" data-testid={`${testId}-value`}>{value}</span>
        {sub && <span className="stats-figure-sub">{sub}</span>}
      </dd>
    </div>
  );
}

/**
 * A sum of the period, however large (a province's ¥14,280,000,000.00): in Chinese the 亿/万 form first and the
 * exact figure beneath it, in English the exact figure; the type shrinks with the card and the figure may
 * wrap at its separators rather than spill out of the card.
 */
function BigMoney({ value, testId }: { value: string; testId: string }) {
  const { lang } = useI18n();
  const wan = lang === 'zh' ? formatWanYi(value) : null;
  return (
    <span className="stats-money">
      {wan && <span className="stats-money-wan" data-testid={`${testId}-wan`}>{wan}</span>}
      <span className={`money-figure ${wan ? 'stats-money-exact' : 'stats-money-main'}`} data-testid={testId}>{formatYuan(value)}</span>
    </span>
  );
}

/** The headline figures of the period, each with the base it is over. */
export function Headline({ f }: { f: StatsFiguresView }) {
  const { t } = useI18n();
  const unsold = f.lotsFinished - f.lotsSold - f.lotsDefaulted;
  return (
    <dl className="stats-figures" data-testid="stats-headline">
      <Figure label={t('stats.fig.lotsFinished')} testId="stat-lotsFinished" value={f.lotsFinished}
        sub={t('stats.fig.lotsFinishedSub', { sold: f.lotsSold, unsold, defaulted: f.lotsDefaulted })} />
      <Figure label={t('stats.fig.lotsSold')} testId="stat-lotsSold" value={f.lotsSold} />
      <Figure label={t('stats.fig.successRate')} testId="stat-successRate" value={percent(f.successRate)} sub={t('stats.fig.successRateSub')} />
      <Figure label={t('stats.fig.turnover')} testId="stat-turnover" wide value={<BigMoney value={f.turnover} testId="stat-turnover-figure" />} sub={t('stats.fig.turnoverSub')} />
      <Figure label={t('stats.fig.premiumOverStarting')} testId="stat-premiumOverStarting" value={percent(f.premiumOverStarting)}
        sub={<>{t('stats.fig.premiumOverStartingSub')} <Money value={f.startingTotal} showWan={false} /></>} />
      <Figure label={t('stats.fig.premiumOverReference')} testId="stat-premiumOverReference" value={percent(f.premiumOverReference)}
        sub={<>{t('stats.fig.premiumOverReferenceSub')} <Money value={f.referenceTotal} showWan={false} /></>} />
      <Figure label={t('stats.fig.commissionSaved')} testId="stat-commissionSaved" wide value={<BigMoney value={f.commissionSaved} testId="stat-commissionSaved-figure" />}
        sub={t('stats.fig.commissionShareSub', { share: percent(f.commissionShareOfTurnover) })} />
      <Figure label={t('stats.fig.realisationRate')} testId="stat-realisationRate" value={percent(f.realisationRate)} sub={t('stats.fig.realisationRateSub')} />
      <Figure label={t('stats.fig.perLot')} testId="stat-perLot"
        value={<span className="stats-perlot">
          <span data-testid="stat-biddersPerLot">{t('stats.fig.bidders', { n: perLot(f.biddersPerLot) })}</span>
          <span data-testid="stat-bidsPerLot">{t('stats.fig.bids', { n: perLot(f.bidsPerLot) })}</span>
          <span data-testid="stat-extensionsPerLot">{t('stats.fig.extensions', { n: perLot(f.extensionsPerLot) })}</span>
        </span>} />
      <Figure label={t('stats.fig.refunds24h')} testId="stat-refunds24h" value={percent(f.loserDepositsRefundedWithin24hShare)} sub={t('stats.fig.refunds24hSub')} />
    </dl>
  );
}
