import { Decimal } from 'decimal.js';
import type { SQL } from 'drizzle-orm';
import type { LotView } from '../../../shared/api';
import { resumeDueBy } from '../../../shared/rules';
import { missingDisclosure, readDisclosure } from '../../../shared/disclosure';
import type { Db } from '../../platform/db/index';
import { z } from 'zod';
import { idString } from '../../../shared/contract/common';
import { isMicrosecondTime, opaqueCursor } from '../../platform/cursor';
import { validationFailed } from '../../platform/errors';
import * as repo from './lot-view.repository';
import { roundOf } from './lots.repository';

export { lotFilters, lotsInStatus } from './lot-view.repository';

function disclosureOf(stored: unknown) {
  const disclosure = readDisclosure(stored);
  return { disclosure, disclosureMissing: missingDisclosure(disclosure) };
}

const m = (v: string | null) => (v === null ? null : new Decimal(v).toFixed(2));

type ViewRow = Awaited<ReturnType<typeof repo.lotViewRows>>[number];

/**
 * Lots as the public sees them. Only bidder codes appear: no user id, name or registration id leaves
 * this function, whoever asks (A18).
 */
export async function loadLotViews(db: Db, where: SQL | undefined, opts: { withBids: boolean; limit?: number; holidays: ReadonlySet<string> }): Promise<LotView[]> {
  const rows = await repo.lotViewRows(db, where, opts.limit ?? 200);
  return toViews(db, rows, opts);
}

/** The cursor of a lot list: the order's name, the last row's keys as text, and its id. */
const listCursor = opaqueCursor(z.strictObject({
  s: z.enum(Object.keys(repo.LIST_ORDERS) as [repo.ListOrderName, ...repo.ListOrderName[]]),
  k: z.array(z.string().max(40)).min(1).max(2),
  i: idString,
}));
const KEY_TEXT: Record<string, (v: string) => boolean> = {
  timestamptz: isMicrosecondTime,
  numeric: (v) => /^-?\d{1,18}(\.\d{1,6})?$/.test(v),
  int: (v) => /^[0-9]$/.test(v),
};

/**
 * One page of the public list in the given order, and the cursor of the next page (null on the last). The
 * cursor names its order: read with another order it is refused, as an edited one is.
 */
export async function loadLotPage(db: Db, where: SQL | undefined, opts: { order: repo.ListOrderName; cursor?: string; limit: number; holidays: ReadonlySet<string> }): Promise<{ lots: LotView[]; nextCursor: string | null }> {
  const order = repo.LIST_ORDERS[opts.order];
  let after: repo.ListAfter | null = null;
  if (opts.cursor !== undefined) {
    const c = listCursor.decode(opts.cursor);
    const fits = c.s === opts.order && c.k.length === order.casts.length && c.k.every((v, i) => KEY_TEXT[order.casts[i]](v));
    if (!fits) throw validationFailed('The query is not valid: cursor: it belongs to another order or was edited; start again from the first page.', [{ path: 'cursor', message: 'not a cursor for this order' }]);
    after = { keys: c.k, id: c.i };
  }
  const rows = await repo.lotViewRows(db, where, opts.limit + 1, order, after);
  const page = rows.slice(0, opts.limit);
  const last = page.at(-1);
  const nextCursor = rows.length > opts.limit && last ? listCursor.encode({ s: opts.order, k: last.sortKeys, i: last.lot.id }) : null;
  return { lots: await toViews(db, page, { withBids: false, holidays: opts.holidays }), nextCursor };
}

async function toViews(db: Db, rows: ViewRow[], opts: { withBids: boolean; holidays: ReadonlySet<string> }): Promise<LotView[]> {
  const bidsByLot = new Map<string, LotView['bids']>();
  if (opts.withBids && rows.length > 0) {
    const bidRows = await repo.publicBidsOf(db, rows.map((r) => r.lot.id));
    for (const b of bidRows) {
      const list = bidsByLot.get(b.lotId) ?? [];
      list.push({ seq: b.seq, bidderCode: b.code, amount: new Decimal(b.amount).toFixed(2), at: b.at.toISOString(), priorityMatch: b.priorityMatch });
      bidsByLot.set(b.lotId, list);
    }
  }
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return rows.map(({ lot, asset, kase, leading: lead, winner: win, registrants: regs, holders: holderCount, method }) => ({
    id: lot.id, assetId: asset.id, caseId: kase.id, title: asset.title, kind: asset.kind, description: asset.description,
    court: kase.court, caseNumber: kase.caseNumber,
    round: roundOf(lot.round),
    status: lot.status,
    startingPrice: m(lot.startingPrice)!, bidIncrement: m(lot.bidIncrement)!, deposit: m(lot.deposit)!,
    referencePrice: m(lot.referencePrice), referenceMethod: method ?? null,
    startsAt: lot.startsAt.toISOString(), endsAt: lot.endsAt.toISOString(), announcedAt: lot.announcedAt?.toISOString() ?? null,
    balanceDueDays: lot.balanceDueDays, announcement: lot.announcement,
    currentPrice: m(lot.currentPrice), leadingBidderCode: lead, bidCount: lot.bidCount, extensionCount: lot.extensionCount,
    finalPrice: m(lot.finalPrice), winnerCode: win, registrantCount: Number(regs), seq: lot.seq,
    noticesSentAt: iso(lot.noticesSentAt), closedAt: iso(lot.closedAt), balanceDueAt: iso(lot.balanceDueAt), balancePaidAt: iso(lot.balancePaidAt), defaultedAt: iso(lot.defaultedAt),
    suspendedAt: iso(lot.suspendedAt), resumeBy: lot.suspendedAt ? resumeDueBy(lot.suspendedAt, opts.holidays).toISOString() : null,
    cancelReason: lot.cancelReason, windowEndsAt: iso(lot.windowEndsAt), previousLotId: lot.previousLotId,
    creditorTakeover: lot.creditorTakeover
      ? (({ creditor, price, note, at }) => ({ creditor, price, note, at }))(lot.creditorTakeover as NonNullable<LotView['creditorTakeover']>)
      : null,
    priorityRights: Number(holderCount) > 0, bidLogHead: lot.bidHead,
    titleEn: asset.titleEn || null, descriptionEn: asset.descriptionEn || null, announcementEn: lot.announcementEn || null,
    ...disclosureOf(lot.disclosure),
    bids: opts.withBids ? bidsByLot.get(lot.id) ?? [] : [],
  }));
}

/**
 * One lot as the public sees it, with the registered court's contact for viewings; the court's holidays move
 * its A29 resume-by date as the service counts it.
 */
export async function loadLotView(db: Db, lotId: string, holidays: ReadonlySet<string>): Promise<LotView | undefined> {
  const [v] = await loadLotViews(db, repo.lotById(lotId), { withBids: true, limit: 1, holidays });
  return v && { ...v, courtContact: contactOf(await repo.registeredCourtOf(db, v.court)) };
}

function contactOf(c: { phone: string; address: string } | undefined): LotView['courtContact'] {
  const phone = c?.phone.trim() || null;
  const address = c?.address.trim() || null;
  return phone || address ? { phone, address } : null;
}
