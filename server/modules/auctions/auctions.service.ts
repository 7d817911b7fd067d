import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { lotBody, LotClosedEvent, LotStatusEvent } from '../../../shared/api';
import {
  checkAnnouncementPeriod, checkLotTerms, checkReferenceValidity, SECOND_ROUND_MAX_CUT_RATIO, type AssetKind, type Round, type RuleViolation,
} from '../../../shared/rules';
import type { Broadcaster } from '../../platform/broadcaster';
import type { AppContext } from '../../platform/context';
import { schema, type Db } from '../../platform/db/index';
import { conflict, notFound, ruleViolation } from '../../platform/errors';
import { currentReference } from '../cases/cases.service';
import { settleDepositsOnClose } from '../bidding/deposits';
import { loadLotView } from './lot-view';

const { lots, assets, valuations } = schema;
export type Lot = typeof lots.$inferSelect;

/** How many lots one scheduler tick starts or closes; the rest wait for the next tick. */
const TICK_BATCH = 100;

export function createAuctions(ctx: AppContext, broadcaster: Broadcaster) {
  const { db, clock, log } = ctx;

  async function createLot(input: z.infer<typeof lotBody>, userId: string) {
    const now = clock.now();
    const [asset] = await db.select().from(assets).where(eq(assets.id, input.assetId));
    if (!asset) throw notFound('The asset');
    const open = await db.select({ id: lots.id }).from(lots)
      .where(and(eq(lots.assetId, asset.id), sql`${lots.status} in ('draft','announced','live','suspended')`)).limit(1);
    if (open.length) throw conflict('ASSET_HAS_OPEN_LOT', 'This asset already has a lot that has not finished; cancel or finish it first.', { lotId: open[0].id });
    const reference = await currentReference(db, asset.id, now);
    const round: Round = input.round;
    const violations: RuleViolation[] = [];
    if (round !== 1) violations.push(...(await previousRoundViolations(asset.id, round, input.startingPrice)));
    violations.push(...checkLotTerms({
      round, startingPrice: input.startingPrice, bidIncrement: input.bidIncrement, deposit: input.deposit,
      startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt), balanceDueDays: input.balanceDueDays,
      referencePrice: reference?.referencePrice ?? null,
    }, now));
    if (violations.length) throw ruleViolation(violations);
    const [lot] = await db.insert(lots).values({
      id: crypto.randomUUID(), assetId: asset.id, valuationId: reference!.id, round: String(round), status: 'draft',
      startingPrice: input.startingPrice, bidIncrement: input.bidIncrement, deposit: input.deposit,
      referencePrice: reference!.referencePrice, startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt),
      scheduledEndsAt: new Date(input.endsAt), balanceDueDays: input.balanceDueDays, announcement: input.announcement ?? '',
      createdBy: userId, createdAt: now, updatedAt: now,
    }).returning();
    return (await loadLotView(db, lot.id))!;
  }

  /** A26: a second round follows a failed first one of the same asset, its starting price cut by at most 20%. */
  async function previousRoundViolations(assetId: string, round: Round, startingPrice: string): Promise<RuleViolation[]> {
    const [previous] = await db.select().from(lots).where(eq(lots.assetId, assetId)).orderBy(desc(lots.createdAt)).limit(1);
    if (round === 'sell_off') {
      return [{ rule: 'SELL_OFF_NOT_OPEN', article: 'A26', message: 'A sell-off (变卖) follows a failed second auction of this asset.', params: {} }];
    }
    if (!previous || previous.round !== '1' || !['unsold', 'defaulted'].includes(previous.status)) {
      return [{ rule: 'SECOND_ROUND_NEEDS_FAILED_FIRST', article: 'A26', message: 'A second auction follows a failed first auction of the same asset (A26).', params: {} }];
    }
    const minimum = new Decimal(previous.startingPrice).mul(new Decimal(1).minus(SECOND_ROUND_MAX_CUT_RATIO)).toDecimalPlaces(2, Decimal.ROUND_UP);
    if (new Decimal(startingPrice).lt(minimum)) {
      return [{
        rule: 'SECOND_ROUND_CUT_OVER_20_PERCENT', article: 'A26',
        message: `The second auction's starting price may be cut by at most 20%: at least ${minimum.toFixed(2)} (A26).`,
        params: { minimum: minimum.toFixed(2) },
      }];
    }
    return [];
  }

  async function publish(lotId: string) {
    const result = await db.transaction(async (tx) => {
      const [lot] = await tx.select().from(lots).where(eq(lots.id, lotId)).for('update');
      if (!lot) throw notFound('The lot');
      if (lot.status !== 'draft') throw conflict('LOT_NOT_DRAFT', `Only a draft lot can be published; this one is ${lot.status}.`, { status: lot.status });
      const now = clock.now();
      const [asset] = await tx.select().from(assets).where(eq(assets.id, lot.assetId));
      const [valuation] = lot.valuationId ? await tx.select().from(valuations).where(eq(valuations.id, lot.valuationId)) : [];
      const round: Round = lot.round === 'sell_off' ? 'sell_off' : (Number(lot.round) as 1 | 2);
      const violations = [
        ...checkAnnouncementPeriod(asset.kind as AssetKind, round, now, lot.startsAt),
        ...(round === 1 ? checkReferenceValidity(now, valuation?.validUntil ?? null) : []),
      ];
      if (lot.startsAt.getTime() <= now.getTime()) {
        violations.push({ rule: 'START_IN_PAST', article: 'A12', message: 'The start time has passed; set a later start before publishing.', params: {} });
      }
      if (violations.length) throw ruleViolation(violations);
      const seq = lot.seq + 1;
      await tx.update(lots).set({ status: 'announced', announcedAt: now, seq, updatedAt: now }).where(eq(lots.id, lot.id));
      return { seq, now, endsAt: lot.endsAt };
    });
    broadcaster.lot(lotId, 'lot:status', {
      lotId, seq: result.seq, status: 'announced', endsAt: result.endsAt.toISOString(), at: result.now.toISOString(),
    } satisfies LotStatusEvent);
    return { status: 'announced' as const, announcedAt: result.now.toISOString() };
  }

  /** Opens lots whose start has come. Rows are claimed with SKIP LOCKED so several nodes can tick at once. */
  async function startDueLots(): Promise<number> {
    const now = clock.now();
    const started = await db.transaction(async (tx) => {
      const due = await tx.select().from(lots)
        .where(and(eq(lots.status, 'announced'), lte(lots.startsAt, now)))
        .orderBy(lots.startsAt).limit(TICK_BATCH).for('update', { skipLocked: true });
      const out: LotStatusEvent[] = [];
      for (const lot of due) {
        const seq = lot.seq + 1;
        await tx.update(lots).set({ status: 'live', seq, updatedAt: now }).where(eq(lots.id, lot.id));
        out.push({ lotId: lot.id, seq, status: 'live', endsAt: lot.endsAt.toISOString(), at: now.toISOString() });
      }
      return out;
    });
    for (const e of started) broadcaster.lot(e.lotId, 'lot:status', e);
    if (started.length) log.info({ lots: started.map((e) => e.lotId) }, 'lots started');
    return started.length;
  }

  /** Closes lots whose end (after extensions) has passed: sold to the leader, or unsold with no bid (A11). */
  async function closeDueLots(): Promise<number> {
    const now = clock.now();
    const closed = await db.transaction(async (tx) => {
      const due = await tx.select().from(lots)
        .where(and(eq(lots.status, 'live'), lte(lots.endsAt, now)))
        .orderBy(lots.endsAt).limit(TICK_BATCH).for('update', { skipLocked: true });
      const out: Array<{ status: LotClosedEvent; closed: LotClosedEvent }> = [];
      for (const lot of due) {
        const sold = lot.bidCount > 0 && lot.leadingRegistrationId !== null;
        const seq = lot.seq + 1;
        const status = sold ? 'sold' : 'unsold';
        await tx.update(lots).set({
          status, seq, closedAt: now, updatedAt: now,
          finalPrice: sold ? lot.currentPrice : null, winnerRegistrationId: sold ? lot.leadingRegistrationId : null,
        }).where(eq(lots.id, lot.id));
        await settleDepositsOnClose(tx as unknown as Db, lot.id, sold ? lot.leadingRegistrationId : null, now);
        const winnerCode = sold
          ? (await tx.select({ code: schema.registrations.bidderCode }).from(schema.registrations).where(eq(schema.registrations.id, lot.leadingRegistrationId!)))[0].code
          : null;
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

  async function tick(): Promise<void> {
    await startDueLots();
    await closeDueLots();
  }

  return { createLot, publish, startDueLots, closeDueLots, tick };
}

export type Auctions = ReturnType<typeof createAuctions>;
