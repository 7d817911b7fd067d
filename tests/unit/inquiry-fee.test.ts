import { expect } from 'chai';
import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { inquiryFeeShares } from '../../server/modules/finance/inquiry-fee';

describe('B31 inquiry fee shares', () => {
  it('gives the whole fee to a single winner', () => {
    expect(inquiryFeeShares(['A'], [{ name: 'A', fee: '800.00' }, { name: 'B', fee: '900.00' }])).to.deep.equal([{ platform: 'A', amount: '800.00' }]);
  });
  it('splits a tie exactly to the fen, the odd fen to the first by name', () => {
    expect(inquiryFeeShares(['C', 'A', 'B'], [{ name: 'A', fee: '100.00' }, { name: 'B', fee: '100.00' }, { name: 'C', fee: '100.00' }]))
      .to.deep.equal([{ platform: 'A', amount: '33.34' }, { platform: 'B', amount: '33.33' }, { platform: 'C', amount: '33.33' }]);
  });
  it('owes nothing when no winner charges a fee, and the lowest when tied winners charge differently', () => {
    expect(inquiryFeeShares(['A'], [{ name: 'A' }])).to.deep.equal([]);
    expect(inquiryFeeShares([], [{ name: 'A', fee: '1.00' }])).to.deep.equal([]);
    expect(inquiryFeeShares(['A', 'B'], [{ name: 'A', fee: '9.00' }, { name: 'B', fee: '5.00' }])).to.deep.equal([{ platform: 'A', amount: '2.50' }, { platform: 'B', amount: '2.50' }]);
  });
  it('always sums to the fee: equal shares, the remainder (fewer fen than winners) to the first', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 7 }), (fen, n) => {
      const names = Array.from({ length: n }, (_, i) => `P${i}`);
      const fee = new Decimal(fen).dividedBy(100).toFixed(2);
      const shares = inquiryFeeShares(names, names.map((name) => ({ name, fee })));
      const total = shares.reduce((s, x) => s.plus(x.amount), new Decimal(0));
      expect(total.toFixed(2)).to.equal(fee);
      const [first, ...rest] = shares.map((s) => new Decimal(s.amount).times(100));
      for (const r of rest) expect(r.toString()).to.equal(new Decimal(fen).dividedToIntegerBy(n).toString());
      if (rest.length) expect(first.minus(rest[0]).lt(n)).to.equal(true);
    }));
  });
});
