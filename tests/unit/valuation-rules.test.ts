import { expect } from 'chai';
import { averageQuotes, checkMethodOrder, drawAgencies, inquiryFeeWinners, periodEnd, seizureRatio } from '../../shared/valuation-rules';

describe('reference-price rules (B)', () => {
  it('when three quotes have a repeating-decimal mean, then the average rounds half-up to the fen (B13)', () => {
    expect(averageQuotes(['100.00', '100.00', '100.01']).toFixed(2)).to.equal('100.00'); // 100.00333…
    expect(averageQuotes(['100.00', '100.01', '100.01']).toFixed(2)).to.equal('100.01'); // 100.00666…
    expect(averageQuotes(['0.01', '0.00', '0.00', '0.01']).toFixed(2)).to.equal('0.01'); // 0.005 → 0.01
    expect(averageQuotes(['333333333333.33', '333333333333.33', '333333333333.34']).toFixed(2)).to.equal('333333333333.33');
    expect(() => averageQuotes([])).to.throw();
  });

  it('when a later method is chosen, then an earlier one must have been tried or skipping agreed (B4, B5); mandatory appraisal allows only appraisal (B14)', () => {
    expect(checkMethodOrder('negotiated', [], false, false)).to.deep.equal([]);
    expect(checkMethodOrder('network_inquiry', [], false, false)[0]).to.include({ rule: 'METHOD_ORDER', article: 'B4' });
    expect(checkMethodOrder('network_inquiry', ['negotiated'], false, false)).to.deep.equal([]);
    expect(checkMethodOrder('appraisal', ['network_inquiry'], false, false)).to.deep.equal([]);
    expect(checkMethodOrder('appraisal', [], true, false)).to.deep.equal([]);
    expect(checkMethodOrder('negotiated', [], false, true)[0].rule).to.equal('APPRAISAL_MANDATORY');
    expect(checkMethodOrder('appraisal', [], false, true)).to.deep.equal([]);
  });

  it('when quotes are ranked against the sale price, then the closest platform earns the fee and a tie splits it (B31)', () => {
    const quotes = [{ platform: 'A', price: '100.00' }, { platform: 'B', price: '120.00' }, { platform: 'C', price: '80.00' }];
    expect(inquiryFeeWinners(quotes, '105.00')).to.deep.equal(['A']);
    expect(inquiryFeeWinners(quotes, '90.00')).to.deep.equal(['A', 'C']);
  });

  it('when the preserved value is compared with the claim, then above 130% is flagged as over-seizure', () => {
    expect(seizureRatio('130000.00', '100000.00')).to.deep.include({ overSeized: false });
    expect(seizureRatio('130000.01', '100000.00').overSeized).to.equal(true);
    expect(seizureRatio('50000.00', '100000.00').ratio.toFixed(4)).to.equal('0.5000');
  });

  it('when agencies are drawn by lot, then the same seed gives the same three, a different seed may not', () => {
    const list = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    expect(drawAgencies(list, 'seed-1')).to.deep.equal(drawAgencies(list, 'seed-1'));
    expect(drawAgencies(list, 'seed-1')).to.have.length(3);
    const seen = new Set(Array.from({ length: 20 }, (_, i) => drawAgencies(list, `s${i}`).join()));
    expect(seen.size).to.be.greaterThan(1);
  });

  it('when a 3-day period starts on 1 March (UTC+8), then it ends at the end of 4 March UTC+8', () => {
    expect(periodEnd(new Date('2026-03-01T02:00:00Z'), 3).toISOString()).to.equal('2026-03-04T15:59:59.999Z');
  });
});
