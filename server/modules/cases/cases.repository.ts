import { desc, eq, inArray } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

/** The cases module's SQL: enforcement cases and their seized assets. */
const { cases, assets } = schema;

export type Case = typeof cases.$inferSelect;
export type Asset = typeof assets.$inferSelect;

export async function insertCase(q: Db, values: typeof cases.$inferInsert): Promise<Case> {
  const [c] = await q.insert(cases).values(values).returning();
  return c;
}

export async function findCase(q: Db, id: string): Promise<Case | undefined> {
  const [c] = await q.select().from(cases).where(eq(cases.id, id));
  return c;
}

export function latestCases(q: Db, limit: number) {
  return q.select().from(cases).orderBy(desc(cases.createdAt)).limit(limit);
}

export async function insertAsset(q: Db, values: typeof assets.$inferInsert): Promise<Asset> {
  const [a] = await q.insert(assets).values(values).returning();
  return a;
}

export async function findAsset(q: Db, id: string): Promise<Asset | undefined> {
  const [a] = await q.select().from(assets).where(eq(assets.id, id));
  return a;
}

export function assetsOfCase(q: Db, caseId: string) {
  return q.select().from(assets).where(eq(assets.caseId, caseId)).orderBy(assets.createdAt);
}

export function assetsOfCases(q: Db, caseIds: string[]) {
  return q.select().from(assets).where(inArray(assets.caseId, caseIds));
}

export async function updateAsset(q: Db, id: string, patch: Partial<Omit<typeof assets.$inferInsert, 'id'>>): Promise<Asset> {
  const [a] = await q.update(assets).set(patch).where(eq(assets.id, id)).returning();
  return a;
}
