import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { LotStatusEvent } from '../../../shared/api';
import { fromStatuses, nextLotStatus, transitionLot, type LotStatus } from '../../../shared/lot-state';
import { missingDisclosure, readDisclosure } from '../../../shared/disclosure';
import { lotNextActions } from '../../../shared/lot-actions';
import { resumeDueBy } from '../../../shared/rules';
import type { Broadcaster } from '../../platform/broadcaster';
import type { AppContext } from '../../platform/context';
import { inTransaction, type Db } from '../../platform/db/index';
import { conflict, forbidden, notFound, ruleViolation } from '../../platform/errors';
import type { User } from '../accounts/accounts.service';
import { appendAudit } from '../audit/audit.service';
import { settleDepositsOnClose } from '../bidding/deposits';
import { account, postEntry, type Account } from '../ledger/ledger.service';
import * as repo from './lots.repository';
import type { Lot } from './lots.repository';

const TICK_BATCH = 100;

/**
 * Records a sold lot's balance as paid inside the caller's transaction (the lot locked by the caller): the
 * money comes from the bank, or from receipts that waited unmatched (`from`). Answers the balance posted.
 */
export async function applyBalancePayment(tx: Db, lot: Lot, bankReference: string, now: Date, from: Account = account.bank()): Promise<string> {
  const t = transitionLot(lot.status, 'record_balance');
  if (!t.ok) throw conflict(t.code, `Only a sold lot has a balance to pay; this one is ${lot.status}.`, { status: lot.status });
  if (lot.balancePaidAt) throw conflict('BALANCE_ALREADY_PAID', 'The balance is already recorded as paid.');
  const winner = await repo.findRegistration(tx, lot.winnerRegistrationId!);
  const balance = new Decimal(lot.finalPrice!).minus(winner.depositAmount);
  if (balance.gt(0)) {
    await postEntry(tx, {
      idempotencyKey: `balance:${lot.id}`, kind: 'balance_received', memo: `Balance of lot ${lot.id} received ${from.code === account.bank().code ? 'by bank transfer' : 'online'} ${bankReference}`,
      lotId: lot.id, registrationId: winner.id, at: now,
      lines: [{ account: from, debit: balance.toFixed(2) }, { account: account.proceeds(lot.id), credit: balance.toFixed(2) }],
    });
  }
  await repo.updateLot(tx, lot.id, { balancePaidAt: now, balanceBankReference: bankReference });
  return balance.toFixed(2);
}

export function createLifecycle(ctx: AppContext, broadcaster: Broadcaster) {
  const { db, clock, log } = ctx;

  /** Locks the lot, runs the change and its audit entry in one transaction, then tells watchers. */
  async function transition(lotId: string, change: (tx: Db, lot: Lot, now: Date) => Promise<{ status?: LotStatus; audit: Parameters<typeof appendAudit>[1]; event?: boolean }>) {
    const out = await inTransaction(db, async (tx) => {
      const lot = await repo.lockLot(tx, lotId);
      if (!lot) throw notFound('The lot');
      const now = clock.now();
      const r = await change(tx, lot, now);
      await appendAudit(tx, r.audit);
      if (r.event === false) return { lot, seq: lot.seq, now, status: r.status, event: false };
      const seq = lot.seq + 1;
      await repo.updateLot(tx, lotId, { seq, updatedAt: now });
      return { lot, seq, now, status: r.status, event: true };
    });
    if (out.event && out.status) {
      const endsAt = await repo.lotEndsAt(db, lotId);
      broadcaster.lot(lotId, 'lot:status', {
        lotId, seq: out.seq, status: out.status, endsAt: endsAt.toISOString(), at: out.now.toISOString(),
      } satisfies LotStatusEvent);
    }
    return out;
  }

  /** A16: court staff record that the parties and known priority holders were notified; publishing waits 3 days. */
  async function notifyParties(lotId: string, note: string | undefined, actor: User) {
    await transition(lotId, async (tx, lot, now) => {
      const t = transitionLot(lot.status, 'notify_parties');
      if (!t.ok) throw conflict(t.code, 'Notices are recorded before the announcement is published.', { status: lot.status });
      await repo.updateLot(tx, lotId, { noticesSentAt: now });
      return { audit: { lotId, at: now, actorId: actor.id, action: 'parties_notified', reason: note ?? null, before: { noticesSentAt: lot.noticesSentAt?.toISOString() ?? null }, after: { noticesSentAt: now.toISOString() } }, event: false };
    });
  }

  /** A29: suspend an announced or live auction with a reason; bidding stops until it resumes. */
  async function suspend(lotId: string, reason: string, actor: User) {
    await transition(lotId, async (tx, lot, now) => {
      const t = transitionLot(lot.status, 'suspend');
      if (!t.ok) {
        throw conflict(t.code, `Only an announced or live auction can be suspended; this one is ${lot.status}.`, { status: lot.status });
      }
      const remaining = Math.max(0, lot.endsAt.getTime() - now.getTime());
      await repo.updateLot(tx, lotId, { status: t.status, suspendedAt: now, suspendedRemainingMs: remaining, suspendedFromStatus: lot.status });
      return {
        status: t.status,
        audit: { lotId, at: now, actorId: actor.id, action: 'suspended', reason, before: { status: lot.status, endsAt: lot.endsAt.toISOString() }, after: { status: t.status, remainingMs: remaining } },
      };
    });
  }

  /** A29: resume, giving back the bidding time lost while suspended. */
  async function resume(lotId: string, actor: User) {
    await transition(lotId, async (tx, lot, now) => {
      const t = transitionLot(lot.status, 'resume', { suspendedFrom: lot.suspendedFromStatus });
      if (!t.ok || !lot.suspendedAt) throw conflict('LOT_NOT_SUSPENDED', `Only a suspended auction resumes; this one is ${lot.status}.`, { status: lot.status });
      let startsAt = lot.startsAt;
      let endsAt = lot.endsAt;
      const from = t.status;
      if (from === 'live') {
        endsAt = new Date(now.getTime() + (lot.suspendedRemainingMs ?? 0));
      } else if (startsAt.getTime() <= now.getTime()) {
        const shift = now.getTime() - startsAt.getTime();
        startsAt = new Date(startsAt.getTime() + shift);
        endsAt = new Date(endsAt.getTime() + shift);
      }
      const late = now.getTime() > resumeDueBy(lot.suspendedAt, ctx.config.holidays).getTime();
      await repo.updateLot(tx, lotId, { status: from, startsAt, endsAt, suspendedAt: null, suspendedRemainingMs: null, suspendedFromStatus: null });
      return {
        status: from,
        audit: {
          lotId, at: now, actorId: actor.id, action: 'resumed', reason: late ? 'resumed after the 5 days of A29' : null,
          before: { status: 'suspended', suspendedAt: lot.suspendedAt.toISOString() }, after: { status: from, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), late },
        },
      };
    });
  }

  /** Withdraws a lot that has not finished, with a reason; held deposits are released. */
  async function cancel(lotId: string, reason: string, actor: User) {
    await transition(lotId, async (tx, lot, now) => {
      const t = transitionLot(lot.status, 'cancel');
      if (!t.ok) {
        throw conflict(t.code, `A ${lot.status} lot cannot be cancelled.`, { status: lot.status });
      }
      await repo.updateLot(tx, lotId, { status: t.status, cancelReason: reason, closedAt: now });
      await settleDepositsOnClose(tx, lotId, null, now);
      return { status: t.status, audit: { lotId, at: now, actorId: actor.id, action: 'cancelled', reason, before: { status: lot.status }, after: { status: t.status } } };
    });
  }

  /**
   * A19/A21: a court-confirmed priority purchase right holder, ranked (1 is the highest). The right lives on
   * the holder's registration (its rank), never in a code: a registered bidder keeps the code it has, and staff
   * learn no code at all, so nothing they see ties a code to a person before the close (A18).
   */
  async function addPriorityHolder(lotId: string, userId: string, rank: number, actor: User) {
    const id = crypto.randomUUID();
    await transition(lotId, async (tx, lot, now) => {
      const t = transitionLot(lot.status, 'add_priority_holder');
      if (!t.ok) {
        throw conflict(t.code, 'Priority holders are recorded before bidding starts.', { status: lot.status });
      }
      const u = await repo.findUser(tx, userId);
      if (!u) throw notFound('The user');
      const existingHolder = await repo.findPriorityHolder(tx, lotId, userId);
      if (existingHolder) throw conflict('ALREADY_PRIORITY_HOLDER', 'This person is already a priority holder for the lot.', { rank: existingHolder.rank });
      await repo.addPriorityHolder(tx, { id, lotId, userId, rank, createdBy: actor.id, createdAt: now });
      return { audit: { lotId, at: now, actorId: actor.id, action: 'priority_holder_added', before: null, after: { rank } }, event: false };
    });
    return { id, rank };
  }

  /** 以物抵债 (C16, A37): after a failed second auction or sell-off a creditor takes the property at the reserve. */
  async function creditorTakeover(lotId: string, creditor: string, note: string | undefined, actor: User) {
    await transition(lotId, async (tx, lot, now) => {
      const round = lot.round as '1' | '2' | 'sell_off';
      const t = transitionLot(lot.status, 'creditor_takeover');
      if (!t.ok || round === '1') {
        throw ruleViolation([{ rule: 'TAKEOVER_NEEDS_FAILED_LATER_ROUND', article: 'C16', message: 'A creditor may take the property only after a failed second auction or sell-off.' }]);
      }
      if (lot.creditorTakeover) throw conflict('ALREADY_TAKEN_OVER', 'A creditor takeover is already recorded for this lot.');
      const record = { creditor, price: new Decimal(lot.startingPrice).toFixed(2), note: note ?? null, at: now.toISOString(), by: actor.id };
      await repo.updateLot(tx, lotId, { creditorTakeover: record });
      return { audit: { lotId, at: now, actorId: actor.id, action: 'creditor_takeover', before: null, after: record }, event: false };
    });
  }

  /** A25: finance records the buyer's balance when the bank confirms it. */
  async function recordBalance(lotId: string, bankReference: string, actor: User) {
    const current = await repo.lotBalancePayment(db, lotId);
    if (current?.paidAt && current.ref === bankReference) return; // a retry of the same confirmation
    await transition(lotId, async (tx, lot, now) => {
      const balance = await applyBalancePayment(tx, lot, bankReference, now);
      return { audit: { lotId, at: now, actorId: actor.id, action: 'balance_paid', before: null, after: { balance, bankReference } }, event: false };
    });
  }

  /** A24, C22: a buyer who has not paid by the deadline defaults; the deposit is forfeited. */
  async function defaultOverdue(): Promise<number> {
    const now = clock.now();
    const done = await inTransaction(db, async (tx) => {
      const due = await repo.claimBalanceOverdue(tx, fromStatuses('default'), now, TICK_BATCH);
      const events: LotStatusEvent[] = [];
      for (const lot of due) {
        const winner = await repo.findRegistration(tx, lot.winnerRegistrationId!);
        const amount = new Decimal(winner.depositAmount).toFixed(2);
        if (winner.depositStatus === 'applied') {
          await postEntry(tx, {
            idempotencyKey: `deposit-forfeit:${winner.id}`, kind: 'deposit_forfeited', memo: `Deposit forfeited: balance of lot ${lot.id} unpaid by the deadline`,
            lotId: lot.id, registrationId: winner.id, at: now,
            lines: [{ account: account.proceeds(lot.id), debit: amount }, { account: account.forfeited(lot.id), credit: amount }],
          });
          await repo.setRegistration(tx, winner.id, { depositStatus: 'forfeited', settledAt: now });
        }
        const seq = lot.seq + 1;
        const status = nextLotStatus(lot.status, 'default');
        await repo.updateLot(tx, lot.id, { status, defaultedAt: now, seq, updatedAt: now });
        await appendAudit(tx, {
          lotId: lot.id, at: now, actorId: null, action: 'defaulted', reason: 'balance unpaid by the deadline (A24)',
          before: { status: lot.status, balanceDueAt: lot.balanceDueAt?.toISOString() ?? null }, after: { status, depositForfeited: amount },
        });
        events.push({ lotId: lot.id, seq, status, endsAt: lot.endsAt.toISOString(), at: now.toISOString() });
      }
      return events;
    });
    for (const e of done) broadcaster.lot(e.lotId, 'lot:status', e);
    if (done.length) log.info({ lots: done.map((e) => e.lotId) }, 'buyers defaulted');
    return done.length;
  }

  /** Every overdue balance, a batch per transaction, so a backlog is cleared in one tick. */
  async function defaultAllOverdue(): Promise<number> {
    let total = 0;
    for (let n = TICK_BATCH; n === TICK_BATCH; total += n) n = await defaultOverdue();
    return total;
  }

  async function lotFacts(lotId: string) {
    const lot = await repo.findLot(db, lotId);
    if (!lot) throw notFound('The lot');
    const later = await repo.hasLaterLot(db, lot);
    const round = repo.roundOf(lot.round);
    return {
      lot,
      facts: {
        status: lot.status, round, suspendedAt: lot.suspendedAt, noticesSentAt: lot.noticesSentAt, balancePaidAt: lot.balancePaidAt, balanceDueAt: lot.balanceDueAt,
        closedAt: lot.closedAt, hasLaterLot: later, creditorTakeover: !!lot.creditorTakeover,
        disclosureMissing: missingDisclosure(readDisclosure(lot.disclosure)),
      },
    };
  }

  async function nextActions(lotId: string) {
    const { facts } = await lotFacts(lotId);
    return lotNextActions(facts, clock.now(), ctx.config.holidays);
  }

  /** A18/A22: the buyer's identity, to court staff and the buyer, only once bidding has ended. */
  async function buyer(lotId: string, viewer: User) {
    const lot = await repo.findLot(db, lotId);
    if (!lot || lot.status === 'draft') throw notFound('The lot');
    if (!lot.winnerRegistrationId) throw conflict('NO_BUYER', lot.status === 'live' || lot.status === 'announced' ? 'Bidding has not ended; identities stay secret until it does (A18).' : 'This lot has no buyer.', { status: lot.status });
    const row = await repo.registrationWithUser(db, lot.winnerRegistrationId);
    const staff = viewer.roles.some((r) => r === 'court_staff' || r === 'admin');
    if (!staff && row.u.id !== viewer.id) throw forbidden('Only court staff and the buyer see the buyer\'s identity.');
    return { lot, registration: row.r, user: row.u };
  }

  async function bidLog(lotId: string) {
    const lot = await repo.findLot(db, lotId);
    if (!lot || lot.status === 'draft') throw notFound('The lot');
    const rows = await repo.bidsOfLot(db, lotId);
    return {
      lotId,
      algorithm: 'sha256 over canonical JSON {amount, at, bidderCode, kind:"bid", lotId, prevHash, seq} (keys sorted)',
      entries: rows.map(({ b, code }) => ({
        seq: b.seq, bidderCode: code, amount: new Decimal(b.amount).toFixed(2), at: b.at.toISOString(), priorityMatch: b.priorityMatch, prevHash: b.prevHash, hash: b.hash,
      })),
      head: lot.bidHead,
    };
  }

  async function auditTrail(lotId: string) {
    const lot = await repo.lotAuditHead(db, lotId);
    if (!lot) throw notFound('The lot');
    const rows = await repo.auditEntriesOfLot(db, lotId);
    return {
      head: lot.head,
      entries: rows.map((e) => ({ seq: e.seq, at: e.at.toISOString(), actor: e.actorId, action: e.action, before: e.before, after: e.after, reason: e.reason, hash: e.hash })),
    };
  }

  /** Court staff see the holders they confirmed, who are known parties to the case. */
  async function listPriorityHolders(lotId: string) {
    if (!(await repo.lotExists(db, lotId))) throw notFound('The lot');
    const rows = await repo.priorityHoldersOf(db, lotId);
    // The code is left out: a staff screen must not tie a bidding code to a person before the close (A18).
    return rows.map((r) => ({ rank: r.h.rank, email: r.email, name: r.realName ?? r.name, addedAt: r.h.createdAt.toISOString() }));
  }

  async function confirmationFacts(lotId: string, viewer: User) {
    const b = await buyer(lotId, viewer);
    const t = transitionLot(b.lot.status, 'confirmation');
    if (!t.ok) throw conflict(t.code, b.lot.status === 'defaulted' ? 'The buyer defaulted; the sale is void and no confirmation is issued (A24).' : 'The confirmation of sale exists once the lot is sold.');
    const row = await repo.assetWithCase(db, b.lot.assetId);
    return { ...b, asset: row.a, kase: row.c };
  }

  return { listPriorityHolders, notifyParties, suspend, resume, cancel, addPriorityHolder, creditorTakeover, recordBalance, defaultOverdue, defaultAllOverdue, nextActions, buyer, bidLog, auditTrail, confirmationFacts };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
