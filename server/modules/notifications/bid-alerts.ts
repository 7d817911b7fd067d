/**
 * Outbid and extended-end alerts, derived from the bid record after a batch of bids commits, never inside the
 * bid path: the sequencer's `accepted` hook only kicks this lot's worker, which reads the bids past the lot's
 * cursor (notification_bid_cursors), writes the alerts and moves the cursor in one transaction, then pushes.
 * A crash between a bid's commit and its alert loses nothing: a job resumes every lot whose bids are past
 * its cursor. The cursor row's lock keeps two nodes from writing the same lot's alerts at once.
 */
import { and, asc, desc, eq, gt, lte, sql } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { inTransaction, type Db } from '../../platform/db/index';
import { bids, notificationBidCursors } from '../../platform/db/schema';
import { LAST_MINUTES_MS } from './notify-rules';
import { insertAlerts } from './notify';

/** Bids read per run of a lot; a longer backlog takes further runs. */
const BIDS_PER_RUN = 1000;
/** Lots the catch-up job resumes per tick. */
const CATCH_UP_LOTS = 50;

interface BidRow { seq: number; userId: string; amount: string; at: Date; endsAtAfter: Date; extended: boolean }

/** Who was displaced by whom: each bid outbids the leader before it, unless that leader bid again. */
export function outbidsOf(previousLeader: string | null, run: BidRow[]): Map<string, BidRow> {
  const out = new Map<string, BidRow>();
  let leader = previousLeader;
  for (const b of run) {
    if (leader !== null && leader !== b.userId) out.set(leader, b);
    out.delete(b.userId);
    leader = b.userId;
  }
  return out;
}

export function createBidAlerts(ctx: AppContext, pushSoon: () => void) {
  const { db, clock, log } = ctx;
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  let stopped = false;

  /** One run over a lot: true when it wrote alerts and more bids may wait. */
  async function runLot(lotId: string): Promise<{ wrote: number; more: boolean }> {
    return inTransaction(db, async (tx) => {
      await tx.insert(notificationBidCursors).values({ lotId, bidSeq: 0 }).onConflictDoNothing();
      const [cursor] = await tx.select().from(notificationBidCursors).where(eq(notificationBidCursors.lotId, lotId)).for('update');
      const run = await tx.select({ seq: bids.seq, userId: bids.userId, amount: bids.amount, at: bids.at, endsAtAfter: bids.endsAtAfter, extended: bids.extended })
        .from(bids).where(and(eq(bids.lotId, lotId), gt(bids.seq, cursor.bidSeq))).orderBy(asc(bids.seq)).limit(BIDS_PER_RUN);
      if (run.length === 0) return { wrote: 0, more: false };
      const [before] = await tx.select({ userId: bids.userId }).from(bids).where(and(eq(bids.lotId, lotId), lte(bids.seq, cursor.bidSeq))).orderBy(desc(bids.seq)).limit(1);
      const last = run[run.length - 1];
      const now = clock.now();
      let wrote = 0;
      const outbid = outbidsOf(before?.userId ?? null, run);
      if (outbid.size > 0) {
        const lastMinutes = last.endsAtAfter.getTime() - last.at.getTime() <= LAST_MINUTES_MS;
        const rows = [...outbid].map(([userId, by]) => sql`(${userId}, ${`outbid:${lotId}:${by.seq}`})`);
        wrote += await insertAlerts(tx, 'outbid', sql`select v.user_id, l.id as lot_id,
            jsonb_build_object('title', a.title, 'titleEn', a.title_en, 'currentPrice', ${last.amount}::numeric(18,2)::text,
              'endsAt', ${last.endsAtAfter.toISOString()}::text, 'lastMinutes', ${lastMinutes}::boolean) as params, v.dedupe_key
          from (values ${sql.join(rows, sql`, `)}) as v(user_id, dedupe_key)
          join lots l on l.id = ${lotId} join assets a on a.id = l.asset_id`, now);
      }
      const extended = [...run].reverse().find((b) => b.extended);
      if (extended) {
        // One unread extension alert per lot and user: a newer end replaces the one not yet read.
        await tx.execute(sql`delete from notifications where lot_id = ${lotId} and kind = 'end_extended' and read_at is null and pushed_at is not null`);
        wrote += await insertAlerts(tx, 'end_extended', sql`select distinct u.user_id, l.id as lot_id,
            jsonb_build_object('title', a.title, 'titleEn', a.title_en, 'endsAt', ${last.endsAtAfter.toISOString()}::text) as params,
            ${`end_extended:${lotId}:${extended.seq}`}::text as dedupe_key
          from lots l join assets a on a.id = l.asset_id
          join (select user_id, lot_id from watchlist where lot_id = ${lotId} union select user_id, lot_id from registrations where lot_id = ${lotId} and deposit_status = 'held') u on u.lot_id = l.id
          where l.id = ${lotId} and u.user_id <> ${extended.userId}`, now);
      }
      await tx.update(notificationBidCursors).set({ bidSeq: last.seq }).where(eq(notificationBidCursors.lotId, lotId));
      return { wrote, more: run.length === BIDS_PER_RUN };
    });
  }

  async function drain(lotId: string): Promise<void> {
    do {
      again.delete(lotId);
      try {
        const r = await runLot(lotId);
        if (r.wrote > 0) pushSoon();
        if (r.more) again.add(lotId);
      } catch (err) {
        log.error({ err, lotId }, 'bid alerts failed; the catch-up job retries');
        return;
      }
    } while (again.has(lotId) && !stopped);
  }

  /** Called after a batch committed: runs the lot's worker now, or once more after the run in progress. */
  function kick(lotId: string): void {
    if (stopped) return;
    if (running.has(lotId)) {
      again.add(lotId);
      return;
    }
    const p = drain(lotId).finally(() => running.delete(lotId));
    running.set(lotId, p);
  }

  /** Lots whose bids are past their cursor: a kick lost to a crash or a failed run. */
  async function catchUp(): Promise<void> {
    const res = await db.execute(sql`select l.id from lots l left join notification_bid_cursors c on c.lot_id = l.id
      where l.bid_count > 0 and (l.status in ('live', 'suspended') or l.closed_at > ${new Date(clock.now().getTime() - 86_400_000)})
        and exists (select 1 from bids b where b.lot_id = l.id and b.seq > coalesce(c.bid_seq, 0))
      limit ${CATCH_UP_LOTS}`);
    for (const { id } of (res as unknown as { rows: Array<{ id: string }> }).rows) if (!running.has(id)) kick(id);
    await Promise.allSettled([...running.values()]);
  }

  return {
    kick, catchUp,
    async stop() {
      stopped = true;
      await Promise.allSettled([...running.values()]);
    },
  };
}

export type { Db };
