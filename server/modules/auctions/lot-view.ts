import { Decimal } from 'decimal.js';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { LotView } from '../../../shared/api';
import { resumeDueBy } from '../../../shared/rules';
import { schema, type Db } from '../../platform/db/index';

const { lots, assets, cases, registrations, bids, valuations } = schema;

const m = (v: string | null) => (v === null ? null : new Decimal(v).toFixed(2));

/**
 * Lots as the public sees them. Only bidder codes appear: no user id, name or registration id leaves
 * this function, whoever asks (A18).
 */
export async function loadLotViews(db: Db, where: SQL | undefined, opts: { withBids: boolean; limit?: number; order?: 'list'; holidays: ReadonlySet<string> }): Promise<LotView[]> {
  const leading = sql<string | null>`(select r.bidder_code from registrations r where r.id = ${lots.leadingRegistrationId})`;
  const winner = sql<string | null>`(select r.bidder_code from registrations r where r.id = ${lots.winnerRegistrationId})`;
  const registrants = sql<number>`(select count(*)::int from registrations r where r.lot_id = ${lots.id})`;
  const holders = sql<number>`(select count(*)::int from priority_holders p where p.lot_id = ${lots.id})`;
  const rows = await db
    .select({ lot: lots, asset: assets, kase: cases, leading, winner, registrants, holders, method: valuations.method })
    .from(lots)
    .innerJoin(assets, eq(assets.id, lots.assetId))
    .innerJoin(cases, eq(cases.id, assets.caseId))
    .leftJoin(valuations, eq(valuations.id, lots.valuationId))
    .where(where)
    .orderBy(
      // live first, then upcoming by start, then finished by most recent end
      sql`case ${lots.status} when 'live' then 0 when 'announced' then 1 when 'suspended' then 2 when 'draft' then 3 else 4 end`,
      sql`case when ${lots.status} in ('live','announced','draft','suspended') then ${lots.endsAt} end asc`,
      desc(lots.endsAt),
    )
    .limit(opts.limit ?? 200);
  const bidsByLot = new Map<string, LotView['bids']>();
  if (opts.withBids && rows.length > 0) {
    const bidRows = await db
      .select({ lotId: bids.lotId, seq: bids.seq, amount: bids.amount, at: bids.at, code: registrations.bidderCode, priorityMatch: bids.priorityMatch })
      .from(bids)
      .innerJoin(registrations, eq(registrations.id, bids.registrationId))
      .where(inArray(bids.lotId, rows.map((r) => r.lot.id)))
      .orderBy(desc(bids.seq));
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
    round: lot.round === 'sell_off' ? 'sell_off' : (Number(lot.round) as 1 | 2),
    status: lot.status as LotView['status'],
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
  const [v] = await loadLotViews(db, eq(lots.id, lotId), { withBids: true, limit: 1, holidays });
  return v;
}

export function lotFilters(f: { status?: string; court?: string; kind?: string; q?: string; publicOnly: boolean }): SQL | undefined {
  const parts: SQL[] = [];
  if (f.status) parts.push(eq(lots.status, f.status));
  else if (f.publicOnly) parts.push(sql`${lots.status} <> 'draft'`);
  if (f.publicOnly && f.status === 'draft') parts.push(sql`false`);
  if (f.court) parts.push(eq(cases.court, f.court));
  if (f.kind) parts.push(eq(assets.kind, f.kind));
  if (f.q) {
    const pattern = `%${f.q.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    parts.push(sql`(${assets.title} ilike ${pattern} or ${cases.court} ilike ${pattern})`);
  }
  return parts.length ? and(...parts) : undefined;
}
