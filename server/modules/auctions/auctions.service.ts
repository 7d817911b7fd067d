import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import type { z } from 'zod';
import type { lotBody, LotClosedEvent, LotStatusEvent } from '../../../shared/api';
import type { disclosureUpdateBody, DisclosureInput } from '../../../shared/contract/disclosure';
import { missingDisclosure, readDisclosure } from '../../../shared/disclosure';
import { canTransition, fromStatuses, nextLotStatus, transitionLot, UNFINISHED_LOT_STATUSES } from '../../../shared/lot-state';
import {
  balanceDueAt, checkAnnouncementPeriod, checkDisclosure, checkPartyNotice, periodEnd, checkLotTerms, checkReferenceValidity, SECOND_ROUND_MAX_CUT_RATIO, SECOND_ROUND_WITHIN_DAYS,
  SELL_OFF_WINDOW_DAYS, type AssetKind, type Round, type RuleViolation,
} from '../../../shared/rules';
import { appendAudit } from '../audit/audit.service';
import type { Broadcaster } from '../../platform/broadcaster';
import type { AppContext } from '../../platform/context';
import { inTransaction, type Db } from '../../platform/db/index';
import { conflict, notFound, ruleViolation } from '../../platform/errors';
import { currentReference, lapsedReference } from '../valuation/reference';
import { settleDepositsOnClose } from '../bidding/deposits';
import { notifyLotsStarted, notifyLotWon } from '../notifications/index';
import { loadLotView } from './lot-view';

import * as repo from './lots.repository';
import type { Lot } from './lots.repository';

export type { Lot } from './lots.repository';

/** The stored disclosure with the fields given replacing it; an empty translation is dropped. */
function mergeDisclosure(stored: unknown, input: DisclosureInput | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...(stored as Record<string, unknown> ?? {}), ...(input ?? {}) })) {
    if (typeof v === 'string' && (v !== '' || !k.endsWith('En'))) out[k] = v;
  }
  return out;
}

/** How many lots one scheduler tick starts or closes; the rest wait for the next tick. */
const TICK_BATCH = 100;

type SoldHook = (tx: Db, lot: Lot, finalPrice: string) => Promise<void>;

export function createAuctions(ctx: AppContext, broadcaster: Broadcaster) {
  const { db, clock, log } = ctx;
  const soldHooks: SoldHook[] = [];

  async function createLot(input: z.infer<typeof lotBody>, userId: string) {
    const now = clock.now();
    const asset = await repo.findAsset(db, input.assetId);
    if (!asset) throw notFound('The asset');
    const openLot = async (q: Db) => {
      const open = await repo.lotOfAssetIn(q, asset.id, UNFINISHED_LOT_STATUSES);
      if (open) throw conflict('ASSET_HAS_OPEN_LOT', 'This asset already has a lot that has not finished; cancel or finish it first.', { lotId: open.id });
    };
    await openLot(db);
    const round: Round = input.round;
    // The property's auction history, ignoring withdrawn lots.
    const previous = await repo.latestLotOfAsset(db, asset.id);
    const violations: RuleViolation[] = [];
    let referencePrice: string | null;
    let valuationId: string | null;
    if (round === 1) {
      const reference = await currentReference(db, asset.id, now);
      referencePrice = reference?.referencePrice ?? null;
      valuationId = reference?.id ?? null;
      // A price that was effective but has run out is named as such (B27, with its date), not as a missing one.
      const lapsed = reference ? undefined : await lapsedReference(db, asset.id, now);
      if (lapsed?.validUntil) violations.push(...checkReferenceValidity(now, lapsed.validUntil));
      if (previous && !canTransition(previous.status, 're_auction')) {
        violations.push({ rule: 'FIRST_ROUND_ALREADY_HELD', article: 'A26', message: 'This property already had a first auction; list a second round or a sell-off instead.', params: { previousLotId: previous.id } });
      }
    } else {
      referencePrice = previous?.referencePrice ?? null;
      valuationId = previous?.valuationId ?? null;
      violations.push(...previousRoundViolations(previous, round, input.startingPrice, new Date(input.startsAt)));
    }
    const startsAt = new Date(input.startsAt);
    // A sell-off runs for a fixed 60-day window; the first bid inside it opens a 24-hour round.
    const endsAt = round === 'sell_off' ? periodEnd(startsAt, SELL_OFF_WINDOW_DAYS, ctx.config.holidays) : new Date(input.endsAt);
    violations.push(...checkLotTerms({
      round, startingPrice: input.startingPrice, bidIncrement: input.bidIncrement, deposit: input.deposit,
      startsAt, endsAt, balanceDueDays: input.balanceDueDays, referencePrice,
    }, now).filter((v) => !(round === 'sell_off' && v.rule === 'BIDDING_PERIOD_TOO_LONG'))
      .filter((v) => !(v.rule === 'REFERENCE_PRICE_REQUIRED' && violations.some((w) => w.rule === 'REFERENCE_PRICE_EXPIRED'))));
    if (violations.length) throw ruleViolation(violations);
    const id = crypto.randomUUID();
    await inTransaction(db, async (tx) => {
      // One unfinished lot per asset: the asset row's lock makes the check and the insert one step.
      await repo.lockAsset(tx, asset.id);
      await openLot(tx);
      await repo.insertLot(tx, {
        id, assetId: asset.id, valuationId, round: repo.storedRound(round), status: 'draft',
        startingPrice: input.startingPrice, bidIncrement: input.bidIncrement, deposit: input.deposit,
        referencePrice, startsAt, endsAt, scheduledEndsAt: endsAt, windowEndsAt: round === 'sell_off' ? endsAt : null,
        balanceDueDays: input.balanceDueDays, announcement: input.announcement ?? '', announcementEn: input.announcementEn || null,
        disclosure: mergeDisclosure({}, input.disclosure), previousLotId: round === 1 && !previous ? null : previous?.id ?? null,
        createdBy: userId, createdAt: now, updatedAt: now,
      });
      await appendAudit(tx, {
        lotId: id, at: now, actorId: userId, action: 'created', before: null,
        after: { status: 'draft', round: repo.storedRound(round), startingPrice: input.startingPrice, bidIncrement: input.bidIncrement, deposit: input.deposit, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), referencePrice },
      });
    });
    const lot = { id };
    return (await loadLotView(db, lot.id, ctx.config.holidays))!;
  }

  /** A26: a second round follows a failed first within 30 days, its starting price cut by at most 20%; a sell-off follows a failed second at its price. */
  function previousRoundViolations(previous: Lot | undefined, round: Round, startingPrice: string, startsAt: Date): RuleViolation[] {
    if (round === 'sell_off') {
      if (!previous || previous.round !== '2' || !canTransition(previous.status, 'sell_off') || previous.creditorTakeover) {
        return [{ rule: 'SELL_OFF_NEEDS_FAILED_SECOND', article: 'A26', message: 'A sell-off (变卖) follows a failed second auction of this property (A26).', params: {} }];
      }
      if (!new Decimal(startingPrice).eq(previous.startingPrice)) {
        const price = new Decimal(previous.startingPrice).toFixed(2);
        return [{ rule: 'SELL_OFF_PRICE', article: 'A26', message: `A sell-off is at the second auction's price, ${price} (A26).`, params: { minimum: price, required: price } }];
      }
      return [];
    }
    if (!previous || previous.round !== '1' || !canTransition(previous.status, 'second_round')) {
      return [{ rule: 'SECOND_ROUND_NEEDS_FAILED_FIRST', article: 'A26', message: 'A second auction follows a failed first auction of the same asset (A26).', params: {} }];
    }
    const out: RuleViolation[] = [];
    const minimum = new Decimal(previous.startingPrice).mul(new Decimal(1).minus(SECOND_ROUND_MAX_CUT_RATIO)).toDecimalPlaces(2, Decimal.ROUND_UP);
    if (new Decimal(startingPrice).lt(minimum)) {
      out.push({
        rule: 'SECOND_ROUND_CUT_OVER_20_PERCENT', article: 'A26',
        message: `The second auction's starting price may be cut by at most 20%: at least ${minimum.toFixed(2)} (A26).`,
        params: { minimum: minimum.toFixed(2) },
      });
    }
    const latest = periodEnd(previous.closedAt ?? previous.endsAt, SECOND_ROUND_WITHIN_DAYS, ctx.config.holidays);
    if (startsAt.getTime() > latest.getTime()) {
      out.push({
        rule: 'SECOND_ROUND_TOO_LATE', article: 'A26',
        message: `The second auction must be held within 30 days of the failed first: start by ${latest.toISOString()} (A26).`,
        params: { latestStartsAt: latest.toISOString() },
      });
    }
    return out;
  }

  async function publish(lotId: string, actorId: string | null) {
    const result = await inTransaction(db, async (tx) => {
      const lot = await repo.lockLot(tx, lotId);
      if (!lot) throw notFound('The lot');
      const t = transitionLot(lot.status, 'publish');
      if (!t.ok) throw conflict(t.code, `Only a draft lot can be published; this one is ${lot.status}.`, { status: lot.status });
      const now = clock.now();
      const asset = await repo.findAsset(tx, lot.assetId);
      const valuation = lot.valuationId ? await repo.findValuation(tx, lot.valuationId) : undefined;
      const round = repo.roundOf(lot.round);
      const violations = [
        ...checkPartyNotice(lot.noticesSentAt, now, ctx.config.holidays),
        ...checkAnnouncementPeriod(asset.kind as AssetKind, round, now, lot.startsAt, ctx.config.holidays),
        ...(round === 1 ? checkReferenceValidity(now, valuation?.validUntil ?? null) : []),
        ...checkDisclosure(readDisclosure(lot.disclosure)),
      ];
      if (lot.startsAt.getTime() <= now.getTime()) {
        violations.push({ rule: 'START_IN_PAST', article: 'A12', message: 'The start time has passed; set a later start before publishing.', params: {} });
      }
      if (violations.length) throw ruleViolation(violations, 'RULE_VIOLATION', { missing: missingDisclosure(readDisclosure(lot.disclosure)) });
      const seq = lot.seq + 1;
      await repo.updateLot(tx, lot.id, { status: t.status, announcedAt: now, seq, updatedAt: now });
      await appendAudit(tx, { lotId: lot.id, at: now, actorId, action: 'published', before: { status: lot.status }, after: { status: t.status, announcedAt: now.toISOString() } });
      return { seq, now, endsAt: lot.endsAt, status: t.status };
    });
    broadcaster.lot(lotId, 'lot:status', {
      lotId, seq: result.seq, status: result.status, endsAt: result.endsAt.toISOString(), at: result.now.toISOString(),
    } satisfies LotStatusEvent);
    return { status: result.status, announcedAt: result.now.toISOString() };
  }

  /** A13, A14: court staff write or correct a draft's announcement and disclosure; a field given replaces the stored one. */
  async function updateDisclosure(lotId: string, input: z.infer<typeof disclosureUpdateBody>, actorId: string) {
    await inTransaction(db, async (tx) => {
      const lot = await repo.lockLot(tx, lotId);
      if (!lot) throw notFound('The lot');
      if (lot.status !== 'draft') throw conflict('LOT_NOT_DRAFT', `Only a draft's announcement can be changed; this lot is ${lot.status}.`, { status: lot.status });
      const now = clock.now();
      const disclosure = mergeDisclosure(lot.disclosure, input.disclosure);
      await repo.updateLot(tx, lot.id, {
        disclosure, updatedAt: now,
        ...(input.announcement !== undefined ? { announcement: input.announcement } : {}),
        ...(input.announcementEn !== undefined ? { announcementEn: input.announcementEn || null } : {}),
      });
      await appendAudit(tx, {
        lotId: lot.id, at: now, actorId, action: 'disclosure_updated', before: { missing: missingDisclosure(readDisclosure(lot.disclosure)) },
        after: { fields: Object.keys(input.disclosure ?? {}).sort(), missing: missingDisclosure(readDisclosure(disclosure)) },
      });
    });
    return (await loadLotView(db, lotId, ctx.config.holidays))!;
  }

  /** Opens lots whose start has come. Rows are claimed with SKIP LOCKED so several nodes can tick at once. */
  async function startDueLots(): Promise<number> {
    const now = clock.now();
    const started = await inTransaction(db, async (tx) => {
      const due = await repo.claimStartDue(tx, fromStatuses('start'), now, TICK_BATCH);
      const out: LotStatusEvent[] = [];
      for (const lot of due) {
        const seq = lot.seq + 1;
        const status = nextLotStatus(lot.status, 'start');
        await repo.updateLot(tx, lot.id, { status, seq, updatedAt: now });
        await appendAudit(tx, { lotId: lot.id, at: now, actorId: null, action: 'started', before: { status: lot.status }, after: { status } });
        out.push({ lotId: lot.id, seq, status, endsAt: lot.endsAt.toISOString(), at: now.toISOString() });
      }
      await notifyLotsStarted(tx, out.map((e) => e.lotId), now);
      return out;
    });
    for (const e of started) broadcaster.lot(e.lotId, 'lot:status', e);
    if (started.length) log.info({ lots: started.map((e) => e.lotId) }, 'lots started');
    return started.length;
  }

  /** A lot closes sold or unsold; the claim takes only rows both closings are allowed from. */
  const closableStatuses = fromStatuses('close_sold').filter((st) => canTransition(st, 'close_unsold'));

  /** Closes lots whose end (after extensions) has passed: sold to the leader, or unsold with no bid (A11). */
  async function closeDueLots(): Promise<number> {
    const now = clock.now();
    const closed = await inTransaction(db, async (tx) => {
      const due = await repo.claimEndDue(tx, closableStatuses, now, TICK_BATCH);
      const out: Array<{ status: LotClosedEvent; closed: LotClosedEvent }> = [];
      for (const lot of due) {
        const sold = lot.bidCount > 0 && lot.leadingRegistrationId !== null;
        const seq = lot.seq + 1;
        const status = nextLotStatus(lot.status, sold ? 'close_sold' : 'close_unsold');
        const dueAt = sold ? balanceDueAt(now, lot.balanceDueDays, ctx.config.holidays) : null;
        await repo.updateLot(tx, lot.id, {
          status, seq, closedAt: now, updatedAt: now, balanceDueAt: dueAt,
          finalPrice: sold ? lot.currentPrice : null, winnerRegistrationId: sold ? lot.leadingRegistrationId : null,
        });
        await settleDepositsOnClose(tx, lot.id, sold ? lot.leadingRegistrationId : null, now);
        if (sold) for (const hook of soldHooks) await hook(tx, lot, lot.currentPrice!);
        if (sold) await notifyLotWon(tx, lot.id, now);
        const winnerCode = sold ? await repo.bidderCodeOf(tx, lot.leadingRegistrationId!) : null;
        await appendAudit(tx, {
          lotId: lot.id, at: now, actorId: null, action: 'closed', before: { status: lot.status, endsAt: lot.endsAt.toISOString() },
          after: { status, finalPrice: sold ? new Decimal(lot.currentPrice!).toFixed(2) : null, winnerCode, balanceDueAt: dueAt?.toISOString() ?? null },
        });
        const event: LotClosedEvent = {
          lotId: lot.id, seq, status, finalPrice: sold ? new Decimal(lot.currentPrice!).toFixed(2) : null, winnerCode, at: now.toISOString(),
        };
        out.push({ status: event, closed: event });
      }
      return out;
    });
    for (const { closed: e } of closed) {
      broadcaster.lot(e.lotId, 'lot:status', { lotId: e.lotId, seq: e.seq, status: e.status, endsAt: e.at, at: e.at });
      broadcaster.lot(e.lotId, 'lot:closed', e);
    }
    if (closed.length) log.info({ lots: closed.map((e) => `${e.closed.lotId}:${e.closed.status}`) }, 'lots closed');
    return closed.length;
  }

  /**
   * Starts and closes everything that is due, a batch per transaction: after a pause (a restart, a busy
   * database) the backlog is cleared in this tick, not a hundred lots a second while bidders wait on a lot
   * whose end has passed.
   */
  async function tick(): Promise<void> {
    while ((await startDueLots()) === TICK_BATCH);
    while ((await closeDueLots()) === TICK_BATCH);
  }

  /** Other modules react to a sale inside the closing transaction (the inquiry fee, B31). */
  const onSold = (hook: SoldHook) => soldHooks.push(hook);

  return { createLot, publish, updateDisclosure, startDueLots, closeDueLots, tick, onSold };
}

export type Auctions = ReturnType<typeof createAuctions>;
