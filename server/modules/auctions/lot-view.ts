import { Decimal } from 'decimal.js';
import type { SQL } from 'drizzle-orm';
import type { LotView } from '../../../shared/api';
import { resumeDueBy } from '../../../shared/rules';
import type { Db } from '../../platform/db/index';
import * as repo from './lot-view.repository';
import { roundOf } from './lots.repository';

export { lotFilters, lotsInStatus } from './lot-view.repository';

const m = (v: string | null) => (v === null ? null : new Decimal(v).toFixed(2));

/**
 * Lots as the public sees them. Only bidder codes appear: no user id, name or registration id leaves
 * this function, whoever asks (A18).
 */
export async function loadLotViews(db: Db, where: SQL | undefined, opts: { withBids: boolean; limit?: number; order?: 'list'; holidays: ReadonlySet<string> }): Promise<LotView[]> {
  const rows = await repo.lotViewRows(db, where, opts.limit ?? 200);
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
    bids: opts.withBids ? bidsByLot.get(lot.id) ?? [] : [],
  }));
}

/** One lot as the public sees it; the court's holidays move its A29 resume-by date as the service counts it. */
export async function loadLotView(db: Db, lotId: string, holidays: ReadonlySet<string>): Promise<LotView | undefined> {
  const [v] = await loadLotViews(db, repo.lotById(lotId), { withBids: true, limit: 1, holidays });
  return v;
}
