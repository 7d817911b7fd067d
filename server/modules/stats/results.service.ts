import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { idString } from '../../../shared/contract/common';
import type { courtList, resultItem, resultList, resultsQuery } from '../../../shared/contract/stats';
import { maskIdNumber } from '../../../shared/mask';
import type { Db } from '../../platform/db/index';
import { isMicrosecondTime, opaqueCursor } from '../../platform/cursor';
import { countResults, courtsWithResults, finishedResults, matchesMoreThan, type ResultRow, type ResultsFilter, type ResultsKey } from './results.repository';
import { startOfDayUtc8 } from './stats.service';

type ResultsQuery = z.infer<typeof resultsQuery>;
type ResultItem = z.infer<typeof resultItem>;
type ResultList = z.infer<typeof resultList>;

export const RESULTS_PAGE_DEFAULT = 50;
/** The CSV holds every matching row up to this many, newest first; the answer says when it stopped there. */
export const RESULTS_CSV_CAP = 50_000;
/** The cap on the embedded engine, whose queries run on the server's own thread. */
export const EMBEDDED_RESULTS_CSV_CAP = 20_000;
const CSV_BATCH = 1_000;

/** The cursor is opaque to clients: base64url of `{"t": close time with microseconds, "i": lot id}`. */
const cursorKey = z.strictObject({
  t: z.string().refine(isMicrosecondTime, 'not a close time'),
  i: idString,
});
const cursors = opaqueCursor(cursorKey);

export function encodeCursor(key: ResultsKey): string {
  return cursors.encode({ t: key.closedAt, i: key.lotId });
}

export function decodeCursor(cursor: string): ResultsKey {
  const k = cursors.decode(cursor);
  return { closedAt: k.t, lotId: k.i };
}

const money = (v: string) => new Decimal(v).toFixed(2);

/** (price − base) ÷ base as a signed rate with four places, rounded half up once; null without a base. */
function premium(price: string, base: string | null): string | null {
  if (base === null) return null;
  const b = new Decimal(base);
  if (b.lte(0)) return null;
  const r = new Decimal(price).minus(b).div(b).toDecimalPlaces(4, Decimal.ROUND_HALF_UP);
  return r.isZero() ? '0.0000' : r.toFixed(4);
}

function toItem(r: ResultRow): ResultItem {
  const outcome = r.status as ResultItem['outcome'];
  const sold = outcome === 'sold';
  const finalPrice = outcome !== 'unsold' && r.finalPrice !== null ? money(r.finalPrice) : null;
  return {
    lotId: r.lotId,
    title: r.title,
    court: r.court,
    caseNumber: r.caseNumber,
    kind: r.kind as ResultItem['kind'],
    round: r.round as ResultItem['round'],
    outcome,
    closedAt: r.closedAt.toISOString(),
    startingPrice: money(r.startingPrice),
    referencePrice: r.referencePrice === null ? null : money(r.referencePrice),
    finalPrice,
    premiumOverStarting: finalPrice === null ? null : premium(finalPrice, r.startingPrice),
    premiumOverReference: finalPrice === null ? null : premium(finalPrice, r.referencePrice),
    bidCount: r.bidCount,
    winnerCode: outcome !== 'unsold' ? r.winnerCode : null,
    // Only a sold lot's buyer is named (A22); the ID number never leaves unmasked.
    buyerName: sold ? r.buyerName : null,
    buyerIdMasked: sold ? maskIdNumber(r.buyerIdNumber) : null,
  };
}

function filterOf(q: ResultsQuery): ResultsFilter {
  return {
    from: q.from ? startOfDayUtc8(q.from) : undefined,
    to: q.to ? startOfDayUtc8(q.to) : undefined,
    court: q.court, kind: q.kind, outcome: q.outcome, q: q.q,
  };
}

/** `csvCap` and `csvBatch` are for tests that check the cap and the batching without 50,000 lots. */
export function resultsService(db: Db, opts: { csvCap?: number; csvBatch?: number } = {}) {
  const csvCap = opts.csvCap ?? RESULTS_CSV_CAP;
  const csvBatch = opts.csvBatch ?? CSV_BATCH;
  /**
   * Every matching row of every page (from the cursor on, when one is given), up to the cap, batch by
   * batch: `truncated` is known before the first batch (so an answer can say it in a header), and the
   * event loop gets a turn between batches, so an export never holds the process for longer than one batch.
   */
  async function exportRows(q: ResultsQuery): Promise<{ truncated: boolean; batches: AsyncGenerator<ResultItem[]> }> {
    const filter = filterOf(q);
    const start = q.cursor ? decodeCursor(q.cursor) : null;
    const truncated = await matchesMoreThan(db, filter, start, csvCap);
    async function* batches(): AsyncGenerator<ResultItem[]> {
      let after = start;
      let sent = 0;
      while (sent < csvCap) {
        const want = Math.min(csvBatch, csvCap - sent);
        const rows = await finishedResults(db, filter, after, want);
        if (rows.length > 0) yield rows.map(toItem);
        sent += rows.length;
        const last = rows.at(-1);
        if (rows.length < want || !last) return;
        after = { closedAt: last.closedAtKey, lotId: last.lotId };
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    return { truncated, batches: batches() };
  }

  return {
    /** One page, newest close first, and the cursor of the next page (null on the last). */
    async page(q: ResultsQuery): Promise<ResultList> {
      const limit = q.limit ?? RESULTS_PAGE_DEFAULT;
      const after = q.cursor ? decodeCursor(q.cursor) : null;
      const filter = filterOf(q);
      const rows = await finishedResults(db, filter, after, limit + 1);
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      const more = rows.length > limit;
      return {
        items: page.map(toItem),
        nextCursor: more && last ? encodeCursor({ closedAt: last.closedAtKey, lotId: last.lotId }) : null,
        // a first page that holds everything counts itself; otherwise the same filters are counted
        total: after ? null : more ? await countResults(db, filter) : page.length,
      };
    },

    /** The most rows an export holds. */
    csvCap,
    export: exportRows,

    /** Every matching row at once, up to the cap; `truncated` when more matched. */
    async all(q: ResultsQuery): Promise<{ items: ResultItem[]; truncated: boolean }> {
      const { truncated, batches } = await exportRows(q);
      const items: ResultItem[] = [];
      for await (const b of batches) items.push(...b);
      return { items, truncated };
    },

    async courts(): Promise<z.infer<typeof courtList>> {
      return courtsWithResults(db);
    },
  };
}

export type ResultsService = ReturnType<typeof resultsService>;
