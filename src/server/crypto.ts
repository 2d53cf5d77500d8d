// Field encryption for identity and health data (AES-256-GCM, key id stored with each value so keys can rotate)
// and the keyed hash (HMAC-SHA-256) that makes ID numbers searchable without decrypting them.
import crypto from 'node:crypto';

export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  /** Keyed hash for equality search (never reversible, never the same as another deployment's). */
  searchHash(value: string): string;
  encryptBytes(plain: Buffer): Buffer;
  decryptBytes(stored: Buffer): Buffer;
}

export interface KeyRing {
  /** key id → 32-byte key; the active key encrypts, any listed key decrypts. */
  keys: Map<string, Buffer>;
  activeKeyId: string;
  searchKey: Buffer;
}

/**
 * Parses `ENCRYPTION_KEYS` ("id1:base64key,id2:base64key", the first is active) and `SEARCH_HASH_KEY` (base64).
 * Every key must decode to 32 bytes.
 */
export function parseKeyRing(encryptionKeys: string, searchHashKey: string): KeyRing {
  const keys = new Map<string, Buffer>();
  let activeKeyId = '';
  for (const part of encryptionKeys
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [id, b64] = part.split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || !/^[A-Za-z0-9_-]{1,16}$/.test(id) || key.length !== 32) {
      throw new Error('ENCRYPTION_KEYS must be "id:base64(32 bytes)[,id:base64…]"');
    }
    keys.set(id, key);
    activeKeyId ||= id;
  }
  const searchKey = Buffer.from(searchHashKey, 'base64');
  if (!activeKeyId || searchKey.length < 32) throw new Error('ENCRYPTION_KEYS and SEARCH_HASH_KEY (32+ bytes) are required');
  return { keys, activeKeyId, searchKey };
}

export function newKeyRingSecrets(): { encryptionKeys: string; searchHashKey: string } {
  return {
    encryptionKeys: `k1:${crypto.randomBytes(32).toString('base64')}`,
    searchHashKey: crypto.randomBytes(32).toString('base64'),
  };
}

/** Stored form: "v1.<keyId>.<iv b64url>.<tag b64url>.<ciphertext b64url>". */
export function createFieldCipher(ring: KeyRing): FieldCipher {
  return {
    encrypt(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', ring.keys.get(ring.activeKeyId)!, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return ['v1', ring.activeKeyId, iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(stored) {
      const [version, keyId, iv, tag, body] = stored.split('.');
      const key = ring.keys.get(keyId ?? '');
      if (version !== 'v1' || !key || !iv || !tag || body === undefined) throw new Error('unreadable encrypted field');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
    // Binary form: keyId length (1 byte), keyId, iv (12), tag (16), ciphertext.
    encryptBytes(plain) {
      const iv = crypto.randomBytes(12);
      const keyId = Buffer.from(ring.activeKeyId);
      const cipher = crypto.createCipheriv('aes-256-gcm', ring.keys.get(ring.activeKeyId)!, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([Buffer.from([keyId.length]), keyId, iv, cipher.getAuthTag(), body]);
    },
    decryptBytes(stored) {
      const n = stored[0];
      const key = ring.keys.get(stored.subarray(1, 1 + n).toString());
      if (!key) throw new Error('unreadable encrypted file');
      const iv = stored.subarray(1 + n, 13 + n);
      const tag = stored.subarray(13 + n, 29 + n);
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(stored.subarray(29 + n)), decipher.final()]);
    },
    searchHash(value) {
      return crypto.createHmac('sha256', ring.searchKey).update(value).digest('hex');
    },
  };
}
