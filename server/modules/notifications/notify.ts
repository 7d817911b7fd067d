/**
 * Alerts written inside the transaction of the event they tell of (a lot starting, a deposit held, a refund
 * sent, a sale): the row is the inbox entry and the outbox of its socket push and email at once, so an
 * alert exists exactly when its event committed. Each has a dedupe key per event, so a repeated write (a
 * retried job) adds nothing. Params hold codes and figures only; no alert names the person behind a code.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/index';
import type { NotificationKind } from '../../../shared/contract/notifications';
import { fromStatuses } from '../../../shared/lot-state';
import { BALANCE_REMINDER_BEFORE_MS } from './notify-rules';

/** Alerts that are also mailed; an extended end is shown in the app only (it can come with every late bid). */
export const MAILED_KINDS: readonly NotificationKind[] = ['lot_starting', 'outbid', 'deposit_held', 'refund_sent', 'lot_won', 'balance_due', 'balance_reminder'];

/** A timestamp column as the ISO-8601 UTC string the API sends. */
export const isoOf = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const emailStatus = (kind: NotificationKind) => (MAILED_KINDS.includes(kind) ? 'pending' : 'none');

/**
 * Inserts one alert of `kind` per row of `source`, which must select `user_id`, `lot_id`, `params` (jsonb)
 * and `dedupe_key`. Returns how many were new.
 */
export async function insertAlerts(tx: Db, kind: NotificationKind, source: SQL, now: Date): Promise<number> {
  const status = emailStatus(kind);
  const res = await tx.execute(sql`insert into notifications (user_id, kind, lot_id, params, dedupe_key, created_at, email_status, email_next_at)
    select s.user_id, ${kind}, s.lot_id, s.params, s.dedupe_key, ${now}, ${status}, ${status === 'pending' ? now : null}
    from (${source}) s
    on conflict (user_id, dedupe_key) do nothing
    returning id`);
  return (res as unknown as { rows: unknown[] }).rows.length;
}

const titleOf = sql`'title', a.title, 'titleEn', a.title_en`;

/** Lot starting: to everyone watching or registered for the lots that just went live. */
export function notifyLotsStarted(tx: Db, lotIds: string[], now: Date): Promise<number> {
  if (lotIds.length === 0) return Promise.resolve(0);
  return insertAlerts(tx, 'lot_starting', sql`select distinct u.user_id, l.id as lot_id,
      jsonb_build_object(${titleOf}, 'startsAt', ${isoOf(sql`l.starts_at`)}, 'endsAt', ${isoOf(sql`l.ends_at`)}) as params,
      'lot_starting:' || l.id as dedupe_key
    from lots l join assets a on a.id = l.asset_id
    join (select user_id, lot_id from watchlist union select user_id, lot_id from registrations) u on u.lot_id = l.id
    where l.id in (${sql.join(lotIds.map((id) => sql`${id}`), sql`, `)})`, now);
}

/** Lot won and balance due: to the winner, once the closing transaction has recorded the sale. */
export async function notifyLotWon(tx: Db, lotId: string, now: Date): Promise<void> {
  const winner = sql`from lots l join assets a on a.id = l.asset_id join registrations r on r.id = l.winner_registration_id where l.id = ${lotId}`;
  await insertAlerts(tx, 'lot_won', sql`select r.user_id, l.id as lot_id,
      jsonb_build_object(${titleOf}, 'finalPrice', l.final_price::text) as params, 'lot_won:' || l.id as dedupe_key ${winner}`, now);
  await insertAlerts(tx, 'balance_due', sql`select r.user_id, l.id as lot_id,
      jsonb_build_object(${titleOf}, 'amount', greatest(l.final_price - r.deposit_amount, 0)::numeric(18,2)::text, 'dueAt', ${isoOf(sql`l.balance_due_at`)}) as params,
      'balance_due:' || l.id as dedupe_key ${winner} and l.balance_due_at is not null`, now);
}

/**
 * Balance reminder: to the winner of each sold lot whose balance is unpaid and falls due within the next
 * day (and has not passed: the default job takes it from there). Run by a job on the injected clock; the
 * dedupe key makes it once per lot however many ticks or nodes see it.
 */
export function notifyBalanceReminders(tx: Db, now: Date, limit: number): Promise<number> {
  const remindFrom = new Date(now.getTime() + BALANCE_REMINDER_BEFORE_MS);
  const unpaid = fromStatuses('default');
  return insertAlerts(tx, 'balance_reminder', sql`select r.user_id, l.id as lot_id,
      jsonb_build_object(${titleOf}, 'amount', greatest(l.final_price - r.deposit_amount, 0)::numeric(18,2)::text, 'dueAt', ${isoOf(sql`l.balance_due_at`)}) as params,
      'balance_reminder:' || l.id as dedupe_key
    from lots l join assets a on a.id = l.asset_id join registrations r on r.id = l.winner_registration_id
    where l.status in (${sql.join(unpaid.map((s) => sql`${s}`), sql`, `)}) and l.balance_paid_at is null
      and l.balance_due_at is not null and l.balance_due_at <= ${remindFrom} and l.balance_due_at > ${now}
      and not exists (select 1 from notifications n where n.user_id = r.user_id and n.dedupe_key = 'balance_reminder:' || l.id)
    order by l.balance_due_at limit ${limit}`, now);
}

/** Deposit held: to the bidder of each registration whose deposit was just held. */
export function notifyDepositsHeld(tx: Db, registrationIds: string[], now: Date): Promise<number> {
  if (registrationIds.length === 0) return Promise.resolve(0);
  return insertAlerts(tx, 'deposit_held', sql`select r.user_id, r.lot_id,
      jsonb_build_object(${titleOf}, 'amount', r.deposit_amount::text) as params, 'deposit_held:' || r.id as dedupe_key
    from registrations r join lots l on l.id = r.lot_id join assets a on a.id = l.asset_id
    where r.id in (${sql.join(registrationIds.map((id) => sql`${id}`), sql`, `)})`, now);
}

/** Refund sent: to the payee, when the payee is a user of the platform (a payer known only by account is not). */
export function notifyRefundSent(tx: Db, refundId: string, now: Date): Promise<number> {
  return insertAlerts(tx, 'refund_sent', sql`select f.payee_user_id as user_id, f.lot_id,
      jsonb_build_object('title', a.title, 'titleEn', a.title_en, 'amount', f.amount::text) as params, 'refund_sent:' || f.id as dedupe_key
    from refunds f left join lots l on l.id = f.lot_id left join assets a on a.id = l.asset_id
    where f.id = ${refundId} and f.payee_user_id is not null and f.status = 'sent'`, now);
}
