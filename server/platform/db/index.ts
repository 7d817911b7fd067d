import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';

export { schema };
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs raw SQL; used by tools (audit, tests) that must see the database as it is. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export class EmbeddedDatabaseBusyError extends Error {}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * The embedded engine's folder belongs to one process at a time. A lock file records the owner's pid;
 * a lock left by a process that no longer runs is taken over, a live one is refused with a clear message.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'platform.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        // Closing releases the lock; the exit hook is only for a process that never closes, so it goes too.
        process.off('exit', release);
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lockPath, 'utf8').trim());
      let alive = false;
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid) {
        try {
          process.kill(owner, 0);
          alive = true;
        } catch (e) {
          alive = (e as NodeJS.ErrnoException).code === 'EPERM';
        }
      }
      if (alive || owner === process.pid) {
        throw new EmbeddedDatabaseBusyError(
          `The embedded database in ${path.resolve(dataDir)} is in use by process ${owner}. ` +
            'Stop that process first (only one process may open the embedded database), or set DATABASE_URL to use a PostgreSQL server.',
        );
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new EmbeddedDatabaseBusyError(`Could not lock the embedded database in ${path.resolve(dataDir)}.`);
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Folder for the embedded engine; `memory` keeps it in memory (tests). */
  dataDir?: string | 'memory';
}

/** The migrated empty database that in-memory databases are copied from, made once per process. */
let memoryTemplate: Promise<File | Blob> | null = null;

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const { default: pg } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    // NUMERIC comes back as a string already; keep timestamps as Date.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, connectionTimeoutMillis: 10_000, idleTimeoutMillis: 30_000 });
    pool.on('error', () => {
      /* a broken idle client is dropped by the pool; queries surface their own errors */
    });
    const db = drizzle(pool, { schema }) as unknown as Db;
    await migrate(drizzle(pool, { schema }), { migrationsFolder });
    return {
      db,
      kind: 'postgres',
      exec: async (sql) => {
        await pool.query(sql);
      },
      close: () => pool.end(),
    };
  }
  const dataDir = opts.dataDir ?? './data';
  const release = dataDir === 'memory' ? () => {} : lockDataDir(dataDir);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    let client: InstanceType<typeof PGlite>;
    if (dataDir === 'memory') {
      // Every in-memory database of the process starts as a copy of one migrated template: loading a
      // data folder skips initdb, which takes most of a fresh database's start-up.
      memoryTemplate ??= (async () => {
        const template = new PGlite();
        await migrate(drizzle(template, { schema }), { migrationsFolder });
        const dump = await template.dumpDataDir('none');
        await template.close();
        return dump;
      })();
      client = new PGlite({ loadDataDir: await memoryTemplate });
    } else {
      client = new PGlite(path.resolve(dataDir));
    }
    await client.waitReady;
    const typed = drizzle(client, { schema });
    if (dataDir !== 'memory') await migrate(typed, { migrationsFolder });
    return {
      db: typed as unknown as Db,
      kind: 'pglite',
      exec: async (sql) => {
        await client.exec(sql);
      },
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** The SQLSTATE of a driver error, looking through drizzle's wrapping. */
export function sqlStateOf(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** True when a driver error is a unique-constraint violation (SQLSTATE 23505). */
export function isUniqueViolation(err: unknown): boolean {
  return sqlStateOf(err) === '23505';
}

/**
 * Runs `fn` in one transaction. The handle it gets is typed as a Db, so a repository function takes
 * the database or a transaction alike; this is the one place that says the two are interchangeable.
 */
export function inTransaction<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction((tx) => fn(tx as unknown as Db));
}
