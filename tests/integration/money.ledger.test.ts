import { expect } from 'chai';
import { Decimal } from 'decimal.js';
import { eq, like } from 'drizzle-orm';
import { schema } from '../../server/platform/db/index';
import { moneyServer, soldLot } from '../support/money';
import { type ApiClient, type TestServer } from '../support/server';

const HOUR_MS = 60 * 60 * 1000;
const UTC8_MS = 8 * HOUR_MS;

describe('money after the sale: forfeiture, proceeds to the court, the ledger by account and the daily reconciliation', () => {
  let t: TestServer, staff: ApiClient, finance: ApiClient;
  moneyServer((s) => ({ t, staff, finance } = s));

  it('when the buyer defaults, then the forfeited deposit is allocated to costs, then the price gap, then the debt, each its own entry, never more than the deposit, and once', async () => {
    const { lot, buyer } = await soldLot(t, staff, finance);
    const early = await finance.post(`/api/finance/lots/${lot.id}/forfeiture`, { costs: '1000.00', priceGap: '2500.00' });
    expect(early.status).to.equal(409);
    expect(early.body.error.code).to.equal('LOT_NOT_DEFAULTED');
    await t.advance(new Date(lot.balanceDueAt).getTime() - t.now().getTime() + 1000);
    expect((await t.anon.get(`/api/lots/${lot.id}`)).body.status).to.equal('defaulted');
    expect((await buyer.api.call('myRegistration', { params: { id: lot.id } })).body.depositStatus).to.equal('forfeited');

    const over = await finance.post(`/api/finance/lots/${lot.id}/forfeiture`, { costs: '5000.00', priceGap: '2000.01' });
    expect(over.status).to.equal(422);
    expect(over.body.error).to.deep.include({ code: 'RULE_VIOLATION' });
    expect(over.body.error.details).to.include({ rule: 'FORFEITURE_OVER_DEPOSIT', article: 'A24', deposit: '7000.00' });
    expect((await staff.post(`/api/finance/lots/${lot.id}/forfeiture`, { costs: '1000.00', priceGap: '2500.00' })).status).to.equal(403);

    const done = await finance.call('allocateForfeiture', { params: { id: lot.id }, body: { costs: '1000.00', priceGap: '2500.00' } });
    expect(done.body.account).to.equal(`liability:forfeited_deposits:lot:${lot.id}`);
    expect(done.body.balance).to.equal('0.00');
    // Newest first: the debt, the price gap, the costs, and before them the forfeiture itself.
    const debits = done.body.entries.filter((e) => e.debit !== '0.00').map((e) => [e.kind, e.debit]);
    expect(debits).to.deep.equal([['forfeiture_debt', '3500.00'], ['forfeiture_price_gap', '2500.00'], ['forfeiture_costs', '1000.00']]);
    const ids = done.body.entries.filter((e) => e.kind.startsWith('forfeiture_')).map((e) => e.entryId);
    expect(new Set(ids).size).to.equal(3);
    const costs = (await finance.call('ledger', { query: { account: `liability:enforcement_costs_payable:lot:${lot.id}` } })).body;
    expect(costs.balance).to.equal('-1000.00');
    const creditor = (await finance.call('ledger', { query: { account: `liability:creditor_payable:lot:${lot.id}` } })).body;
    expect(creditor.balance).to.equal('-6000.00');
    expect(creditor.entries.map((e) => e.kind)).to.deep.equal(['forfeiture_debt', 'forfeiture_price_gap']);

    const again = await finance.post(`/api/finance/lots/${lot.id}/forfeiture`, { costs: '0.00', priceGap: '0.00' });
    expect(again.status).to.equal(409);
    expect(again.body.error.code).to.equal('FORFEITURE_ALLOCATED');
    const audit = (await staff.get(`/api/lots/${lot.id}/audit`)).body.entries.map((e: { action: string }) => e.action);
    expect(audit).to.include('forfeiture_allocated');
  });

  it('when the whole deposit goes to costs and the price gap, then no debt entry is posted and a repeat is still refused', async () => {
    const { lot } = await soldLot(t, staff, finance);
    await t.advance(new Date(lot.balanceDueAt).getTime() - t.now().getTime() + 1000);
    const done = await finance.call('allocateForfeiture', { params: { id: lot.id }, body: { costs: '4000.00', priceGap: '3000.00' } });
    expect(done.body.balance).to.equal('0.00');
    expect(done.body.entries.map((e) => e.kind)).to.not.include('forfeiture_debt');
    expect((await finance.post(`/api/finance/lots/${lot.id}/forfeiture`, { costs: '0.00', priceGap: '0.00' })).body.error.code).to.equal('FORFEITURE_ALLOCATED');
  });

  it('when the court approves proceeds and finance pays them out, then each step is refused out of order or by the wrong role, and recorded once', async () => {
    const { lot, buyer } = await soldLot(t, staff, finance);
    const unpaid = await staff.post(`/api/lots/${lot.id}/proceeds/approve`);
    expect(unpaid.status).to.equal(409);
    expect(unpaid.body.error.code).to.equal('BALANCE_NOT_PAID');
    const early = await finance.post(`/api/finance/lots/${lot.id}/payout`, { bankReference: 'OUT-1' });
    expect(early.status).to.equal(409);
    expect(early.body.error.code).to.equal('PROCEEDS_NOT_APPROVED');
    expect((await finance.post(`/api/finance/lots/${lot.id}/balance`, { bankReference: 'BAL-1' })).status).to.equal(200);
    const balance = (await buyer.api.call('myRegistration', { params: { id: lot.id } })).body.balance!;
    expect(balance.amount).to.equal('68000.00');
    expect(balance.paidAt).to.be.a('string');

    expect((await finance.post(`/api/lots/${lot.id}/proceeds/approve`)).status).to.equal(403);
    // The court gave the asset an English title: an English finance page shows it.
    const [{ assetId }] = await t.database.db.select({ assetId: schema.lots.assetId }).from(schema.lots).where(eq(schema.lots.id, lot.id));
    await t.database.db.update(schema.assets).set({ titleEn: 'Grey saloon car' }).where(eq(schema.assets.id, assetId));
    const listed = (await finance.call('proceeds')).body.lots.find((l) => l.lotId === lot.id)!;
    expect(listed).to.include({ finalPrice: '75000.00', amount: '75000.00', approvedAt: null, paidAt: null, titleEn: 'Grey saloon car' });
    const approved = await staff.call('approveProceeds', { params: { id: lot.id } });
    expect(approved.body).to.include({ lotId: lot.id, amount: '75000.00', paidAt: null, titleEn: 'Grey saloon car' });
    expect(approved.body.approvedAt).to.be.a('string');
    const twice = await staff.post(`/api/lots/${lot.id}/proceeds/approve`);
    expect(twice.status).to.equal(409);
    expect(twice.body.error.code).to.equal('PROCEEDS_APPROVED');

    expect((await staff.post(`/api/finance/lots/${lot.id}/payout`, { bankReference: 'OUT-1' })).status).to.equal(403);
    const bankBefore = new Decimal((await finance.call('ledger', { query: { account: 'asset:bank' } })).body.balance);
    const paid = await finance.call('payoutProceeds', { params: { id: lot.id }, body: { bankReference: 'OUT-1' } });
    expect(paid.body).to.include({ amount: '75000.00', bankReference: 'OUT-1' });
    expect(paid.body.paidAt).to.be.a('string');
    const bankAfter = new Decimal((await finance.call('ledger', { query: { account: 'asset:bank' } })).body.balance);
    expect(bankBefore.minus(bankAfter).toFixed(2)).to.equal('75000.00');
    expect((await finance.call('ledger', { query: { account: `liability:court_proceeds:lot:${lot.id}` } })).body.balance).to.equal('0.00');
    const repeat = await finance.post(`/api/finance/lots/${lot.id}/payout`, { bankReference: 'OUT-2' });
    expect(repeat.status).to.equal(409);
    expect(repeat.body.error.code).to.equal('PROCEEDS_PAID');
    const actions = (await staff.get(`/api/lots/${lot.id}/audit`)).body.entries.map((e: { action: string }) => e.action);
    expect(actions).to.include.members(['proceeds_approved', 'proceeds_paid']);
    expect((await finance.call('proceeds')).body.lots.find((l) => l.lotId === lot.id)).to.include({ bankReference: 'OUT-1', amount: '75000.00' });
  });

  it('when finance drills into the ledger, then a root includes its sub-accounts, a sub-account only its own entries, and the chart shows posted balances', async () => {
    const { lot, loser, buyer } = await soldLot(t, staff, finance);
    const root = (await finance.call('ledger', { query: { account: 'liability:deposits_held' } })).body;
    const regs = new Set(root.entries.map((e) => e.registrationId));
    expect(regs.has(loser.registration.id) && regs.has(buyer.registration.id)).to.equal(true);
    const one = (await finance.call('ledger', { query: { account: `liability:deposits_held:reg:${buyer.registration.id}` } })).body;
    expect(one.entries.every((e) => e.account === `liability:deposits_held:reg:${buyer.registration.id}`)).to.equal(true);
    expect(one.entries.map((e) => [e.kind, e.debit, e.credit, e.lotId])).to.deep.equal([
      ['deposit_applied', '7000.00', '0.00', lot.id], ['deposit_held', '0.00', '7000.00', lot.id],
    ]);
    expect(one.balance).to.equal('0.00');
    const chart = (await finance.call('ledgerAccounts')).body.accounts;
    const sub = chart.find((a) => a.code === `liability:court_proceeds:lot:${lot.id}`)!;
    expect(sub).to.include({ parent: 'liability:court_proceeds', lotId: lot.id, credit: '7000.00', balance: '-7000.00' });
    const rootRow = chart.find((a) => a.code === 'liability:court_proceeds')!;
    const subs = chart.filter((a) => a.parent === 'liability:court_proceeds').reduce((s, a) => s.plus(a.balance), new Decimal(0));
    expect(rootRow.balance).to.equal(subs.toFixed(2));
    const tb = (await finance.call('trialBalance')).body;
    for (const r of tb.accounts) expect(chart.find((a) => a.code === r.account)?.balance).to.equal(r.balance);
    expect((await loser.api.get('/api/finance/accounts')).status).to.equal(403);
    expect((await finance.get('/api/finance/ledger?account=nonsense')).status).to.equal(400);
  });

  it('when more than 5,000 statement lines of a day matched nothing, then the day\'s reconciliation lists every one of them', async function () {
    this.timeout(120_000);
    const day = new Date(t.now().getTime() + UTC8_MS).toISOString().slice(0, 10);
    const tag = `MANY-${Date.now().toString(36)}`;
    const lines = Array.from({ length: 5_001 }, (_, i) => `${day},10.00,CNY,NOBODY-${i},Stranger,6222000011112222,${tag}-${i}`);
    const csvBody = `value_date,amount,currency,reference,payer_name,payer_account,bank_txn_id\r\n${lines.join('\r\n')}\r\n`;
    const imported = await finance.request('POST', '/api/finance/statements', undefined, { raw: csvBody, headers: { 'content-type': 'text/csv' } });
    expect(imported.status, JSON.stringify(imported.body).slice(0, 300)).to.equal(200);
    try {
      const report = (await finance.call('reconciliation', { query: { date: day } })).body;
      expect(report.unmatched.filter((u) => u.bankTxnId.startsWith(`${tag}-`))).to.have.length(5_001);
    } finally {
      // Other files share this database: 5,001 stray lines would fill the first pages of their unmatched queue.
      const ours = await t.database.db.select({ statementId: schema.bankStatementLines.statementId }).from(schema.bankStatementLines).where(like(schema.bankStatementLines.bankTxnId, `${tag}-%`)).limit(1);
      await t.database.db.delete(schema.bankStatementLines).where(like(schema.bankStatementLines.bankTxnId, `${tag}-%`));
      if (ours[0]) await t.database.db.delete(schema.bankStatements).where(eq(schema.bankStatements.id, ours[0].statementId));
    }
  });

  it('when finance asks for a day\'s reconciliation, then each account\'s opening, debits, credits and closing add up, as JSON and CSV, and the 00:05 UTC+8 job keeps it', async () => {
    const { lot, loser } = await soldLot(t, staff, finance);
    const now = t.now();
    const day = new Date(now.getTime() + UTC8_MS).toISOString().slice(0, 10);
    const txn = `TXN-${lot.id.slice(0, 8)}`;
    const csvBody = `value_date,amount,currency,reference,payer_name,payer_account,bank_txn_id\r\n${day},123.45,CNY,NOTHING-KNOWN,Stranger,6222000011112222,${txn}\r\n`;
    expect((await finance.request('POST', '/api/finance/statements', undefined, { raw: csvBody, headers: { 'content-type': 'text/csv' } })).status).to.equal(200);
    const report = (await finance.call('reconciliation', { query: { date: day } })).body;
    expect(report.unmatched.map((u) => u.bankTxnId)).to.include(txn);
    const refund = ((await finance.get('/api/finance/refunds?status=due')).body as Array<{ id: string; registrationId: string; dueBy: string }>)
      .find((r) => r.registrationId === loser.registration.id)!;
    // Due 24 hours after the close, so not yet overdue on the day of the close.
    expect(report.refundsOverdue.map((r) => r.id)).to.not.include(refund.id);
    expect(report.date).to.equal(day);
    expect(report.balanced).to.equal(true);
    for (const a of report.accounts) {
      expect(new Decimal(a.opening).plus(a.debit).minus(a.credit).toFixed(2), a.account).to.equal(a.closing);
    }
    const held = report.accounts.find((a) => a.account === 'liability:deposits_held')!;
    expect(new Decimal(held.debit).gte(14000)).to.equal(true);
    const proceeds = (await finance.call('ledger', { query: { account: `liability:court_proceeds:lot:${lot.id}` } })).body;
    expect(proceeds.balance).to.equal('-7000.00');

    const csv = await finance.get(`/api/finance/reconciliation?date=${day}&format=csv`);
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-type')).to.match(/^text\/csv/);
    const text = csv.body as string;
    expect(text).to.include('account,opening,debit,credit,closing\r\n');
    expect(text).to.include(`${held.account},${held.opening},${held.debit},${held.credit},${held.closing}\r\n`);
    expect((await finance.get('/api/finance/reconciliation?date=2026-13-01')).status).to.equal(400);
    expect((await staff.get(`/api/finance/reconciliation?date=${day}`)).status).to.equal(403);

    // The job keeps the report once 00:05 UTC+8 of the next day has passed, not before.
    const nextMidnight = Date.parse(`${day}T00:00:00Z`) - UTC8_MS + 24 * HOUR_MS;
    const stored = async () => (await t.database.db.execute(`SELECT day::text AS day, produced_at FROM reconciliation_reports WHERE day = '${day}'`) as unknown as { rows: Array<{ day: string; produced_at: string | Date }> }).rows;
    await t.advance(nextMidnight + 4 * 60 * 1000 - t.now().getTime());
    expect(await stored()).to.have.length(0);
    await t.advance(2 * 60 * 1000);
    const rows = await stored();
    expect(rows).to.have.length(1);
    const producedAt = new Date(rows[0].produced_at).getTime();
    expect(producedAt).to.be.at.least(nextMidnight + 5 * 60 * 1000);
    const kept = (await finance.call('reconciliation', { query: { date: day } })).body;
    expect(new Date(kept.producedAt).getTime()).to.equal(producedAt);
    expect(kept.accounts).to.deep.equal(report.accounts);

    // On the day the refund fell due, unsent, it is overdue.
    const dueOn = new Date(new Date(refund.dueBy).getTime() + UTC8_MS).toISOString().slice(0, 10);
    await t.advance(Math.max(0, new Date(refund.dueBy).getTime() - t.now().getTime()) + 1000);
    const late = (await finance.call('reconciliation', { query: { date: dueOn } })).body;
    const lateRow = late.refundsOverdue.find((r) => r.id === refund.id);
    const stillDue = (await finance.get('/api/finance/refunds?status=due')).body as Array<{ id: string }>;
    expect(lateRow, `refund ${JSON.stringify(refund)} on ${dueOn} (report produced ${late.producedAt}, clock ${t.now().toISOString()}): ${late.refundsOverdue.length} overdue listed, still due: ${stillDue.some((r) => r.id === refund.id)}`)
      .to.include({ overdue: true, amount: '7000.00' });
  });
});
