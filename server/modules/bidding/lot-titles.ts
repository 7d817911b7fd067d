import { eq, inArray } from 'drizzle-orm';
import { schema, type Db } from '../../platform/db/index';

const { assets, lots } = schema;

/** The court's English titles of the lots (null where it gave none), for pages read in English. */
export async function englishTitles(q: Db, lotIds: readonly string[]): Promise<Map<string, string | null>> {
  if (lotIds.length === 0) return new Map();
  const rows = await q.select({ lotId: lots.id, titleEn: assets.titleEn }).from(lots)
    .innerJoin(assets, eq(assets.id, lots.assetId)).where(inArray(lots.id, [...new Set(lotIds)]));
  return new Map(rows.map((r) => [r.lotId, r.titleEn]));
}
