import { Decimal } from 'decimal.js';
import type { AppContext } from '../../platform/context';
import { inTransaction, type Db } from '../../platform/db/index';
import { conflict, notFound, ruleViolation } from '../../platform/errors';
import type { User } from '../accounts/accounts.service';
import { lockLot, type Lot } from '../auctions/lots.repository';
import { appendAudit } from '../audit/audit.service';
import { ROOT_ACCOUNTS } from '../ledger/accounts';
import { ensureAccounts } from '../ledger/ledger.repository';
import { account, postEntry } from '../ledger/ledger.service';
import * as ledger from './ledger.repository';
import { ledgerOf } from './ledger.service';
import * as repo from './proceeds.repository';

type Payout = NonNullable<Awaited<ReturnType<typeof repo.payoutOf>>>;

function row(lot: Lot, names: { title: string; titleEn: string | null; court: string }, amount: string, p: Payout | null | undefined) {
  return {
    lotId: lot.id, title: names.title, titleEn: names.titleEn, court: names.court, finalPrice: new Decimal(lot.finalPrice ?? 0).toFixed(2), amount: new Decimal(amount).toFixed(2),
    balancePaidAt: lot.balancePaidAt?.toISOString() ?? null, approvedAt: p?.approvedAt.toISOString() ?? null,
    paidAt: p?.paidAt?.toISOString() ?? null, bankReference: p?.bankReference ?? null,
  };
}

/** What the court is owed for a lot: its proceeds account's posted credit balance. */
async function proceedsBalance(db: Db, lotId: string): Promise<Decimal> {
  return new Decimal(await ledger.postedBalance(db, account.proceeds(lotId).code)).neg();
}

/**
 * Proceeds to the court: once the buyer has paid in full, court staff approve paying the lot's proceeds to
 * the enforcement account, and finance records the transfer (proceeds → bank). A24: a defaulted buyer's
 * forfeited deposit meets the re-auction's costs, then the price gap, then the debt, in that order.
 */
export function createProceeds(ctx: AppContext) {
  const { db, clock } = ctx;

  async function list() {
    const rows = await repo.soldLots(db, 500);
    const out = [];
    for (const r of rows) out.push(row(r.lot, r, (r.payout?.amount ?? (await proceedsBalance(db, r.lot.id)).toFixed(2)), r.payout));
    return { lots: out };
  }

  async function locked(tx: Db, lotId: string) {
    const lot = await lockLot(tx, lotId);
    if (!lot || lot.status === 'draft') throw notFound('The lot');
    return lot;
  }

  async function approve(lotId: string, actor: User) {
    return inTransaction(db, async (tx) => {
      const lot = await locked(tx, lotId);
      if (lot.status !== 'sold') throw conflict('LOT_NOT_SOLD', `Only a sold lot has proceeds; this one is ${lot.status}.`, { status: lot.status });
      if (!lot.balancePaidAt) throw conflict('BALANCE_NOT_PAID', 'The buyer has not paid the balance yet.');
      if (await repo.payoutOf(tx, lotId)) throw conflict('PROCEEDS_APPROVED', 'These proceeds are already approved.');
      const now = clock.now();
      const amount = (await proceedsBalance(tx, lotId)).toFixed(2);
      await repo.insertApproval(tx, { lotId, amount, approvedBy: actor.id, approvedAt: now });
      await appendAudit(tx, { lotId, at: now, actorId: actor.id, action: 'proceeds_approved', before: null, after: { amount } });
      return row(lot, await repo.lotWithNames(tx, lotId), amount, await repo.payoutOf(tx, lotId));
    });
  }

  async function payout(lotId: string, bankReference: string, actor: User) {
    return inTransaction(db, async (tx) => {
      const lot = await locked(tx, lotId);
      const p = await repo.payoutOf(tx, lotId);
      if (!p) throw conflict('PROCEEDS_NOT_APPROVED', 'The court has not approved these proceeds yet.');
      if (p.paidAt) throw conflict('PROCEEDS_PAID', 'These proceeds were already paid out.', { paidAt: p.paidAt.toISOString(), bankReference: p.bankReference });
      const now = clock.now();
      const amount = new Decimal(p.amount).toFixed(2);
      if (new Decimal(amount).gt(0)) {
        await postEntry(tx, {
          idempotencyKey: `proceeds-payout:${lotId}`, kind: 'proceeds_paid', memo: `Proceeds of lot ${lotId} paid to the court by bank transfer ${bankReference}`,
          lotId, at: now, lines: [{ account: account.proceeds(lotId), debit: amount }, { account: account.bank(), credit: amount }],
        });
      }
      await repo.markPaid(tx, lotId, { paidBy: actor.id, paidAt: now, bankReference });
      await appendAudit(tx, { lotId, at: now, actorId: actor.id, action: 'proceeds_paid', before: null, after: { amount, bankReference } });
      return row(lot, await repo.lotWithNames(tx, lotId), amount, await repo.payoutOf(tx, lotId));
    });
  }

  /** Allocates a defaulted lot's forfeited deposit once; answers the forfeiture account afterwards. */
  async function allocateForfeiture(lotId: string, input: { costs: string; priceGap: string }, actor: User) {
    await inTransaction(db, async (tx) => {
      const lot = await locked(tx, lotId);
      if (lot.status !== 'defaulted') throw conflict('LOT_NOT_DEFAULTED', `Only a defaulted lot has a forfeited deposit; this one is ${lot.status}.`, { status: lot.status });
      // One after another: a transaction's connection runs one query at a time.
      let allocated = false;
      for (const k of ['costs', 'price-gap', 'debt']) allocated ||= await ledger.entryExists(tx, `forfeiture:${lotId}:${k}`);
      if (allocated) throw conflict('FORFEITURE_ALLOCATED', "This lot's forfeited deposit is already allocated.");
      const forfeited = account.forfeited(lotId);
      const deposit = new Decimal(await ledger.postedBalance(tx, forfeited.code)).neg();
      const costs = new Decimal(input.costs);
      const gap = new Decimal(input.priceGap);
      if (costs.plus(gap).gt(deposit)) {
        throw ruleViolation([{
          rule: 'FORFEITURE_OVER_DEPOSIT', article: 'A24', params: { deposit: deposit.toFixed(2) },
          message: `Costs and price gap (${costs.plus(gap).toFixed(2)}) exceed the forfeited deposit of ${deposit.toFixed(2)} (A24).`,
        }]);
      }
      const now = clock.now();
      // In A24's order, each its own entry; the debt takes what is left and closes the account.
      const steps = [
        { key: 'costs', kind: 'forfeiture_costs', amount: costs, to: account.enforcementCosts(lotId), memo: 're-auction costs' },
        { key: 'price-gap', kind: 'forfeiture_price_gap', amount: gap, to: account.creditorPayable(lotId), memo: 'price gap of the re-auction' },
        { key: 'debt', kind: 'forfeiture_debt', amount: deposit.minus(costs).minus(gap), to: account.creditorPayable(lotId), memo: 'the debt' },
      ];
      // The A24 roots came after the chart was first seeded: add them before their first sub-account.
      await ensureAccounts(tx, [...ROOT_ACCOUNTS], now);
      for (const s of steps) {
        if (s.amount.isZero()) continue;
        await postEntry(tx, {
          idempotencyKey: `forfeiture:${lotId}:${s.key}`, kind: s.kind, memo: `Forfeited deposit of lot ${lotId} allocated to ${s.memo} (A24)`,
          lotId, at: now, lines: [{ account: forfeited, debit: s.amount.toFixed(2) }, { account: s.to, credit: s.amount.toFixed(2) }],
        });
      }
      await appendAudit(tx, {
        lotId, at: now, actorId: actor.id, action: 'forfeiture_allocated', before: { forfeited: deposit.toFixed(2) },
        after: { costs: costs.toFixed(2), priceGap: gap.toFixed(2), debt: deposit.minus(costs).minus(gap).toFixed(2) },
      });
    });
    return ledgerOf(db, account.forfeited(lotId).code);
  }

  return { list, approve, payout, allocateForfeiture };
}

export type Proceeds = ReturnType<typeof createProceeds>;
