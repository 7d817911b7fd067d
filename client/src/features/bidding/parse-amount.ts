import { Decimal } from 'decimal.js';
import { isMoneyString } from '../../../../shared/money';

/** Normalises what people type: "86,000", "¥86000", "86000.5" → "86000.50"; null when it is not an amount. */
export function parseAmount(raw: string): string | null {
  const s = raw.replace(/[¥,，\s]/g, '');
  if (!isMoneyString(s) || !/[1-9]/.test(s)) return null;
  return new Decimal(s).toFixed(2);
}
