import { expect } from 'chai';
import { neutraliseFormula, toCsv } from '../../server/platform/csv';

describe('CSV finance downloads', () => {
  it('when a cell starts like a formula, then it gets a leading apostrophe; numbers, negative ones too, stay numbers', () => {
    for (const f of ['=1+1', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '-', '-1e3']) expect(neutraliseFormula(f), f).to.equal(`'${f}`);
    for (const n of ['-500.00', '0.00', '1000000.00', '王伟', 'D-7KQ3M9XR4', '']) expect(neutraliseFormula(n), n).to.equal(n);
  });

  it('when cells hold commas, quotes or line breaks, then they are quoted as RFC 4180 says, rows end in CRLF', () => {
    expect(toCsv([['a,b', 'say "hi"', 'x\ny', null, -1.5, true]])).to.equal('"a,b","say ""hi""","x\ny",,-1.5,true\r\n');
    expect(toCsv([['=A1', 'ok']])).to.equal("'=A1,ok\r\n");
  });
});
