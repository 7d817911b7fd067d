import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { and, eq, isNull } from 'drizzle-orm';
import { createOrUpdateUser } from '../../server/modules/admin/create-user';
import { schema } from '../../server/platform/db/index';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { courtServer, type ApiClient, type TestServer } from '../support/server';

/** The test users' password (tests/support/server.ts): the script sets it again, as an operator would. */
const PASSWORD = 'correct-horse-battery';

describe('a role change withdraws the proxy bids of a user who may no longer bid (A28), wherever it is made', () => {
  let t: TestServer;
  let staff: ApiClient;
  let finance: ApiClient;
  before(async () => ({ t, staff, finance } = await courtServer()));
  after(async () => { await t.stop(); });

  const inForce = async (userId: string) => t.database.db.select().from(schema.proxyBids)
    .where(and(eq(schema.proxyBids.userId, userId), isNull(schema.proxyBids.withdrawnAt)));

  async function bidderWithProxy() {
    const lot = await publishedLot(t, staff, { live: true });
    const b = await bidderWithDeposit(t, lot.id, finance);
    expect((await b.api.post(`/api/lots/${lot.id}/proxy-bid`, { maxAmount: '90000.00' })).status).to.equal(201);
    expect(await inForce(b.id)).to.have.length(1);
    return { lot, b };
  }

  it('when `npm run user:create` makes a bidder court staff, then their proxy bid is withdrawn', async () => {
    const { b } = await bidderWithProxy();
    const { user, created } = await createOrUpdateUser(t.platform.ctx, { email: b.email, password: PASSWORD, role: 'court_staff' });
    expect(created).to.equal(false);
    expect(user.roles).to.deep.equal(['court_staff']);
    expect(await inForce(b.id)).to.have.length(0);
    const [row] = await t.database.db.select().from(schema.proxyBids).where(eq(schema.proxyBids.userId, b.id));
    expect(row.withdrawnAt).to.be.an.instanceOf(Date);
  });

  it('when `npm run user:create` only sets a bidder\'s password again, then their proxy bid stays in force', async () => {
    const { b } = await bidderWithProxy();
    await createOrUpdateUser(t.platform.ctx, { email: b.email, password: PASSWORD, role: 'bidder' });
    expect(await inForce(b.id)).to.have.length(1);
  });

  it('when an administrator makes a bidder court staff, then their proxy bid is withdrawn the same way', async () => {
    const { lot, b } = await bidderWithProxy();
    expect((await t.admin.post(`/api/admin/users/${b.id}/roles`, { roles: ['court_staff'] })).status).to.equal(200);
    expect(await inForce(b.id)).to.have.length(0);
    // The lot's sequencer read its proxies again: a manual bid is not answered for the withdrawn proxy.
    const other = await bidderWithDeposit(t, lot.id, finance);
    const before = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    const next = new Decimal(before.currentPrice).plus(before.bidIncrement).toFixed(2);
    expect((await other.api.post(`/api/lots/${lot.id}/bids`, { amount: next, clientBidId: 'after-roles' })).status).to.equal(201);
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body).to.include({ currentPrice: next, leadingBidderCode: other.bidderCode });
  });
});
