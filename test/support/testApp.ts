// A throw-away platform for tests: a fresh database (in-memory PGlite, or a new schema-less database on the
// PostgreSQL of TEST_DATABASE_URL), migrated, with streets and the demo, and the app around it.
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { prepareDatabase } from '../../src/db/prepare.ts';
import { MovableClock } from '../../src/domain/time.ts';
import { buildApp } from '../../src/server/app.ts';
import { loadConfig } from '../../src/config.ts';
import { createFieldCipher, parseKeyRing } from '../../src/server/crypto.ts';
import { MemoryFileStore } from '../../src/server/files.ts';

export type Driver = 'pglite' | 'postgres';

/** The drivers the integration suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const drivers: Driver[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: MovableClock;
  close(): Promise<void>;
}

let counter = 0;

/** A new, empty PostgreSQL database on the test server, dropped again on close. */
async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new URL(process.env.TEST_DATABASE_URL!);
  const name = `bbw_test_${process.pid}_${Date.now()}_${counter++}`;
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createTestApp(
  driver: Driver = 'pglite',
  options: { demo?: boolean; poolSize?: number; now?: string } = {},
): Promise<TestApp> {
  let drop = async () => {};
  let database: Database;
  if (driver === 'postgres') {
    const fresh = await freshPostgres();
    drop = fresh.drop;
    database = await openDatabase({ url: fresh.url, poolSize: options.poolSize ?? 10 });
  } else {
    database = await openDatabase({ dataDir: 'memory://' });
  }
  const cipher = createFieldCipher(parseKeyRing(`k1:${Buffer.alloc(32, 7).toString('base64')}`, Buffer.alloc(32, 9).toString('base64')));
  const files = new MemoryFileStore();
  const clock = new MovableClock();
  clock.set(new Date(options.now ?? '2026-12-01T09:00:00+08:00'));
  await prepareDatabase(database.db, { demo: options.demo ?? false, cipher, files, now: clock.now() });
  const config = { ...loadConfig({ NODE_ENV: 'test', ENABLE_TEST_API: 'true' }), enableTestApi: true };
  const app = await buildApp({ db: database.db, clock, config, cipher, files });
  await app.ready();
  return {
    app,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.close();
      await drop();
    },
  };
}
