import { Router } from 'express';
import { statsQuery } from '../../../shared/contract/stats';
import type { StatsFigures } from '../../../shared/stats';
import { toCsv } from '../../platform/csv';
import { parse } from '../../platform/validate';
import type { StatsService } from './stats.service';
import { inLang, ZH_VALUES, type CsvLang } from './results.routes';

/** Every figure of the answer, in its order, as CSV columns; the unsold rate by round is three columns. */
/** The API's key, the Chinese header, the cell. */
const COLUMNS: Array<[string, string, (f: StatsFigures) => string | number]> = [
  ['lotsFinished', '结束场次', (f) => f.lotsFinished],
  ['lotsSold', '成交场次', (f) => f.lotsSold],
  ['lotsDefaulted', '悔拍场次', (f) => f.lotsDefaulted],
  ['successRate', '成交率', (f) => f.successRate],
  ['turnover', '成交额', (f) => f.turnover],
  ['startingTotal', '起拍价合计', (f) => f.startingTotal],
  ['referenceTotal', '参考价合计', (f) => f.referenceTotal],
  ['premiumOverStarting', '溢价率（以起拍价计）', (f) => f.premiumOverStarting],
  ['premiumOverReference', '溢价率（以参考价计）', (f) => f.premiumOverReference],
  ['realisationRate', '变现率', (f) => f.realisationRate],
  ['commissionSaved', '节省佣金', (f) => f.commissionSaved],
  ['commissionShareOfTurnover', '节省佣金占成交额比例', (f) => f.commissionShareOfTurnover],
  ['unsoldRateRound1', '一拍流拍率', (f) => f.unsoldRateByRound['1']],
  ['unsoldRateRound2', '二拍流拍率', (f) => f.unsoldRateByRound['2']],
  ['unsoldRateSellOff', '变卖流拍率', (f) => f.unsoldRateByRound.sell_off],
  ['biddersPerLot', '场均竞买人数', (f) => f.biddersPerLot],
  ['bidsPerLot', '场均出价次数', (f) => f.bidsPerLot],
  ['extensionsPerLot', '场均延时次数', (f) => f.extensionsPerLot],
  ['loserDepositsRefundedWithin24hShare', '未竞得保证金24小时内退还比例', (f) => f.loserDepositsRefundedWithin24hShare],
];

/**
 * The figures as a file: a header, one row for the total (group "total", no key), then one row per group
 * when `groupBy` is given (group = the grouping, key = the court, kind, month or round).
 */
const ZH_GROUPS: Record<string, string> = { total: '合计', court: '法院', kind: '标的类型', month: '月份', round: '轮次' };

/** A group's key as the reader's language names it: kinds and rounds in Chinese words, courts and months as they are. */
function keyIn(lang: CsvLang, groupBy: string, key: string): string {
  if (groupBy === 'kind') return inLang(lang, ZH_VALUES.kind, key);
  if (groupBy === 'round') return inLang(lang, ZH_VALUES.round, key);
  return key;
}

/**
 * With `lang` zh the header row and the group words are Chinese; the file starts with a byte order mark so
 * that Excel on Chinese Windows reads it as UTF-8.
 */
export function statsCsv(view: StatsFigures & { groups?: Array<StatsFigures & { key: string }> }, groupBy: string | undefined, lang: CsvLang = 'en'): string {
  const group = (g: string) => (lang === 'zh' ? ZH_GROUPS[g] ?? g : g);
  const row = (g: string, key: string, f: StatsFigures) => [group(g), key, ...COLUMNS.map(([, , get]) => get(f))];
  return toCsv([
    lang === 'zh' ? ['分组', '项目', ...COLUMNS.map(([, zh]) => zh)] : ['group', 'key', ...COLUMNS.map(([name]) => name)],
    row('total', '', view),
    ...(groupBy ? (view.groups ?? []).map((g) => row(groupBy, keyIn(lang, groupBy, g.key), g)) : []),
  ], { bom: true });
}

/** "stats_<court or all-courts>_<kind>_<from>_<to>_by-month.csv": the file says which filter made it. */
function csvName(q: { court?: string; kind?: string; round?: string; from?: string; to?: string; groupBy?: string }): string {
  const parts = ['stats', q.court ?? 'all-courts', q.kind, q.round && `round-${q.round}`, q.from && `from-${q.from}`, q.to && `to-${q.to}`, q.groupBy && `by-${q.groupBy}`];
  return `${parts.filter(Boolean).join('_').replace(/[\\/:*?"<>|\s]+/g, '-')}.csv`;
}

/** Public statistics: anyone may read them, no session needed. `?format=csv` gives the same figures as a file. */
export function statsRoutes(stats: StatsService): Router {
  const r = Router();
  r.get('/stats', async (req, res) => {
    const q = parse(statsQuery, req.query, 'query');
    const view = await stats.stats(q);
    if (q.format === 'csv') {
      // attachment() encodes a court's Chinese name as RFC 5987 filename* with an ASCII fallback
      res.attachment(csvName(q)).type('text/csv; charset=utf-8').send(statsCsv(view, q.groupBy, q.lang));
      return;
    }
    res.json(view);
  });
  return r;
}
