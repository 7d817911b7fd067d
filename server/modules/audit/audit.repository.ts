import { asc, eq } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

/**
 * The audit module's SQL: the lot audit log and the asset valuation record, their heads kept on the
 * lot and asset rows, and the reads that verify them. Appends run in the caller's transaction.
 */
const { assets, auditLog, bids, lots, registrations, valuationAudit } = schema;

export async function lotAuditHead(q: Db, lotId: string): Promise<{ auditHead: string; auditCount: number } | undefined> {
  const [lot] = await q.select({ auditHead: lots.auditHead, auditCount: lots.auditCount }).from(lots).where(eq(lots.id, lotId));
  return lot;
}

export async function insertAuditEntry(q: Db, entry: typeof auditLog.$inferInsert): Promise<void> {
  await q.insert(auditLog).values(entry);
}

export async function setLotAuditHead(q: Db, lotId: string, auditHead: string, auditCount: number): Promise<void> {
  await q.update(lots).set({ auditHead, auditCount }).where(eq(lots.id, lotId));
}

export async function assetValuationHead(q: Db, assetId: string): Promise<{ head: string; count: number } | undefined> {
  const [asset] = await q.select({ head: assets.valuationAuditHead, count: assets.valuationAuditCount }).from(assets).where(eq(assets.id, assetId));
  return asset;
}

export async function insertValuationEntry(q: Db, entry: typeof valuationAudit.$inferInsert): Promise<void> {
  await q.insert(valuationAudit).values(entry);
}

export async function setAssetValuationHead(q: Db, assetId: string, head: string, count: number): Promise<void> {
  await q.update(assets).set({ valuationAuditHead: head, valuationAuditCount: count }).where(eq(assets.id, assetId));
}

/** Every lot with the heads and outcome its chains are checked against, in a stable order. */
export function lotsToVerify(q: Db) {
  return q.select({ id: lots.id, bidHead: lots.bidHead, auditHead: lots.auditHead, auditCount: lots.auditCount, bidCount: lots.bidCount, status: lots.status, finalPrice: lots.finalPrice, winner: lots.winnerRegistrationId }).from(lots).orderBy(asc(lots.createdAt), asc(lots.id));
}

export function bidChainOf(q: Db, lotId: string) {
  return q.select({ b: bids, code: registrations.bidderCode }).from(bids)
    .innerJoin(registrations, eq(registrations.id, bids.registrationId))
    .where(eq(bids.lotId, lotId)).orderBy(asc(bids.seq));
}

export function auditChainOf(q: Db, lotId: string) {
  return q.select().from(auditLog).where(eq(auditLog.lotId, lotId)).orderBy(asc(auditLog.seq));
}

export function assetsToVerify(q: Db) {
  return q.select({ id: assets.id, head: assets.valuationAuditHead, count: assets.valuationAuditCount }).from(assets).orderBy(asc(assets.createdAt), asc(assets.id));
}

export function valuationChainOf(q: Db, assetId: string) {
  return q.select().from(valuationAudit).where(eq(valuationAudit.assetId, assetId)).orderBy(asc(valuationAudit.seq));
}
