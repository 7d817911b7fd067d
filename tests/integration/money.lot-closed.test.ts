import { expect } from 'chai';
import { publishedLot } from '../support/factories';
import { moneyServer } from '../support/money';
import { type ApiClient, type TestServer } from '../support/server';
import { importStatement, pendingRegistration, registrationRow, statement, txnId } from '../support/statements';

describe('money: a deposit paid by bank after its lot stopped taking deposits', () => {
  let t: TestServer, staff: ApiClient, finance: ApiClient;
  moneyServer((s) => ({ t, staff, finance } = s));

  it('when the lot was cancelled, then the line waits in the unmatched queue as LOT_CLOSED, holds nothing, and finance returns it to the payer', async () => {
    const lot = await publishedLot(t, staff);
    const r = await pendingRegistration(t, lot.id);
    expect((await staff.post(`/api/lots/${lot.id}/cancel`, { reason: 'The debtor settled the debt.' })).status).to.equal(200);
    const txn = txnId();
    const res = await importStatement(finance, statement([[r.deposit, r.reference, '王伟', txn]]));
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ matched: 0, unmatched: 1, duplicates: 0 });
    expect(res.body.decisions[0]).to.include({ outcome: 'lot_closed', unmatchedReason: 'LOT_CLOSED', registrationId: r.registrationId });
    expect((await registrationRow(t, r.registrationId)).depositStatus).to.equal('pending');

    const queue = (await finance.call('unmatchedLines')).body.lines;
    const line = queue.find((l) => l.bankTxnId === txn)!;
    expect(line).to.include({ reason: 'LOT_CLOSED', amount: r.deposit });
    const back = await finance.post(`/api/finance/unmatched/${line.id}/return`, { note: 'The lot was cancelled; returned to the payer.' });
    expect(back.status).to.equal(200);
    expect(back.body.refundId).to.be.a('string');
  });

  it('when the lot is still open, then the same kind of line holds the deposit as before', async () => {
    const lot = await publishedLot(t, staff);
    const r = await pendingRegistration(t, lot.id);
    const res = await importStatement(finance, statement([[r.deposit, r.reference, '王伟', txnId()]]));
    expect(res.body.decisions[0]).to.include({ outcome: 'deposit', unmatchedReason: null });
    expect((await registrationRow(t, r.registrationId)).depositStatus).to.equal('held');
  });
});
