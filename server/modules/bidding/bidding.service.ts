import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { BidResult, RegistrationView } from '../../../shared/api';
import { fromStatuses, transitionLot } from '../../../shared/lot-state';
import type { Broadcaster } from '../../platform/broadcaster';
import type { AppContext } from '../../platform/context';
import { inTransaction, isUniqueViolation, type Db } from '../../platform/db/index';
import { conflict, forbidden, notFound, ruleViolation } from '../../platform/errors';
import type { User } from '../accounts/accounts.service';
import { account, postEntries, type Account } from '../ledger/ledger.service';
import { newPaymentReference } from '../payments/payment-reference';
import { createBidRouter } from './bid-router';
import { createSequencers } from './lot-sequencer';
import { DEPOSIT_SETTLEMENT_MS } from './deposits';
import { setPayerAccount } from './deposits.repository';
import { settlementView } from './settlement-view';
import { englishTitles } from './lot-titles';
import { notifyDepositsHeld } from '../notifications/index';

import type { DepositAccountNames } from '../../platform/config';
import * as repo from './bidding.repository';
import type { Registration } from './bidding.repository';

/** Every bidder, priority holder or not, draws from the same codes: a code says nothing about its holder (A18). */
const CODE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
function newBidderCode(): string {
  const letter = CODE_LETTERS[crypto.randomInt(CODE_LETTERS.length)];
  return `${letter}${crypto.randomInt(1000, 10000)}`;
}

/** One deposit to hold: the lot and the registration, both locked by the caller (lot first). */
export interface DepositHold { lot: repo.LotRow; r: Registration; bankReference: string }

/**
 * Holds pending deposits inside the caller's transaction: the deposit desk holds one, a bank statement
 * thousands, in a few statements. The money comes from the bank, or from receipts that waited unmatched
 * (`from`). All or none: a lot past registration or a bank reference already used refuses the lot.
 */
export async function holdDepositsInTx(tx: Db, holds: readonly DepositHold[], how: { by: string; now: Date; from?: Account }): Promise<void> {
  if (holds.length === 0) return;
  for (const { lot } of holds) {
    const t = transitionLot(lot.status, 'confirm_deposit');
    if (!t.ok) {
      throw conflict(t.code, `The lot is ${lot.status}; a deposit that arrives now is returned to the payer, not held.`, { status: lot.status });
    }
  }
  const refs = holds.map((h) => h.bankReference);
  if (new Set(refs).size !== refs.length || (await repo.bankReferencesUsed(tx, refs)).length > 0) {
    throw conflict('BANK_REFERENCE_USED', 'This bank reference already confirmed another deposit.');
  }
  await postEntries(tx, holds.map(({ r, bankReference }) => {
    const amount = new Decimal(r.depositAmount).toFixed(2);
    return {
      idempotencyKey: `deposit-hold:${r.id}`, kind: 'deposit_held', memo: `Deposit for lot ${r.lotId} received by bank transfer ${bankReference}`,
      registrationId: r.id, lotId: r.lotId, at: how.now,
      lines: [{ account: how.from ?? account.bank(), debit: amount }, { account: account.depositHeld(r.id, r.lotId), credit: amount }],
    };
  }));
  await repo.holdDeposits(tx, holds.map((h) => ({ id: h.r.id, bankReference: h.bankReference })), { confirmedAt: how.now, confirmedBy: how.by });
  await notifyDepositsHeld(tx, holds.map((h) => h.r.id), how.now);
}

/** Holds one pending deposit (see holdDepositsInTx) and answers the registration as held. */
export async function holdDepositInTx(tx: Db, lot: repo.LotRow, r: Registration, hold: { bankReference: string; by: string; now: Date; from?: Account }): Promise<Registration> {
  await holdDepositsInTx(tx, [{ lot, r, bankReference: hold.bankReference }], hold);
  return repo.lockRegistration(tx, r.id);
}

/** The account bidders pay deposits into (named in both languages); the transfer's memo carries the registration's reference. */
export function registrationView(r: Registration, account: DepositAccountNames): RegistrationView {
  return {
    priorityRank: r.priorityRank,
    id: r.id, lotId: r.lotId, bidderCode: r.bidderCode, depositStatus: r.depositStatus as RegistrationView['depositStatus'],
    depositAmount: new Decimal(r.depositAmount).toFixed(2), createdAt: r.createdAt.toISOString(),
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
    releaseDueBy: null, balance: null, refund: null,
    payment: { method: 'bank_transfer', amount: new Decimal(r.depositAmount).toFixed(2), ...account, reference: r.paymentReference },
  };
}

/** `bidsAccepted` hears of each committed batch of bids (outbid alerts); it must return at once. */
export function createBidding(ctx: AppContext, broadcaster: Broadcaster, listeners: { bidsAccepted?: (lotId: string) => void } = {}) {
  const { db, clock } = ctx;
  const sequencers = createSequencers(db, clock, {
    accepted(lotId, events) {
      for (const event of events) broadcaster.lot(lotId, 'lot:bid', event);
      listeners.bidsAccepted?.(lotId);
    },
  }, ctx.log);
  // Several nodes behind Redis: the node holding the lot's lease decides its bids, the others forward them.
  const router = createBidRouter({
    db, sequencers, log: ctx.log, redisUrl: ctx.config.REDIS_URL, keyPrefix: ctx.config.REDIS_KEY_PREFIX, leaseMs: ctx.config.BID_LEASE_MS,
  });

  async function withRelease(r: Registration, lotEndsAt?: Date): Promise<RegistrationView> {
    const view = { ...registrationView(r, ctx.config.depositAccount), ...(r.settledAt ? await settlementView(db, r) : {}) };
    if (r.depositStatus === 'held') {
      const endsAt = lotEndsAt ?? (await repo.lotEndsAt(db, r.lotId));
      view.releaseDueBy = new Date(endsAt.getTime() + DEPOSIT_SETTLEMENT_MS).toISOString();
    } else if (r.settledAt) {
      view.releaseDueBy = new Date(r.settledAt.getTime() + DEPOSIT_SETTLEMENT_MS).toISOString();
    }
    return view;
  }

  async function register(user: User, lotId: string): Promise<{ view: RegistrationView; created: boolean }> {
    const lot = await repo.findLot(db, lotId);
    if (!lot || lot.status === 'draft') throw notFound('The lot');
    const t = transitionLot(lot.status, 'register');
    if (!t.ok) {
      throw conflict(t.code, `Registration is closed: the lot is ${lot.status}.`, { status: lot.status });
    }
    if (!user.roles.includes('bidder') || user.roles.some((r) => r === 'court_staff' || r === 'finance' || r === 'admin')) {
      throw ruleViolation([{ rule: 'STAFF_MAY_NOT_BID', article: 'A28', message: 'Court and platform staff may not bid (A28).' }]);
    }
    if (!user.identityVerifiedAt) {
      throw forbidden('Verify your identity (real name and ID number) before registering for a lot (A17).', { reason: 'IDENTITY_NOT_VERIFIED' });
    }
    const existing = await repo.registrationOf(db, lotId, user.id);
    if (existing) return { view: await withRelease(existing), created: false };
    // A24, C22: a buyer who defaulted on this property may not bid on its re-auction.
    // Matched by the verified ID number too, so a new account does not get round the bar.
    if (await repo.hasDefaultedOnAsset(db, lot.assetId, user)) {
      throw ruleViolation([{ rule: 'DEFAULTER_BARRED', article: 'A24', message: 'A buyer who defaulted on this property may not bid on its re-auction (A24, C22).' }]);
    }
    const holder = await repo.priorityHolderOf(db, lotId, user.id);
    for (let attempt = 0; attempt < 8; attempt++) {
      try {
        const r = await repo.insertRegistration(db, {
          id: crypto.randomUUID(), lotId, userId: user.id, bidderCode: newBidderCode(), depositStatus: 'pending',
          depositAmount: lot.deposit, paymentReference: newPaymentReference('deposit'), createdAt: clock.now(), priorityRank: holder?.rank ?? null,
        });
        sequencers.forgetUnregistered(lotId, user.id);
        return { view: await withRelease(r), created: true };
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        const again = await repo.registrationOf(db, lotId, user.id);
        if (again) return { view: await withRelease(again), created: false };
        // a bidder-code or reference collision: draw again
      }
    }
    throw new Error('could not allocate a bidder code');
  }

  async function myRegistration(user: User, lotId: string): Promise<RegistrationView> {
    const r = await repo.registrationOf(db, lotId, user.id);
    if (!r) throw notFound('Your registration for this lot');
    return withRelease(r);
  }

  async function myRegistrations(user: User) {
    const rows = await repo.registrationsOfUser(db, user.id, 200);
    const titlesEn = await englishTitles(db, rows.map((row) => row.r.lotId));
    return Promise.all(rows.map(async (row) => ({
      ...(await withRelease(row.r, row.endsAt)), lotTitle: row.title, lotTitleEn: titlesEn.get(row.r.lotId) ?? null, court: row.court, lotStatus: row.status, endsAt: row.endsAt.toISOString(),
      won: row.winner === row.r.id, finalPrice: row.finalPrice === null ? null : new Decimal(row.finalPrice).toFixed(2),
      balanceDueAt: row.winner === row.r.id ? row.balanceDueAt?.toISOString() ?? null : null,
      balancePaidAt: row.winner === row.r.id ? row.balancePaidAt?.toISOString() ?? null : null,
    })));
  }

  /**
   * Finance confirms a bank transfer against a registration's payment reference: the deposit is held.
   * `payerAccount`, the account the transfer came from, is where the deposit goes back if it is released.
   */
  async function confirmDeposit(registrationId: string, bankReference: string, financeUserId: string, payerAccount?: string) {
    const reg = await inTransaction(db, async (tx) => {
      const peekLotId = await repo.lotIdOfRegistration(tx, registrationId);
      if (!peekLotId) throw notFound('The registration');
      // Lot first, then registration: the order the closing job uses, so a deposit confirmed as the lot
      // closes is either settled by the close or refused here, never left held.
      const lot = (await repo.lockLot(tx, peekLotId))!;
      const r = await repo.lockRegistration(tx, registrationId);
      if (r.depositStatus !== 'pending') {
        if (r.bankReference === bankReference) return r; // a retry of the same confirmation
        throw conflict('DEPOSIT_NOT_PENDING', `This deposit is already ${r.depositStatus}.`, { depositStatus: r.depositStatus });
      }
      const held = await holdDepositInTx(tx, lot, r, { bankReference, by: financeUserId, now: clock.now() });
      if (payerAccount) await setPayerAccount(tx, held.id, payerAccount);
      return held;
    }).catch((err) => {
      if (isUniqueViolation(err)) throw conflict('BANK_REFERENCE_USED', 'This bank reference already confirmed another deposit.');
      throw err;
    });
    // Finance matches money to payers; it never learns the bidder code (A18).
    return {
      registrationId: reg.id, lotId: reg.lotId, depositStatus: reg.depositStatus, amount: new Decimal(reg.depositAmount).toFixed(2),
      bankReference: reg.bankReference, confirmedAt: reg.confirmedAt?.toISOString() ?? null,
    };
  }

  /** Deposits awaiting a bank transfer, for finance. Names the payer (to match the transfer), never the bidder code. */
  async function pendingDeposits() {
    const rows = await repo.pendingDeposits(db, fromStatuses('confirm_deposit'), 500);
    return rows.map((r) => ({
      registrationId: r.id, lotId: r.lotId, lotTitle: r.title, lotTitleEn: r.titleEn, lotStatus: r.lotStatus, payerName: r.realName, payerEmail: r.email,
      amount: new Decimal(r.amount).toFixed(2), paymentReference: r.reference, registeredAt: r.createdAt.toISOString(),
    }));
  }

  /**
   * The bid path: the lot's sequencer decides the bid against the lot's state (A20, A21, the 5-minute rule)
   * in arrival order and writes accepted bids in batches, fenced on the lot's seq; the bidder is answered
   * after the commit and watchers are told after it. A repeated clientBidId returns the first result.
   * With several nodes the bid runs on the node that holds the lot's lease (bid-router.ts).
   */
  function placeBid(user: User, lotId: string, amount: string, clientBidId: string): Promise<BidResult> {
    return router.place(user, lotId, amount, clientBidId);
  }

  async function stop(): Promise<void> {
    await router.close();
    sequencers.stop();
  }

  return { register, myRegistration, myRegistrations, confirmDeposit, pendingDeposits, placeBid, router, stop };
}

export type Bidding = ReturnType<typeof createBidding>;
