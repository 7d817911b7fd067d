/** `%`, `_` and the escape character itself match only themselves inside a LIKE pattern (used with `escape '\\'`). */
export function likeContains(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
