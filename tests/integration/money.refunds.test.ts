import { expect } from 'chai';
import { eq } from 'drizzle-orm';
import { schema } from '../../server/platform/db/index';
import { newPaymentReference } from '../../server/modules/payments/payment-reference';
import { assertBooks } from '../support/books';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { courtServerWithLot, serverHooks } from '../support/money';
import { type ApiClient, type TestServer } from '../support/server';
import { importStatement, pendingRegistration, registrationRow, statement, txnId } from '../support/statements';

type Line = { id: string; reference: string; reason: string; amount: string; payerName: string; payerAccount: string };
type Refund = { id: string; kind: string; amount: string; status: string; overdue: boolean; payeeName: string; payeeAccount: string | null; bankReference: string | null; sentAt: string | null; dueBy: string };

/** A changed character of a real reference: the check character tells it apart from an unknown one. */
function mistyped(reference: string): string {
  const c = reference[4] === 'K' ? 'X' : 'K';
  return reference.slice(0, 4) + c + reference.slice(5);
}

describe('money: the unmatched queue and refunds', () => {
  let t: TestServer, staff: ApiClient, finance: ApiClient, lotId: string;
  serverHooks(courtServerWithLot, (s) => ({ t, staff, finance, lotId } = s));

  async function queued(bankTxnId: string): Promise<Line> {
    const lines = (await finance.get('/api/finance/unmatched')).body.lines as Array<Line & { bankTxnId: string }>;
    const line = lines.find((l) => l.bankTxnId === bankTxnId);
    if (!line) throw new Error(`${bankTxnId} is not in the queue`);
    return line;
  }

  it('when a line names an unknown reference, then it waits in the queue and finance matches it by hand: the deposit is held', async () => {
    const r = await pendingRegistration(t, lotId);
    const txn = txnId();
    const unknown = newPaymentReference('deposit');
    const res = await importStatement(finance, statement([[r.deposit, unknown, '孙丽', txn]]));
    expect(res.body.decisions[0]).to.include({ outcome: 'unknown_reference', unmatchedReason: 'UNKNOWN_REFERENCE' });
    const line = await queued(txn);
    expect(line).to.include({ reason: 'UNKNOWN_REFERENCE', amount: '7000.00', reference: unknown, payerName: '孙丽', payerAccount: '6222020200001234567' });

    // Only the amount due is matched by hand.
    const other = await pendingRegistration(t, (await publishedLot(t, staff, { deposit: '8000.00' })).id);
    const wrong = await finance.post(`/api/finance/unmatched/${line.id}/match`, { registrationId: other.registrationId });
    expect(wrong.status).to.equal(422);
    expect(wrong.body.error).to.include({ code: 'RULE_VIOLATION' });
    expect((await registrationRow(t, other.registrationId)).depositStatus).to.equal('pending');

    const matched = await finance.post(`/api/finance/unmatched/${line.id}/match`, { registrationId: r.registrationId, note: 'Payer phoned: typed the wrong reference.' });
    expect(matched.status).to.equal(200);
    expect(matched.body).to.include({ id: line.id, resolution: 'matched', refundId: null });
    const row = await registrationRow(t, r.registrationId);
    expect(row).to.include({ depositStatus: 'held', bankReference: txn });
    const lines = (await finance.get('/api/finance/unmatched')).body.lines as Line[];
    expect(lines.map((l) => l.id)).not.to.include(line.id);

    const twice = await finance.post(`/api/finance/unmatched/${line.id}/match`, { registrationId: r.registrationId });
    expect(twice.status).to.equal(409);
    expect(twice.body.error.code).to.equal('LINE_RESOLVED');
    const back = await finance.post(`/api/finance/unmatched/${line.id}/return`, { note: 'Changed my mind.' });
    expect(back.status).to.equal(409);
    expect(back.body.error.code).to.equal('LINE_RESOLVED');
    await assertBooks(t);
  });

  it('when a line is returned, then a refund to the paying account falls due; the payment file lists it and finance marks it sent', async () => {
    const r = await pendingRegistration(t, lotId);
    const txn = txnId();
    const res = await importStatement(finance, statement([['1234.56', mistyped(r.reference), '郭"明"公司, 北京', txn]]));
    expect(res.body.decisions[0]).to.include({ outcome: 'unknown_reference', unmatchedReason: 'REFERENCE_TYPO' });
    const line = await queued(txn);
    const returned = await finance.post(`/api/finance/unmatched/${line.id}/return`, { note: 'Not a deposit we expected; returned to the payer.' });
    expect(returned.status).to.equal(200);
    expect(returned.body).to.include({ id: line.id, resolution: 'returned' });
    const refundId = returned.body.refundId as string;
    expect(refundId).to.be.a('string');

    const due = (await finance.get('/api/finance/refunds?status=due')).body as Refund[];
    const refund = due.find((x) => x.id === refundId)!;
    expect(refund).to.include({ kind: 'returned_line', amount: '1234.56', status: 'due', payeeName: '郭"明"公司, 北京', payeeAccount: '6222020200001234567', overdue: false, bankReference: null, sentAt: null });

    const file = await finance.request('GET', '/api/finance/refunds?format=csv');
    expect(file.status).to.equal(200);
    expect(file.headers.get('content-type')).to.match(/^text\/csv/);
    const text = file.body as string;
    expect(text.split('\r\n')[0]).to.equal('payee_name,payee_account,amount,currency,reference');
    expect(text).to.include(`"郭""明""公司, 北京",6222020200001234567,1234.56,CNY,${refundId}\r\n`);

    // A day later and still unpaid: overdue by the server's clock (A23).
    await t.advance(25 * 3600_000);
    expect(((await finance.get('/api/finance/refunds?status=due')).body as Refund[]).find((x) => x.id === refundId)!.overdue).to.equal(true);

    const sent = await finance.post(`/api/finance/refunds/${refundId}/sent`, { bankReference: 'OUT-778812' });
    expect(sent.status).to.equal(200);
    expect(sent.body).to.include({ id: refundId, status: 'sent', bankReference: 'OUT-778812', overdue: false });
    expect(sent.body.sentAt).to.be.a('string');
    const again = await finance.post(`/api/finance/refunds/${refundId}/sent`, { bankReference: 'OUT-999999' });
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('REFUND_NOT_DUE');
    expect(((await finance.get('/api/finance/refunds?status=sent')).body as Refund[]).map((x) => x.id)).to.include(refundId);
    expect(((await finance.get('/api/finance/refunds?status=due')).body as Refund[]).map((x) => x.id)).not.to.include(refundId);
    expect((await finance.request('GET', '/api/finance/refunds?format=csv')).body).not.to.include(refundId);
    await assertBooks(t);
  });

  it('a provider refund is not marked sent by hand', async () => {
    const r = await pendingRegistration(t, (await publishedLot(t, staff)).id);
    const [reg] = await t.database.db.select().from(schema.registrations).where(eq(schema.registrations.id, r.registrationId));
    const id = crypto.randomUUID();
    await t.database.db.insert(schema.refunds).values({
      id, sourceKey: `test-provider:${id}`, kind: 'deposit_release', registrationId: reg.id, lotId: reg.lotId, payeeUserId: reg.userId, payeeName: '测试用户',
      amount: '0.01', method: 'provider', status: 'due', dueBy: new Date(t.now().getTime() + 3600_000), createdAt: t.now(),
    });
    const res = await finance.post(`/api/finance/refunds/${id}/sent`, { bankReference: 'OUT-1' });
    expect(res.status).to.equal(409);
    expect(res.body.error.code).to.equal('REFUND_NOT_DUE');
    expect((await finance.request('GET', '/api/finance/refunds?format=csv')).body).not.to.include(id);
    await t.database.db.delete(schema.refunds).where(eq(schema.refunds.id, id));
    await assertBooks(t);
  });

  it('when a payer names themselves like a spreadsheet formula, then the payment file and the day\'s report carry it as text, never as a formula', async () => {
    const names = ['=cmd|\'/c calc\'!A1', '+1+1', '-2+3', '@SUM(1+1)', '=HYPERLINK("http://evil","x")'];
    for (const name of names) {
      const line = await queued((await (async () => { const txn = txnId(); await importStatement(finance, statement([['12.34', 'NOBODY-CSV', name, txn]])); return txn; })()));
      expect((await finance.post(`/api/finance/unmatched/${line.id}/return`, { note: 'Not a payment we expect.' })).status).to.equal(200);
    }
    // The same names still waiting in the queue appear in the day's report.
    await importStatement(finance, statement(names.map((name) => ['12.35', 'NOBODY-CSV', name, txnId()] as [string, string, string, string])));
    const day = new Date(t.now().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    for (const path of ['/api/finance/refunds?format=csv', `/api/finance/reconciliation?date=${day}&format=csv`]) {
      const cells = String((await finance.request('GET', path)).body).split('\r\n').flatMap((l) => l.split(',')).map((c) => c.replace(/^"/, ''));
      expect(cells.filter((c) => /^[=+@]/.test(c) || /^-(?!\d+(\.\d+)?$)/.test(c)), path).to.deep.equal([]);
      for (const name of names) expect(String((await finance.request('GET', path)).body), path).to.include(`'${name.slice(0, 4)}`);
    }
    await assertBooks(t);
  });

  it('only finance works the queue and the refunds: bidders and court staff get 403', async () => {
    const bidder = (await t.user('bidder', { verified: true })).api;
    const txn = txnId();
    await importStatement(finance, statement([['10.00', 'NOBODY-1', '吴涛', txn]]));
    const line = await queued(txn);
    for (const api of [bidder, staff]) {
      expect((await api.get('/api/finance/refunds')).status).to.equal(403);
      expect((await api.get('/api/finance/refunds?format=csv')).status).to.equal(403);
      expect((await api.post(`/api/finance/unmatched/${line.id}/return`, { note: 'Not mine to return.' })).status).to.equal(403);
      expect((await api.post(`/api/finance/unmatched/${line.id}/match`, { lotId })).status).to.equal(403);
      expect((await api.post(`/api/finance/refunds/${line.id}/sent`, { bankReference: 'OUT-2' })).status).to.equal(403);
    }
    expect((await queued(txn)).id).to.equal(line.id);
    await assertBooks(t);
  });
  // Last: opening a lot moves the clock past the shared lot's end.
  it('when a balance is paid with more than is due, then it waits in the queue; paid again exactly and matched by hand to the lot, the balance is recorded', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const winner = await bidderWithDeposit(t, lot.id, finance);
    expect((await winner.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'w1' })).status).to.equal(201);
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
    const [sold] = await t.database.db.select().from(schema.lots).where(eq(schema.lots.id, lot.id));
    const over = txnId();
    const res = await importStatement(finance, statement([['63000.01', sold.balanceReference!, '赵磊', over]]));
    expect(res.body.decisions[0]).to.include({ outcome: 'balance_overpaid', unmatchedReason: 'BALANCE_OVERPAID', lotId: lot.id, expected: '63000.00', difference: '0.01' });
    const overLine = await queued(over);
    const wrong = await finance.post(`/api/finance/unmatched/${overLine.id}/match`, { lotId: lot.id });
    expect(wrong.status).to.equal(422);
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.balancePaidAt).to.equal(null);

    const exact = txnId();
    await importStatement(finance, statement([['63000.00', 'BALANCE-LOT', '赵磊', exact]]));
    const exactLine = await queued(exact);
    expect(exactLine.reason).to.equal('UNKNOWN_REFERENCE');
    const matched = await finance.post(`/api/finance/unmatched/${exactLine.id}/match`, { lotId: lot.id, note: 'Buyer quoted the lot, not the reference.' });
    expect(matched.status).to.equal(200);
    const [paid] = await t.database.db.select().from(schema.lots).where(eq(schema.lots.id, lot.id));
    expect(paid.balanceBankReference).to.equal(exact);
    expect(paid.balancePaidAt).to.be.instanceOf(Date);

    // The surplus payment goes back to the account it came from.
    const returned = await finance.post(`/api/finance/unmatched/${overLine.id}/return`, { note: 'Balance already paid by another transfer.' });
    expect(returned.status).to.equal(200);
    const refund = ((await finance.get('/api/finance/refunds?status=due')).body as Refund[]).find((x) => x.id === returned.body.refundId)!;
    expect(refund).to.include({ kind: 'returned_line', amount: '63000.01', payeeName: '赵磊' });
    await assertBooks(t);
  });
});
