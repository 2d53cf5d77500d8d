// Plain .sql migrations, applied in name order, each in its own transaction under an advisory lock
// so that two processes starting at once never apply one twice.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from './schema.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const LOCK_KEY = 7_240_911; // any constant shared by all processes of this platform

export async function migrate(db: Kysely<DB>): Promise<string[]> {
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  const applied: string[] = [];
  for (const file of files) {
    await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
      await sql`CREATE TABLE IF NOT EXISTS schema_migration (
        name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`.execute(trx);
      const done = await trx.selectFrom('schema_migration').select('name').where('name', '=', file).executeTakeFirst();
      if (done) return;
      await sql.raw(fs.readFileSync(path.join(MIGRATIONS_DIR, file), 'utf8')).execute(trx);
      await trx.insertInto('schema_migration').values({ name: file }).execute();
      applied.push(file);
    });
  }
  return applied;
}
