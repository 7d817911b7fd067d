/**
 * The public bid log and its check in the browser: each entry's SHA-256 over the UTF-8 bytes of the
 * RFC 8785 canonical JSON of {amount, at, bidderCode, kind: "bid", lotId, prevHash, seq}, each entry
 * linked to the one before by prevHash, and the last one equal to the head kept on the lot.
 */
import canonicalize from 'canonicalize';
import type { BidLog } from '../../../../shared/api';

/** The log as the contract answers it (GET /api/lots/:id/bid-log). */
export type { BidLog };
export type BidLogEntry = BidLog['entries'][number];

const LONE_SURROGATE = /\p{Cs}/u;

function assertWellFormed(value: unknown): void {
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) throw new TypeError('Ill-formed Unicode (a lone surrogate) cannot be checked.');
  } else if (Array.isArray(value)) value.forEach(assertWellFormed);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      assertWellFormed(k);
      assertWellFormed(v);
    }
  }
}

/** RFC 8785 (JCS), the same package and the same refusal of ill-formed strings as the server's canonicalJson. */
export function canonicalJson(value: unknown): string {
  assertWellFormed(value);
  const out = canonicalize(value ?? null);
  if (out === undefined) throw new TypeError('This value has no JSON form.');
  return out;
}

export function bidEntryPayload(lotId: string, e: BidLogEntry): string {
  return canonicalJson({ amount: e.amount, at: e.at, bidderCode: e.bidderCode, kind: 'bid', lotId, prevHash: e.prevHash, seq: e.seq });
}

const hex = (buf: ArrayBuffer | Uint8Array) => Array.from(buf instanceof Uint8Array ? buf : new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 as hex: WebCrypto where the page is a secure context, else a small implementation (phones on a LAN over http). */
export async function sha256Hex(text: string): Promise<string> {
  const data = new TextEncoder().encode(text);
  const subtle = globalThis.crypto?.subtle;
  if (subtle) return hex(await subtle.digest('SHA-256', data));
  return hex(sha256Fallback(data));
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

function sha256Fallback(msg: Uint8Array): Uint8Array {
  const bitLen = msg.length * 8;
  const padded = new Uint8Array(((msg.length + 9 + 63) >> 6) << 6);
  padded.set(msg);
  padded[msg.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLen / 0x100000000));
  view.setUint32(padded.length - 4, bitLen >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i] + w[i]) >>> 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setUint32(i * 4, h[i]);
  return out;
}

export type EntryCheck = 'ok' | 'hash' | 'link';
export type ChainResult =
  | { state: 'ok'; checked: number; perEntry: Map<number, EntryCheck> }
  | { state: 'broken'; seq: number; problem: EntryCheck | 'head'; perEntry: Map<number, EntryCheck> };

/** Recomputes every entry; reports the first that does not match its hash or its predecessor, or a head that differs. */
export async function verifyBidLog(log: BidLog): Promise<ChainResult> {
  const perEntry = new Map<number, EntryCheck>();
  const sorted = [...log.entries].sort((a, b) => a.seq - b.seq);
  let prev = '';
  let firstBad: { seq: number; problem: EntryCheck } | null = null;
  for (const e of sorted) {
    const computed = await sha256Hex(bidEntryPayload(log.lotId, e));
    const check: EntryCheck = e.prevHash !== prev ? 'link' : computed !== e.hash ? 'hash' : 'ok';
    perEntry.set(e.seq, check);
    if (check !== 'ok' && !firstBad) firstBad = { seq: e.seq, problem: check };
    prev = e.hash;
  }
  if (firstBad) return { state: 'broken', ...firstBad, perEntry };
  if (prev !== log.head) return { state: 'broken', seq: sorted.length ? sorted[sorted.length - 1].seq : 0, problem: 'head', perEntry };
  return { state: 'ok', checked: sorted.length, perEntry };
}

/** The first 10 characters of a hash, for tables; the full value goes in a title. */
export function shortHash(h: string | null | undefined): string {
  return h ? `${h.slice(0, 10)}…` : '—';
}
