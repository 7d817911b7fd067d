import { expect } from 'chai';
import { reconcileBooks } from '../../server/modules/audit/books';
import { trialBalance } from '../../server/modules/ledger/ledger.service';
import type { TestServer } from './server';

/**
 * The books agree with the rows they account for: the trial balance balances, every registration's
 * deposit state equals its balance on the ledger (pending holds aside), and every refund owed was
 * credited to refunds payable. The same reconciliation `npm run audit:verify` runs.
 */
export async function assertBooks(t: TestServer): Promise<void> {
  const tb = await trialBalance(t.database.db);
  expect(tb.balanced, `trial balance: ${JSON.stringify(tb)}`).to.equal(true);
  const r = await reconcileBooks(t.database.db);
  expect(r.problems, r.problems.map((p) => `${p.subject} ${p.subjectId}: ${p.problem}`).join('\n')).to.deep.equal([]);
}
