import { Decimal } from 'decimal.js';
import type { BalanceDue, MyRefund } from '../../../shared/api';
import type { Db } from '../../platform/db/index';
import { settlementOf } from './deposits.repository';

/**
 * After the close, a registration shows how its deposit settles: the winner the balance still due (the
 * price less the deposit, the B- reference to quote, the A25 due date, and when it was paid); a bidder
 * whose bank deposit was released the refund's state and its A23 date.
 */
export async function settlementView(db: Db, r: { id: string; lotId: string; depositAmount: string }): Promise<{ balance: BalanceDue | null; refund: MyRefund | null }> {
  const { lot, refund } = await settlementOf(db, r.id, r.lotId);
  const balance = lot && lot.winner === r.id && lot.finalPrice !== null && lot.reference !== null && lot.dueAt !== null
    ? {
      amount: Decimal.max(new Decimal(lot.finalPrice).minus(r.depositAmount), 0).toFixed(2), reference: lot.reference,
      dueAt: lot.dueAt.toISOString(), paidAt: lot.paidAt?.toISOString() ?? null,
    }
    : null;
  return {
    balance,
    refund: refund ? { amount: new Decimal(refund.amount).toFixed(2), status: refund.status, dueBy: refund.dueBy.toISOString(), sentAt: refund.sentAt?.toISOString() ?? null } : null,
  };
}
