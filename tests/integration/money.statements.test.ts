import { expect } from 'chai';
import fc from 'fast-check';
import { count, eq, inArray } from 'drizzle-orm';
import { schema } from '../../server/platform/db/index';
import { assertBooks } from '../support/books';
import { bidderWithDeposit, publishedLot } from '../support/factories';
import { courtServerWithLot, serverHooks } from '../support/money';
import { type ApiClient, type TestServer } from '../support/server';
import { importStatement, pendingRegistration, registrationRow, statement, txnId } from '../support/statements';

/** Rows money touches: an applied or refused import shows here. */
async function snapshot(t: TestServer) {
  const db = t.database.db;
  const n = async (table: typeof schema.bankStatements | typeof schema.bankStatementLines | typeof schema.ledgerEntries | typeof schema.refunds) =>
    (await db.select({ n: count() }).from(table))[0].n;
  return { statements: await n(schema.bankStatements), lines: await n(schema.bankStatementLines), entries: await n(schema.ledgerEntries), refunds: await n(schema.refunds) };
}

describe('money: bank statements are imported whole, matched by payment reference', () => {
  let t: TestServer, staff: ApiClient, finance: ApiClient, lotId: string;
  serverHooks(courtServerWithLot, (s) => ({ t, staff, finance, lotId } = s));

  it('new registrations carry a checked D- payment reference', async () => {
    const r = await pendingRegistration(t, lotId);
    expect(r.reference).to.match(/^D-[23456789ABCDEFGHJKLMNPQRSTVWXYZ]{9}$/);
    await assertBooks(t);
  });

  it('when one line of a file is malformed, then 422 STATEMENT_INVALID names every bad line and nothing is applied', async () => {
    const r = await pendingRegistration(t, lotId);
    const before = await snapshot(t);
    const csv = statement([[r.deposit, r.reference, '王伟', txnId()], ['7,000.00', r.reference, '李娜', txnId()], ['100.00', 'D-BAD REF', '张敏', txnId()]])
      .replace('2026-11-30,100.00', '2026-02-30,100.00');
    const res = await importStatement(finance, csv);
    expect(res.status).to.equal(422);
    expect(res.body.error.code).to.equal('STATEMENT_INVALID');
    const lines = res.body.error.details.errors.map((e: { line: number }) => e.line);
    expect([...new Set(lines)]).to.deep.equal([3, 4]);
    expect(res.body.error.details.errors[0].message).to.match(/amount/);
    // Codes and parameters for the client to word; the English message stays for scripts.
    expect(res.body.error.details.errors.map((e: { line: number; problems: unknown[] }) => [e.line, e.problems])).to.deep.equal([
      [3, [{ field: 'amount', code: 'AMOUNT_FORMAT' }]],
      [4, [{ field: 'value_date', code: 'DATE_FORMAT' }, { field: 'reference', code: 'REFERENCE_FORMAT', params: { max: 64 } }]],
    ]);
    expect(await snapshot(t)).to.deep.equal(before);
    expect((await registrationRow(t, r.registrationId)).depositStatus).to.equal('pending');
    await assertBooks(t);
  });

  it('when a statement is mangled (a field broken, a quote cut, bytes that are not UTF-8), then it answers 4xx and stores nothing, never 5xx', async () => {
    const r = await pendingRegistration(t, lotId);
    const good = statement([[r.deposit, r.reference, '王伟', txnId()], ['10.00', 'OTHER-1', '"李娜", 公司', txnId()]]);
    let refused = 0;
    await fc.assert(fc.asyncProperty(fc.nat(good.length - 1), fc.constantFrom('"', ',', '\n', '-', 'x', '\u0000', '\u202e', '\uFFFD'), fc.boolean(), async (at, ch, cut) => {
      // One character replaced or inserted anywhere: in the header, a date, an amount, a reference, a quote.
      const mangled = cut ? good.slice(0, at) + ch + good.slice(at + 1) : good.slice(0, at) + ch + good.slice(at);
      const before = await snapshot(t);
      const res = await importStatement(finance, mangled);
      expect(res.status, mangled).to.be.lessThan(500);
      if (res.status === 200) return; // a change inside a payer's name or a reference can still be a valid file
      expect(res.status).to.be.within(400, 499);
      expect(res.body.error.code).to.be.a('string');
      expect(await snapshot(t)).to.deep.equal(before);
      refused++;
    }), { numRuns: 40, seed: 20261201 });
    expect(refused).to.be.greaterThan(10);
    const bytes = Buffer.concat([Buffer.from(good.slice(0, 80)), Buffer.from([0xff, 0xfe]), Buffer.from(good.slice(80))]);
    const res = await fetch(`${t.url}/api/finance/statements?preview=1`, { method: 'POST', headers: { authorization: `Bearer ${finance.token}`, 'content-type': 'text/csv' }, body: bytes });
    expect(res.status).to.equal(422);
    const refusal = (await res.json()).error;
    expect(refusal.code).to.equal('STATEMENT_INVALID');
    expect(refusal.details.errors[0].problems).to.deep.equal([{ code: 'NOT_UTF8' }]);
    await assertBooks(t);
  });

  it('when the body is JSON or missing, then the import is refused with 415 or 400', async () => {
    const json = await finance.post('/api/finance/statements', { lines: [] });
    expect(json.status).to.equal(415);
    expect(json.body.error.code).to.equal('UNSUPPORTED_MEDIA_TYPE');
    const empty = await finance.request('POST', '/api/finance/statements');
    expect(empty.status).to.equal(400);
    await assertBooks(t);
  });

  it('a preview decides every line and applies nothing', async () => {
    const r = await pendingRegistration(t, lotId);
    const before = await snapshot(t);
    const res = await importStatement(finance, statement([[r.deposit, r.reference.toLowerCase(), '王伟', txnId()], ['99.00', 'NOT-OURS', '李娜', txnId()]]), '?preview=1');
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ statementId: null, preview: true, lines: 2, matched: 1, unmatched: 1, duplicates: 0 });
    expect(res.body.decisions.map((d: { outcome: string }) => d.outcome)).to.deep.equal(['deposit', 'unknown_reference']);
    expect(res.body.decisions[0]).to.include({ registrationId: r.registrationId, lotId });
    expect(await snapshot(t)).to.deep.equal(before);
    expect((await registrationRow(t, r.registrationId)).depositStatus).to.equal('pending');
    await assertBooks(t);
  });

  it('when a line pays a deposit exactly (quoted payer name), then it is held as a manual confirmation would; the same file again changes nothing', async () => {
    const r = await pendingRegistration(t, lotId);
    const txn = txnId();
    const csv = statement([[r.deposit, ` ${r.reference} `, '北京"诚信"资产管理, 有限公司', txn]]);
    expect(csv).to.include('"北京""诚信""资产管理, 有限公司"');
    const res = await importStatement(finance, csv);
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ preview: false, lines: 1, matched: 1, unmatched: 0, duplicates: 0 });
    expect(res.body.statementId).to.be.a('string');
    expect(res.body.decisions[0]).to.include({ outcome: 'deposit', payerName: '北京"诚信"资产管理, 有限公司', amount: '7000.00' });
    const row = await registrationRow(t, r.registrationId);
    expect(row).to.include({ depositStatus: 'held', bankReference: txn });
    expect(row.confirmedAt).to.be.instanceOf(Date);
    expect((await r.api.get(`/api/lots/${lotId}/registration`)).body.depositStatus).to.equal('held');
    const before = await snapshot(t);
    const again = await importStatement(finance, csv);
    expect(again.status).to.equal(200);
    expect(again.body).to.include({ lines: 1, matched: 0, unmatched: 0, duplicates: 1 });
    expect(await snapshot(t)).to.deep.equal({ ...before, statements: before.statements + 1 });
    await assertBooks(t);
  });

  it('when a deposit is overpaid, then it is held and the excess is owed back within 24 hours', async () => {
    const r = await pendingRegistration(t, lotId);
    const res = await importStatement(finance, statement([['7500.50', r.reference, '刘强', txnId()]]));
    expect(res.status).to.equal(200);
    expect(res.body.decisions[0]).to.include({ outcome: 'overpaid', expected: '7000.00', difference: '500.50', registrationId: r.registrationId });
    expect((await registrationRow(t, r.registrationId)).depositStatus).to.equal('held');
    const refunds = (await finance.get('/api/finance/refunds?status=due')).body as Array<Record<string, unknown>>;
    const refund = refunds.find((x) => x.registrationId === r.registrationId);
    expect(refund).to.include({ kind: 'overpayment', amount: '500.50', payeeName: '刘强', payeeAccount: '6222020200001234567', status: 'due', method: 'bank', overdue: false });
    expect(new Date(refund!.dueBy as string).getTime() - t.now().getTime()).to.be.within(23 * 3600_000, 24 * 3600_000);
    await assertBooks(t);
  });

  it('when a deposit is paid short, then nothing is held and the line waits; a second line that makes up the shortfall holds it', async () => {
    const r = await pendingRegistration(t, lotId);
    const first = await importStatement(finance, statement([['5000.00', r.reference, '陈静', txnId()]]));
    expect(first.body.decisions[0]).to.include({ outcome: 'underpaid', unmatchedReason: 'UNDERPAID', expected: '7000.00', difference: '2000.00' });
    expect((await registrationRow(t, r.registrationId)).depositStatus).to.equal('pending');
    const queued = (await finance.get('/api/finance/unmatched')).body.lines.filter((l: { registrationId: string }) => l.registrationId === r.registrationId);
    expect(queued).to.have.length(1);
    expect(queued[0]).to.include({ reason: 'UNDERPAID', amount: '5000.00' });
    // Still short after a second small payment: the shortfall shown is what remains.
    const second = await importStatement(finance, statement([['500.00', r.reference, '陈静', txnId()]]));
    expect(second.body.decisions[0]).to.include({ outcome: 'underpaid', difference: '1500.00' });
    expect((await registrationRow(t, r.registrationId)).depositStatus).to.equal('pending');
    const last = await importStatement(finance, statement([['1500.00', r.reference, '陈静', txnId()]]));
    expect(last.body).to.include({ matched: 1, unmatched: 0 });
    expect(last.body.decisions[0]).to.include({ outcome: 'deposit', registrationId: r.registrationId });
    expect((await registrationRow(t, r.registrationId)).depositStatus).to.equal('held');
    const after = (await finance.get('/api/finance/unmatched')).body.lines.filter((l: { registrationId: string }) => l.registrationId === r.registrationId);
    expect(after).to.deep.equal([]);
    await assertBooks(t);
  });

  it('when two imports of the same file run at once, then its lines are applied once', async () => {
    const a = await pendingRegistration(t, lotId);
    const b = await pendingRegistration(t, lotId);
    const txns = [txnId(), txnId(), txnId()];
    const csv = statement([[a.deposit, a.reference, '王芳', txns[0]], [b.deposit, b.reference, '黄勇', txns[1]], ['123.00', 'UNKNOWN-1', '周杰', txns[2]]]);
    const [x, y] = await Promise.all([importStatement(finance, csv), importStatement(finance, csv)]);
    expect([x.status, y.status]).to.deep.equal([200, 200]);
    expect(x.body.matched + y.body.matched).to.equal(2);
    expect(x.body.unmatched + y.body.unmatched).to.equal(1);
    expect(x.body.duplicates + y.body.duplicates).to.equal(3);
    const stored = await t.database.db.select({ n: count() }).from(schema.bankStatementLines).where(inArray(schema.bankStatementLines.bankTxnId, txns));
    expect(stored[0].n).to.equal(3);
    for (const r of [a, b]) expect((await registrationRow(t, r.registrationId)).depositStatus).to.equal('held');
    // With no deposit or balance to lock, the unique bank_txn_id decides: the later import decides again.
    const unknown = statement([['50.00', 'UNKNOWN-2', '周杰', txnId()], ['60.00', 'UNKNOWN-3', '周杰', txnId()]]);
    const [u, v] = await Promise.all([importStatement(finance, unknown), importStatement(finance, unknown)]);
    expect([u.status, v.status]).to.deep.equal([200, 200]);
    expect([u.body.unmatched + v.body.unmatched, u.body.duplicates + v.body.duplicates]).to.deep.equal([2, 2]);
    await assertBooks(t);
  });

  it('only finance imports statements and sees the queue: bidders and court staff get 403', async () => {
    const bidder = (await t.user('bidder', { verified: true })).api;
    const csv = statement([['1.00', 'X-1', '王伟', txnId()]]);
    for (const api of [bidder, staff]) {
      expect((await importStatement(api, csv)).status).to.equal(403);
      expect((await importStatement(api, csv, '?preview=1')).status).to.equal(403);
      expect((await api.get('/api/finance/unmatched')).status).to.equal(403);
    }
    expect((await importStatement(t.anon, csv)).status).to.equal(401);
    await assertBooks(t);
  });
  // Last: opening a lot moves the clock past the shared lot's end.
  it('when a line pays the buyer\'s balance by its B- reference, then the balance is recorded as paid', async () => {
    const lot = await publishedLot(t, staff, { live: true });
    const winner = await bidderWithDeposit(t, lot.id, finance);
    expect((await winner.api.post(`/api/lots/${lot.id}/bids`, { amount: '70000.00', clientBidId: 'w1' })).status).to.equal(201);
    await t.advance(new Date(lot.endsAt).getTime() - t.now().getTime() + 10);
    const [sold] = await t.database.db.select().from(schema.lots).where(eq(schema.lots.id, lot.id));
    expect(sold.status).to.equal('sold');
    expect(sold.balanceReference).to.match(/^B-/);
    // The balance due is the price less the deposit applied: 70,000 − 7,000.
    const short = await importStatement(finance, statement([['62000.00', sold.balanceReference!, '赵磊', txnId()]]), '?preview=1');
    expect(short.body.decisions[0]).to.include({ outcome: 'underpaid', expected: '63000.00' });
    const txn = txnId();
    const res = await importStatement(finance, statement([['63000.00', sold.balanceReference!, '赵磊', txn]]));
    expect(res.status).to.equal(200);
    expect(res.body.decisions[0]).to.include({ outcome: 'balance', lotId: lot.id });
    const view = (await t.anon.get(`/api/lots/${lot.id}`)).body;
    expect(view.balancePaidAt).to.be.a('string');
    const [paid] = await t.database.db.select().from(schema.lots).where(eq(schema.lots.id, lot.id));
    expect(paid.balanceBankReference).to.equal(txn);
    const again = await importStatement(finance, statement([['63000.00', sold.balanceReference!, '赵磊', txnId()]]));
    expect(again.body.decisions[0]).to.include({ outcome: 'already_settled', unmatchedReason: 'BALANCE_ALREADY_PAID' });
    await assertBooks(t);
  });
});
