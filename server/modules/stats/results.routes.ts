import { Router, type Response } from 'express';
import { resultsQuery } from '../../../shared/contract/stats';
import { toCsv } from '../../platform/csv';
import { parse } from '../../platform/validate';
import { semaphore } from './public-limits';
import { type ResultsService } from './results.service';

type Item = Awaited<ReturnType<ResultsService['page']>>['items'][number];

const UTC8_MS = 8 * 60 * 60 * 1000;
/** "2026-12-01T10:00:00+08:00": the court's wall clock, with its zone, readable in a spreadsheet. */
const utc8 = (iso: string) => `${new Date(Date.parse(iso) + UTC8_MS).toISOString().slice(0, 19)}+08:00`;

export type CsvLang = 'en' | 'zh';

/** Enumerated values as a Chinese reader knows them; the English file keeps the API's keys. */
export const ZH_VALUES = {
  outcome: { sold: '成交', unsold: '流拍', defaulted: '悔拍' } as Record<string, string>,
  round: { '1': '一拍', '2': '二拍', sell_off: '变卖' } as Record<string, string>,
  kind: { movable: '动产', immovable: '不动产', property_right: '财产权利' } as Record<string, string>,
};
export const inLang = (lang: CsvLang, values: Record<string, string>, v: string) => (lang === 'zh' ? values[v] ?? v : v);

/** The API's key, the Chinese header, the cell. */
const COLUMNS: Array<[string, string, (i: Item, lang: CsvLang) => string | number | null]> = [
  ['lotId', '拍卖编号', (i) => i.lotId],
  ['title', '标的名称', (i) => i.title],
  ['court', '法院', (i) => i.court],
  ['caseNumber', '案号', (i) => i.caseNumber],
  ['kind', '标的类型', (i, l) => inLang(l, ZH_VALUES.kind, i.kind)],
  ['round', '轮次', (i, l) => inLang(l, ZH_VALUES.round, i.round)],
  ['outcome', '结果', (i, l) => inLang(l, ZH_VALUES.outcome, i.outcome)],
  ['closedAt', '结束时间', (i) => utc8(i.closedAt)],
  ['startingPrice', '起拍价', (i) => i.startingPrice],
  ['referencePrice', '参考价', (i) => i.referencePrice],
  ['finalPrice', '成交价', (i) => i.finalPrice],
  ['premiumOverStarting', '溢价率（以起拍价计）', (i) => i.premiumOverStarting],
  ['premiumOverReference', '溢价率（以参考价计）', (i) => i.premiumOverReference],
  ['bidCount', '出价次数', (i) => i.bidCount],
  ['winnerCode', '竞得竞买号', (i) => i.winnerCode],
  ['buyerName', '买受人', (i) => i.buyerName],
  ['buyerIdMasked', '买受人证件号（部分隐去）', (i) => i.buyerIdMasked],
];

/** The rows as a file with a byte order mark (Excel on Chinese Windows reads it as UTF-8); headers and values in `lang`. */
export function resultsCsv(items: Item[], lang: CsvLang = 'en'): string {
  const header = COLUMNS.map(([key, zh]) => (lang === 'zh' ? zh : key));
  return toCsv([header, ...items.map((i) => COLUMNS.map(([, , get]) => get(i, lang)))], { bom: true });
}

/** The header row (with the byte order mark), then each batch's rows as they are read; stops when the client goes away. */
async function writeCsv(res: Response, batches: AsyncGenerator<Item[]>, lang: CsvLang): Promise<void> {
  const header = COLUMNS.map(([key, zh]) => (lang === 'zh' ? zh : key));
  const write = async (chunk: string) => {
    if (!res.write(chunk)) await new Promise<void>((resolve) => { res.once('drain', resolve); res.once('close', resolve); });
  };
  await write(toCsv([header], { bom: true }));
  try {
    for await (const items of batches) {
      if (res.destroyed) {
        await batches.return(undefined);
        return;
      }
      await write(toCsv(items.map((i) => COLUMNS.map(([, , get]) => get(i, lang)))));
    }
  } catch (err) {
    // The status line is gone: a file cut short must not look complete, so the connection is dropped.
    res.destroy(err as Error);
    return;
  }
  res.end();
}

/** "results_<court or all-courts>_<outcome>_<from>_<to>.csv": the file says which filter made it. */
function csvName(q: { court?: string; kind?: string; outcome?: string; from?: string; to?: string }): string {
  const parts = ['results', q.court ?? 'all-courts', q.kind, q.outcome, q.from && `from-${q.from}`, q.to && `to-${q.to}`];
  return `${parts.filter(Boolean).join('_').replace(/[\\/:*?"<>|\s]+/g, '-')}.csv`;
}

/**
 * Results (成交公示), public: one page of finished auctions with the cursor of the next, or with
 * `?format=csv` every matching row (up to RESULTS_CSV_CAP, newest first; `X-Results-Truncated` says when
 * more matched); and the courts that have results, for the search form.
 */
export function resultsRoutes(results: ResultsService): Router {
  const r = Router();
  // Two exports at a time per process; a third waits up to 2 s for a turn, else 429 with Retry-After.
  const exports = semaphore(2, { waitMs: 2_000, queue: 4, retryAfterMs: 5_000 });
  r.get('/results', async (req, res) => {
    const q = parse(resultsQuery, req.query, 'query');
    if (q.format === 'csv') {
      await exports.run(async () => {
        const { truncated, batches } = await results.export(q);
        if (truncated) res.setHeader('X-Results-Truncated', String(results.csvCap));
        res.attachment(csvName(q)).type('text/csv; charset=utf-8');
        // Written batch by batch as the rows come, never the whole file in memory.
        await writeCsv(res, batches, q.lang ?? 'en');
      });
      return;
    }
    res.json(await results.page(q));
  });
  r.get('/stats/courts', async (_req, res) => {
    res.json(await results.courts());
  });
  return r;
}
