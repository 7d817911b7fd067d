import { expect } from 'chai';
import { publishedLot } from '../support/factories';
import { startTestServer, type TestServer } from '../support/server';
import { pendingRegistration } from '../support/statements';

describe('the account a registration tells the bidder to pay into', () => {
  const account = { payee: '某市中级人民法院执行款专户', bankName: '中国银行某市分行', accountNumber: '6216 6100 1234 5678 901' };
  let t: TestServer;
  before(async () => { t = await startTestServer({ env: { DEPOSIT_ACCOUNT: JSON.stringify(account), DEPOSIT_PAYEE_EN: 'City court enforcement account' } }); });
  after(async () => { await t.stop(); });

  it('when the deployment sets DEPOSIT_ACCOUNT, then every registration names that account with its own checked reference', async () => {
    const staff = (await t.user('court_staff')).api;
    const lot = await publishedLot(t, staff);
    const a = await pendingRegistration(t, lot.id);
    const b = await pendingRegistration(t, lot.id);
    const views = await Promise.all([a, b].map(async (r) => (await r.api.get(`/api/lots/${lot.id}/registration`)).body));
    for (const v of views) {
      // English pages get the English payee set for them, and the account's own bank name while none is set
      expect(v.payment).to.deep.include({ method: 'bank_transfer', ...account, payeeEn: 'City court enforcement account', bankNameEn: account.bankName });
      expect(v.payment.reference).to.match(/^D-[2-9A-HJ-NP-TV-Z]+$/);
    }
    expect(views[0].payment.reference).to.not.equal(views[1].payment.reference);
  });
});

describe('the sample account of development and the demo', () => {
  let t: TestServer;
  before(async () => { t = await startTestServer(); });
  after(async () => { await t.stop(); });

  it('when no account is configured, then the payee and bank are named in Chinese, and in English apart, never mixed in one field', async () => {
    const staff = (await t.user('court_staff')).api;
    const lot = await publishedLot(t, staff);
    const r = await pendingRegistration(t, lot.id);
    const v = (await r.api.get(`/api/lots/${lot.id}/registration`)).body;
    expect(v.payment).to.deep.include({
      method: 'bank_transfer', payee: '法院执行款专户', bankName: '中国银行', payeeEn: 'Court enforcement deposit account', bankNameEn: 'Bank of China', accountNumber: '6216 6100 0000 0012 345',
    });
  });
});
