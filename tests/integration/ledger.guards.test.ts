import { expect } from 'chai';
import { sql } from 'drizzle-orm';
import { inTransaction } from '../../server/platform/db/index';
import { account, postEntry, settleHold, trialBalance } from '../../server/modules/ledger/ledger.service';
import { startTestServer, type TestServer } from '../support/server';

/** The database itself guards the ledger: code that forgets a rule, or a hand at the SQL prompt, cannot break it. */
describe('the ledger as the database guards it', () => {
  let t: TestServer;
  before(async () => { t = await startTestServer({ jobs: false }); });
  after(async () => { await t.stop(); });

  const db = () => t.database.db;
  const at = () => t.now();
  const key = (s: string) => `guard-test:${s}:${Math.random().toString(36).slice(2)}`;
  const bank = account.bank();
  const unapplied = account.unappliedReceipts();
  const refusal = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      return String((err as Error).message ?? err) + String((err as { cause?: Error }).cause?.message ?? '');
    }
    return null;
  };
  const count = async () => Number((await db().execute(sql`select count(*)::int as n from ledger_entries`) as unknown as { rows: Array<{ n: number }> }).rows[0].n);

  it('when an entry\'s lines do not balance, then its transaction fails at commit and nothing of it stays', async () => {
    const before = await count();
    const err = await refusal(() => inTransaction(db(), async (tx) => {
      const [{ id }] = (await tx.execute(sql`insert into ledger_entries (idempotency_key, kind, memo, created_at) values (${key('unbalanced')}, 'test', 'test', now()) returning id`) as unknown as { rows: Array<{ id: number }> }).rows;
      await tx.execute(sql`insert into ledger_lines (entry_id, line, account, debit, credit) values (${id}, 1, 'asset:bank', 100, 0), (${id}, 2, 'liability:unapplied_receipts', 0, 99.99)`);
    }));
    expect(err).to.match(/does not balance/);
    expect(await count()).to.equal(before);
  });

  it('when an entry has a single line or none, then it is refused at commit', async () => {
    const one = await refusal(() => inTransaction(db(), async (tx) => {
      const [{ id }] = (await tx.execute(sql`insert into ledger_entries (idempotency_key, kind, memo, created_at) values (${key('one')}, 'test', 'test', now()) returning id`) as unknown as { rows: Array<{ id: number }> }).rows;
      await tx.execute(sql`insert into ledger_lines (entry_id, line, account, debit, credit) values (${id}, 1, 'asset:bank', 100, 0)`);
    }));
    expect(one).to.match(/does not balance/);
    const none = await refusal(() => inTransaction(db(), async (tx) => {
      await tx.execute(sql`insert into ledger_entries (idempotency_key, kind, memo, created_at) values (${key('none')}, 'test', 'test', now())`);
    }));
    expect(none).to.match(/does not balance/);
  });

  it('when a line names an account outside the chart, or is both debit and credit, then it is refused', async () => {
    const unknown = await refusal(() => inTransaction(db(), async (tx) => {
      const [{ id }] = (await tx.execute(sql`insert into ledger_entries (idempotency_key, kind, memo, created_at) values (${key('acct')}, 'test', 'test', now()) returning id`) as unknown as { rows: Array<{ id: number }> }).rows;
      await tx.execute(sql`insert into ledger_lines (entry_id, line, account, debit, credit) values (${id}, 1, 'asset:nowhere', 5, 0), (${id}, 2, 'asset:bank', 0, 5)`);
    }));
    expect(unknown).to.match(/ledger_lines_account_fk|foreign key/);
    const both = await refusal(() => inTransaction(db(), async (tx) => {
      const [{ id }] = (await tx.execute(sql`insert into ledger_entries (idempotency_key, kind, memo, created_at) values (${key('both')}, 'test', 'test', now()) returning id`) as unknown as { rows: Array<{ id: number }> }).rows;
      await tx.execute(sql`insert into ledger_lines (entry_id, line, account, debit, credit) values (${id}, 1, 'asset:bank', 5, 5), (${id}, 2, 'liability:unapplied_receipts', 0, 0)`);
    }));
    expect(both).to.match(/ledger_lines_one_side|check/);
  });

  it('when anyone updates, deletes or truncates posted entries or lines, then the database refuses and the trial balance is unchanged', async () => {
    await inTransaction(db(), (tx) => postEntry(tx, { idempotencyKey: key('posted'), kind: 'test', memo: 'posted', at: at(), lines: [{ account: bank, debit: '10.00' }, { account: unapplied, credit: '10.00' }] }));
    const before = await trialBalance(db());
    for (const statement of [
      sql`update ledger_lines set debit = 999 where line = 1`,
      sql`update ledger_entries set memo = 'changed'`,
      sql`delete from ledger_lines`,
      sql`delete from ledger_entries`,
      sql`truncate ledger_lines, ledger_entries`,
    ]) {
      expect(await refusal(() => db().execute(statement))).to.match(/append-only/);
    }
    expect(await trialBalance(db())).to.deep.equal(before);
  });

  it('when a hold is pending, then it counts in no balance; it is posted or voided once, and never moves again', async () => {
    const before = await trialBalance(db());
    const holdKey = key('hold');
    const clearing = account.providerClearing();
    await inTransaction(db(), (tx) => postEntry(tx, { idempotencyKey: holdKey, kind: 'test_hold', memo: 'hold', at: at(), phase: 'pending', lines: [{ account: clearing, debit: '50.00' }, { account: unapplied, credit: '50.00' }] }));
    expect(await trialBalance(db())).to.deep.equal(before);
    expect(await inTransaction(db(), (tx) => settleHold(tx, holdKey, 'posted'))).to.equal(true);
    expect(await inTransaction(db(), (tx) => settleHold(tx, holdKey, 'voided'))).to.equal(false);
    const after = await trialBalance(db());
    expect(after.accounts.find((a) => a.account === 'asset:provider_clearing')?.debit).to.equal(
      (Number(before.accounts.find((a) => a.account === 'asset:provider_clearing')?.debit ?? '0') + 50).toFixed(2),
    );
    expect(await refusal(() => db().execute(sql`update ledger_entries set phase = 'voided' where idempotency_key = ${holdKey}`))).to.match(/append-only/);
    expect(await refusal(() => db().execute(sql`update ledger_entries set memo = 'x' where idempotency_key = ${holdKey}`))).to.match(/append-only/);
    const voidKey = key('void');
    await inTransaction(db(), (tx) => postEntry(tx, { idempotencyKey: voidKey, kind: 'test_hold', memo: 'hold', at: at(), phase: 'pending', lines: [{ account: clearing, debit: '7.00' }, { account: unapplied, credit: '7.00' }] }));
    expect(await refusal(() => db().execute(sql`update ledger_entries set phase = 'posted', memo = 'x' where idempotency_key = ${voidKey}`))).to.match(/append-only/);
    expect(await inTransaction(db(), (tx) => settleHold(tx, voidKey, 'voided'))).to.equal(true);
    expect(await trialBalance(db())).to.deep.equal(after);
  });

  it('when the same posting is retried with its idempotency key, then it is posted once', async () => {
    const k = key('retry');
    const post = () => inTransaction(db(), (tx) => postEntry(tx, { idempotencyKey: k, kind: 'test', memo: 'retry', at: at(), lines: [{ account: bank, debit: '3.00' }, { account: unapplied, credit: '3.00' }] }));
    expect(await post()).to.equal(true);
    const before = await trialBalance(db());
    expect(await post()).to.equal(false);
    expect(await trialBalance(db())).to.deep.equal(before);
    expect(before.balanced).to.equal(true);
  });
});
