/**
 * What a court must disclose about a lot before its announcement goes out (A13: the announcement states the
 * property's condition, possession and burdens, the taxes of the transfer and who bears them, and the court's
 * contact; A14: it points out known defects and burdens, and that bidders may view the property).
 * Each field is written in Chinese; an English translation is optional and shown only in the English UI.
 */
export const DISCLOSURE_FIELDS = [
  'knownDefects', 'encumbrances', 'taxesAndFees', 'viewingTime', 'viewingPlace', 'viewingContact', 'biddersNotice',
] as const;
export type DisclosureField = (typeof DISCLOSURE_FIELDS)[number];
export type DisclosureTranslationField = `${DisclosureField}En`;

/** The article each field answers to. */
export const DISCLOSURE_ARTICLES: Record<DisclosureField, 'A13' | 'A14'> = {
  knownDefects: 'A14',
  encumbrances: 'A14',
  taxesAndFees: 'A13',
  viewingTime: 'A14',
  viewingPlace: 'A14',
  viewingContact: 'A13',
  biddersNotice: 'A14',
};

/** The longest text one field may hold. */
export const DISCLOSURE_MAX_CHARS = 5000;

export type Disclosure = Record<DisclosureField, string> & Record<DisclosureTranslationField, string | null>;

export const translationField = (f: DisclosureField): DisclosureTranslationField => `${f}En`;

/** A stored disclosure (any JSON) read as a complete one: missing Chinese fields are empty, missing translations null. */
export function readDisclosure(stored: unknown): Disclosure {
  const src = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const out = {} as Disclosure;
  for (const f of DISCLOSURE_FIELDS) {
    const zh = src[f];
    const en = src[translationField(f)];
    out[f] = typeof zh === 'string' ? zh : '';
    out[translationField(f)] = typeof en === 'string' && en.trim() !== '' ? en : null;
  }
  return out;
}

/**
 * Whether a field says anything: at least one letter or digit. Spaces, punctuation and the characters that
 * show nothing (zero-width spaces, word joiners, the Hangul filler, blank braille) do not fill a field that
 * the law requires (A13, A14); trim() alone lets those through.
 */
export const saysSomething = (text: string | null | undefined): boolean =>
  // The Hangul fillers are letters to Unicode, and blank on the page.
  /[\p{L}\p{N}]/u.test((text ?? '').replace(/[\u115F\u1160\u3164\uFFA0]/g, ''));

/** The required (Chinese) fields still empty, in form order. */
export function missingDisclosure(d: Partial<Record<DisclosureField, string | null | undefined>>): DisclosureField[] {
  return DISCLOSURE_FIELDS.filter((f) => !saysSomething(d[f]));
}

/**
 * A text in the reader's language: the English translation in the English UI when there is one, else the
 * Chinese original (flagged, so the page can say so).
 */
export function inLanguage(zh: string, en: string | null | undefined, lang: string): { text: string; original: boolean } {
  if (lang === 'zh') return { text: zh, original: false };
  const translated = (en ?? '').trim();
  return translated ? { text: translated, original: false } : { text: zh, original: zh.trim() !== '' };
}
