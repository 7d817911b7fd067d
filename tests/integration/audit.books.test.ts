import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../server/platform/db/index';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { assertBooks } from '../support/books';
import { startTestServer } from '../support/server';

function auditVerify(env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
    env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8', timeout: 60_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('the books reconcile: npm run audit:verify checks deposits and refunds against the ledger', () => {
  const pgUrl = process.env.TEST_DATABASE_URL;
  let dataDir = '';
  let env: Record<string, string>;
  const open = (): Promise<Database> => (pgUrl ? openDatabase({ databaseUrl: pgUrl }) : openDatabase({ dataDir }));
  let heldRegistration = '';
  let releasedRegistration = '';

  before(async function () {
    this.timeout(90_000);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'auction-books-'));
    env = pgUrl ? { DATABASE_URL: pgUrl } : { DATA_DIR: dataDir };
    const database = await open();
    const t = await startTestServer({ database });
    const staff = (await t.user('court_staff')).api;
    const finance = (await t.user('finance')).api;
    const lot = await publishedLot(t, staff, { live: true });
    const a = await bidderWithDeposit(t, lot.id, finance);
    const b = await bidderWithDeposit(t, lot.id, finance);
    expect((await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'b1' })).status).to.equal(201);
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 1000);
    releasedRegistration = a.registration.id;
    const open2 = await publishedLot(t, staff, { live: true });
    heldRegistration = (await bidderWithDeposit(t, open2.id, finance)).registration.id;
    await assertBooks(t);
    await t.stop();
    await database.close();
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('when nothing was touched, then the books reconcile', function () {
    this.timeout(60_000);
    const r = auditVerify(env);
    expect(r.code, r.out).to.equal(0);
    expect(r.out).to.match(/OK: books reconcile \(\d+ deposits, \d+ refund payees\)/);
  });

  it('when a held deposit is marked released in the database, then audit:verify reports that registration and exits 1', async function () {
    this.timeout(60_000);
    const database = await open();
    await database.exec(`UPDATE registrations SET deposit_status = 'released' WHERE id = '${heldRegistration}'`);
    await database.close();
    const r = auditVerify(env);
    expect(r.code).to.equal(1);
    expect(r.out).to.include(`BOOKS: registration ${heldRegistration}: deposit is released but its account has 7000.00 posted`);
    const fix = await open();
    await fix.exec(`UPDATE registrations SET deposit_status = 'held' WHERE id = '${heldRegistration}'`);
    await fix.close();
    expect(auditVerify(env).code).to.equal(0);
  });

  it("when a refund owed is changed in the database, then audit:verify reports the payee's refunds payable", async function () {
    this.timeout(60_000);
    const database = await open();
    await database.exec(`UPDATE refunds SET amount = amount + 1 WHERE registration_id = '${releasedRegistration}'`);
    await database.close();
    const r = auditVerify(env);
    expect(r.code).to.equal(1);
    expect(r.out).to.match(/BOOKS: refunds liability:refunds_payable:user:\S+: 1 refund\(s\) owe 7001\.00 but 7000\.00 was credited/);
    const fix = await open();
    await fix.exec(`UPDATE refunds SET amount = amount - 1 WHERE registration_id = '${releasedRegistration}'`);
    await fix.close();
  });
});
