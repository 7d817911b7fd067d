import { expect } from 'chai';
import { PROXY_MAX_INCREMENTS, proxyMaxCeiling, proxyMaxTooHigh } from '../../shared/proxy-rules';

describe('the ceiling on a proxy bid\'s maximum (shared by server and client)', () => {
  it('when the minimum next bid is 71,000 and the increment 1,000, then the ceiling is 200 increments above it', () => {
    expect(PROXY_MAX_INCREMENTS).to.equal(200);
    expect(proxyMaxCeiling('71000.00', '1000.00').toFixed(2)).to.equal('271000.00');
  });

  it('when the maximum is at the ceiling, then it is allowed; one cent above, it is too high', () => {
    expect(proxyMaxTooHigh('271000.00', '71000.00', '1000.00')).to.equal(false);
    expect(proxyMaxTooHigh('271000.01', '71000.00', '1000.00')).to.equal(true);
    expect(proxyMaxTooHigh('999999999999999.99', '71000.00', '1000.00')).to.equal(true);
  });

  it('when amounts have cents, then the ceiling is exact (no floating point)', () => {
    expect(proxyMaxCeiling('0.10', '0.01').toFixed(2)).to.equal('2.10');
    expect(proxyMaxTooHigh('2.11', '0.10', '0.01')).to.equal(true);
    expect(proxyMaxTooHigh('2.10', '0.10', '0.01')).to.equal(false);
  });
});
