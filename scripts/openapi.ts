// Writes the OpenAPI document (the one served at /api/docs/json) to a file, building the app in-process on an
// in-memory PGlite without listening: `npm run openapi [-- out.json]` (default dist/openapi.json).
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/db/database.ts';
import { systemClock } from '../src/domain/time.ts';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/config.ts';
import { createFieldCipher, newKeyRingSecrets, parseKeyRing } from '../src/server/crypto.ts';
import { MemoryFileStore } from '../src/server/files.ts';

const out = path.resolve(process.argv[2] ?? 'dist/openapi.json');
const database = await openDatabase({ dataDir: 'memory://' });
const secrets = newKeyRingSecrets();
const app = await buildApp({
  db: database.db,
  clock: systemClock,
  config: { ...loadConfig({ NODE_ENV: 'development' }), enableTestApi: false },
  cipher: createFieldCipher(parseKeyRing(secrets.encryptionKeys, secrets.searchHashKey)),
  files: new MemoryFileStore(),
});
await app.ready();
const doc = app.swagger();
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
await app.close();
await database.close();
console.log(`wrote ${path.relative(process.cwd(), out)} (${Object.keys(doc.paths ?? {}).length} paths)`);
