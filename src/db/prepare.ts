// Brings a database to the current schema with its reference data (and the demo, when asked).
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { migrate } from './migrate.ts';
import { ensureStreets } from './seed/streets.ts';
import { seedDemo } from './seed/demo.ts';
import { ensurePolicyDefaults } from '../server/modules/policy/service.ts';

export async function prepareDatabase(db: Kysely<DB>, options: { demo: boolean }) {
  const applied = await migrate(db);
  await ensureStreets(db);
  await ensurePolicyDefaults(db);
  const seeded = options.demo ? await seedDemo(db) : false;
  return { applied, seeded };
}
