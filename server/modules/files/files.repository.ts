import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

/** The files module's SQL: an asset's photos and documents, and whether a lot of the asset has been announced. */
const { assetFiles, assets, lots, users } = schema;

export type AssetFile = typeof assetFiles.$inferSelect;

export async function insertFile(q: Db, values: typeof assetFiles.$inferInsert): Promise<AssetFile> {
  const [f] = await q.insert(assetFiles).values(values).returning();
  return f;
}

export async function assetExists(q: Db, assetId: string): Promise<boolean> {
  const [row] = await q.select({ id: assets.id }).from(assets).where(eq(assets.id, assetId));
  return !!row;
}

/** A lot of the asset has been announced: its files are public from then on, and stay as they are. */
export async function assetIsPublic(q: Db, assetId: string): Promise<boolean> {
  const [row] = await q.select({ id: lots.id }).from(lots).where(and(eq(lots.assetId, assetId), isNotNull(lots.announcedAt))).limit(1);
  return !!row;
}

/** A file that was not removed, with whether its asset is public. */
export async function findLiveFile(q: Db, id: string): Promise<(AssetFile & { public: boolean }) | undefined> {
  const [row] = await q.select({
    file: assetFiles,
    // Spelled out: inside a subquery drizzle names columns without their table, and asset_id would then be the lot's own.
    public: sql<boolean>`exists (select 1 from lots l where l.asset_id = "asset_files"."asset_id" and l.announced_at is not null)`,
  }).from(assetFiles).where(and(eq(assetFiles.id, id), isNull(assetFiles.deletedAt)));
  return row ? { ...row.file, public: !!row.public } : undefined;
}

/** An asset's files that were not removed, photos first, each kind in upload order, with the uploader's name. */
export function liveFilesOf(q: Db, assetId: string, limit = 200) {
  return q.select({ file: assetFiles, uploaderName: users.name })
    .from(assetFiles).innerJoin(users, eq(users.id, assetFiles.uploadedBy))
    .where(and(eq(assetFiles.assetId, assetId), isNull(assetFiles.deletedAt)))
    .orderBy(sql`case when ${assetFiles.kind} = 'photo' then 0 else 1 end`, asc(assetFiles.uploadedAt), asc(assetFiles.id))
    .limit(limit);
}

export async function countLiveFiles(q: Db, assetId: string): Promise<number> {
  const [row] = await q.select({ n: sql<number>`count(*)::int` }).from(assetFiles).where(and(eq(assetFiles.assetId, assetId), isNull(assetFiles.deletedAt)));
  return Number(row?.n ?? 0);
}

/** Marks a file removed, unless it already was: the row stays as the record of who uploaded and who removed it. */
export async function markDeleted(q: Db, id: string, by: string, at: Date): Promise<AssetFile | undefined> {
  const [f] = await q.update(assetFiles).set({ deletedBy: by, deletedAt: at }).where(and(eq(assetFiles.id, id), isNull(assetFiles.deletedAt))).returning();
  return f;
}
