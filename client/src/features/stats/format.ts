/** How the statistics page words its figures: rates as percentages, per-lot figures, months and axis sums. */
import { Decimal } from 'decimal.js';
import type { Lang } from '../../locales/catalogues';
import { LOCALES } from '../../locales/store';

/** A four-place rate from the server ("0.3105") as a percentage with two places ("31.05%"). */
export function percent(rate: string): string {
  return `${new Decimal(rate).times(100).toFixed(2)}%`;
}

/** A per-lot average ("2.5000") with two places ("2.50"). */
export function perLot(rate: string): string {
  return new Decimal(rate).toFixed(2);
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "2026-03" → "Mar 2026" / "2026年3月". A fixed format rather than Intl's short month, whose English
 * abbreviations differ by locale data ("Sept" beside "Aug").
 */
export function monthLabel(key: string, lang: Lang): string {
  const [y, m] = key.split('-').map(Number);
  return lang === 'zh' ? `${y}年${m}月` : `${MONTHS_EN[m - 1]} ${y}`;
}

/**
 * An axis tick: a sum of yuan in the reader's big units ("1.2亿", "350万" / "¥120M"). Charts plot numbers;
 * every figure a reader copies (cards, tables, CSV) is the exact decimal string.
 */
export function axisYuan(value: number, lang: Lang): string {
  const n = new Intl.NumberFormat(LOCALES[lang], { notation: 'compact', maximumFractionDigits: 1 }).format(value);
  return lang === 'zh' ? n : `¥${n}`;
}

/** A decimal string as a number for a chart coordinate only. */
export const plot = (value: string): number => Number(value);
