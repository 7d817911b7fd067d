import type { z } from 'zod';
import { validationFailed } from './errors';

/** Parses input at an edge; failure is a 400 listing each failing field. */
export function parse<T extends z.ZodType>(schema: T, input: unknown, what = 'request'): z.infer<T> {
  if (typeof input === 'string' ? input.includes('\u0000') : input !== undefined && input !== null && JSON.stringify(input).includes('\\u0000')) {
    throw validationFailed(`The ${what} contains a NUL character, which no field accepts.`, [{ path: '(body)', message: 'NUL character' }]);
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({
    path: i.path.length ? i.path.join('.') : '(body)',
    message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
  }));
  throw validationFailed(`The ${what} is not valid: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, fields);
}
