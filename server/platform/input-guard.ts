/**
 * Checks every string, key and nesting level of untrusted input before anything else reads it: bodies,
 * queries and socket payloads alike. It walks iteratively, so no input can overflow the stack here, and
 * it refuses what no field may hold:
 * - a NUL character, which PostgreSQL text cannot store;
 * - ill-formed Unicode (a lone UTF-16 surrogate), which PostgreSQL would store as U+FFFD, so the hash a
 *   tamper-evident record took of the text would no longer match what the database keeps;
 * - nesting deeper than any request of the platform needs.
 */
export const MAX_INPUT_DEPTH = 32;

export interface InputProblem { path: string; message: string; reason: 'NUL_CHARACTER' | 'ILL_FORMED_UNICODE' | 'TOO_DEEP' }

// With the u flag a well-formed surrogate pair is one code point, so only a lone surrogate matches.
const LONE_SURROGATE = /\p{Cs}/u;

function textProblem(s: string): InputProblem['reason'] | null {
  if (s.includes('\u0000')) return 'NUL_CHARACTER';
  if (LONE_SURROGATE.test(s)) return 'ILL_FORMED_UNICODE';
  return null;
}

const MESSAGES: Record<InputProblem['reason'], string> = {
  NUL_CHARACTER: 'contains a NUL character, which no field accepts',
  ILL_FORMED_UNICODE: 'is not well-formed Unicode (it holds a lone UTF-16 surrogate)',
  TOO_DEEP: `nests deeper than ${MAX_INPUT_DEPTH} levels`,
};

/** The first problem found in the value, or null when every part of it is acceptable. */
export function inputProblem(value: unknown, root = '(body)'): InputProblem | null {
  const stack: Array<{ v: unknown; path: string; depth: number }> = [{ v: value, path: root, depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      const reason = textProblem(v);
      if (reason) return { path, reason, message: MESSAGES[reason] };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_INPUT_DEPTH) return { path, reason: 'TOO_DEEP', message: MESSAGES.TOO_DEEP };
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], path: `${path}.${i}`, depth: depth + 1 });
      continue;
    }
    for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
      const reason = textProblem(k);
      if (reason) return { path: `${path} (a key)`, reason, message: MESSAGES[reason] };
      stack.push({ v: child, path: path === '(body)' || path === '(query)' || path === '(payload)' ? k : `${path}.${k}`, depth: depth + 1 });
    }
  }
  return null;
}
