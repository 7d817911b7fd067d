import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { BidResult, LotBidEvent, RegistrationView } from '../../../shared/api';
import { fromStatuses, transitionLot } from '../../../shared/lot-state';
import { checkBid, endAfterBid, SELL_OFF_ROUND_MS } from '../../../shared/rules';
import type { Broadcaster } from '../../platform/broadcaster';
import type { AppContext } from '../../platform/context';
import { inTransaction, isUniqueViolation, type Db } from '../../platform/db/index';
import { DomainError, conflict, forbidden, notFound, ruleViolation } from '../../platform/errors';
import type { User } from '../accounts/accounts.service';
import { account, postEntries, type Account } from '../ledger/ledger.service';
import { newPaymentReference } from '../payments/payment-reference';
import { appendAudit, bidHash } from '../audit/audit.service';
import { DEPOSIT_SETTLEMENT_MS } from './deposits';
import { setPayerAccount } from './deposits.repository';
import { settlementView } from './settlement-view';

import * as repo from './bidding.repository';
import type { Registration } from './bidding.repository';

/** The account bidders pay deposits into; the transfer's memo carries the registration's payment reference. */
/** The sample account of development and the demo; a deployment sets DEPOSIT_ACCOUNT (required in production). */
export interface DepositAccount { payee: string; bankName: string; accountNumber: string }
export const SAMPLE_DEPOSIT_ACCOUNT: DepositAccount = { payee: '法院执行款专户 Court enforcement deposit account', bankName: 'Bank of China', accountNumber: '6216 6100 0000 0012 345' };

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
}

/** Holds one pending deposit (see holdDepositsInTx) and answers the registration as held. */
export async function holdDepositInTx(tx: Db, lot: repo.LotRow, r: Registration, hold: { bankReference: string; by: string; now: Date; from?: Account }): Promise<Registration> {
  await holdDepositsInTx(tx, [{ lot, r, bankReference: hold.bankReference }], hold);
  return repo.lockRegistration(tx, r.id);
}

export function registrationView(r: Registration, account: DepositAccount = SAMPLE_DEPOSIT_ACCOUNT): RegistrationView {
  return {
    priorityRank: r.priorityRank,
    id: r.id, lotId: r.lotId, bidderCode: r.bidderCode, depositStatus: r.depositStatus as RegistrationView['depositStatus'],
    depositAmount: new Decimal(r.depositAmount).toFixed(2), createdAt: r.createdAt.toISOString(),
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
    releaseDueBy: null, balance: null, refund: null,
    payment: { method: 'bank_transfer', amount: new Decimal(r.depositAmount).toFixed(2), ...account, reference: r.paymentReference },
  };
}

export function createBidding(ctx: AppContext, broadcaster: Broadcaster) {
  const { db, clock } = ctx;

  async function withRelease(r: Registration, lotEndsAt?: Date): Promise<RegistrationView> {
    const view = { ...registrationView(r, ctx.config.DEPOSIT_ACCOUNT ?? SAMPLE_DEPOSIT_ACCOUNT), ...(r.settledAt ? await settlementView(db, r) : {}) };
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
    return Promise.all(rows.map(async (row) => ({
      ...(await withRelease(row.r, row.endsAt)), lotTitle: row.title, court: row.court, lotStatus: row.status, endsAt: row.endsAt.toISOString(),
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
      registrationId: r.id, lotId: r.lotId, lotTitle: r.title, lotStatus: r.lotStatus, payerName: r.realName, payerEmail: r.email,
      amount: new Decimal(r.amount).toFixed(2), paymentReference: r.reference, registeredAt: r.createdAt.toISOString(),
    }));
  }

  /**
   * The bid path. One transaction locks the lot row, checks the bid against it (A20), records it with
   * the lot's next seq and moves the end when it falls in the last five minutes. The caller is answered
   * after commit and watchers are told after commit. A repeated clientBidId returns the first result.
   */
  async function placeBid(user: User, lotId: string, amount: string, clientBidId: string): Promise<BidResult> {
    const replay = await findBid(user.id, lotId, clientBidId);
    if (replay) return replay;
    let outcome: { result: BidResult; event: LotBidEvent | null };
    try {
      outcome = await inTransaction(db, async (tx) => {
        const lot = await repo.lockLot(tx, lotId);
        if (!lot || lot.status === 'draft') throw notFound('The lot');
        const now = clock.now();
        const live = transitionLot(lot.status, 'bid');
        if (!live.ok || now.getTime() >= lot.endsAt.getTime() || now.getTime() < lot.startsAt.getTime()) {
          const status = live.ok && now.getTime() >= lot.endsAt.getTime() ? 'ended' : lot.status;
          throw conflict(live.ok ? 'LOT_NOT_LIVE' : live.code, status === 'ended' ? 'Bidding has ended.' : `The lot is not open for bidding (${status}).`, { status, endsAt: lot.endsAt.toISOString() });
        }
        if (user.roles.some((r) => r === 'court_staff' || r === 'finance' || r === 'admin')) {
          throw ruleViolation([{ rule: 'STAFF_MAY_NOT_BID', article: 'A28', message: 'Court and platform staff may not bid (A28).' }]);
        }
        const reg = await repo.registrationOf(tx, lotId, user.id);
        if (!reg) throw forbidden('Register for this lot and pay the deposit before bidding (A17).', { reason: 'NOT_REGISTERED' });
        if (reg.depositStatus !== 'held') {
          throw forbidden('Your deposit has not been confirmed yet; you can bid once it is held (A17).', { reason: 'DEPOSIT_NOT_HELD', depositStatus: reg.depositStatus });
        }
        if (lot.leadingRegistrationId === reg.id) {
          throw conflict('ALREADY_LEADING', 'You already hold the highest bid.', { currentPrice: new Decimal(lot.currentPrice!).toFixed(2) });
        }
        // The leader's rank matters only to a priority holder who might match (A21).
        const leaderRank = lot.leadingRegistrationId && reg.priorityRank !== null
          ? await repo.priorityRankOf(tx, lot.leadingRegistrationId)
          : null;
        const state = { startingPrice: lot.startingPrice, bidIncrement: lot.bidIncrement, currentPrice: lot.bidCount > 0 ? lot.currentPrice : null, leaderPriorityRank: leaderRank };
        const violation = checkBid(state, reg.priorityRank, amount);
        if (violation) throw ruleViolation([violation]);
        const priorityMatch = lot.bidCount > 0 && reg.priorityRank !== null && new Decimal(amount).eq(lot.currentPrice!);
        // Sell-off: the first bid opens a 24-hour round; otherwise the anti-sniping rule (A20).
        const opensSellOffRound = lot.round === 'sell_off' && lot.bidCount === 0;
        const newEnd = opensSellOffRound ? new Date(now.getTime() + SELL_OFF_ROUND_MS) : endAfterBid(lot.endsAt, now);
        const extended = !opensSellOffRound && newEnd.getTime() !== lot.endsAt.getTime();
        const seq = lot.seq + 1;
        const price = new Decimal(amount).toFixed(2);
        const hash = bidHash({ lotId, seq, bidderCode: reg.bidderCode, amount: price, at: now, prevHash: lot.bidHead });
        await repo.insertBid(tx, {
          id: crypto.randomUUID(), lotId, seq, registrationId: reg.id, userId: user.id, amount: price, clientBidId,
          at: now, endsAtAfter: newEnd, extended, priorityMatch, prevHash: lot.bidHead, hash,
        });
        const audit = await appendAudit(tx, {
          lotId, at: now, actorId: `bidder:${reg.bidderCode}`, action: 'bid',
          before: { currentPrice: lot.bidCount > 0 ? lot.currentPrice : null, endsAt: lot.endsAt.toISOString() },
          after: { seq, amount: price, bidderCode: reg.bidderCode, endsAt: newEnd.toISOString(), extended, priorityMatch, bidHash: hash },
        }, { auditHead: lot.auditHead, auditCount: lot.auditCount, deferLotUpdate: true });
        await repo.updateLot(tx, lotId, {
          seq, currentPrice: price, leadingRegistrationId: reg.id, bidCount: lot.bidCount + 1, bidHead: hash,
          auditHead: audit.hash, auditCount: audit.auditCount,
          extensionCount: lot.extensionCount + (extended ? 1 : 0), endsAt: newEnd, updatedAt: now,
        });
        const result: BidResult = { lotId, seq, amount: price, bidderCode: reg.bidderCode, at: now.toISOString(), endsAt: newEnd.toISOString(), extended, priorityMatch };
        return {
          result,
          event: { ...result, hash, currentPrice: price, bidCount: lot.bidCount + 1, extensionCount: lot.extensionCount + (extended ? 1 : 0) },
        };
      });
    } catch (err) {
      // The same clientBidId may have committed while this one waited for the lot's lock: then this one
      // fails (unique index, or the bidder now leads) and the first result is the answer.
      if (isUniqueViolation(err) || err instanceof DomainError) {
        const first = await findBid(user.id, lotId, clientBidId);
        if (first) return first;
      }
      throw err;
    }
    if (outcome.event) broadcaster.lot(lotId, 'lot:bid', outcome.event);
    return outcome.result;
  }

  /** A bidder's clientBidId is theirs per lot: the same id on another lot is a new bid there, never a replay. */
  async function findBid(userId: string, lotId: string, clientBidId: string, q: Db = db): Promise<BidResult | null> {
    const row = await repo.bidByClientId(q, userId, lotId, clientBidId);
    if (!row) return null;
    return {
      lotId: row.b.lotId, seq: row.b.seq, amount: new Decimal(row.b.amount).toFixed(2), bidderCode: row.code, at: row.b.at.toISOString(),
      endsAt: row.b.endsAtAfter.toISOString(), extended: row.b.extended, priorityMatch: row.b.priorityMatch,
    };
  }

  return { register, myRegistration, myRegistrations, confirmDeposit, pendingDeposits, placeBid };
}

export type Bidding = ReturnType<typeof createBidding>;
