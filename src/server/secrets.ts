// The field-encryption keys: from the environment (production), or — outside production — generated once and
// kept beside the development database so restarts can still read what was written.
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config.ts';
import { createFieldCipher, newKeyRingSecrets, parseKeyRing, type FieldCipher } from './crypto.ts';

export function cipherFromConfig(config: AppConfig): FieldCipher {
  if (config.encryptionKeys && config.searchHashKey) {
    return createFieldCipher(parseKeyRing(config.encryptionKeys, config.searchHashKey));
  }
  if (config.production) throw new Error('ENCRYPTION_KEYS and SEARCH_HASH_KEY are required in production');
  const file = path.join(config.dataDir, 'dev-secrets.json');
  let secrets: { encryptionKeys: string; searchHashKey: string };
  if (fs.existsSync(file)) {
    secrets = JSON.parse(fs.readFileSync(file, 'utf8'));
  } else {
    secrets = newKeyRingSecrets();
    fs.mkdirSync(config.dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  }
  return createFieldCipher(parseKeyRing(secrets.encryptionKeys, secrets.searchHashKey));
}
