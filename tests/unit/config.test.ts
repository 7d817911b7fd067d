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

  it('when unset, then the sample names the payee and bank in Chinese for Chinese pages and in English for English ones, each overridable', () => {
    expect(loadConfig({}).depositAccount).to.deep.equal({
      payee: '法院执行款专户', bankName: '中国银行', payeeEn: 'Court enforcement deposit account', bankNameEn: 'Bank of China', accountNumber: '6216 6100 0000 0012 345',
    });
    const named = loadConfig({ DEPOSIT_PAYEE_EN: ' Enforcement account ', DEPOSIT_BANK_NAME_EN: 'BOC Hangzhou' }).depositAccount;
    expect(named).to.include({ payee: '法院执行款专户', bankName: '中国银行', payeeEn: 'Enforcement account', bankNameEn: 'BOC Hangzhou' });
    expect(() => loadConfig({ DEPOSIT_BANK_NAME_EN: 'x' })).to.throw(ConfigError, /DEPOSIT_BANK_NAME_EN/);
  });

  it("when DEPOSIT_ACCOUNT is set, then English pages show its names until the English variables are set, never the sample's", () => {
    expect(loadConfig({ DEPOSIT_ACCOUNT: JSON.stringify(account) }).depositAccount).to.deep.equal({ ...account, payeeEn: account.payee, bankNameEn: account.bankName });
    const both = loadConfig({ DEPOSIT_ACCOUNT: JSON.stringify(account), DEPOSIT_PAYEE_EN: 'Enforcement account', DEPOSIT_BANK_NAME_EN: 'Bank of China, branch' }).depositAccount;
    expect(both).to.deep.equal({ ...account, payeeEn: 'Enforcement account', bankNameEn: 'Bank of China, branch' });
  });
});

describe('the proxies that may name the client address (TRUST_PROXY)', () => {
  it('when unset, then only a proxy on this host is trusted', () => {
    expect(loadConfig({}).TRUST_PROXY).to.deep.equal(['loopback']);
  });

  it('when given hops or addresses and subnets, then they are kept as Express reads them', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).to.equal(1);
    expect(loadConfig({ TRUST_PROXY: '0' }).TRUST_PROXY).to.equal(0);
    expect(loadConfig({ TRUST_PROXY: ' 10.0.0.0/8, loopback ,fd00::/8' }).TRUST_PROXY).to.deep.equal(['10.0.0.0/8', 'loopback', 'fd00::/8']);
  });

  it('when it would trust everyone, names no address, or has too many hops, then start-up stops naming the variable', () => {
    for (const bad of ['true', '*', '10.0.0.0/33', 'proxy.example', '11', ' , ']) {
      expect(() => loadConfig({ TRUST_PROXY: bad }), bad).to.throw(ConfigError, /TRUST_PROXY/);
    }
  });
});
