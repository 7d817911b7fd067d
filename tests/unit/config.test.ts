import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../server/platform/config';

describe('the account bidders pay into (DEPOSIT_ACCOUNT)', () => {
  const account = { payee: '某市中级人民法院执行款专户', bankName: '中国银行某市分行', accountNumber: '6216 6100 1234 5678 901' };

  it('when production starts without it, then start-up stops naming the variable, rather than send bidders to the sample account', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /DEPOSIT_ACCOUNT: required in production/);
    expect(loadConfig({ NODE_ENV: 'production', DEPOSIT_ACCOUNT: JSON.stringify(account) }).DEPOSIT_ACCOUNT).to.deep.equal(account);
  });

  it('when it is not JSON, lacks a field or has a malformed account number, then it is refused by name', () => {
    for (const bad of ['{payee', JSON.stringify({ payee: 'x'.repeat(5), bankName: 'Bank' }), JSON.stringify({ ...account, accountNumber: 'IBAN: none' }), JSON.stringify({ ...account, extra: 1 })]) {
      expect(() => loadConfig({ DEPOSIT_ACCOUNT: bad }), bad).to.throw(ConfigError, /DEPOSIT_ACCOUNT/);
    }
  });

  it('when development leaves it unset, then the sample account is used', () => {
    expect(loadConfig({}).DEPOSIT_ACCOUNT).to.equal(undefined);
  });
});
