import { desc, eq, inArray } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

/** Proceeds of sold lots: the court's approval and finance's payout, one row per lot. */
const { assets, cases, lots, proceedsPayouts } = schema;

/** Sold lots with their proceeds row, if any, newest sale first. */
export function soldLots(q: Db, limit: number) {
  return q.select({ lot: lots, title: assets.title, titleEn: assets.titleEn, court: cases.court, payout: proceedsPayouts }).from(lots)
    .innerJoin(assets, eq(assets.id, lots.assetId)).innerJoin(cases, eq(cases.id, assets.caseId))
    .leftJoin(proceedsPayouts, eq(proceedsPayouts.lotId, lots.id))
    .where(inArray(lots.status, ['sold'])).orderBy(desc(lots.closedAt)).limit(limit);
}

export async function lotWithNames(q: Db, lotId: string) {
  const [row] = await q.select({ title: assets.title, titleEn: assets.titleEn, court: cases.court }).from(lots)
    .innerJoin(assets, eq(assets.id, lots.assetId)).innerJoin(cases, eq(cases.id, assets.caseId)).where(eq(lots.id, lotId));
  return row;
}

export async function payoutOf(q: Db, lotId: string) {
  const [row] = await q.select().from(proceedsPayouts).where(eq(proceedsPayouts.lotId, lotId));
  return row;
}

export async function insertApproval(q: Db, row: typeof proceedsPayouts.$inferInsert): Promise<void> {
  await q.insert(proceedsPayouts).values(row);
}

export async function markPaid(q: Db, lotId: string, patch: { paidBy: string; paidAt: Date; bankReference: string }): Promise<void> {
  await q.update(proceedsPayouts).set(patch).where(eq(proceedsPayouts.lotId, lotId));
}
