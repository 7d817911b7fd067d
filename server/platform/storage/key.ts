const KEY = /^[a-z0-9][a-z0-9/_-]{0,300}$/;

/** A key the store accepts: lower-case letters, digits, `/`, `_` and `-`, no `..`, at most 300 characters. */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((s) => s === '' || s === '.' || s === '..')) throw new Error(`Not a storage key: ${JSON.stringify(key)}`);
  return key;
}
