import crypto from 'node:crypto';
import canonicalize from 'canonicalize';
import { Decimal } from 'decimal.js';
import type { Db } from '../../platform/db/index';
import * as repo from './audit.repository';

/** In Unicode mode a surrogate pair is one code point, so only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Throws on a string that is not well-formed UTF-16 (a lone surrogate), in a key or a value, at any depth. */
function assertWellFormed(value: unknown, path = '$'): void {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw new TypeError(`Ill-formed Unicode (a lone surrogate) at ${path}: the record cannot hash it faithfully.`);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertWellFormed(v, `${path}[${i}]`));
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) {
      assertWellFormed(k, `${path} key`);
      assertWellFormed(v, `${path}.${k}`);
    }
  }
}

/**
 * The canonical form of a record: RFC 8785 JSON Canonicalization Scheme (keys sorted by UTF-16 code
 * units, ECMAScript number form, minimal escaping). Ill-formed strings are refused, never hashed lossily.
 */
export function canonicalJson(value: unknown): string {
  assertWellFormed(value);
  const out = canonicalize(value ?? null);
  if (out === undefined) throw new TypeError('This value has no JSON form.');
  return out;
}

/** SHA-256 over the UTF-8 bytes of the canonical form, as hex. */
const sha256 = (jcs: string) => crypto.createHash('sha256').update(Buffer.from(jcs, 'utf8')).digest('hex');

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
    head = (await repo.lotAuditHead(tx, input.lotId)) ?? { auditHead: '', auditCount: 0 };
  }
  const seq = head.auditCount + 1;
  const entry = {
    lotId: input.lotId, seq, at: input.at, actorId: input.actorId, action: input.action,
    before: input.before ?? null, after: input.after ?? null, reason: input.reason ?? null, prevHash: head.auditHead,
  };
  const hash = auditHash(entry);
  await repo.insertAuditEntry(tx, { ...entry, hash });
  // The bid path writes the new head with its own update of the lot row, saving a statement per bid.
  if (!known) await repo.setLotAuditHead(tx, input.lotId, hash, seq);
  return { hash, auditCount: seq };
}

export function valuationAuditHash(e: {
  assetId: string; valuationId: string; seq: number; at: Date; actorId: string | null; action: string; data: unknown; prevHash: string;
}): string {
  return sha256(canonicalJson({
    kind: 'valuation', assetId: e.assetId, valuationId: e.valuationId, seq: e.seq, at: e.at.toISOString(), actorId: e.actorId,
    action: e.action, data: e.data ?? null, prevHash: e.prevHash,
  }));
}

export interface ValuationAuditInput {
  assetId: string;
  valuationId: string;
  at: Date;
  actorId: string | null;
  action: string;
  data?: Record<string, unknown>;
}

/**
 * Appends to the asset's valuation record chain inside the caller's transaction. The caller holds the
 * asset row lock (FOR UPDATE), so appends to one asset are serialised and the chain has no forks.
 */
export async function appendValuationAudit(tx: Db, input: ValuationAuditInput): Promise<{ hash: string; seq: number }> {
  const asset = await repo.assetValuationHead(tx, input.assetId);
  if (!asset) throw new Error(`appendValuationAudit: no asset ${input.assetId}`);
  const seq = asset.count + 1;
  const entry = {
    assetId: input.assetId, valuationId: input.valuationId, seq, at: input.at, actorId: input.actorId, action: input.action,
    data: input.data ?? {}, prevHash: asset.head,
  };
  const hash = valuationAuditHash(entry);
  await repo.insertValuationEntry(tx, { ...entry, hash });
  await repo.setAssetValuationHead(tx, input.assetId, hash, seq);
  return { hash, seq };
}

export interface ChainBreak {
  chain: 'bids' | 'audit' | 'valuation';
  /** The row whose chain broke: a lot (bids, audit) or an asset (valuation). */
  subject: 'lot' | 'asset';
  subjectId: string;
  seq: number;
  problem: string;
}

/** One chain's entries in order: each entry's hash, its link to the one before it, and the head kept on its row. */
function checkChain<E extends { seq: number; prevHash: string; hash: string }>(
  entries: E[], recompute: (e: E) => string, head: { hash: string; count: number }, report: (seq: number, problem: string) => void, noun: string,
): void {
  let prev = '';
  for (const e of entries) {
    if (e.prevHash !== prev) report(e.seq, `does not link to the previous ${noun} (one before it was removed, or it was relinked)`);
    let recomputed: string | null = null;
    try {
      recomputed = recompute(e);
    } catch (err) {
      report(e.seq, `its content cannot be put in canonical form (${err instanceof Error ? err.message : String(err)})`);
    }
    if (recomputed !== null && recomputed !== e.hash) report(e.seq, 'its content does not match its hash (edited)');
    prev = e.hash;
  }
  if (prev !== head.hash || entries.length !== head.count) {
    report(entries.length ? entries[entries.length - 1].seq : 0, `the last ${noun} does not match the head kept on its row (a ${noun} was removed or added)`);
  }
}

export interface VerifyResult { lotsChecked: number; assetsChecked: number; entriesChecked: number; breaks: ChainBreak[] }

/**
 * Recomputes every chain (each lot's bids and audit log, each asset's valuation record): each entry's
 * hash, its link to the previous one, and the head kept on the row. Reports every break, not only the first.
 */
export async function verifyChains(db: Db): Promise<VerifyResult> {
  const breaks: ChainBreak[] = [];
  const allLots = await repo.lotsToVerify(db);
  let entriesChecked = 0;
  for (const lot of allLots) {
    const on = (chain: 'bids' | 'audit') => (seq: number, problem: string) => breaks.push({ chain, subject: 'lot', subjectId: lot.id, seq, problem });
    const bidRows = await repo.bidChainOf(db, lot.id);
    entriesChecked += bidRows.length;
    checkChain(bidRows.map(({ b, code }) => ({ ...b, code })), (b) => bidHash({ lotId: lot.id, seq: b.seq, bidderCode: b.code, amount: b.amount, at: b.at, prevHash: b.prevHash }),
      { hash: lot.bidHead, count: lot.bidCount }, on('bids'), 'bid');
    // The outcome must be the last bid: a sold lot's price and buyer cannot be moved to someone else.
    if (['sold', 'defaulted'].includes(lot.status)) {
      const last = bidRows[bidRows.length - 1];
      if (!last || lot.finalPrice === null || !new Decimal(lot.finalPrice).eq(last.b.amount) || lot.winner !== last.b.registrationId) {
        on('bids')(last?.b.seq ?? 0, 'the recorded final price or buyer is not the last bid');
      }
    }
    const auditRows = await repo.auditChainOf(db, lot.id);
    entriesChecked += auditRows.length;
    checkChain(auditRows, (e) => auditHash(e), { hash: lot.auditHead, count: lot.auditCount }, on('audit'), 'entry');
  }
  const allAssets = await repo.assetsToVerify(db);
  for (const asset of allAssets) {
    const rows = await repo.valuationChainOf(db, asset.id);
    entriesChecked += rows.length;
    checkChain(rows, (e) => valuationAuditHash(e), { hash: asset.head, count: asset.count },
      (seq, problem) => breaks.push({ chain: 'valuation', subject: 'asset', subjectId: asset.id, seq, problem }), 'entry');
  }
  return { lotsChecked: allLots.length, assetsChecked: allAssets.length, entriesChecked, breaks };
}
