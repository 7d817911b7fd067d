import { Decimal } from 'decimal.js';
import type { Db } from '../../platform/db/index';
import { account, postEntry } from '../ledger/ledger.service';
import { heldRegistrations, settleRegistration } from './bidding.repository';

/** A23/A25: losers' deposits are released, the winner's applied to the price, within 24 hours of the end. */
export const DEPOSIT_SETTLEMENT_MS = 24 * 60 * 60 * 1000;

/**
 * At the close, inside the closing transaction: the winner's held deposit is applied to the price and
 * every other held deposit released, each through a balanced ledger entry.
 */
export async function settleDepositsOnClose(tx: Db, lotId: string, winnerRegistrationId: string | null, now: Date): Promise<void> {
  const held = await heldRegistrations(tx, lotId);
  for (const r of held) {
    const amount = new Decimal(r.depositAmount).toFixed(2);
    if (r.id === winnerRegistrationId) {
      await postEntry(tx, {
        idempotencyKey: `deposit-apply:${r.id}`, kind: 'deposit_applied', memo: `Deposit applied to the price of lot ${lotId}`,
        registrationId: r.id, lotId, at: now,
        lines: [{ account: account.depositHeld(r.id, lotId), debit: amount }, { account: account.proceeds(lotId), credit: amount }],
      });
      await settleRegistration(tx, r.id, 'applied', now);
    } else {
      await postEntry(tx, {
        idempotencyKey: `deposit-release:${r.id}`, kind: 'deposit_released', memo: `Deposit released after lot ${lotId} ended`,
        registrationId: r.id, lotId, at: now,
        lines: [{ account: account.depositHeld(r.id, lotId), debit: amount }, { account: account.refundPayable({ userId: r.userId }), credit: amount }],
      });
      await settleRegistration(tx, r.id, 'released', now);
    }
  }
}
