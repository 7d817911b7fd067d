/**
 * The inquiry platforms (询价平台) a network inquiry asks. The database holds them; the INQUIRY_PLATFORMS
 * setting (or createPlatform's list) is upserted by name at each start, so a deployment's configuration keeps
 * working: its platforms are added or updated, and those it no longer names are deactivated. Once an
 * administrator changes a platform, the setting no longer governs it (a restart does not undo the change).
 * A network inquiry reads the active platforms when it starts; quotes already requested keep theirs.
 */
import crypto from 'node:crypto';
import { asc, eq, inArray } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { inTransaction, schema, type Db } from '../../platform/db/index';
import { conflict, notFound, validationFailed } from '../../platform/errors';
import { publicUrlProblem } from '../../platform/public-address';

const { inquiryPlatforms: platforms, staffChanges } = schema;

export interface SettingPlatform { name: string; url: string; fee?: string }
type Row = typeof platforms.$inferSelect;

const view = (r: Row) => ({
  id: r.id, name: r.name, url: r.url, fee: r.fee === null ? null : r.fee, active: r.active, fromSetting: r.fromSetting,
  createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
});
/** What the change log keeps of a platform. */
const facts = (r: Row) => ({ url: r.url, fee: r.fee, active: r.active });

export function createInquiryPlatforms(ctx: AppContext) {
  const { db, clock } = ctx;
  /** The operator's addresses (the setting or createPlatform's list): trusted, e.g. a local sandbox on 127.0.0.1. */
  let configured = new Set<string>();
  const isConfigured = (url: string) => configured.has(url);

  /** An address an administrator gives may reach only the public internet (no SSRF into this host or its network). */
  async function checkUrl(url: string) {
    const code = await publicUrlProblem(url);
    if (!code) return;
    const why = { url_scheme: 'must be an http:// or https:// address', url_userinfo: 'must not carry a user name or password', url_query: 'must not carry a query (?) or fragment (#)', url_not_public: 'must name a public host, not this server, a private network or a link-local address' }[code];
    throw validationFailed(`The request is not valid: url: ${why}`, [{ path: 'url', message: why, code } as { path: string; message: string }]);
  }

  const record = (tx: Db, actorId: string, r: Row, action: string, before: Record<string, unknown> | null, after: Record<string, unknown>) =>
    tx.insert(staffChanges).values({ at: clock.now(), actorId, subjectType: 'inquiry_platform', subjectId: r.name, action, before, after });

  /** Upserts the setting's platforms by name, and deactivates the setting's former ones it no longer names. */
  async function syncSetting(list: readonly SettingPlatform[]) {
    configured = new Set(list.map((p) => p.url));
    const now = clock.now();
    await inTransaction(db, async (tx) => {
      const names = new Set(list.map((p) => p.name));
      const owned = await tx.select().from(platforms).where(eq(platforms.fromSetting, true)).for('update');
      const retired = owned.filter((r) => r.active && !names.has(r.name)).map((r) => r.id);
      if (retired.length > 0) await tx.update(platforms).set({ active: false, updatedAt: now }).where(inArray(platforms.id, retired));
      for (const p of list) {
        await tx.insert(platforms).values({ id: crypto.randomUUID(), name: p.name, url: p.url, fee: p.fee ?? null, active: true, fromSetting: true, createdAt: now, updatedAt: now })
          .onConflictDoUpdate({ target: platforms.name, set: { url: p.url, fee: p.fee ?? null, active: true, updatedAt: now }, setWhere: eq(platforms.fromSetting, true) });
      }
    });
  }

  /** The platforms a network inquiry starting now asks. */
  async function active(tx: Db = db) {
    const rows = await tx.select().from(platforms).where(eq(platforms.active, true)).orderBy(asc(platforms.name));
    return rows.map((r) => ({ name: r.name, url: r.url, ...(r.fee === null ? {} : { fee: r.fee }) }));
  }

  /** Every platform's fee by name, active or not: a platform stopped since its quote is still owed its fee (B31). */
  async function fees(tx: Db = db) {
    const rows = await tx.select({ name: platforms.name, fee: platforms.fee }).from(platforms);
    return rows.map((r) => ({ name: r.name, ...(r.fee === null ? {} : { fee: r.fee }) }));
  }

  async function list() {
    return (await db.select().from(platforms).orderBy(asc(platforms.name))).map(view);
  }

  async function add(b: { name: string; url: string; fee: string; reason?: string }, actorId: string) {
    await checkUrl(b.url);
    const now = clock.now();
    return view(await inTransaction(db, async (tx) => {
      const [r] = await tx.insert(platforms).values({ id: crypto.randomUUID(), name: b.name, url: b.url, fee: b.fee, active: true, fromSetting: false, createdAt: now, updatedAt: now })
        .onConflictDoNothing({ target: platforms.name }).returning();
      if (!r) throw conflict('INQUIRY_PLATFORM_EXISTS', `An inquiry platform named "${b.name}" exists; change it instead.`, { name: b.name });
      await record(tx, actorId, r, 'inquiry_platform_added', null, { ...facts(r), ...(b.reason ? { reason: b.reason } : {}) });
      return r;
    }));
  }

  /** Loads the platform for update, applies the change and records it; an administrator's change takes it over from the setting. */
  async function change(id: string, actorId: string, action: string, set: Partial<Pick<Row, 'url' | 'fee' | 'active'>>, reason?: string) {
    return view(await inTransaction(db, async (tx) => {
      const [before] = await tx.select().from(platforms).where(eq(platforms.id, id)).for('update');
      if (!before) throw notFound('The inquiry platform');
      const [r] = await tx.update(platforms).set({ ...set, fromSetting: false, updatedAt: clock.now() }).where(eq(platforms.id, id)).returning();
      await record(tx, actorId, r, action, facts(before), { ...facts(r), ...(reason ? { reason } : {}) });
      return r;
    }));
  }

  const update = async (id: string, b: { url?: string; fee?: string; reason?: string }, actorId: string) => {
    if (b.url !== undefined) await checkUrl(b.url);
    return change(id, actorId, 'inquiry_platform_changed', { ...(b.url !== undefined ? { url: b.url } : {}), ...(b.fee !== undefined ? { fee: b.fee } : {}) }, b.reason);
  };
  const setActive = (id: string, on: boolean, reason: string, actorId: string) =>
    change(id, actorId, on ? 'inquiry_platform_reactivated' : 'inquiry_platform_deactivated', { active: on }, reason);

  return { syncSetting, isConfigured, active, fees, list, add, update, setActive };
}

export type InquiryPlatforms = ReturnType<typeof createInquiryPlatforms>;
