// Brings a database to the current schema with its reference data (and the demo, when asked).
import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';
import { migrate } from './migrate.ts';
import { ensureStreets } from './seed/streets.ts';
import { seedDemo } from './seed/demo.ts';
import { seedDemoBookings } from './seed/demoBookings.ts';
import { seedDemoAudit } from './seed/demoAudit.ts';
import { seedDemoGuidance } from './seed/demoGuidance.ts';
import { seedDemoNewborns } from './seed/demoNewborns.ts';
import { seedDemoCourses } from './seed/demoCourses.ts';
import { seedDemoPopulation } from './seed/demoPopulation.ts';
import { seedDemoHistory } from './seed/demoHistory.ts';
import { extendHorizon } from '../server/modules/care/service.ts';
import { runDailyCompliance } from '../server/modules/compliance/service.ts';
import { ensureDocuments } from './seed/documents.ts';
import type { FieldCipher } from '../server/crypto.ts';
import type { FileStore } from '../server/files.ts';
import { ensurePolicyDefaults } from '../server/modules/policy/service.ts';

export async function prepareDatabase(db: Kysely<DB>, options: { demo: boolean; cipher: FieldCipher; files: FileStore; now: Date }) {
  const applied = await migrate(db);
  await ensureStreets(db);
  await ensurePolicyDefaults(db);
  await ensureDocuments(db);
  const seeded = options.demo ? await seedDemo(db, options.cipher, options.files, options.now) : false;
  // Sessions of every operating house for the weeks ahead (the workers keep extending this).
  await extendHorizon(db, options.now);
  if (seeded) await seedDemoBookings(db, options.cipher, options.now);
  // A month of guidance events behind and four weeks ahead, the past ones attended.
  if (seeded) await seedDemoGuidance(db, options.now);
  // Three published courses and a draft, some completed by the demo families.
  if (seeded) await seedDemoCourses(db, options.cipher, options.files, options.now);
  if (seeded) await seedDemoNewborns(db, options.cipher, options.now);
  // Each street's children aged 1–3 and newborns for 2025–2026 (one corrected), and every house's approved places.
  if (seeded) await seedDemoPopulation(db, options.now);
  // The year so far in every street: more families, past care and guidance with attendance, the newborn register.
  if (seeded) await seedDemoHistory(db, options.cipher, options.files, options.now);
  // The past days' audit events of the demo (the audit admin's first screen is not empty).
  if (seeded) await seedDemoAudit(db, options.now);
  // The day's compliance findings (R3–R12, R19), so the first screens show them; the workers keep this daily.
  await runDailyCompliance(db, { now: () => options.now });
  return { applied, seeded };
}
