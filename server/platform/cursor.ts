import type { z } from 'zod';
import { validationFailed } from './errors';

/**
 * Opaque page cursors: base64url of a small JSON key that only the server reads. What comes back is checked
 * like any input, so an edited cursor is a 400 naming `cursor`, never a database error.
 */
export function opaqueCursor<T>(shape: z.ZodType<T>) {
  const refused = () => validationFailed('The query is not valid: cursor: not a cursor this server gave out; start again from the first page.', [{ path: 'cursor', message: 'not a cursor this server gave out' }]);
  return {
    encode(key: T): string {
      return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
    },
    decode(cursor: string): T {
      if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw refused();
      let json: unknown;
      try {
        json = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      } catch {
        throw refused();
      }
      const r = shape.safeParse(json);
      if (!r.success) throw refused();
      return r.data;
    },
  };
}

/** A time as the database holds it, to the microsecond: what a cursor keeps of a timestamp key. */
export const MICROSECOND_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** A calendar date that exists (no 31 February) and a year the records can hold. */
export const isMicrosecondTime = (t: string) => {
  if (!MICROSECOND_TIME.test(t)) return false;
  const d = new Date(`${t.slice(0, 23)}Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 19) === t.slice(0, 19);
};
