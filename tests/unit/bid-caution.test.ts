import { expect } from 'chai';
import { bidCaution } from '../../shared/bid-caution';

/** Starting price 70,000, increment 1,000 unless said otherwise. */
const base = { startingPrice: '70000.00', bidIncrement: '1000.00' };

describe('bid caution: an amount far above the price is confirmed twice', () => {
  it('when the amount is exactly ten increments above the minimum, then one confirmation is enough', () => {
    const c = bidCaution({ ...base, currentPrice: '80000.00', minimum: '81000.00', amount: '91000.00' });
    expect(c).to.deep.equal({ farAbove: false, reference: '80000.00', aboveReference: '11000.00', stepsAboveMinimum: '10' });
  });

  it('when the amount is one cent more than ten increments above the minimum, then it is far above', () => {
    const c = bidCaution({ ...base, currentPrice: '80000.00', minimum: '81000.00', amount: '91000.01' });
    expect(c.farAbove).to.equal(true);
    expect(c.stepsAboveMinimum).to.equal('10');
    expect(c.aboveReference).to.equal('11000.01');
  });

  it('when the increment is large, then more than twice the current price is far above even within ten increments', () => {
    // 10 increments of 50,000 above 150,000 is 650,000, but 200,000.01 is already over twice 100,000.
    const c = bidCaution({ startingPrice: '100000.00', bidIncrement: '50000.00', currentPrice: '100000.00', minimum: '150000.00', amount: '200000.01' });
    expect(c.farAbove).to.equal(true);
    expect(c.stepsAboveMinimum).to.equal('1');
    expect(bidCaution({ startingPrice: '100000.00', bidIncrement: '50000.00', currentPrice: '100000.00', minimum: '150000.00', amount: '200000.00' }).farAbove).to.equal(false);
  });

  it('when no one has bid, then the starting price is the reference', () => {
    const c = bidCaution({ ...base, currentPrice: null, minimum: '70000.00', amount: '80000.00' });
    expect(c).to.deep.equal({ farAbove: false, reference: '70000.00', aboveReference: '10000.00', stepsAboveMinimum: '10' });
    expect(bidCaution({ ...base, currentPrice: null, minimum: '70000.00', amount: '80000.01' }).farAbove).to.equal(true);
  });

  it('when the amount has more digits than a double holds exactly, then the arithmetic stays exact', () => {
    const c = bidCaution({ ...base, currentPrice: '9007199254740993.00', minimum: '9007199254741993.00', amount: '9007199254751993.01' });
    expect(c.farAbove).to.equal(true);
    expect(c.aboveReference).to.equal('11000.01');
    expect(c.stepsAboveMinimum).to.equal('10');
  });

  it('when a typo adds digits, then the distance from the price is stated exactly', () => {
    const c = bidCaution({ ...base, currentPrice: '70000.00', minimum: '71000.00', amount: '123456789012.00' });
    expect(c.farAbove).to.equal(true);
    expect(c.aboveReference).to.equal('123456719012.00');
  });

  it('when the amount is at or below the minimum, then nothing is far above and the distances are not negative', () => {
    const c = bidCaution({ ...base, currentPrice: '80000.00', minimum: '81000.00', amount: '79000.00' });
    expect(c).to.deep.equal({ farAbove: false, reference: '80000.00', aboveReference: '0.00', stepsAboveMinimum: '0' });
  });
});
