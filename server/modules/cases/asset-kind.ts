/**
 * Correcting an asset's kind. The kind fixes the announcement period (A12: 15 days movable, 30 immovable),
 * so it may change only until a lot of the asset is published; every correction is recorded with who made it.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { AssetKind } from '../../../shared/rules';
import type { AppContext } from '../../platform/context';
import { inTransaction, schema } from '../../platform/db/index';
import { conflict, notFound } from '../../platform/errors';

const { assets, lots, staffChanges } = schema;

export function createAssetKind(ctx: AppContext) {
  async function correctKind(assetId: string, kind: AssetKind, actorId: string) {
    return inTransaction(ctx.db, async (tx) => {
      const [a] = await tx.select().from(assets).where(eq(assets.id, assetId)).for('update');
      if (!a) throw notFound('The asset');
      if (a.kind === kind) return a;
      const [published] = await tx.select({ id: lots.id }).from(lots).where(and(eq(lots.assetId, assetId), isNotNull(lots.announcedAt))).limit(1);
      if (published) {
        throw conflict('ASSET_KIND_LOCKED', 'A lot of this asset has been published; its kind can no longer be corrected (A12 counted the announcement period from it).', { lotId: published.id, kind: a.kind });
      }
      const [updated] = await tx.update(assets).set({ kind }).where(eq(assets.id, assetId)).returning();
      await tx.insert(staffChanges).values({ at: ctx.clock.now(), actorId, subjectType: 'asset', subjectId: assetId, action: 'kind_corrected', before: { kind: a.kind }, after: { kind } });
      return updated;
    });
  }
  return { correctKind };
}
