/**
 * The courts' registry: each court's name as cases carry it (cases.court), its region (province and city),
 * address and the phone bidders call to arrange a viewing (看样). Seeded at start from the courts cases
 * already name; a case may still name a court not listed here.
 */
import crypto from 'node:crypto';
import { asc, eq, ne } from 'drizzle-orm';
import type { AppContext } from '../../platform/context';
import { inTransaction, schema } from '../../platform/db/index';
import { conflict, notFound } from '../../platform/errors';

const { courts, cases, staffChanges } = schema;
type Row = typeof courts.$inferSelect;

const view = (r: Row) => ({
  id: r.id, name: r.name, region: r.region, address: r.address, phone: r.phone,
  createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
});
const facts = (r: Row) => ({ region: r.region, address: r.address, phone: r.phone });

export function createCourts(ctx: AppContext) {
  const { db, clock } = ctx;

  /** Adds every court a case names that the registry lacks (at start, and after the demo data is made). */
  async function seedFromCases() {
    const now = clock.now();
    const names = await db.selectDistinct({ name: cases.court }).from(cases);
    if (names.length === 0) return;
    await db.insert(courts).values(names.map(({ name }) => ({ id: crypto.randomUUID(), name, createdAt: now, updatedAt: now })))
      .onConflictDoNothing({ target: courts.name });
  }

  async function list() {
    return (await db.select().from(courts).orderBy(asc(courts.name))).map(view);
  }

  /** The regions the registered courts name (a blank one is no region), each with its courts, both by name. */
  async function regions() {
    const rows = await db.select({ region: courts.region, name: courts.name }).from(courts).where(ne(courts.region, '')).orderBy(asc(courts.region), asc(courts.name));
    const out: { region: string; courts: string[] }[] = [];
    for (const r of rows) {
      if (out.at(-1)?.region === r.region) out.at(-1)!.courts.push(r.name);
      else out.push({ region: r.region, courts: [r.name] });
    }
    return out;
  }

  async function add(b: { name: string; region: string; address: string; phone: string }, actorId: string) {
    const now = clock.now();
    return view(await inTransaction(db, async (tx) => {
      const [r] = await tx.insert(courts).values({ id: crypto.randomUUID(), ...b, createdAt: now, updatedAt: now }).onConflictDoNothing({ target: courts.name }).returning();
      if (!r) throw conflict('COURT_EXISTS', `A court named "${b.name}" is registered; change it instead.`, { name: b.name });
      await tx.insert(staffChanges).values({ at: now, actorId, subjectType: 'court', subjectId: r.name, action: 'court_added', before: null, after: facts(r) });
      return r;
    }));
  }

  async function update(id: string, b: { region?: string; address?: string; phone?: string }, actorId: string) {
    return view(await inTransaction(db, async (tx) => {
      const [before] = await tx.select().from(courts).where(eq(courts.id, id)).for('update');
      if (!before) throw notFound('The court');
      const now = clock.now();
      const [r] = await tx.update(courts).set({ ...b, updatedAt: now }).where(eq(courts.id, id)).returning();
      await tx.insert(staffChanges).values({ at: now, actorId, subjectType: 'court', subjectId: r.name, action: 'court_changed', before: facts(before), after: facts(r) });
      return r;
    }));
  }

  return { seedFromCases, list, regions, add, update };
}

export type Courts = ReturnType<typeof createCourts>;
