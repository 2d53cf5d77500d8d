// One Database interface, two drivers: the embedded PGlite (a data folder) or a PostgreSQL server.
// Both go through Kysely's PostgresDialect over a pg.Pool, so every query runs the same way on both.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { DB } from './schema.ts';
import { DISTRICT_TIME_ZONE } from '../shared/timeZone.ts';

// Dates stay 'YYYY-MM-DD' strings (a JS Date would shift them by the process time zone);
// numeric and bigint counts become numbers.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Kysely<DB>;
  /** A description safe to print (no password). */
  describe: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres://… for a PostgreSQL server; otherwise the embedded PGlite. */
  url?: string;
  /** Folder of the embedded database; 'memory://' for a throw-away in-memory one (tests). */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? './data');
}

function openPostgres(url: string, poolSize: number): Database {
  // jit off: the platform's queries are short, and at city size the targets' grouped counts spent more time compiling
  // (about 400 ms of JIT for the T4 count) than running (bench/RESULTS.md, issue 12).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c TimeZone=${DISTRICT_TIME_ZONE} -c jit=off` });
  // An idle connection dropped by the server (restart, failover) must not crash the process: the pool replaces it.
  pool.on('error', (err) => console.warn(`PostgreSQL connection lost: ${err.message}`));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const safe = new URL(url);
  safe.password = safe.password ? '***' : '';
  return { kind: 'postgres', db, describe: `PostgreSQL ${safe.toString()}`, close: () => db.destroy() };
}

export class DataDirLockedError extends Error {}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  const inMemory = dataDir.startsWith('memory://');
  let releaseLock = () => {};
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true });
    releaseLock = lockDataDir(dataDir);
  }
  try {
    const pglite = await PGlite.create(inMemory ? undefined : path.resolve(dataDir), { extensions: { btree_gist } });
    await pglite.exec(`SET TIME ZONE '${DISTRICT_TIME_ZONE}'`);
    // A pool of exactly one connection: PGlite has one session, so transactions are serialised.
    const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'pglite',
      db,
      describe: inMemory ? 'PGlite (in memory)' : `PGlite ${path.resolve(dataDir)}`,
      close: async () => {
        await db.destroy();
        await pglite.close();
        releaseLock();
      },
    };
  } catch (err) {
    releaseLock();
    throw err;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Two processes on one PGlite folder would corrupt it: hold a lock file with our pid while open. */
function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'baobaowu.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      const release = () => {
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
      const holder = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10);
      if (Number.isFinite(holder) && holder !== process.pid && processAlive(holder)) {
        throw new DataDirLockedError(
          `数据目录 ${path.resolve(dataDir)} 正被另一个进程(PID ${holder})使用,请先停止它。\n` +
            `The data folder ${path.resolve(dataDir)} is in use by another process (PID ${holder}); stop it first.`,
        );
      }
      fs.unlinkSync(lockPath); // left behind by a process that died: take it over
    }
  }
  throw new DataDirLockedError(`could not lock ${lockPath}`);
}
