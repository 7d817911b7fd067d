import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

/** The accounts module's SQL: users and their sessions (stored as token hashes, never tokens). */
const { users, sessions, registrations } = schema;

export type UserRow = typeof users.$inferSelect;
type UserPatch = Partial<Omit<typeof users.$inferInsert, 'id'>>;

export async function userByEmail(q: Db, email: string): Promise<UserRow | undefined> {
  const [u] = await q.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return u;
}

export async function userById(q: Db, id: string): Promise<UserRow | undefined> {
  const [u] = await q.select().from(users).where(eq(users.id, id));
  return u;
}

/** ON CONFLICT DO NOTHING: a taken email leaves the existing account exactly as it was. */
export async function insertUserIfNew(q: Db, values: typeof users.$inferInsert): Promise<void> {
  await q.insert(users).values(values).onConflictDoNothing();
}

export async function insertUser(q: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const [u] = await q.insert(users).values(values).returning();
  return u;
}

export async function updateUser(q: Db, id: string, patch: UserPatch): Promise<UserRow> {
  const [u] = await q.update(users).set(patch).where(eq(users.id, id)).returning();
  return u;
}

/** Sets the identity only while none is verified; undefined when one already was (a concurrent request won). */
export async function setIdentityIfUnverified(q: Db, id: string, patch: Pick<UserPatch, 'realName' | 'idNumber' | 'identityVerifiedAt'>): Promise<UserRow | undefined> {
  const [u] = await q.update(users).set(patch).where(and(eq(users.id, id), isNull(users.identityVerifiedAt))).returning();
  return u;
}

export async function insertSession(q: Db, values: typeof sessions.$inferInsert): Promise<void> {
  await q.insert(sessions).values(values);
}

export async function deleteSession(q: Db, tokenHash: string): Promise<void> {
  await q.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** The user behind an unexpired session, and when the session expires. */
export async function userOfSession(q: Db, tokenHash: string, now: Date): Promise<{ user: UserRow; expiresAt: Date } | undefined> {
  const [row] = await q
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return row;
}

export async function hasRegistered(q: Db, userId: string): Promise<boolean> {
  const [reg] = await q.select({ id: registrations.id }).from(registrations).where(eq(registrations.userId, userId)).limit(1);
  return !!reg;
}
