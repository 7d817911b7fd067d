import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { ProxyBidView } from '../../../shared/api';
import { PROXY_MAX_INCREMENTS, proxyMaxCeiling } from '../../../shared/proxy-rules';
import { bidMinimum } from '../../../shared/rules';
import type { Clock } from '../../platform/clock';
import { inTransaction, isUniqueViolation, type Db } from '../../platform/db/index';
import { conflict, forbidden, notFound, ruleViolation } from '../../platform/errors';
import type { SessionUser } from '../../platform/session-user';
import type { BidRouter } from './bid-router';
import * as repo from './bidding.repository';

/**
 * Proxy bids (代理出价). A registered bidder whose deposit is held sets a maximum; whenever they are outbid, the
 * lot's sequencer bids the minimum for them (lot-sequencer.ts), up to that maximum. Each such bid is an
 * ordinary bid: decided by the same rules (A20 steps, A21 priority matching, the 5-minute extension), chained
 * in the bid record, shown to watchers under the bidder's code. Set while outbid, it bids at once. Withdrawing
 * it stops further bids; bids already placed stand. A maximum is never shown to anyone but its bidder.
 */
const STAFF_ROLES = new Set(['court_staff', 'finance', 'admin']);
/** Statuses in which a proxy bid may be set: before the start (it bids from the start) and while live. */
const OPEN = new Set(['announced', 'live']);

/**
 * After a change of the user's roles, wherever it was made (the admin page, `npm run user:create`): a user
 * who may no longer bid (court or platform staff, A28) has their proxy bids withdrawn. Answers the lots that
 * had the user's proxies in force, whose sequencers should read their proxies again.
 */
export async function withdrawProxiesIfStaff(db: Db, at: Date, userId: string): Promise<string[]> {
  const inForce = await repo.proxiesOfUser(db, userId);
  if (inForce.length === 0) return [];
  if (inForce[0].roles.some((r) => STAFF_ROLES.has(r))) {
    await inTransaction(db, async (tx) => {
      for (const p of inForce) await repo.replaceProxy(tx, { registrationId: p.registrationId, at, withdrawOnly: true });
    });
  }
  return [...new Set(inForce.map((p) => p.lotId))];
}

export function createProxyBids(deps: { db: Db; clock: Clock; router: BidRouter }) {
  const { db, clock, router } = deps;

  function view(row: { lotId: string; maxAmount: string; createdAt: Date }, minimum: Decimal | null): ProxyBidView {
    const max = new Decimal(row.maxAmount);
    return {
      lotId: row.lotId, maxAmount: max.toFixed(2), createdAt: row.createdAt.toISOString(),
      // Exhausted once the next bid it would have to place is above its maximum.
      exhausted: minimum !== null && minimum.gt(max),
    };
  }

  /** The bidder's registration with a held deposit on a lot that takes proxy bids, or the refusal a bid would get. */
  async function bidderOnOpenLot(user: Pick<SessionUser, 'id' | 'roles'>, lotId: string) {
    if (user.roles.some((r) => STAFF_ROLES.has(r))) {
      throw ruleViolation([{ rule: 'STAFF_MAY_NOT_BID', article: 'A28', message: 'Court and platform staff may not bid (A28).' }]);
    }
    const lot = await repo.findLot(db, lotId);
    if (!lot || lot.status === 'draft') throw notFound('The lot');
    if (!OPEN.has(lot.status) || clock.now().getTime() >= lot.endsAt.getTime()) {
      throw conflict('LOT_NOT_LIVE', `The lot is not open for bidding (${lot.status}).`, { status: lot.status, endsAt: lot.endsAt.toISOString() });
    }
    const reg = await repo.registrationOf(db, lotId, user.id);
    if (!reg) throw forbidden('Register for this lot and pay the deposit before bidding (A17).', { reason: 'NOT_REGISTERED' });
    if (reg.depositStatus !== 'held') {
      throw forbidden('Your deposit has not been confirmed yet; you can bid once it is held (A17).', { reason: 'DEPOSIT_NOT_HELD', depositStatus: reg.depositStatus });
    }
    return { lot, reg };
  }

  /** The minimum this bidder could bid now (A20, A21). */
  async function minimumFor(lot: repo.LotRow, priorityRank: number | null): Promise<Decimal> {
    const leaderRank = lot.leadingRegistrationId && priorityRank !== null ? await repo.priorityRankOf(db, lot.leadingRegistrationId) : null;
    return bidMinimum({ startingPrice: lot.startingPrice, bidIncrement: lot.bidIncrement, currentPrice: lot.bidCount > 0 ? lot.currentPrice : null, leaderPriorityRank: leaderRank }, priorityRank).minimum;
  }

  return {
    /** Puts a maximum in force (replacing the bidder's previous one) and lets it bid at once if it is outbid. */
    async set(user: Pick<SessionUser, 'id' | 'roles'>, lotId: string, maxAmount: string): Promise<ProxyBidView> {
      const { lot, reg } = await bidderOnOpenLot(user, lotId);
      const max = new Decimal(maxAmount);
      const leading = lot.leadingRegistrationId === reg.id;
      // The leader's maximum must be above the price it leads at; anyone else's must reach the next bid it would place.
      const floor = leading ? new Decimal(lot.currentPrice!) : await minimumFor(lot, reg.priorityRank);
      const minimum = leading ? floor.plus(lot.bidIncrement) : floor;
      if (leading ? max.lte(floor) : max.lt(floor)) {
        throw ruleViolation([{
          rule: 'BID_BELOW_MINIMUM', article: 'A20',
          message: `A proxy bid's maximum must be at least ${minimum.toFixed(2)}, the next bid it could place (A20).`,
          params: { minimum: minimum.toFixed(2) },
        }]);
      }
      // Each step of a proxy contest is a bid in the record: a maximum far above the price would let two proxies
      // write one bid per increment without end (shared/proxy-rules.ts).
      const ceiling = proxyMaxCeiling(minimum, lot.bidIncrement);
      if (max.gt(ceiling)) {
        throw ruleViolation([{
          rule: 'PROXY_MAX_TOO_HIGH', article: 'A20',
          message: `A proxy bid's maximum may be at most ${ceiling.toFixed(2)}, ${PROXY_MAX_INCREMENTS} increments above the next bid it could place; set a higher one once the price has moved.`,
          params: { ceiling: ceiling.toFixed(2) },
        }]);
      }
      const at = clock.now();
      const row = { id: crypto.randomUUID(), lotId, registrationId: reg.id, userId: user.id, maxAmount: max.toFixed(2), at };
      await inTransaction(db, (tx) => repo.replaceProxy(tx, row)).catch((err) => {
        if (isUniqueViolation(err)) throw conflict('LOT_BUSY', 'Your proxy bid was changed at the same moment; check it and try again.');
        throw err;
      });
      // The lot's sequencer, wherever it runs, reads the proxies again and bids for this one now if it is outbid.
      await router.refreshProxies(lotId);
      const after = (await repo.findLot(db, lotId))!;
      return view({ lotId, maxAmount: row.maxAmount, createdAt: at }, after.leadingRegistrationId === reg.id ? null : await minimumFor(after, reg.priorityRank));
    },

    /** Withdraws the bidder's proxy bid; bids it already placed stand. */
    async withdraw(user: Pick<SessionUser, 'id' | 'roles'>, lotId: string): Promise<void> {
      const lot = await repo.findLot(db, lotId);
      if (!lot || lot.status === 'draft') throw notFound('The lot');
      const reg = await repo.registrationOf(db, lotId, user.id);
      const current = reg ? await repo.proxyOf(db, reg.id) : undefined;
      if (!reg || !current) throw notFound('Your proxy bid');
      await inTransaction(db, (tx) => repo.replaceProxy(tx, { registrationId: reg.id, at: clock.now(), withdrawOnly: true }));
      await router.refreshProxies(lotId);
    },

    /** The bidder's proxy bid in force on the lot, or null. */
    async mine(user: Pick<SessionUser, 'id'>, lotId: string): Promise<ProxyBidView | null> {
      const lot = await repo.findLot(db, lotId);
      if (!lot || lot.status === 'draft') throw notFound('The lot');
      const reg = await repo.registrationOf(db, lotId, user.id);
      const current = reg ? await repo.proxyOf(db, reg.id) : undefined;
      if (!reg || !current) return null;
      return view(current, lot.leadingRegistrationId === reg.id ? null : await minimumFor(lot, reg.priorityRank));
    },

    /**
     * The user's roles changed: a user who may no longer bid (court or platform staff, A28) has their proxy
     * bids withdrawn; either way each lot's sequencer reads its proxies again, with the roles as they are now.
     */
    async userChanged(userId: string): Promise<void> {
      for (const lotId of await withdrawProxiesIfStaff(db, clock.now(), userId)) await router.refreshProxies(lotId);
    },

    /** A lot turned live: its proxies bid from the start. */
    async started(lotId: string): Promise<void> {
      if ((await repo.proxiesInForce(db, lotId)).length > 0) await router.refreshProxies(lotId);
    },
  };
}

export type ProxyBids = ReturnType<typeof createProxyBids>;
