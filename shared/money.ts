import { Decimal } from 'decimal.js';

/** Money on the wire: a decimal string with at most two places, e.g. "1000000.00". */
export const MONEY_PATTERN = /^(0|[1-9]\d{0,15})(\.\d{1,2})?$/;
/** NUMERIC(18,2) holds 16 integer digits; stay one digit under so sums of a few lots never overflow a row. */
export const MONEY_MAX = new Decimal('999999999999999.99');

export type Money = Decimal;

export function isMoneyString(value: string): boolean {
  return MONEY_PATTERN.test(value) && new Decimal(value).lte(MONEY_MAX);
}

export function money(value: string | Decimal): Decimal {
  const d = new Decimal(value);
  if (!d.isFinite()) throw new Error(`not a finite amount: ${String(value)}`);
  return d;
}

/** Two places, rounded half-up as Chinese banks do (ROUND_HALF_UP). */
export function toMoneyString(value: Decimal | string): string {
  return new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

function groupThousands(integerDigits: string): string {
  return integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1234567.5" → "¥1,234,567.50", computed on the string so no float ever touches it. */
export function formatYuan(value: string | Decimal): string {
  const fixed = toMoneyString(value);
  const negative = fixed.startsWith('-');
  const [intPart, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  return `${negative ? '-' : ''}¥${groupThousands(intPart)}.${frac}`;
}

/** Large sums in 万 / 亿 for Chinese readers: "12345678.00" → "1,234.57万". Below 10,000 returns null. */
export function formatWanYi(value: string | Decimal): string | null {
  const d = new Decimal(value);
  const abs = d.abs();
  if (abs.gte('100000000')) {
    const v = d.div('100000000').toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
    return `${groupThousands(v.split('.')[0])}.${v.split('.')[1]}亿`;
  }
  if (abs.gte('10000')) {
    const v = d.div('10000').toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
    return `${groupThousands(v.split('.')[0])}.${v.split('.')[1]}万`;
  }
  return null;
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

function fourDigitsToCapital(group: string): string {
  // group is exactly four digits, most significant first
  let out = '';
  let pendingZero = false;
  for (let i = 0; i < 4; i++) {
    const digit = Number(group[i]);
    const unit = SMALL_UNITS[3 - i];
    if (digit === 0) {
      pendingZero = out.length > 0;
      continue;
    }
    if (pendingZero) out += '零';
    pendingZero = false;
    out += DIGITS[digit] + unit;
  }
  return out;
}

/**
 * The amount in Chinese capital numerals (大写金额) as on bank forms:
 * "10500.20" → "人民币壹万零伍佰元贰角", "3000.00" → "人民币叁仟元整".
 */
export function toChineseCapital(value: string | Decimal): string {
  const fixed = toMoneyString(value);
  if (fixed.startsWith('-')) throw new Error('capital numerals are written for non-negative amounts');
  const [intDigits, frac] = fixed.split('.');
  const jiao = Number(frac[0]);
  const fen = Number(frac[1]);
  let intText = '';
  if (intDigits !== '0') {
    const padded = intDigits.padStart(Math.ceil(intDigits.length / 4) * 4, '0');
    const groups: string[] = [];
    for (let i = 0; i < padded.length; i += 4) groups.push(padded.slice(i, i + 4));
    let needZero = false;
    groups.forEach((group, index) => {
      const bigUnit = BIG_UNITS[groups.length - 1 - index];
      if (group === '0000') {
        needZero = intText.length > 0;
        return;
      }
      if (intText.length > 0 && (needZero || group[0] === '0')) intText += '零';
      needZero = false;
      intText += fourDigitsToCapital(group) + bigUnit;
    });
    intText += '元';
  }
  let fracText = '';
  if (jiao === 0 && fen === 0) {
    fracText = intText ? '整' : '零元整';
  } else {
    if (jiao > 0) fracText += DIGITS[jiao] + '角';
    else if (intText) fracText += '零';
    if (fen > 0) fracText += DIGITS[fen] + '分';
  }
  return `人民币${intText}${fracText}`;
}
