/**
 * The demo always has a live lot: simulated bidders bid on it now and then through the same bid path as
 * people, and when it ends the keeper opens the next lot of its rotation, so a newcomer can always bid.
 * Started only by server/main.ts for the embedded demo (never in production, never with DEMO_SEED=0);
 * tests drive it step by step with the test clock.
 */
import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { canTransition } from '../../../shared/lot-state';
import type { Platform } from '../../app';
import { inTransaction, schema } from '../../platform/db/index';
import { appendAudit } from '../audit/audit.service';
import { DEMO_ANNOUNCEMENT, DEMO_ROTATION, type DemoItem } from './demo.content';
import { attachDemoMedia } from './demo.media';

const { lots, settings, registrations } = schema;
const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;

/** What the keeper remembers, in the `settings` row of its key. */
export const keeperState = z.object({
  liveLotId: z.string().nullable(),
  /** The simulated bidders, by email; each bids up to its own share of the reference price. */
  simulated: z.array(z.string()),
  caseId: z.string().optional(),
  staffId: z.string().optional(),
  financeId: z.string().optional(),
  /** Registered (deposit held) on each new lot as well, so that the demo's own bidder can bid at once. */
  alsoRegister: z.array(z.string()).optional(),
  /** How many lots the keeper has opened: the next one is this many steps into the rotation. */
  opened: z.number().int().min(0).default(0),
});
export type KeeperState = z.infer<typeof keeperState>;

/** Simulated bidders' budgets as shares of the reference price: the first bids highest. */
const BUDGETS = ['0.84', '0.80', '0.76', '0.72'];

export interface KeeperOptions {
  /** The settings row holding the state ('demo' for the demo itself). */
  stateKey?: string;
  /** How long each new lot has left to run when it opens. */
  minutesLeft?: number;
  /** Pause between simulated bids, at random within these bounds. */
  bidPauseMs?: [number, number];
  random?: (n: number) => number;
}

export function createDemoKeeper(p: Platform, opts: KeeperOptions = {}) {
  const { db, log } = p.ctx;
  const key = opts.stateKey ?? 'demo';
  const minutesLeft = opts.minutesLeft ?? 20;
  const random = opts.random ?? ((n: number) => crypto.randomInt(n));

  async function readState(): Promise<KeeperState | null> {
    const [row] = await db.select().from(settings).where(eq(settings.key, key));
    if (!row) return null;
    const parsed = keeperState.safeParse(row.value);
    return parsed.success ? parsed.data : null;
  }
  async function writeState(s: KeeperState) {
    await db.insert(settings).values({ key, value: s }).onConflictDoUpdate({ target: settings.key, set: { value: s } });
  }

  /** Opens the next lot of the rotation: written as lawful history (announced 16 days ago, bidding open for 24 hours, ending in a few minutes). */
  async function openNext(state: KeeperState, previousLotId: string | null): Promise<string> {
    const { cases, valuation, accounts, bidding } = p.services;
    const now = p.clock.now();
    const previous = previousLotId ? (await db.select().from(lots).where(eq(lots.id, previousLotId)))[0] : undefined;
    const staffId = state.staffId ?? previous?.createdBy;
    let caseId = state.caseId;
    if (!caseId && previous) caseId = (await cases.getAsset(previous.assetId)).caseId;
    if (!staffId || !caseId) throw new Error('the demo keeper has no case or court staff to list a lot with');
    const item: DemoItem = DEMO_ROTATION[state.opened % DEMO_ROTATION.length];
    const asset = await cases.createAsset({
      caseId, title: item.title, titleEn: item.titleEn, kind: item.kind, description: item.description, descriptionEn: item.descriptionEn,
      preserved: false, appraisalMandatory: false,
    });
    const v = await valuation.create(asset.id, { method: 'negotiated', amount: item.reference, note: '双方当事人书面议定。' }, staffId);
    const endsAt = new Date(now.getTime() + minutesLeft * MINUTE);
    const startsAt = new Date(endsAt.getTime() - DAY);
    const announcedAt = new Date(startsAt.getTime() - 16 * DAY);
    const createdAt = new Date(announcedAt.getTime() - 5 * DAY);
    const kase = await cases.getCase(caseId);
    await attachDemoMedia(p, asset.id, { court: kase.court, caseNumber: kase.caseNumber, item, decidedAt: createdAt }, staffId);
    const reference = new Decimal(item.reference);
    const starting = reference.mul('0.70').toDecimalPlaces(0, Decimal.ROUND_UP);
    const increment = Decimal.max(new Decimal(1), starting.mul('0.01').toDecimalPlaces(0, Decimal.ROUND_HALF_UP));
    const deposit = starting.mul('0.10').toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
    const lotId = crypto.randomUUID();
    await inTransaction(db, async (tx) => {
      await tx.insert(lots).values({
        id: lotId, assetId: asset.id, valuationId: v.id, round: '1', status: 'live',
        startingPrice: starting.toFixed(2), bidIncrement: increment.toFixed(2), deposit: deposit.toFixed(2), referencePrice: reference.toFixed(2),
        startsAt, endsAt, scheduledEndsAt: endsAt, balanceDueDays: 10,
        announcement: DEMO_ANNOUNCEMENT.zh, announcementEn: DEMO_ANNOUNCEMENT.en, disclosure: item.disclosure,
        announcedAt, noticesSentAt: new Date(announcedAt.getTime() - 4 * DAY), seq: 2,
        createdBy: staffId, createdAt, updatedAt: now,
      });
      await appendAudit(tx, { lotId, at: announcedAt, actorId: staffId, action: 'published', before: { status: 'draft' }, after: { status: 'announced', announcedAt: announcedAt.toISOString() } });
      await appendAudit(tx, { lotId, at: startsAt, actorId: null, action: 'started', before: { status: 'announced' }, after: { status: 'live' } });
    });
    // A demo seeded before the keeper existed names no one: its own bidder is registered, as the seed does now.
    const also = state.alsoRegister ?? (key === 'demo' ? ['bidder@demo.court'] : []);
    for (const email of [...state.simulated, ...also]) {
      const user = await accounts.findByEmail(email);
      if (!user) continue;
      try {
        const { view } = await bidding.register(user, lotId);
        await bidding.confirmDeposit(view.id, `DEMO-BANK-${view.id.slice(0, 8)}`, state.financeId ?? staffId);
      } catch (err) {
        log.warn({ err, email }, 'demo keeper could not register a bidder');
      }
    }
    await writeState({ ...state, liveLotId: lotId, caseId, staffId, opened: state.opened + 1 });
    log.info({ lotId, item: item.key, endsAt: endsAt.toISOString() }, 'demo keeper opened a live lot');
    return lotId;
  }

  /** The kept lot, opening the next one when it has ended (or never existed). Null when there is no demo to keep. */
  async function ensureLive(): Promise<{ lotId: string; opened: boolean } | null> {
    const state = await readState();
    if (!state) return null;
    const current = state.liveLotId ? (await db.select().from(lots).where(eq(lots.id, state.liveLotId)))[0] : undefined;
    // Still running (live, or suspended and coming back): leave it. Anything finished, or gone: the next one.
    if (current && (canTransition(current.status, 'bid') || current.status === 'suspended' || current.status === 'announced')) {
      return { lotId: current.id, opened: false };
    }
    return { lotId: await openNext(state, current?.id ?? null), opened: true };
  }

  /** One simulated bid on the kept lot, by a simulated bidder who is not leading and still within budget. */
  async function simulateBid(): Promise<{ seq: number; amount: string } | null> {
    const state = await readState();
    if (!state?.liveLotId) return null;
    const [lot] = await db.select().from(lots).where(eq(lots.id, state.liveLotId));
    if (!lot || !canTransition(lot.status, 'bid') || lot.endsAt.getTime() <= p.clock.now().getTime()) return null;
    const candidates = [];
    for (const [i, email] of state.simulated.entries()) {
      const user = await p.services.accounts.findByEmail(email);
      if (!user) continue;
      const [reg] = await db.select().from(registrations).where(and(eq(registrations.lotId, lot.id), eq(registrations.userId, user.id)));
      if (!reg || reg.depositStatus !== 'held' || lot.leadingRegistrationId === reg.id) continue;
      const budget = new Decimal(lot.referencePrice ?? lot.startingPrice).mul(BUDGETS[i % BUDGETS.length]);
      const minimum = lot.bidCount === 0 ? new Decimal(lot.startingPrice) : new Decimal(lot.currentPrice!).plus(lot.bidIncrement);
      const amount = minimum.plus(new Decimal(lot.bidIncrement).mul(random(3)));
      if (amount.lte(budget)) candidates.push({ user, amount });
    }
    if (candidates.length === 0) return null;
    const pick = candidates[random(candidates.length)];
    try {
      const bid = await p.services.bidding.placeBid(pick.user, lot.id, pick.amount.toFixed(2), `sim-${crypto.randomUUID()}`);
      return { seq: bid.seq, amount: bid.amount };
    } catch (err) {
      log.debug({ err }, 'simulated bid refused');
      return null;
    }
  }

  /** Keeps a lot live, then maybe bids on it. */
  async function step(): Promise<void> {
    await ensureLive();
    await simulateBid();
  }

  /** Runs the keeper on timers until the returned function is called. */
  function start(): () => void {
    let stopped = false;
    const timers = new Set<NodeJS.Timeout>();
    const later = (ms: number, fn: () => Promise<unknown>) => {
      if (stopped) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn().catch((err) => log.warn({ err }, 'demo keeper step failed'));
      }, ms);
      timer.unref();
      timers.add(timer);
    };
    const [minPause, maxPause] = opts.bidPauseMs ?? [6000, 20000];
    const keep = async () => { try { await ensureLive(); } finally { later(5000, keep); } };
    const bid = async () => { try { await simulateBid(); } finally { later(minPause + random(Math.max(1, maxPause - minPause)), bid); } };
    later(0, keep);
    later(minPause, bid);
    return () => {
      stopped = true;
      for (const t of timers) clearTimeout(t);
    };
  }

  return { readState, writeState, ensureLive, simulateBid, step, start };
}

/** The embedded demo's keeper, on timers. */
export function startDemoKeeper(p: Platform): () => void {
  return createDemoKeeper(p).start();
}
