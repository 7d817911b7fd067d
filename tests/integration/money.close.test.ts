import { expect } from 'chai';
import { inArray } from 'drizzle-orm';
import { schema } from '../../server/platform/db/index';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { moneyServer } from '../support/money';
import { type ApiClient, type TestServer, sandboxProvider } from '../support/server';
import { STATEMENT_HEADER, importStatement, pendingRegistration, registrationRow, txnId } from '../support/statements';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('money at the close: the winner owes the balance, every other deposit is owed back within 24 hours', () => {
  let t: TestServer, staff: ApiClient, finance: ApiClient;
  moneyServer((s) => ({ t, staff, finance } = s));

  async function namedBidder(lotId: string, name: string) {
    const b = await bidderWithDeposit(t, lotId, finance);
    // The factory verifies with a fixed name; a refund is paid to the bidder's real name.
    await t.database.exec(`UPDATE users SET real_name = '${name}' WHERE id = '${b.id}'`);
    return b;
  }

  it('when a lot with three bidders closes, then the winner\'s deposit is applied, the balance shows its B- reference, amount and due date, and both losers see a refund due within exactly 24 hours', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await namedBidder(lot.id, '张三');
    const b = await namedBidder(lot.id, '李四');
    const c = await namedBidder(lot.id, '王五');
    expect((await a.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'a1' })).status).to.equal(201);
    expect((await c.api.post(`/api/lots/${lot.id}/bids`, { amount: '72000.00', clientBidId: 'c1' })).status).to.equal(201);
    expect((await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '75000.00', clientBidId: 'b1' })).status).to.equal(201);
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
    const view = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(view.status).to.equal('sold');
    const closedAt = new Date(view.closedAt);

    const won = (await b.api.call('myRegistration', { params: { id: lot.id } })).body;
    expect(won.depositStatus).to.equal('applied');
    expect(won.refund).to.equal(null);
    expect(won.balance).to.not.equal(null);
    expect(won.balance!.amount).to.equal('68000.00');
    expect(won.balance!.reference).to.match(/^B-[2-9A-HJ-NP-TV-Z]{9}$/);
    expect(won.balance!.dueAt).to.equal(view.balanceDueAt);
    expect(new Date(won.balance!.dueAt).getTime()).to.be.greaterThan(closedAt.getTime());
    expect(won.balance!.paidAt).to.equal(null);

    const refunds = (await finance.get('/api/finance/refunds?status=due')).body as Array<{ registrationId: string; amount: string; payeeName: string; dueBy: string; method: string; kind: string }>;
    for (const [loser, name] of [[a, '张三'], [c, '王五']] as const) {
      const reg = (await loser.api.call('myRegistration', { params: { id: lot.id } })).body;
      expect(reg.depositStatus).to.equal('released');
      expect(reg.balance).to.equal(null);
      expect(reg.refund).to.deep.equal({ amount: '7000.00', status: 'due', dueBy: new Date(closedAt.getTime() + DAY_MS).toISOString(), sentAt: null });
      const row = refunds.find((r) => r.registrationId === loser.registration.id);
      expect(row, 'a refund row for the loser').to.include({ amount: '7000.00', payeeName: name, method: 'bank', kind: 'deposit_release' });
      expect(new Date(row!.dueBy).getTime() - closedAt.getTime()).to.equal(DAY_MS);
      const mine = (await loser.api.call('myRegistrations')).body.registrations.find((r) => r.lotId === lot.id)!;
      expect(mine.refund).to.deep.equal(reg.refund);
    }
    expect(refunds.some((r) => r.registrationId === b.registration.id)).to.equal(false);
    const mine = (await b.api.call('myRegistrations')).body.registrations.find((r) => r.lotId === lot.id)!;
    expect(mine.balance).to.deep.equal(won.balance);
    expect(mine, 'the lot has no English title').to.have.property('lotTitleEn', null);

    // The proceeds hold the deposit; each loser's refunds payable holds theirs.
    const proceeds = (await finance.call('ledger', { query: { account: `liability:court_proceeds:lot:${lot.id}` } })).body;
    expect(proceeds.balance).to.equal('-7000.00');
    const owedToA = (await finance.call('ledger', { query: { account: `liability:refunds_payable:user:${a.id}` } })).body;
    expect(owedToA.balance).to.equal('-7000.00');
  });

  it('when a lot ends with no bid, then every held deposit is released and owed back within 24 hours', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await namedBidder(lot.id, '赵六');
    const b = await namedBidder(lot.id, '钱七');
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
    const view = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(view.status).to.equal('unsold');
    const closedAt = new Date(view.closedAt);
    for (const x of [a, b]) {
      const reg = (await x.api.call('myRegistration', { params: { id: lot.id } })).body;
      expect(reg.depositStatus).to.equal('released');
      expect(reg.balance).to.equal(null);
      expect(reg.refund).to.deep.equal({ amount: '7000.00', status: 'due', dueBy: new Date(closedAt.getTime() + DAY_MS).toISOString(), sentAt: null });
    }
    const held = (await finance.call('ledger', { query: { account: `liability:deposits_held:reg:${a.registration.id}` } })).body;
    expect(held.balance).to.equal('0.00');
    expect(held.entries.map((e) => e.kind)).to.deep.equal(['deposit_released', 'deposit_held']);
  });

  it('when a live lot is cancelled, then its held deposits are released and owed back, and a pending registration owes nothing', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await namedBidder(lot.id, '孙八');
    const pending = await t.user('bidder', { verified: true });
    expect((await pending.api.post(`/api/lots/${lot.id}/registrations`)).status).to.equal(201);
    const cancelled = await staff.post(`/api/lots/${lot.id}/cancel`, { reason: 'The debtor paid the debt in full.' });
    expect(cancelled.status).to.equal(200);
    const cancelledAt = new Date(cancelled.body.closedAt);
    const reg = (await a.api.call('myRegistration', { params: { id: lot.id } })).body;
    expect(reg.depositStatus).to.equal('released');
    expect(reg.refund).to.deep.equal({ amount: '7000.00', status: 'due', dueBy: new Date(cancelledAt.getTime() + DAY_MS).toISOString(), sentAt: null });
    const p = (await pending.api.call('myRegistration', { params: { id: lot.id } })).body;
    expect(p.depositStatus).to.equal('pending');
    expect(p.refund).to.equal(null);
  });

  it('when a refund is sent, then the loser sees it sent, and the books still reconcile', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await namedBidder(lot.id, '周九');
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
    const row = ((await finance.get('/api/finance/refunds?status=due')).body as Array<{ id: string; registrationId: string }>).find((r) => r.registrationId === a.registration.id)!;
    const sent = await finance.post(`/api/finance/refunds/${row.id}/sent`, { bankReference: 'RFD-0001' });
    expect(sent.status).to.equal(200);
    const reg = (await a.api.call('myRegistration', { params: { id: lot.id } })).body;
    expect(reg.refund!.status).to.equal('sent');
    expect(reg.refund!.sentAt).to.equal(sent.body.sentAt).and.to.be.a('string');
  });
});

describe('money at the close: a released bank deposit goes back to the account it came from', () => {
  let t: TestServer, staff: ApiClient, finance: ApiClient;
  moneyServer((s) => ({ t, staff, finance } = s));

  type Refund = { id: string; registrationId: string | null; status: string; payeeAccount: string | null; accountNeeded: boolean; bankReference: string | null };
  const refundOf = async (registrationId: string) => ((await finance.get('/api/finance/refunds')).body as Refund[]).find((r) => r.registrationId === registrationId)!;

  it('when a lot ends, then each refund carries the paying statement line\'s account or the one recorded at the desk; one with none is left out of the payment file until finance records where it went', async () => {
    const lot = await publishedLot(t, staff);
    const byStatement = await pendingRegistration(t, lot.id);
    const csv = [STATEMENT_HEADER, `2026-11-30,${byStatement.deposit},CNY,${byStatement.reference},王伟,6222 0000 1111 2222,${txnId()}`].join('\n');
    expect((await importStatement(finance, csv)).body.decisions[0].outcome).to.equal('deposit');

    // Paid without its reference: matched by hand from the queue, the line still names the account.
    const byHand = await pendingRegistration(t, lot.id);
    const strayTxn = txnId();
    await importStatement(finance, [STATEMENT_HEADER, `2026-11-30,${byHand.deposit},CNY,DEPOSIT-FOR-LOT,李娜,6222020200009999,${strayTxn}`].join('\n'));
    const stray = ((await finance.get('/api/finance/unmatched')).body.lines as Array<{ id: string; bankTxnId: string }>).find((l) => l.bankTxnId === strayTxn)!;
    expect((await finance.post(`/api/finance/unmatched/${stray.id}/match`, { registrationId: byHand.registrationId })).status).to.equal(200);

    const atDesk = await pendingRegistration(t, lot.id);
    for (const bad of ['', ' ', 'A\u0007B', 'ACME\u202Egnp', '6'.repeat(65)]) {
      const refused = await finance.post(`/api/finance/deposits/${atDesk.registrationId}/confirm`, { bankReference: `BANK-${atDesk.registrationId}`, payerAccount: bad });
      expect(refused.status, JSON.stringify(bad)).to.equal(400);
      expect(refused.body.error.code).to.equal('VALIDATION_FAILED');
    }
    expect((await registrationRow(t, atDesk.registrationId)).depositStatus).to.equal('pending');
    const confirmed = await finance.post(`/api/finance/deposits/${atDesk.registrationId}/confirm`, { bankReference: `BANK-${atDesk.registrationId}`, payerAccount: ' 6217000010001234 ' });
    expect(confirmed.status).to.equal(200);
    expect((await registrationRow(t, atDesk.registrationId)).payerAccount).to.equal('6217000010001234');

    const unknown = await bidderWithDeposit(t, lot.id, finance);
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.status).to.equal('unsold');

    const [a, b, c] = [await refundOf(byStatement.registrationId), await refundOf(atDesk.registrationId), await refundOf(unknown.registration.id)];
    expect(a).to.include({ status: 'due', payeeAccount: '6222 0000 1111 2222', accountNeeded: false });
    expect(b).to.include({ status: 'due', payeeAccount: '6217000010001234', accountNeeded: false });
    expect(c).to.include({ status: 'due', payeeAccount: null, accountNeeded: true });
    expect(await refundOf(byHand.registrationId)).to.include({ status: 'due', payeeAccount: '6222020200009999', accountNeeded: false });

    const file = String((await finance.request('GET', '/api/finance/refunds?format=csv')).body).split('\r\n');
    expect(file.find((l) => l.endsWith(a.id))).to.match(/^.*,6222 0000 1111 2222,7000\.00,CNY,/);
    expect(file.find((l) => l.endsWith(b.id))).to.match(/^.*,6217000010001234,7000\.00,CNY,/);
    expect(file.some((l) => l.includes(c.id))).to.equal(false);
    expect(file.every((l) => !/^[^,]*,,/.test(l))).to.equal(true);

    // The account on record is where a refund is owed: it is not redirected when marked sent.
    const elsewhere = await finance.post(`/api/finance/refunds/${a.id}/sent`, { bankReference: 'RFD-A-0001', payeeAccount: '6228480000000000001' });
    expect(elsewhere.status).to.equal(400);
    expect((await refundOf(byStatement.registrationId)).status).to.equal('due');
    const sentA = await finance.post(`/api/finance/refunds/${a.id}/sent`, { bankReference: 'RFD-A-0001', payeeAccount: '6222 0000 1111 2222' });
    expect(sentA.status).to.equal(200);
    expect(sentA.body).to.include({ status: 'sent', payeeAccount: '6222 0000 1111 2222', accountNeeded: false });

    // Finance asked the bidder for an account and paid there: the refund records it.
    const sentC = await finance.post(`/api/finance/refunds/${c.id}/sent`, { bankReference: 'RFD-C-0001', payeeAccount: '6228480000000000001' });
    expect(sentC.status).to.equal(200);
    expect(sentC.body).to.include({ status: 'sent', payeeAccount: '6228480000000000001', accountNeeded: false, bankReference: 'RFD-C-0001' });
    expect((await refundOf(unknown.registration.id)).payeeAccount).to.equal('6228480000000000001');
  });
});

describe('money at the close with deposits held online: the provider captures the winner\'s hold and cancels the others', () => {
  let t: TestServer, staff: ApiClient;
  moneyServer((s) => ({ t, staff } = s), { paymentProvider: sandboxProvider() });

  async function paidOnline(lotId: string) {
    const b = await t.user('bidder', { verified: true });
    const reg = await b.api.call('registerForLot', { params: { id: lotId } });
    const pay = await b.api.call('payDepositOnline', { params: { id: lotId } });
    await b.api.call('sandboxPay', { body: { clientSecret: pay.body.clientSecret!, outcome: 'succeed' } });
    expect((await b.api.call('myRegistration', { params: { id: lotId } })).body.depositStatus).to.equal('held');
    return { ...b, registrationId: reg.body.id, providerRef: pay.body.providerRef };
  }

  it('when the lot closes, then capture and cancel calls are queued under the registration\'s keys with its provider reference, and no bank refund is owed', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const a = await paidOnline(lot.id);
    const b = await paidOnline(lot.id);
    expect((await b.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'b1' })).status).to.equal(201);
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
    await t.platform.runJobsNow();
    const rows = await t.database.db.select().from(schema.outbox)
      .where(inArray(schema.outbox.idempotencyKey, [`capture:${b.registrationId}`, `cancel:${a.registrationId}`]));
    const byKey = Object.fromEntries(rows.map((r) => [r.idempotencyKey, r]));
    expect(byKey[`capture:${b.registrationId}`].kind).to.equal('capture_deposit');
    expect(byKey[`capture:${b.registrationId}`].payload).to.include({ registrationId: b.registrationId, providerRef: b.providerRef, amount: '7000.00' });
    expect(byKey[`cancel:${a.registrationId}`].kind).to.equal('cancel_deposit');
    expect(byKey[`cancel:${a.registrationId}`].payload).to.include({ registrationId: a.registrationId, providerRef: a.providerRef, amount: '7000.00' });
    const loser = (await a.api.call('myRegistration', { params: { id: lot.id } })).body;
    expect(loser.depositStatus).to.equal('released');
    expect(loser.refund).to.equal(null);
    const refunds = await t.database.db.select().from(schema.refunds).where(inArray(schema.refunds.registrationId, [a.registrationId, b.registrationId]));
    expect(refunds).to.have.length(0);
    const won = (await b.api.call('myRegistration', { params: { id: lot.id } })).body;
    expect(won.depositStatus).to.equal('applied');
    expect(won.balance).to.include({ amount: '63000.00', paidAt: null });
  });
});
