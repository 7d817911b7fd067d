import { Decimal } from 'decimal.js';
import type { Db } from '../../platform/db/index';
import { createRefund } from '../finance/refunds.repository';
import { account, postEntry } from '../ledger/ledger.service';
import { enqueue } from '../payments/outbox.repository';
import { newPaymentReference } from '../payments/payment-reference';
import * as repo from './deposits.repository';

/** A23: a loser's deposit is back within 24 hours of the end. */
export const DEPOSIT_SETTLEMENT_MS = 24 * 60 * 60 * 1000;

/**
 * At the close (or a cancellation), inside that transaction: the winner's held deposit is applied to the
 * price and the lot gets the B- reference its buyer pays the balance with (A25); every other held deposit
 * is released. A deposit paid by bank becomes a refund owed to the bidder by name, due within 24 hours
 * (A23). An online deposit is a hold at the provider: the outbox captures the winner's and cancels the
 * others', and the pending ledger hold is settled when the provider answers.
 */
export async function settleDepositsOnClose(tx: Db, lotId: string, winnerRegistrationId: string | null, now: Date): Promise<void> {
  const held = await repo.heldWithPayee(tx, lotId);
  if (winnerRegistrationId) await repo.setBalanceReference(tx, lotId, newPaymentReference('balance'));
  for (const { r, realName, name } of held) {
    const amount = new Decimal(r.depositAmount).toFixed(2);
    const online = r.depositMethod === 'online';
    const providerRef = online ? await repo.depositProviderRef(tx, r.id) : null;
    if (r.id === winnerRegistrationId) {
      // An online hold is not yet money in hand: its application stays pending until the capture posts it.
      await postEntry(tx, {
        idempotencyKey: `deposit-apply:${r.id}`, kind: 'deposit_applied', memo: `Deposit applied to the price of lot ${lotId}`,
        registrationId: r.id, lotId, at: now, phase: online ? 'pending' : 'posted',
        lines: [{ account: account.depositHeld(r.id, lotId), debit: amount }, { account: account.proceeds(lotId), credit: amount }],
      });
      if (online) {
        await enqueue(tx, {
          kind: 'capture_deposit', idempotencyKey: `capture:${r.id}`, at: now,
          payload: { registrationId: r.id, providerRef: providerRef ?? '', amount, applyEntryKey: `deposit-apply:${r.id}` },
        });
      }
      await repo.setDepositStatus(tx, r.id, 'applied', now);
      continue;
    }
    if (online) {
      await enqueue(tx, {
        kind: 'cancel_deposit', idempotencyKey: `cancel:${r.id}`, at: now,
        payload: { registrationId: r.id, providerRef: providerRef ?? '', amount },
      });
    } else {
      await postEntry(tx, {
        idempotencyKey: `deposit-release:${r.id}`, kind: 'deposit_released', memo: `Deposit released after lot ${lotId} ended`,
        registrationId: r.id, lotId, at: now,
        lines: [{ account: account.depositHeld(r.id, lotId), debit: amount }, { account: account.refundPayable({ userId: r.userId }), credit: amount }],
      });
      // Paid back to the account the deposit came from; none known, finance asks the bidder before paying.
      const payeeAccount = r.payerAccount ?? await repo.depositLinePayerAccount(tx, r.id);
      await createRefund(tx, {
        sourceKey: `deposit-release:${r.id}`, kind: 'deposit_release', registrationId: r.id, lotId,
        payee: { userId: r.userId, name: realName ?? name, account: payeeAccount ?? undefined }, amount, method: 'bank',
        dueBy: new Date(now.getTime() + DEPOSIT_SETTLEMENT_MS), at: now,
      });
    }
    await repo.setDepositStatus(tx, r.id, 'released', now);
  }
}
