import zlib from 'node:zlib';
import { expect } from 'chai';

/** The text of every Flate-compressed stream in a PDF (content streams, ToUnicode maps). */
function inflatedStreams(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const start = /stream\r?\n/g;
  for (let m = start.exec(raw); m; m = start.exec(raw)) {
    const from = m.index + m[0].length;
    const to = raw.indexOf('endstream', from);
    if (to < 0) break;
    try {
      out.push(zlib.inflateSync(pdf.subarray(from, to)).toString('latin1'));
    } catch {
      // not Flate-compressed (e.g. an embedded font program)
    }
  }
  return out;
}

/**
 * A PDF draws `sample` with an embedded CJK font: the font program is embedded (FontFile*), its name is a CJK
 * font's, and the font's ToUnicode map holds every character of the sample (so none was replaced by '?').
 */
export function expectCjkText(pdf: Buffer, sample: string): void {
  const raw = pdf.toString('latin1');
  expect(raw.slice(0, 5)).to.equal('%PDF-');
  expect(raw, 'an embedded font program').to.match(/\/FontFile[23]? \d+ 0 R/);
  expect(raw, 'a CJK font').to.match(/\/BaseFont \/[A-Z]{6}\+(NotoSansHans|NotoS\w+CJK|WenQuanYi)/);
  const mapped = new Set<number>();
  for (const s of inflatedStreams(pdf).filter((t) => t.includes('begincmap'))) {
    for (const hex of s.matchAll(/<([0-9a-f]{4,})>/gi)) mapped.add(parseInt(hex[1]!.slice(0, 4), 16));
  }
  for (const ch of sample) expect(mapped.has(ch.codePointAt(0)!), `"${ch}" drawn with the CJK font`).to.equal(true);
}
