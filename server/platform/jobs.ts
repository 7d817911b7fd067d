import cron from 'node-cron';
import type { Logger } from './logger';

export interface Job {
  name: string;
  run(): Promise<void>;
}

/**
 * Runs each job once a second (node-cron, second resolution). A job never overlaps itself in one
 * process; across processes its rows are claimed with SKIP LOCKED.
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
