import { expect } from 'chai';
import { auditDatabase, liveLotWithTwoDeposits } from '../support/audit';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { assertBooks } from '../support/books';

describe('the books reconcile: npm run audit:verify checks deposits and refunds against the ledger', () => {
  const db = auditDatabase('auction-books-');
  let heldRegistration = '';
  let releasedRegistration = '';

  before(async function () {
    this.timeout(90_000);
    const database = await db.open();
    const { t, staff, finance, lot, a, b } = await liveLotWithTwoDeposits(database);
    expect((await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'b1' })).status).to.equal(201);
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 1000);
    releasedRegistration = a.registration.id;
    const open2 = await publishedLot(t, staff, { live: true });
    heldRegistration = (await bidderWithDeposit(t, open2.id, finance)).registration.id;
    await assertBooks(t);
    await t.stop();
    await database.close();
  });

  it('when nothing was touched, then the books reconcile', async function () {
    this.timeout(60_000);
    const r = await db.verify();
    expect(r.code, r.out).to.equal(0);
    expect(r.out).to.match(/OK: books reconcile \(\d+ deposits, \d+ refund payees\)/);
  });

  it('when a held deposit is marked released in the database, then audit:verify reports that registration and exits 1', async function () {
    this.timeout(60_000);
    const database = await db.open();
    await database.exec(`UPDATE registrations SET deposit_status = 'released' WHERE id = '${heldRegistration}'`);
    await database.close();
    const r = await db.verify();
    expect(r.code).to.equal(1);
    expect(r.out).to.include(`BOOKS: registration ${heldRegistration}: deposit is released but its account has 7000.00 posted`);
    const fix = await db.open();
    await fix.exec(`UPDATE registrations SET deposit_status = 'held' WHERE id = '${heldRegistration}'`);
    await fix.close();
    expect((await db.verify()).code).to.equal(0);
  });

  it("when a refund owed is changed in the database, then audit:verify reports the payee's refunds payable", async function () {
    this.timeout(60_000);
    const database = await db.open();
    await database.exec(`UPDATE refunds SET amount = amount + 1 WHERE registration_id = '${releasedRegistration}'`);
    await database.close();
    const r = await db.verify();
    expect(r.code).to.equal(1);
    expect(r.out).to.match(/BOOKS: refunds liability:refunds_payable:user:\S+: 1 refund\(s\) owe 7001\.00 but 7000\.00 was credited/);
    const fix = await db.open();
    await fix.exec(`UPDATE refunds SET amount = amount - 1 WHERE registration_id = '${releasedRegistration}'`);
    await fix.close();
  });
});
