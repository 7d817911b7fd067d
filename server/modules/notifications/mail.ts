/**
 * Alert emails through SMTP (SMTP_URL, MAIL_FROM), sent by a job, never by a request: a slow or absent mail
 * server delays mail, nothing else. Rows are claimed by moving their next attempt a lease ahead (SKIP LOCKED),
 * sent outside any transaction, then marked sent, or retried with a growing delay, and given up after
 * MAX_ATTEMPTS. Alerts older than a day are not mailed any more (a server that had no SMTP for a while
 * does not flood its users when it gets one).
 */
import { and, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import type { NotificationKind } from '../../../shared/contract/notifications';
import type { AppContext } from '../../platform/context';
import { inTransaction } from '../../platform/db/index';
import { notifications, users } from '../../platform/db/schema';
import type { Job } from '../../platform/jobs';
import { mailContent } from './mail-content';

/** Mails per tick at most, and attempts per mail. */
const MAIL_BATCH = 20;
export const MAX_ATTEMPTS = 6;
/** A claimed mail is tried again after this if its sender died mid-send. */
const LEASE_MS = 5 * 60_000;
/** The first retry waits this long, each next one twice as long. */
export const RETRY_BASE_MS = 30_000;
const MAIL_TTL_MS = 24 * 3_600_000;
/** A mail server that does not answer within these is given up on for this attempt. */
const SMTP_TIMEOUT_MS = 10_000;

export interface MailJob { job: Job; close(): void }

export function createMailer(ctx: AppContext): MailJob {
  const { db, clock, log, config } = ctx;
  const transport = nodemailer.createTransport({
    url: config.SMTP_URL!,
    connectionTimeout: SMTP_TIMEOUT_MS, greetingTimeout: SMTP_TIMEOUT_MS, socketTimeout: SMTP_TIMEOUT_MS,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  const origin = config.PUBLIC_URL ?? config.PUBLIC_ORIGIN ?? null;

  async function run(): Promise<void> {
    const now = clock.now();
    const claimed = await inTransaction(db, async (tx) => {
      const due = await tx.select({ id: notifications.id }).from(notifications)
        .where(and(eq(notifications.emailStatus, 'pending'), isNotNull(notifications.emailNextAt), lte(notifications.emailNextAt, now), gt(notifications.createdAt, new Date(now.getTime() - MAIL_TTL_MS))))
        .orderBy(notifications.emailNextAt).limit(MAIL_BATCH).for('update', { skipLocked: true });
      if (due.length === 0) return [];
      await tx.update(notifications).set({ emailNextAt: new Date(now.getTime() + LEASE_MS), emailAttempts: sql`${notifications.emailAttempts} + 1` })
        .where(inArray(notifications.id, due.map((d) => d.id)));
      return tx.select({ n: notifications, email: users.email }).from(notifications).innerJoin(users, eq(users.id, notifications.userId))
        .where(inArray(notifications.id, due.map((d) => d.id)));
    });
    for (const { n, email } of claimed) {
      const link = origin && n.lotId ? `${origin.replace(/\/$/, '')}/lots/${n.lotId}` : null;
      const { subject, text } = mailContent(n.kind as NotificationKind, n.params, link);
      try {
        await transport.sendMail({ from: config.MAIL_FROM, to: email, subject, text, headers: { 'X-Notification-Id': String(n.id) } });
        await db.update(notifications).set({ emailStatus: 'sent', emailNextAt: null, emailError: null }).where(eq(notifications.id, n.id));
      } catch (err) {
        const attempts = n.emailAttempts; // counted when claimed
        const failed = attempts >= MAX_ATTEMPTS;
        log.warn({ err, notification: n.id, attempts }, failed ? 'alert email given up' : 'alert email failed; will retry');
        await db.update(notifications).set({
          emailStatus: failed ? 'failed' : 'pending', emailError: String((err as Error).message ?? err).slice(0, 500),
          emailNextAt: failed ? null : new Date(clock.now().getTime() + RETRY_BASE_MS * 2 ** (attempts - 1)),
        }).where(eq(notifications.id, n.id));
      }
    }
  }

  return { job: { name: 'mail', run }, close: () => transport.close() };
}
