/**
 * Realistic statement files for benchmarks and demos: Chinese payer names, company names that need quoting,
 * and the mix finance meets on a busy day (exact deposits and balances, overpayments, short payments,
 * unknown or mistyped references, lines already imported). Deterministic for a given seed.
 */
import { Decimal } from 'decimal.js';
import { STATEMENT_HEADER } from './bank-statement';
import { newPaymentReference, type ReferenceKind } from './payment-reference';
import type { BalanceTarget, DepositTarget } from './statement-matcher';
import { seededRandom } from '../../platform/seeded-random';

/** A payment the statement may pay: its reference and the amount expected. */
export interface OpenPayment { reference: string; amount: string }

export interface StatementFixtureOptions {
  seed?: number;
  /** References to pay; without them, references of the platform's shape are made up. */
  payments?: readonly OpenPayment[];
  valueDate?: string;
  /** Prefix of the generated bank_txn_ids, so two fixtures do not collide. */
  txnPrefix?: string;
}


function seededBytes(random: () => number) {
  return (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超'];
const COMPANIES = ['华东建设工程有限公司', 'Shenzhen Qianhai Trading Co., Ltd.', '北京"诚信"资产管理有限公司', '江苏恒达投资, 有限合伙'];

/** RFC 4180: quote a field that holds a comma or a quote, doubling the quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function payerName(random: () => number): string {
  if (random() < 0.15) return COMPANIES[Math.floor(random() * COMPANIES.length)];
  return SURNAMES[Math.floor(random() * SURNAMES.length)] + GIVEN[Math.floor(random() * GIVEN.length)];
}

function payerAccount(random: () => number): string {
  let s = '6222';
  for (let i = 0; i < 15; i++) s += Math.floor(random() * 10);
  return s;
}

/** Replaces one body character with another of the alphabet: what a hurried typist does. */
function mistype(reference: string, random: () => number): string {
  const i = 2 + Math.floor(random() * (reference.length - 2));
  const replacement = reference[i] === 'K' ? 'X' : 'K';
  return reference.slice(0, i) + replacement + reference.slice(i + 1);
}

/**
 * An `n`-line statement text. Roughly: 80 % pay a reference exactly, 4 % overpay, 4 % pay short, 4 % name an
 * unknown reference, 2 % mistype one, and the rest are lower-case or space-padded copies of exact payments.
 */
export function syntheticStatement(lineCount: number, options: StatementFixtureOptions = {}): string {
  const random = seededRandom(options.seed ?? 1);
  const bytes = seededBytes(random);
  const payments = options.payments ?? [];
  const date = options.valueDate ?? '2026-11-30';
  const prefix = options.txnPrefix ?? 'BK';
  const out: string[] = [STATEMENT_HEADER];
  for (let i = 0; i < lineCount; i++) {
    const payment = payments.length
      ? payments[i % payments.length]
      : { reference: newPaymentReference(random() < 0.9 ? 'deposit' : 'balance', bytes), amount: `${1 + Math.floor(random() * 500)}000.00` };
    let reference = payment.reference;
    let amount = new Decimal(payment.amount);
    const r = random();
    if (r < 0.04) amount = amount.plus(String(Math.floor(random() * 1000) + 1));
    else if (r < 0.08) amount = Decimal.max(amount.minus(String(Math.floor(random() * 1000) + 1)), '0.01');
    else if (r < 0.12) reference = newPaymentReference('deposit', bytes);
    else if (r < 0.14) reference = mistype(reference, random);
    else if (r < 0.17) reference = random() < 0.5 ? reference.toLowerCase() : ` ${reference} `;
    const fields = [date, amount.toFixed(2), 'CNY', reference, payerName(random), payerAccount(random), `${prefix}${String(i + 1).padStart(9, '0')}`];
    out.push(fields.map(csvField).join(','));
  }
  return out.join('\r\n') + '\r\n';
}

/** Open references for a pure benchmark: `count` pending deposits and due balances, and a few txn ids already seen. */
export function syntheticOpenPayments(count: number, seed = 1): {
  payments: OpenPayment[];
  deposits: Map<string, DepositTarget>;
  balances: Map<string, BalanceTarget>;
} {
  const random = seededRandom(seed);
  const bytes = seededBytes(random);
  const payments: OpenPayment[] = [];
  const deposits = new Map<string, DepositTarget>();
  const balances = new Map<string, BalanceTarget>();
  for (let i = 0; i < count; i++) {
    const kind: ReferenceKind = random() < 0.9 ? 'deposit' : 'balance';
    const reference = newPaymentReference(kind, bytes);
    const amount = new Decimal(`${1 + Math.floor(random() * 500)}000.00`);
    payments.push({ reference, amount: amount.toFixed(2) });
    if (kind === 'deposit') deposits.set(reference, { registrationId: `reg-${i}`, depositAmount: amount, status: random() < 0.97 ? 'pending' : 'held' });
    else balances.set(reference, { lotId: `lot-${i}`, amountDue: amount, status: random() < 0.97 ? 'due' : 'paid' });
  }
  return { payments, deposits, balances };
}
