/** The lot form's preview of the server's checks: each bound of the A rules, satisfied or not, before submit. */
import { Decimal } from 'decimal.js';
import type { LotView } from '../../../../shared/api';
import { formatYuan, isMoneyString } from '../../../../shared/money';
import {
  announcementDays, checkAnnouncementPeriod, checkLotTerms, cstDate, DEPOSIT_MAX_RATIO, DEPOSIT_MIN_RATIO, FIRST_ROUND_MIN_STARTING_RATIO,
  MAX_BALANCE_DUE_DAYS, SELL_OFF_WINDOW_DAYS, type AssetKind, type Round,
} from '../../../../shared/rules';
import { formatDateTime, fromCstInput } from '../../format';
import { kindLabel, type T } from '../../i18n';
import { ruleText, type PreviewViolation } from '../../rule-text';
import { serverNow } from '../../server-clock';
import { cleanMoney } from '../../ui/money-input';
import {
  earliestPublishDate, earliestStartDate, secondRoundFloor, secondRoundLatestStart, SELL_OFF_WINDOW_MS, type Draft, type LotFormMode,
} from './lot-rules';

interface Bound { key: string; ok: boolean; text: string }

export function checkLot({ draft, mode, kind, round, reference, previous, t }: {
  draft: Draft; mode: LotFormMode; kind: AssetKind; round: Round; reference: string | null; previous: LotView | null; t: T;
}) {
  const asset = { kind };
  const now = new Date(serverNow());
  const money: Record<'startingPrice' | 'bidIncrement' | 'deposit', string | null> = { startingPrice: null, bidIncrement: null, deposit: null };
  for (const k of ['startingPrice', 'bidIncrement', 'deposit'] as const) {
    const v = cleanMoney(draft[k]);
    if (isMoneyString(v)) money[k] = v;
  }
  const startsIso = fromCstInput(draft.startsAt);
  let endsIso = fromCstInput(draft.endsAt);
  if (mode === 'sell_off' && startsIso) endsIso = new Date(Date.parse(startsIso) + SELL_OFF_WINDOW_MS).toISOString();
  const days = Number(draft.balanceDueDays);
  const daysOk = /^\d+$/.test(draft.balanceDueDays.trim());
  let violations: PreviewViolation[] = [];
  const ready = money.startingPrice !== null && money.bidIncrement !== null && money.deposit !== null && startsIso !== null && endsIso !== null && daysOk;
  const starting = money.startingPrice ? new Decimal(money.startingPrice) : null;
  if (ready) {
    violations = [
      ...checkLotTerms({
        round, startingPrice: money.startingPrice!, bidIncrement: money.bidIncrement!, deposit: money.deposit!,
        startsAt: new Date(startsIso!), endsAt: new Date(endsIso!), balanceDueDays: days, referencePrice: reference,
      }, now).filter((v) => !(mode === 'sell_off' && v.rule === 'BIDDING_PERIOD_TOO_LONG')),
    ];
    // A16 then A12/A26: notified today, published three clear days later, then the announcement period.
    const publishDate = earliestPublishDate(now);
    for (const v of checkAnnouncementPeriod(asset.kind, round, new Date(`${publishDate}T09:00:00+08:00`), new Date(startsIso!))) {
      violations.push({ ...v, rule: 'ANNOUNCEMENT_AFTER_NOTICE', params: { ...v.params, publishDate } });
    }
    if (announcementDays(asset.kind, round) === null && cstDate(new Date(startsIso!)) <= publishDate && Date.parse(startsIso!) > now.getTime()) {
      violations.push({ rule: 'START_AFTER_NOTICE', article: 'A16', message: '', params: { publishDate } });
    }
    // The bounds that depend on the previous lot, as the server checks them (A26).
    if (mode === 'second_round' && previous) {
      const floor = secondRoundFloor(previous.startingPrice);
      if (starting!.lt(floor)) {
        violations.push({ rule: 'SECOND_ROUND_CUT_OVER_20_PERCENT', article: 'A26', message: '', params: { minimum: floor.toFixed(2) } });
      }
      const latest = secondRoundLatestStart(previous);
      if (Date.parse(startsIso!) > latest.getTime()) {
        violations.push({ rule: 'SECOND_ROUND_TOO_LATE', article: 'A26', message: '', params: { latestStartsAt: latest.toISOString() } });
      }
    }
    if (mode === 'sell_off' && previous && !starting!.eq(previous.startingPrice)) {
      violations.push({ rule: 'SELL_OFF_PRICE', article: 'A26', message: '', params: { required: new Decimal(previous.startingPrice).toFixed(2) } });
    }
  }
  // Each bound, satisfied or not, explained before submit.
  const has = (...rules: string[]) => violations.filter((v) => rules.includes(v.rule));
  const bounds: Bound[] = [];
  const explain = (key: string, rules: string[], okText: string | null) => {
    const broken = has(...rules);
    if (broken.length) for (const v of broken) bounds.push({ key: `${key}-${v.rule}`, ok: false, text: ruleText(v, t) });
    else if (okText) bounds.push({ key, ok: true, text: okText });
  };
  explain('reference', ['REFERENCE_PRICE_REQUIRED'], null);
  if (mode === 'second_round' && previous) {
    const floor = secondRoundFloor(previous.startingPrice);
    explain('starting', ['SECOND_ROUND_CUT_OVER_20_PERCENT', 'STARTING_PRICE_POSITIVE'],
      t('bound.secondRoundFloor', { minimum: formatYuan(floor), previous: formatYuan(previous.startingPrice) }));
    const latest = secondRoundLatestStart(previous);
    explain('within30', ['SECOND_ROUND_TOO_LATE'], t('bound.secondRoundWithin', { latest: formatDateTime(latest) }));
  } else if (mode === 'sell_off' && previous) {
    explain('starting', ['SELL_OFF_PRICE', 'STARTING_PRICE_POSITIVE'], t('bound.sellOffPrice', { price: formatYuan(previous.startingPrice) }));
  } else if (reference) {
    const min = new Decimal(reference).mul(FIRST_ROUND_MIN_STARTING_RATIO).toDecimalPlaces(2, Decimal.ROUND_UP);
    explain('starting', ['STARTING_PRICE_BELOW_70_PERCENT', 'STARTING_PRICE_POSITIVE'], t('bound.starting', { minimum: formatYuan(min), reference: formatYuan(reference) }));
  } else {
    explain('starting', ['STARTING_PRICE_POSITIVE'], null);
  }
  if (starting && starting.gt(0)) {
    const dmin = starting.mul(DEPOSIT_MIN_RATIO).toDecimalPlaces(2, Decimal.ROUND_UP);
    const dmax = starting.mul(DEPOSIT_MAX_RATIO).toDecimalPlaces(2, Decimal.ROUND_DOWN);
    explain('deposit', ['DEPOSIT_OUT_OF_RANGE'], t('bound.deposit', { minimum: formatYuan(dmin), maximum: formatYuan(dmax) }));
    explain('increment', ['BID_INCREMENT_POSITIVE', 'BID_INCREMENT_TOO_LARGE'], t('bound.increment', { maximum: formatYuan(starting) }));
  } else {
    explain('deposit', ['DEPOSIT_OUT_OF_RANGE'], null);
    explain('increment', ['BID_INCREMENT_POSITIVE', 'BID_INCREMENT_TOO_LARGE'], null);
  }
  if (mode === 'sell_off') {
    explain('period', ['BIDDING_PERIOD_TOO_SHORT'], t('bound.sellOffWindow', { days: SELL_OFF_WINDOW_DAYS, end: endsIso ? formatDateTime(endsIso) : '—' }));
  } else {
    explain('period', ['BIDDING_PERIOD_TOO_SHORT', 'BIDDING_PERIOD_TOO_LONG'], t('bound.period'));
  }
  const annDays = announcementDays(asset.kind, round);
  const publishDate = earliestPublishDate(now);
  explain('announcement', ['ANNOUNCEMENT_AFTER_NOTICE', 'START_AFTER_NOTICE', 'START_IN_PAST'],
    annDays === null
      ? t('bound.sellOffNoAnnouncement', { publish: publishDate })
      : t('bound.announcementNotice', { publish: publishDate, days: annDays, kind: kindLabel(t, asset.kind), date: earliestStartDate(asset.kind, round, now), article: round === 1 ? 'A12' : 'A26' }));
  explain('balance', ['BALANCE_DUE_DAYS_OUT_OF_RANGE'], t('bound.balance', { max: MAX_BALANCE_DUE_DAYS }));
  if (mode === 're_auction') bounds.push({ key: 'defaulter', ok: true, text: t('bound.defaulterBarred') });
  return { violations, bounds, ready, startsIso, endsIso, money, days };
}
