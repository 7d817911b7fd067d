import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import type { StatementLine } from '../../server/modules/payments/bank-statement';
import { isMatched, isUnmatched, matchStatement } from '../../server/modules/payments/statement-matcher';

const line = (n: number, amount: string, reference: string): StatementLine => ({
  line: n, valueDate: '2026-11-30', amount: new Decimal(amount), currency: 'CNY', reference, payerName: '王伟', payerAccount: '6222020200001234567', bankTxnId: `T-${n}`,
});

describe('a deposit paid after its lot stopped taking deposits', () => {
  it('waits in the unmatched queue as LOT_CLOSED, whatever the amount, and is never matched', () => {
    const deposits = new Map([['D-CLOSED', { registrationId: 'r1', depositAmount: new Decimal('7000.00'), status: 'closed' }]]);
    const { decisions, summary } = matchStatement({ lines: [line(2, '7000.00', 'd-closed'), line(3, '7500.00', 'D-CLOSED'), line(4, '10.00', 'D-CLOSED')], seenTxnIds: new Set(), deposits, balances: new Map() });
    for (const d of decisions) {
      expect(isMatched(d)).to.equal(false);
      expect(isUnmatched(d) && d.unmatchedReason).to.equal('LOT_CLOSED');
      expect(d).to.deep.include({ outcome: 'lot_closed', target: { kind: 'deposit', registrationId: 'r1' } });
    }
    expect(summary).to.deep.equal({ lines: 3, matched: 0, unmatched: 3, duplicates: 0 });
  });

  it('leaves a deposit already held, on an open lot, as DEPOSIT_ALREADY_HELD', () => {
    const deposits = new Map([['D-HELD', { registrationId: 'r2', depositAmount: new Decimal('7000.00'), status: 'held' }]]);
    const { decisions } = matchStatement({ lines: [line(2, '7000.00', 'D-HELD')], seenTxnIds: new Set(), deposits, balances: new Map() });
    expect(decisions[0]).to.deep.include({ outcome: 'already_settled', unmatchedReason: 'DEPOSIT_ALREADY_HELD' });
  });
});
