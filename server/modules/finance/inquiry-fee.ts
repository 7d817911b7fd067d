/**
 * B31: the network-inquiry fee is owed to the platform whose result was closest to the sale price (the
 * valuation module decides who), posted in the closing transaction from the lot's proceeds to what is
 * owed that platform. On a tie the fee is split exactly to the fen, the odd fen to the first platform by
 * name. The amount is what the winners charge (the inquiry platforms' `fee`, set by INQUIRY_PLATFORMS or the admin page); where tied platforms charge
 * differently, the lowest, so the court never pays more than any of them asked.
 */
import { Decimal } from 'decimal.js';
import type { Db } from '../../platform/db/index';
import { account, postEntry } from '../ledger/ledger.service';

export interface FeePlatform { name: string; fee?: string }
export interface FeeShare { platform: string; amount: string }

/** Each winner's share of the fee; empty when no winner charges one. */
export function inquiryFeeShares(winners: readonly string[], platforms: readonly FeePlatform[]): FeeShare[] {
  const names = [...new Set(winners)].sort();
  const fees = names.map((n) => platforms.find((p) => p.name === n)?.fee).filter((f): f is string => f !== undefined).map((f) => new Decimal(f));
  if (names.length === 0 || fees.length === 0) return [];
  const fen = Decimal.min(...fees).times(100);
  if (fen.lte(0)) return [];
  const each = fen.dividedToIntegerBy(names.length);
  const odd = fen.minus(each.times(names.length));
  return names.map((platform, i) => ({ platform, amount: (i === 0 ? each.plus(odd) : each).dividedBy(100).toFixed(2) }))
    .filter((s) => new Decimal(s.amount).gt(0));
}

/** Posts the fee once per lot (a repeated close adds nothing). */
export async function postInquiryFee(tx: Db, lotId: string, winners: readonly string[], platforms: readonly FeePlatform[], at: Date): Promise<FeeShare[]> {
  const shares = inquiryFeeShares(winners, platforms);
  if (shares.length === 0) return shares;
  const total = shares.reduce((s, x) => s.plus(x.amount), new Decimal(0)).toFixed(2);
  await postEntry(tx, {
    idempotencyKey: `inquiry-fee:${lotId}`, kind: 'inquiry_fee', memo: `Network-inquiry fee for lot ${lotId} owed to ${shares.map((s) => s.platform).join(', ')} (B31)`,
    lotId, at,
    lines: [{ account: account.proceeds(lotId), debit: total }, ...shares.map((s) => ({ account: account.inquiryFee(s.platform), credit: s.amount }))],
  });
  return shares;
}
