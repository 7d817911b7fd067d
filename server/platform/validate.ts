import type { z } from 'zod';
import { validationFailed } from './errors';
import { inputProblem } from './input-guard';

/** A failing field: zod's code and its parameters let a client word the problem in its reader's language. */
export interface FieldProblem {
  path: string;
  /** English, for API consumers. */
  message: string;
  code: string;
  minimum?: number;
  maximum?: number;
  origin?: string;
  inclusive?: boolean;
  exact?: boolean;
  expected?: string;
  format?: string;
  divisor?: number;
  keys?: string[];
  values?: string[];
}

const num = (n: number | bigint) => Number(n);

function fieldProblem(i: z.core.$ZodIssue): FieldProblem {
  const path = i.path.length ? i.path.join('.') : '(body)';
  switch (i.code) {
    case 'too_small':
      return { path, message: i.message, code: i.code, minimum: num(i.minimum), origin: i.origin, inclusive: i.inclusive ?? true, ...(i.exact ? { exact: true } : {}) };
    case 'too_big':
      return { path, message: i.message, code: i.code, maximum: num(i.maximum), origin: i.origin, inclusive: i.inclusive ?? true, ...(i.exact ? { exact: true } : {}) };
    case 'invalid_type':
      return { path, message: i.message, code: i.code, expected: i.expected };
    case 'invalid_format':
      return { path, message: i.message, code: i.code, format: i.format };
    case 'not_multiple_of':
      return { path, message: i.message, code: i.code, divisor: num(i.divisor) };
    case 'unrecognized_keys':
      return { path, message: `unknown field(s): ${i.keys.join(', ')}`, code: i.code, keys: i.keys };
    case 'invalid_value':
      return { path, message: i.message, code: i.code, values: i.values.map(String) };
    default:
      return { path, message: i.message, code: i.code };
  }
}

/** Parses input at an edge; failure is a 400 listing each failing field. */
export function parse<T extends z.ZodType>(schema: T, input: unknown, what = 'request'): z.infer<T> {
  const problem = inputProblem(input);
  if (problem) {
    throw validationFailed(`The ${what} is not valid: ${problem.path} ${problem.message}.`, [{ path: problem.path, message: problem.message }], problem.reason);
  }
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map(fieldProblem);
  throw validationFailed(`The ${what} is not valid: ${fields.map((f) => `${f.path}: ${f.message}`).join('; ')}`, fields);
}
