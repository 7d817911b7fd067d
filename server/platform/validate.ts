import type { z } from 'zod';
import { validationFailed } from './errors';
import { inputProblem } from './input-guard';

/** Parses input at an edge; failure is a 400 listing each failing field. */
export function parse<T extends z.ZodType>(schema: T, input: unknown, what = 'request'): z.infer<T> {
  const problem = inputProblem(input);
  if (problem) {
    throw validationFailed(`The ${what} is not valid: ${problem.path} ${problem.message}.`, [{ path: problem.path, message: problem.message }], problem.reason);
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((i) => ({
    path: i.path.length ? i.path.join('.') : '(body)',
    message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
  }));
  throw validationFailed(`The ${what} is not valid: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, fields);
}
