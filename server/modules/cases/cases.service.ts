import crypto from 'node:crypto';
import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { CASE_LIST_UNPAGED, CASE_PAGE_DEFAULT, idString, type assetBody, type caseBody, type CaseListQuery } from '../../../shared/api';
import { isMicrosecondTime, opaqueCursor } from '../../platform/cursor';
import { isUniqueViolation } from '../../platform/db/index';
import type { AppContext } from '../../platform/context';
import { conflict, notFound, validationFailed } from '../../platform/errors';

import * as repo from './cases.repository';
import type { Asset, Case } from './cases.repository';

export const caseView = (c: Case) => ({
  id: c.id, caseNumber: c.caseNumber, court: c.court, applicant: c.applicant, respondent: c.respondent,
  claimAmount: new Decimal(c.claimAmount).toFixed(2), createdAt: c.createdAt.toISOString(),
});
export const assetView = (a: Asset) => ({
  id: a.id, caseId: a.caseId, title: a.title, kind: a.kind, description: a.description, titleEn: a.titleEn || null, descriptionEn: a.descriptionEn || null, preserved: a.preserved,
  appraisalMandatory: a.appraisalMandatory, seizedAt: a.seizedAt?.toISOString() ?? null, createdAt: a.createdAt.toISOString(),
});
/** A page's cursor is opaque to clients: base64url of `{"t": creation time with microseconds, "i": case id}`. */
const caseCursor = opaqueCursor(z.strictObject({ t: z.string().refine(isMicrosecondTime, 'not a creation time'), i: idString }));

export function createCases(ctx: AppContext) {
  const { db, clock } = ctx;

  async function createCase(input: z.infer<typeof caseBody>, userId: string) {
    try {
      return await repo.insertCase(db, { id: crypto.randomUUID(), ...input, createdBy: userId, createdAt: clock.now() });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('CASE_EXISTS', `Case ${input.caseNumber} is already registered for ${input.court}.`);
      throw err;
    }
  }

  async function getCase(id: string) {
    const c = await repo.findCase(db, id);
    if (!c) throw notFound('The case');
    return c;
  }

  async function listCases() {
    return repo.latestCases(db, CASE_LIST_UNPAGED);
  }

  /** One page of a search over the cases, newest first, and the cursor of the next (null on the last page). */
  async function searchCases(query: CaseListQuery): Promise<{ cases: Case[]; nextCursor: string | null }> {
    const limit = query.limit ?? CASE_PAGE_DEFAULT;
    const key = query.cursor === undefined ? null : caseCursor.decode(query.cursor);
    const rows = await repo.casesPage(db, { text: query.q || undefined, after: key && { createdAt: key.t, id: key.i }, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      cases: page.map((r) => r.row),
      nextCursor: rows.length > limit && last ? caseCursor.encode({ t: last.createdAtKey, i: last.row.id }) : null,
    };
  }

  async function createAsset(input: z.infer<typeof assetBody>) {
    await getCase(input.caseId);
    return repo.insertAsset(db, {
      id: crypto.randomUUID(), ...input, seizedAt: input.seizedAt ? new Date(input.seizedAt) : null, createdAt: clock.now(),
    });
  }

  async function getAsset(id: string) {
    const a = await repo.findAsset(db, id);
    if (!a) throw notFound('The asset');
    return a;
  }

  async function listAssets(caseId: string) {
    return repo.assetsOfCase(db, caseId);
  }

  async function listAssetsOf(caseIds: string[]) {
    if (caseIds.length === 0) return [];
    return repo.assetsOfCases(db, caseIds);
  }

  /** Marks an asset as preserved (for pre-valuation), as needing an appraisal by law (B14), or records its seizure date. */
  async function setAssetFlags(assetId: string, flags: { preserved?: boolean; appraisalMandatory?: boolean; seizedAt?: string }) {
    await getAsset(assetId);
    if (flags.seizedAt !== undefined && new Date(flags.seizedAt).getTime() > clock.now().getTime()) {
      throw validationFailed('The seizure date is in the future; give the date the asset was seized.', [{ path: 'seizedAt', message: 'must not be after today' }], 'DATE_IN_FUTURE');
    }
    return repo.updateAsset(db, assetId, {
      ...(flags.preserved !== undefined ? { preserved: flags.preserved } : {}),
      ...(flags.appraisalMandatory !== undefined ? { appraisalMandatory: flags.appraisalMandatory } : {}),
      ...(flags.seizedAt !== undefined ? { seizedAt: new Date(flags.seizedAt) } : {}),
    });
  }

  return { createCase, getCase, listCases, searchCases, createAsset, getAsset, setAssetFlags, listAssets, listAssetsOf };
}

export type Cases = ReturnType<typeof createCases>;
