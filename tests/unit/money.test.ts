import { expect } from 'chai';
import { formatWanYi, formatYuan, isMoneyString, toChineseCapital, toMoneyString } from '../../shared/money';

describe('money', () => {
  it('when amounts are formatted, then the yuan sign and thousands separators come from the string, not a float', () => {
    expect(formatYuan('1234567.5')).to.equal('¥1,234,567.50');
    expect(formatYuan('0.1')).to.equal('¥0.10');
    // 2^53 + 1 is not representable as a double; the decimal path keeps every digit
    expect(formatYuan('9007199254740993.01')).to.equal('¥9,007,199,254,740,993.01');
    expect(toMoneyString('2.005')).to.equal('2.01');
  });

  it('when a sum is large, then Chinese readers get 万 and 亿', () => {
    expect(formatWanYi('9999.99')).to.equal(null);
    expect(formatWanYi('12345678.00')).to.equal('1,234.57万');
    expect(formatWanYi('14280000000.00')).to.equal('142.80亿');
  });

  const capitals: Array<[string, string]> = [
    ['0', '人民币零元整'],
    ['0.05', '人民币伍分'],
    ['3000', '人民币叁仟元整'],
    ['10500.20', '人民币壹万零伍佰元贰角'],
    ['100000001', '人民币壹亿零壹元整'],
    ['1010101.01', '人民币壹佰零壹万零壹佰零壹元零壹分'],
    ['84000', '人民币捌万肆仟元整'],
    ['20000000', '人民币贰仟万元整'],
  ];
  for (const [amount, words] of capitals) {
    it(`when ${amount} is written in capital numerals, then it reads ${words}`, () => {
      expect(toChineseCapital(amount)).to.equal(words);
    });
  }

  it('when a wire amount has more than two places, a sign, an exponent or spaces, then it is not money', () => {
    for (const bad of ['1.001', '-1.00', '1e5', ' 1', '01', '', '1,000', 'NaN', 'Infinity', '0x10', '1000000000000000.00']) {
      expect(isMoneyString(bad), bad).to.equal(false);
    }
    for (const good of ['0', '1', '1.5', '1.50', '999999999999999.99']) expect(isMoneyString(good), good).to.equal(true);
  });
});
