import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import { asc, eq } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

const { auditLog, bids, lots, registrations } = schema;

/** Stable JSON: keys sorted at every level, so the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export function bidHash(b: { lotId: string; seq: number; bidderCode: string; amount: string; at: Date; prevHash: string }): string {
  return sha256(canonicalJson({ kind: 'bid', lotId: b.lotId, seq: b.seq, bidderCode: b.bidderCode, amount: b.amount, at: b.at.toISOString(), prevHash: b.prevHash }));
}

export function auditHash(e: {
  lotId: string; seq: number; at: Date; actorId: string | null; action: string; before: unknown; after: unknown; reason: string | null; prevHash: string;
}): string {
  return sha256(canonicalJson({
    kind: 'audit', lotId: e.lotId, seq: e.seq, at: e.at.toISOString(), actorId: e.actorId, action: e.action,
    before: e.before ?? null, after: e.after ?? null, reason: e.reason, prevHash: e.prevHash,
  }));
}

export interface AuditInput {
  lotId: string;
  at: Date;
  actorId: string | null;
  action: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  reason?: string | null;
}

/**
 * Appends to the lot's audit chain inside the caller's transaction. The caller holds the lot row lock,
 * so appends to one lot are serialised and the chain has no forks.
 */
export async function appendAudit(tx: Db, input: AuditInput, known?: { auditHead: string; auditCount: number; deferLotUpdate: true }): Promise<{ hash: string; auditCount: number }> {
  let head: { auditHead: string; auditCount: number };
  if (known) head = known;
  else {
    const [lot] = await tx.select({ auditHead: lots.auditHead, auditCount: lots.auditCount }).from(lots).where(eq(lots.id, input.lotId));
    head = lot ?? { auditHead: '', auditCount: 0 };
  }
  const seq = head.auditCount + 1;
  const entry = {
    lotId: input.lotId, seq, at: input.at, actorId: input.actorId, action: input.action,
    before: input.before ?? null, after: input.after ?? null, reason: input.reason ?? null, prevHash: head.auditHead,
  };
  const hash = auditHash(entry);
  await tx.insert(auditLog).values({ ...entry, hash });
  // The bid path writes the new head with its own update of the lot row, saving a statement per bid.
  if (!known) await tx.update(lots).set({ auditHead: hash, auditCount: seq }).where(eq(lots.id, input.lotId));
  return { hash, auditCount: seq };
}

export interface ChainBreak { chain: 'bids' | 'audit'; lotId: string; seq: number; problem: string }

/** Recomputes every chain: each entry's hash, its link to the previous one, and the head kept on the lot. */
export async function verifyChains(db: Db): Promise<{ lotsChecked: number; entriesChecked: number; broken: ChainBreak | null }> {
  const allLots = await db.select({ id: lots.id, bidHead: lots.bidHead, auditHead: lots.auditHead, auditCount: lots.auditCount, bidCount: lots.bidCount, status: lots.status, finalPrice: lots.finalPrice, winner: lots.winnerRegistrationId }).from(lots).orderBy(asc(lots.createdAt));
  let entriesChecked = 0;
  for (const lot of allLots) {
    const bidRows = await db.select({ b: bids, code: registrations.bidderCode }).from(bids)
      .innerJoin(registrations, eq(registrations.id, bids.registrationId))
      .where(eq(bids.lotId, lot.id)).orderBy(asc(bids.seq));
    let prev = '';
    for (const { b, code } of bidRows) {
      entriesChecked++;
      if (b.prevHash !== prev) return { lotsChecked: allLots.length, entriesChecked, broken: { chain: 'bids', lotId: lot.id, seq: b.seq, problem: 'does not link to the previous bid (a bid before it was removed or changed)' } };
      const expected = bidHash({ lotId: lot.id, seq: b.seq, bidderCode: code, amount: b.amount, at: b.at, prevHash: b.prevHash });
      if (expected !== b.hash) return { lotsChecked: allLots.length, entriesChecked, broken: { chain: 'bids', lotId: lot.id, seq: b.seq, problem: 'its content does not match its hash (edited)' } };
      prev = b.hash;
    }
    if (prev !== lot.bidHead || bidRows.length !== lot.bidCount) {
      return { lotsChecked: allLots.length, entriesChecked, broken: { chain: 'bids', lotId: lot.id, seq: bidRows.length, problem: 'the last bid does not match the head kept on the lot (a bid was removed)' } };
    }
    // The outcome must be the last bid: a sold lot's price and buyer cannot be moved to someone else.
    if (['sold', 'defaulted'].includes(lot.status)) {
      const last = bidRows[bidRows.length - 1];
      if (!last || lot.finalPrice === null || !new Decimal(lot.finalPrice).eq(last.b.amount) || lot.winner !== last.b.registrationId) {
        return { lotsChecked: allLots.length, entriesChecked, broken: { chain: 'bids', lotId: lot.id, seq: last?.b.seq ?? 0, problem: 'the recorded final price or buyer is not the last bid' } };
      }
    }
    const auditRows = await db.select().from(auditLog).where(eq(auditLog.lotId, lot.id)).orderBy(asc(auditLog.seq));
    prev = '';
    for (const e of auditRows) {
      entriesChecked++;
      if (e.prevHash !== prev) return { lotsChecked: allLots.length, entriesChecked, broken: { chain: 'audit', lotId: lot.id, seq: e.seq, problem: 'does not link to the previous entry' } };
      if (auditHash({ ...e, before: e.before, after: e.after }) !== e.hash) return { lotsChecked: allLots.length, entriesChecked, broken: { chain: 'audit', lotId: lot.id, seq: e.seq, problem: 'its content does not match its hash (edited)' } };
      prev = e.hash;
    }
    if (prev !== lot.auditHead || auditRows.length !== lot.auditCount) return { lotsChecked: allLots.length, entriesChecked, broken: { chain: 'audit', lotId: lot.id, seq: auditRows.length, problem: 'the last entry does not match the head kept on the lot (an entry was removed)' } };
  }
  return { lotsChecked: allLots.length, entriesChecked, broken: null };
}
