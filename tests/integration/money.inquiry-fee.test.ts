import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import nock from 'nock';
import { schema } from '../../server/platform/db/index';
import { bidderWithDeposit, lotBody, notifyAndPublish } from '../support/factories';
import { serverHooks } from '../support/money';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

const DAY = 24 * 60 * 60 * 1000;
const PLATFORMS = [
  { name: 'Near', url: 'http://near.inquiry-fee.test', fee: '800.01', price: '80000.00' },
  { name: 'Tie', url: 'http://tie.inquiry-fee.test', fee: '800.01', price: '80000.00' },
  { name: 'Far', url: 'http://far.inquiry-fee.test', fee: '500.00', price: '60000.00' },
];

describe('money: the network-inquiry fee is owed to the platform closest to the sale price (B31)', () => {
  let t: TestServer, staff: ApiClient, finance: ApiClient;
  const env = { INQUIRY_TIMEOUT_MS: '3000', INQUIRY_PLATFORMS: JSON.stringify(PLATFORMS.map(({ name, url, fee }) => ({ name, url, fee }))) };
  serverHooks(() => courtServer({ env }), (s) => ({ t, staff, finance } = s), { books: true, localNetwork: 'suite' });

  async function feeLines(lotId: string) {
    return t.database.db.select({ account: schema.ledgerLines.account, debit: schema.ledgerLines.debit, credit: schema.ledgerLines.credit })
      .from(schema.ledgerLines).innerJoin(schema.ledgerEntries, eq(schema.ledgerLines.entryId, schema.ledgerEntries.id))
      .where(eq(schema.ledgerEntries.idempotencyKey, `inquiry-fee:${lotId}`)).orderBy(schema.ledgerLines.line);
  }

  it('when two platforms tie closest, then the closing posts the fee from the lot\'s proceeds split exactly to the fen, the odd fen to the first', async () => {
    for (const p of PLATFORMS) {
      nock(p.url).post('/inquiries').reply(202, { platformRef: 'fee' });
      nock(p.url).persist().get('/inquiries/fee').reply(200, { status: 'done', price: p.price, currency: 'CNY' });
    }
    const c = await staff.post('/api/cases', { caseNumber: `F-${Math.random()}`, court: 'Fee Court', applicant: 'A', respondent: 'R', claimAmount: '1000000.00' });
    const a = await staff.post('/api/assets', { caseId: c.body.id, title: 'Warehouse stock', kind: 'movable', description: 'Pallets.' });
    const v = await staff.post(`/api/assets/${a.body.id}/valuations`, { method: 'network_inquiry', skipAgreement: { note: 'Agreed.' } });
    expect(v.status, JSON.stringify(v.body)).to.equal(201);
    await t.advance(1000);
    await t.advance(31_000);
    await t.advance(6 * DAY);
    expect((await staff.get(`/api/valuations/${v.body.id}`)).body.status).to.equal('effective');
    const created = await staff.post('/api/lots', lotBody(t, a.body.id, { startingPrice: '51400.00', deposit: '5140.00', bidIncrement: '500.00' }));
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const lotId = created.body.id as string;
    await notifyAndPublish(t, staff, lotId);
    await t.advance(new Date(created.body.startsAt).getTime() - t.now().getTime() + 1000);
    const b = await bidderWithDeposit(t, lotId, finance);
    expect((await b.api.post(`/api/lots/${lotId}/bids`, { amount: '79000.00', clientBidId: 'fee' })).status).to.equal(201);
    expect(await feeLines(lotId)).to.deep.equal([]);
    await t.advance(new Date(created.body.endsAt).getTime() - t.now().getTime() + 1000);
    expect((await t.anon.get(`/api/lots/${lotId}`)).body.status).to.equal('sold');

    expect(await feeLines(lotId)).to.deep.equal([
      { account: `liability:court_proceeds:lot:${lotId}`, debit: '800.01', credit: '0.00' },
      { account: 'liability:inquiry_fees_payable:platform:Near', debit: '0.00', credit: '400.01' },
      { account: 'liability:inquiry_fees_payable:platform:Tie', debit: '0.00', credit: '400.00' },
    ]);
    const accounts = (await finance.call('ledgerAccounts')).body;
    const text = JSON.stringify(accounts);
    expect(text).to.include('inquiry_fees_payable:platform:Near');
  });
});
