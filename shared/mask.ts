/**
 * Identity numbers as the results page (成交公示) publishes them. An 18-character resident ID shows its
 * first 3 and last 4 characters ("110***********002X"), as is common practice; any other document number
 * of 8 characters or more shows only its first and last, and anything shorter is masked whole. Surrounding
 * spaces are dropped first. Characters are counted as grapheme clusters (Intl.Segmenter), so a combining
 * mark or an emoji is never split and counts as one masked position.
 */
export const ID_MASK_HEAD = 3;
export const ID_MASK_TAIL = 4;
const RESIDENT_ID_LENGTH = 18;
const SHORTEST_WITH_ENDS = 8;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const graphemes = (s: string) => Array.from(segmenter.segment(s), (g) => g.segment);

export function maskIdNumber(id: string): string;
export function maskIdNumber(id: string | null | undefined): string | null;
export function maskIdNumber(id: string | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  const chars = graphemes(id.trim());
  const n = chars.length;
  const [head, tail] = n === RESIDENT_ID_LENGTH ? [ID_MASK_HEAD, ID_MASK_TAIL] : n >= SHORTEST_WITH_ENDS ? [1, 1] : [0, 0];
  return chars.slice(0, head).join('') + '*'.repeat(n - head - tail) + chars.slice(n - tail).join('');
}
