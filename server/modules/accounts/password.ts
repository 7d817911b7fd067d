import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (pw: string, salt: Buffer, keylen: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const KEYLEN = 32;
const COST = 16384;

/**
 * scrypt's cost N (2^14: about 80 ms of CPU a hash here). Outside production, PASSWORD_SCRYPT_N may lower
 * it: the test suite creates and logs in thousands of users and sets 1024. Each hash records its own
 * parameters, so a hash made at any cost still verifies.
 */
function params(): crypto.ScryptOptions {
  const n = Number(process.env.PASSWORD_SCRYPT_N);
  const lowered = process.env.NODE_ENV !== 'production' && Number.isInteger(n) && n >= 1024 && n <= COST && (n & (n - 1)) === 0;
  return { N: lowered ? n : COST, r: 8, p: 1 };
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const p = params();
  const key = await scrypt(password, salt, KEYLEN, p);
  return `scrypt$${p.N}$${p.r}$${p.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scrypt(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p) });
  return crypto.timingSafeEqual(key, expected);
}

/** A scrypt of a fixed password so that a login for an unknown email costs the same time as a real one. */
export const DUMMY_HASH_PROMISE = hashPassword('not-a-real-password');
