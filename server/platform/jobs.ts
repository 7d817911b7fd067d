import cron from 'node-cron';
import { and, lte, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './db/index';
import type { Logger } from './logger';

export interface Job {
  name: string;
  run(): Promise<void>;
}

/**
 * Runs each job once a second (node-cron, second resolution). A job never overlaps itself in one
 * process; across processes its rows are claimed with SKIP LOCKED (claimDue below).
 *
 * Not pg-boss or graphile-worker: both decide when a job is due by the database's own now(), which the
 * injected clock (a test clock that jumps forward) cannot move, and both keep a queue table of their own
 * fed beside our rows (graphile-worker also needs a `pg` connection pool, which PGlite is not).
 * Here the due times come from the injected clock and the rows themselves are the queue.
 */
export function startJobs(jobs: Job[], log: Logger) {
  const running = new Map<string, Promise<void>>();
  const runOnce = (job: Job): Promise<void> => {
    const current = running.get(job.name);
    if (current) return current;
    const p = job.run()
      .catch((err) => log.error({ err, job: job.name }, 'job failed'))
      .finally(() => running.delete(job.name));
    running.set(job.name, p);
    return p;
  };
  const task = cron.schedule('* * * * * *', () => {
    for (const job of jobs) void runOnce(job);
  }, { name: 'platform-jobs', noOverlap: false });
  // A second skipped while the process was busy (a first start seeding the demo, a large import) costs
  // nothing: every job claims what is due by the clock, so the next tick does the skipped one's work.
  task.on('execution:missed', () => log.debug('job tick skipped: the process was busy'));
  return {
    /** Runs every job now (after the test clock moves) and waits for it. */
    async runNow(): Promise<void> {
      for (const job of jobs) {
        await running.get(job.name);
        await runOnce(job);
      }
    },
    async stop(): Promise<void> {
      await task.destroy();
      await Promise.allSettled([...running.values()]);
    },
  };
}

export interface DueClaim {
  /** The column holding when a row falls due. */
  dueAt: PgColumn;
  /** The injected clock's time: a row is due when dueAt <= now. */
  now: Date;
  /** What else makes a row claimable (its status, for example). */
  where: SQL | undefined;
  /** Oldest first, when the order matters; the rest wait for the next tick. */
  orderBy?: PgColumn;
  limit: number;
}

/**
 * The one claim every scheduled loop uses, inside the caller's transaction: the due rows, locked
 * FOR UPDATE SKIP LOCKED so that rows another node holds are left to it instead of waited for.
 */
export async function claimDue<T extends PgTable>(tx: Db, table: T, claim: DueClaim): Promise<Array<T['$inferSelect']>> {
  let query = tx.select().from(table as PgTable).where(and(claim.where, lte(claim.dueAt, claim.now))).$dynamic();
  if (claim.orderBy) query = query.orderBy(claim.orderBy);
  return (await query.limit(claim.limit).for('update', { skipLocked: true })) as Array<T['$inferSelect']>;
}
