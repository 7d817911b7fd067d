/**
 * Payment references that bidders type into a banking app's remark field: `D-` for a deposit, `B-` for a
 * balance, then eight body characters and one check character, e.g. `D-7KQ3M9XR4`.
 *
 * The alphabet leaves out 0/O and 1/I (read alike) and U (so the 31 characters form a prime field), and
 * is case-insensitive. The check character makes the weighted sum of all characters, prefix letter included,
 * divisible by 31 with weights 1 (check), 2, 3, … from the right. Because 31 is prime and the weights are
 * distinct, non-zero and below 31, every single-character substitution changes the sum by w·d ≢ 0, and every
 * swap of two adjacent (or any two) characters changes it by (wᵢ − wⱼ)·d ≢ 0: a typo is told apart from an
 * unknown reference before any matching.
 */
import crypto from 'node:crypto';

export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTVWXYZ';
const MOD = REFERENCE_ALPHABET.length; // 31, prime
export const REFERENCE_BODY_LENGTH = 8;
export const REFERENCE_PREFIX = { deposit: 'D', balance: 'B' } as const;
export type ReferenceKind = keyof typeof REFERENCE_PREFIX;

const VALUE = new Map([...REFERENCE_ALPHABET].map((c, i) => [c, i]));
const SHAPE = new RegExp(`^([DB])-([${REFERENCE_ALPHABET}]{${REFERENCE_BODY_LENGTH + 1}})$`);

/** How references are compared everywhere: surrounding whitespace dropped, upper case. */
export function normalizeReference(reference: string): string {
  return reference.trim().toUpperCase();
}

/** The check character for `payload` (prefix letter and body, without the hyphen); throws outside the alphabet. */
export function referenceCheckCharacter(payload: string): string {
  if (payload.length + 1 >= MOD) throw new Error('payload too long for distinct weights');
  let sum = 0;
  for (let i = 0; i < payload.length; i++) {
    const v = VALUE.get(payload[i]);
    if (v === undefined) throw new Error(`not a reference character: ${payload[i]}`);
    sum += v * (payload.length - i + 1);
  }
  return REFERENCE_ALPHABET[(MOD - (sum % MOD)) % MOD];
}

/** True when `characters` (prefix letter, body, check) carry a valid check character. */
export function hasValidCheckCharacter(characters: string): boolean {
  let sum = 0;
  for (let i = 0; i < characters.length; i++) {
    const v = VALUE.get(characters[i]);
    if (v === undefined) return false;
    sum += v * (characters.length - i);
  }
  return sum % MOD === 0;
}

/** A fresh reference. Uniqueness is the database's (a unique index; retry on conflict). */
export function newPaymentReference(kind: ReferenceKind, randomBytes: (n: number) => Uint8Array = crypto.randomBytes): string {
  let body = '';
  // Rejection sampling keeps every character equally likely: 248 is the largest multiple of 31 below 256.
  while (body.length < REFERENCE_BODY_LENGTH) {
    for (const b of randomBytes(REFERENCE_BODY_LENGTH * 2)) {
      if (b < 248 && body.length < REFERENCE_BODY_LENGTH) body += REFERENCE_ALPHABET[b % MOD];
    }
  }
  const prefix = REFERENCE_PREFIX[kind];
  return `${prefix}-${body}${referenceCheckCharacter(prefix + body)}`;
}

export type ReferenceShape =
  | { shape: 'ours'; kind: ReferenceKind; valid: boolean }
  | { shape: 'other' };

/**
 * Whether a (normalized) reference has the shape of ours and, if so, whether its check character holds.
 * References of another shape (older registrations, free text) are simply looked up.
 */
export function classifyReference(normalized: string): ReferenceShape {
  const m = SHAPE.exec(normalized);
  if (!m) return { shape: 'other' };
  return { shape: 'ours', kind: m[1] === 'D' ? 'deposit' : 'balance', valid: hasValidCheckCharacter(m[1] + m[2]) };
}

export function isValidPaymentReference(reference: string): boolean {
  const c = classifyReference(normalizeReference(reference));
  return c.shape === 'ours' && c.valid;
}
