import { useMemo, useSyncExternalStore } from 'react';
import type { EChartsCoreOption } from 'echarts/core';
import { Decimal } from 'decimal.js';
import { roundLabel, useI18n } from '../../../i18n';
import { Money } from '../../../ui/money';
import { TableHead } from '../../../ui/table-head';
import { monthsOf, type StatsFilters, type StatsFiguresView, type StatsGroup } from '../api';
import { axisYuan, monthLabel, percent, plot } from '../format';
import { StatsChart } from './chart';

const NAVY = '#1f2a44';
const RED = '#a3262a';
const AMBER = '#b86e00';
const GREEN = '#17643a';
const TEXT = '#1c1f26';
const MUTED = '#585d68';
const AXIS = { axisLabel: { color: MUTED }, axisLine: { lineStyle: { color: '#cfc8bb' } } };
const SPLIT = { splitLine: { lineStyle: { color: '#efebe3' } } };
const LEGEND = { top: 0, textStyle: { color: TEXT } };
const ROUNDS = ['1', '2', 'sell_off'] as const;

const PHONE = '(max-width: 600px)';
/** Whether the screen is phone-narrow: the charts then stack their legend and shorten their labels. */
function useNarrow(): boolean {
  return useSyncExternalStore((onChange) => {
    const m = window.matchMedia(PHONE);
    m.addEventListener('change', onChange);
    return () => m.removeEventListener('change', onChange);
  }, () => window.matchMedia(PHONE).matches);
}

/** The figures of a group that finished nothing: what the server answers for an empty period. */
export function zeroFigures(): StatsFiguresView {
  const r = '0.0000';
  return {
    lotsFinished: 0, lotsSold: 0, lotsDefaulted: 0, successRate: r, turnover: '0.00', startingTotal: '0.00', referenceTotal: '0.00',
    premiumOverStarting: r, premiumOverReference: r, realisationRate: r, commissionSaved: '0.00', commissionShareOfTurnover: r,
    unsoldRateByRound: { '1': r, '2': r, sell_off: r }, biddersPerLot: r, bidsPerLot: r, extensionsPerLot: r, loserDepositsRefundedWithin24hShare: r,
  };
}

/** Every month of the period in order, a month with no finished auction as zeros. */
export function monthRows(filters: StatsFilters, groups: StatsGroup[]): StatsGroup[] {
  const byKey = new Map(groups.map((g) => [g.key, g]));
  const months = monthsOf(filters.from, filters.to);
  const rows = months.map((key) => byKey.get(key) ?? { ...zeroFigures(), key });
  // a period longer than the cap: the months that did finish something are still all shown
  for (const g of groups) if (!months.includes(g.key)) rows.push(g);
  return rows.sort((a, b) => a.key.localeCompare(b.key));
}

const pctValue = (rate: string) => plot(new Decimal(rate).times(100).toFixed(2));
/** A premium is over sold auctions: a month that sold nothing has none, and the line leaves a gap there. */
const premiumValue = (r: StatsFiguresView, rate: string) => (r.lotsSold === 0 ? null : pctValue(rate));
const pctTip = (v: number | null) => (v === null || v === undefined ? '—' : `${v.toFixed(2)}%`);

/** Turnover (bars, left axis) and the two premium rates (lines, right axis) by month. */
export function MonthChart({ filters, groups }: { filters: StatsFilters; groups: StatsGroup[] }) {
  const { t, lang } = useI18n();
  const narrow = useNarrow();
  const rows = useMemo(() => monthRows(filters, groups), [filters, groups]);
  const option = useMemo<EChartsCoreOption>(() => ({
    color: [NAVY, RED, AMBER],
    tooltip: { trigger: 'axis', confine: true },
    legend: narrow ? { ...LEGEND, orient: 'vertical', left: 0 } : LEGEND,
    grid: { left: 8, right: 8, top: narrow ? 112 : 56, bottom: 8 },
    xAxis: { type: 'category', data: rows.map((r) => monthLabel(r.key, lang)), ...AXIS },
    yAxis: [
      { type: 'value', name: t('stats.axis.turnover'), nameTextStyle: { color: MUTED, align: 'left' }, axisLabel: { color: MUTED, formatter: (v: number) => axisYuan(v, lang) }, ...SPLIT },
      { type: 'value', name: t('stats.axis.premium'), nameTextStyle: { color: MUTED, align: 'right' }, axisLabel: { color: MUTED, formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      { type: 'bar', name: t('stats.fig.turnover'), data: rows.map((r) => plot(r.turnover)), barMaxWidth: 36, tooltip: { valueFormatter: (v: number) => axisYuan(v, lang) } },
      { type: 'line', name: t('stats.fig.premiumOverStarting'), yAxisIndex: 1, data: rows.map((r) => premiumValue(r, r.premiumOverStarting)), symbolSize: 7, tooltip: { valueFormatter: pctTip } },
      { type: 'line', name: t('stats.fig.premiumOverReference'), yAxisIndex: 1, data: rows.map((r) => premiumValue(r, r.premiumOverReference)), symbolSize: 7, lineStyle: { type: 'dashed' }, tooltip: { valueFormatter: pctTip } },
    ],
  }), [rows, lang, t, narrow]);
  return (
    <StatsChart id="stats-chart-month" testId="stats-chart-month" title={t('stats.chart.month')} note={t('stats.chart.monthNote')} option={option} height={narrow ? 380 : 340}
      table={(
        <table className="table">
          <caption className="visually-hidden">{t('stats.chart.month')}</caption>
          <TableHead columns={[t('stats.col.month'), { label: t('stats.fig.lotsFinished'), num: true }, { label: t('stats.fig.lotsSold'), num: true }, { label: t('stats.fig.turnover'), num: true },
            { label: t('stats.fig.premiumOverStarting'), num: true }, { label: t('stats.fig.premiumOverReference'), num: true }]} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="stats-month-row" data-month={r.key}>
                <th scope="row">{monthLabel(r.key, lang)}</th>
                <td className="num">{r.lotsFinished}</td>
                <td className="num">{r.lotsSold}</td>
                <td className="num"><Money value={r.turnover} showWan={false} /></td>
                <td className="num">{percent(r.premiumOverStarting)}</td>
                <td className="num">{percent(r.premiumOverReference)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )} />
  );
}

/** Success and unsold rates of each round (a defaulted sale is neither, so the two need not add up to 100%). */
export function RoundChart({ groups }: { groups: StatsGroup[] }) {
  const { t, lang } = useI18n();
  const narrow = useNarrow();
  const rows = useMemo(() => ROUNDS.map((key) => groups.find((g) => g.key === key) ?? { ...zeroFigures(), key }), [groups]);
  const label = (key: string) => roundLabel(t, key === 'sell_off' ? 'sell_off' : (Number(key) as 1 | 2));
  const option = useMemo<EChartsCoreOption>(() => ({
    color: [GREEN, RED],
    tooltip: { trigger: 'axis', confine: true, valueFormatter: (v: number) => `${v.toFixed(2)}%` },
    legend: LEGEND,
    grid: { left: 8, right: 8, top: 48, bottom: 8 },
    // every round named, wrapped rather than dropped on a phone
    xAxis: { type: 'category', data: rows.map((r) => label(r.key)), axisLabel: { color: MUTED, interval: 0, width: narrow ? 96 : 200, overflow: 'break' }, axisLine: AXIS.axisLine },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: MUTED, formatter: '{value}%' }, ...SPLIT },
    series: [
      { type: 'bar', name: t('stats.fig.successRate'), data: rows.map((r) => pctValue(r.successRate)), barMaxWidth: 40 },
      { type: 'bar', name: t('stats.fig.unsoldRate'), data: rows.map((r) => pctValue(r.unsoldRateByRound[r.key as (typeof ROUNDS)[number]])), barMaxWidth: 40 },
    ],
  }), [rows, lang, t, narrow]);
  return (
    <StatsChart id="stats-chart-round" testId="stats-chart-round" title={t('stats.chart.round')} note={t('stats.chart.roundNote')} option={option} height={280}
      table={(
        <table className="table">
          <caption className="visually-hidden">{t('stats.chart.round')}</caption>
          <TableHead columns={[t('stats.col.round'), { label: t('stats.fig.lotsFinished'), num: true }, { label: t('stats.fig.lotsSold'), num: true },
            { label: t('stats.fig.successRate'), num: true }, { label: t('stats.fig.unsoldRate'), num: true }]} />
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="stats-round-row" data-round={r.key}>
                <th scope="row">{label(r.key)}</th>
                <td className="num">{r.lotsFinished}</td>
                <td className="num">{r.lotsSold}</td>
                <td className="num">{percent(r.successRate)}</td>
                <td className="num">{percent(r.unsoldRateByRound[r.key as (typeof ROUNDS)[number]])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )} />
  );
}

const TOP_COURTS = 10;

/** Commission saved by court, the largest on top; the table lists every court. */
export function CourtChart({ groups }: { groups: StatsGroup[] }) {
  const { t, lang } = useI18n();
  const narrow = useNarrow();
  const sorted = useMemo(() => [...groups].sort((a, b) => new Decimal(b.commissionSaved).comparedTo(new Decimal(a.commissionSaved)) || a.key.localeCompare(b.key)), [groups]);
  const top = sorted.slice(0, TOP_COURTS).reverse();
  const option = useMemo<EChartsCoreOption>(() => ({
    color: [RED],
    tooltip: { trigger: 'axis', confine: true, axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => axisYuan(v, lang) },
    grid: { left: 8, right: 24, top: 8, bottom: 8 },
    xAxis: { type: 'value', splitNumber: narrow ? 3 : 5, axisLabel: { color: MUTED, formatter: (v: number) => axisYuan(v, lang) }, ...SPLIT },
    yAxis: { type: 'category', data: top.map((g) => g.key), axisLabel: { color: TEXT, width: narrow ? 96 : 220, overflow: 'truncate' }, axisLine: AXIS.axisLine },
    series: [{ type: 'bar', name: t('stats.fig.commissionSaved'), data: top.map((g) => plot(g.commissionSaved)), barMaxWidth: 24 }],
  }), [top, lang, t, narrow]);
  return (
    <StatsChart id="stats-chart-court" testId="stats-chart-court" title={t('stats.chart.court')}
      note={sorted.length > TOP_COURTS ? t('stats.chart.courtTop', { n: TOP_COURTS, total: sorted.length }) : undefined}
      option={option} height={Math.max(160, 48 + 36 * Math.max(1, top.length))}
      table={(
        <table className="table">
          <caption className="visually-hidden">{t('stats.chart.court')}</caption>
          <TableHead columns={[t('stats.col.court'), { label: t('stats.fig.lotsFinished'), num: true }, { label: t('stats.fig.lotsSold'), num: true }, { label: t('stats.fig.turnover'), num: true },
            { label: t('stats.fig.commissionSaved'), num: true }, { label: t('stats.fig.commissionShare'), num: true }]} />
          <tbody>
            {sorted.map((g) => (
              <tr key={g.key} data-testid="stats-court-row">
                <th scope="row">{g.key}</th>
                <td className="num">{g.lotsFinished}</td>
                <td className="num">{g.lotsSold}</td>
                <td className="num"><Money value={g.turnover} showWan={false} /></td>
                <td className="num"><Money value={g.commissionSaved} showWan={false} /></td>
                <td className="num">{percent(g.commissionShareOfTurnover)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )} />
  );
}
