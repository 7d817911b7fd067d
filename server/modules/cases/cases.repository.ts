import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { likeContains } from '../../platform/db/like';
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
  return q.select().from(cases).orderBy(desc(cases.createdAt), desc(cases.id)).limit(limit);
}

/** Where a page of cases starts after: the last case's creation time as the database holds it, and its id. */
export interface CaseKey { createdAt: string; id: string }

/**
 * A page of cases, newest first (ties by id), after `after`: those whose case number, applicant or respondent
 * holds `text`. Each row carries its key for the next page.
 */
export function casesPage(q: Db, f: { text?: string; after: CaseKey | null; limit: number }) {
  const where: SQL[] = [];
  if (f.text) {
    const pattern = likeContains(f.text);
    where.push(sql`(${cases.caseNumber} ilike ${pattern} escape '\\' or ${cases.applicant} ilike ${pattern} escape '\\' or ${cases.respondent} ilike ${pattern} escape '\\')`);
  }
  if (f.after) where.push(sql`(${cases.createdAt}, ${cases.id}) < (${f.after.createdAt}::timestamptz, ${f.after.id})`);
  return q.select({
    row: cases,
    createdAtKey: sql<string>`to_char(${cases.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  }).from(cases)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(f.limit);
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
