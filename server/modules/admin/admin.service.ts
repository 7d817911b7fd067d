/**
 * The administrator's desk: users and their roles, and the courts' public holidays. Every change is written
 * with its before and after to `staff_changes` in the same transaction. Holidays take effect at once in this
 * process: the live holiday set the period rules read (config.holidays) is refreshed after each change and at
 * start, on top of the COURT_HOLIDAYS setting.
 */
import { and, asc, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { Role } from '../../../shared/api';
import type { AppContext } from '../../platform/context';
import { inTransaction, schema, type Db } from '../../platform/db/index';
import { conflict, notFound } from '../../platform/errors';

const { users, courtHolidays, staffChanges } = schema;

type Change = { subjectType: 'user' | 'court_holiday'; subjectId: string; action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null };

export function createAdmin(ctx: AppContext, opts: { userChanged(userId: string): Promise<void> }) {
  const { db, clock } = ctx;
  /** The holidays of the setting: they stay whatever is removed here. */
  const fromSetting = new Set(ctx.config.holidays);
  const live = ctx.config.holidays as Set<string>;

  const record = (tx: Db, actorId: string, c: Change) =>
    tx.insert(staffChanges).values({ at: clock.now(), actorId, ...c });

  async function loadHolidays() {
    const rows = await db.select({ date: courtHolidays.date }).from(courtHolidays);
    for (const d of [...live]) if (!fromSetting.has(d)) live.delete(d);
    for (const r of rows) live.add(r.date);
  }

  async function listUsers(q: { q?: string; role?: Role; limit: number }) {
    const like = q.q ? `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
    const rows = await db.select().from(users)
      .where(and(like ? or(ilike(users.email, like), ilike(users.name, like)) : undefined, q.role ? sql`${q.role} = any(${users.roles})` : undefined))
      .orderBy(desc(users.createdAt), asc(users.id)).limit(q.limit);
    return rows.map((u) => ({ id: u.id, email: u.email, name: u.name, roles: u.roles as Role[], identityVerified: u.identityVerifiedAt !== null, createdAt: u.createdAt.toISOString() }));
  }

  async function setRoles(userId: string, roles: Role[], actorId: string) {
    const updated = await inTransaction(db, async (tx) => {
      const [u] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
      if (!u) throw notFound('The user');
      if (userId === actorId && u.roles.includes('admin') && !roles.includes('admin')) {
        throw conflict('OWN_ADMIN_ROLE', 'An administrator cannot take away their own admin role; another administrator can.', {});
      }
      const sorted = [...roles].sort();
      const [row] = await tx.update(users).set({ roles: sorted }).where(eq(users.id, userId)).returning();
      await record(tx, actorId, { subjectType: 'user', subjectId: userId, action: 'roles_set', before: { roles: [...u.roles].sort() }, after: { roles: sorted } });
      return row;
    });
    await opts.userChanged(userId);
    return updated;
  }

  async function listHolidays() {
    const rows = await db.select().from(courtHolidays).orderBy(asc(courtHolidays.date));
    const out = new Map<string, { date: string; name: string; source: 'setting' | 'admin' }>();
    for (const d of fromSetting) out.set(d, { date: d, name: '', source: 'setting' });
    for (const r of rows) out.set(r.date, { date: r.date, name: r.name, source: 'admin' });
    return [...out.values()].sort((a, b) => a.date.localeCompare(b.date));
  }

  async function putHoliday(date: string, name: string, actorId: string) {
    await inTransaction(db, async (tx) => {
      const [before] = await tx.select().from(courtHolidays).where(eq(courtHolidays.date, date)).for('update');
      if (before && before.name === name) return;
      if (before) await tx.update(courtHolidays).set({ name }).where(eq(courtHolidays.date, date));
      else await tx.insert(courtHolidays).values({ date, name, createdBy: actorId, createdAt: clock.now() }).onConflictDoUpdate({ target: courtHolidays.date, set: { name } });
      await record(tx, actorId, { subjectType: 'court_holiday', subjectId: date, action: before ? 'holiday_renamed' : 'holiday_added', before: before ? { name: before.name } : null, after: { name } });
    });
    await loadHolidays();
  }

  async function removeHoliday(date: string, actorId: string, reason?: string) {
    await inTransaction(db, async (tx) => {
      const [before] = await tx.delete(courtHolidays).where(eq(courtHolidays.date, date)).returning();
      if (!before) throw notFound('A holiday added on that date');
      await record(tx, actorId, { subjectType: 'court_holiday', subjectId: date, action: 'holiday_removed', before: { name: before.name }, after: reason ? { reason } : null });
    });
    await loadHolidays();
  }

  async function changes(q: { subjectType?: string; limit: number }) {
    const rows = await db.select().from(staffChanges).where(q.subjectType ? eq(staffChanges.subjectType, q.subjectType) : undefined)
      .orderBy(desc(staffChanges.id)).limit(q.limit);
    return rows.map((r) => ({
      id: r.id, at: r.at.toISOString(), actorId: r.actorId, subjectType: r.subjectType, subjectId: r.subjectId, action: r.action,
      before: (r.before ?? null) as Record<string, unknown> | null, after: (r.after ?? null) as Record<string, unknown> | null,
    }));
  }

  return { loadHolidays, listUsers, setRoles, listHolidays, putHoliday, removeHoliday, changes };
}

export type Admin = ReturnType<typeof createAdmin>;
