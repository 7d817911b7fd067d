import crypto from 'node:crypto';
import { and, desc, eq, gt, inArray, lte } from 'drizzle-orm';
import { Decimal } from 'decimal.js';
import type { z } from 'zod';
import type { assetBody, caseBody } from '../../../shared/api';
import { schema, isUniqueViolation, type Db } from '../../platform/db/index';
import type { AppContext } from '../../platform/context';
import { conflict, notFound, validationFailed } from '../../platform/errors';

const { cases, assets, valuations } = schema;
type Case = typeof cases.$inferSelect;
type Asset = typeof assets.$inferSelect;
type Valuation = typeof valuations.$inferSelect;

export const caseView = (c: Case) => ({
  id: c.id, caseNumber: c.caseNumber, court: c.court, applicant: c.applicant, respondent: c.respondent,
  claimAmount: new Decimal(c.claimAmount).toFixed(2), createdAt: c.createdAt.toISOString(),
});
export const assetView = (a: Asset) => ({
  id: a.id, caseId: a.caseId, title: a.title, kind: a.kind, description: a.description, preserved: a.preserved,
  appraisalMandatory: a.appraisalMandatory, seizedAt: a.seizedAt?.toISOString() ?? null, createdAt: a.createdAt.toISOString(),
});
/** The asset's valuation usable for a lot now: the newest effective one still within its validity (B27). */
export async function currentReference(db: Db, assetId: string, now: Date): Promise<Valuation | undefined> {
  const [asset] = await db.select({ appraisalMandatory: assets.appraisalMandatory }).from(assets).where(eq(assets.id, assetId));
  const [v] = await db.select().from(valuations)
    .where(and(
      eq(valuations.assetId, assetId), eq(valuations.status, 'effective'), gt(valuations.validUntil, now),
      // B14: where a law requires an appraisal, only an appraisal's price counts.
      ...(asset?.appraisalMandatory ? [eq(valuations.method, 'appraisal')] : []),
    ))
    .orderBy(desc(valuations.effectiveAt)).limit(1);
  return v;
}

/** The asset's most recent reference price that was in effect and has run out (B27), if any. */
export async function lapsedReference(db: Db, assetId: string, now: Date): Promise<Valuation | undefined> {
  const [asset] = await db.select({ appraisalMandatory: assets.appraisalMandatory }).from(assets).where(eq(assets.id, assetId));
  const [v] = await db.select().from(valuations)
    .where(and(
      eq(valuations.assetId, assetId), inArray(valuations.status, ['effective', 'expired']), lte(valuations.validUntil, now),
      ...(asset?.appraisalMandatory ? [eq(valuations.method, 'appraisal')] : []),
    ))
    .orderBy(desc(valuations.validUntil)).limit(1);
  return v;
}

export function createCases(ctx: AppContext) {
  const { db, clock } = ctx;

  async function createCase(input: z.infer<typeof caseBody>, userId: string) {
    try {
      const [c] = await db.insert(cases).values({ id: crypto.randomUUID(), ...input, createdBy: userId, createdAt: clock.now() }).returning();
      return c;
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('CASE_EXISTS', `Case ${input.caseNumber} is already registered for ${input.court}.`);
      throw err;
    }
  }

  async function getCase(id: string) {
    const [c] = await db.select().from(cases).where(eq(cases.id, id));
    if (!c) throw notFound('The case');
    return c;
  }

  async function listCases() {
    return db.select().from(cases).orderBy(desc(cases.createdAt)).limit(500);
  }

  async function createAsset(input: z.infer<typeof assetBody>) {
    await getCase(input.caseId);
    const [a] = await db.insert(assets).values({
      id: crypto.randomUUID(), ...input, seizedAt: input.seizedAt ? new Date(input.seizedAt) : null, createdAt: clock.now(),
    }).returning();
    return a;
  }

  async function getAsset(id: string) {
    const [a] = await db.select().from(assets).where(eq(assets.id, id));
    if (!a) throw notFound('The asset');
    return a;
  }

  async function listAssets(caseId: string) {
    return db.select().from(assets).where(eq(assets.caseId, caseId)).orderBy(assets.createdAt);
  }

  async function listAssetsOf(caseIds: string[]) {
    if (caseIds.length === 0) return [];
    return db.select().from(assets).where(inArray(assets.caseId, caseIds));
  }

  /** Marks an asset as preserved (for pre-valuation), as needing an appraisal by law (B14), or records its seizure date. */
  async function setAssetFlags(assetId: string, flags: { preserved?: boolean; appraisalMandatory?: boolean; seizedAt?: string }) {
    await getAsset(assetId);
    if (flags.seizedAt !== undefined && new Date(flags.seizedAt).getTime() > clock.now().getTime()) {
      throw validationFailed('The seizure date is in the future; give the date the asset was seized.', [{ path: 'seizedAt', message: 'must not be after today' }]);
    }
    const [a] = await db.update(assets).set({
      ...(flags.preserved !== undefined ? { preserved: flags.preserved } : {}),
      ...(flags.appraisalMandatory !== undefined ? { appraisalMandatory: flags.appraisalMandatory } : {}),
      ...(flags.seizedAt !== undefined ? { seizedAt: new Date(flags.seizedAt) } : {}),
    }).where(eq(assets.id, assetId)).returning();
    return a;
  }

  async function listValuations(assetId: string) {
    await getAsset(assetId);
    return db.select().from(valuations).where(eq(valuations.assetId, assetId)).orderBy(desc(valuations.createdAt));
  }

  return { createCase, getCase, listCases, createAsset, getAsset, setAssetFlags, listAssets, listAssetsOf, listValuations };
}

export type Cases = ReturnType<typeof createCases>;
