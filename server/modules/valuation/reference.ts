import type { Db } from '../../platform/db/index';
import * as repo from './valuation.repository';
import type { Valuation } from './valuation.repository';

/** The asset's valuation usable for a lot now: the newest effective one still within its validity (B27). */
export function currentReference(db: Db, assetId: string, now: Date): Promise<Valuation | undefined> {
  return repo.currentReference(db, assetId, now);
}

/** The asset's most recent reference price that was in effect and has run out (B27), if any. */
export function lapsedReference(db: Db, assetId: string, now: Date): Promise<Valuation | undefined> {
  return repo.lapsedReference(db, assetId, now);
}
