// Uploaded files: only JPEG, PNG or PDF by their content (magic bytes), at most 10 MB, encrypted, and kept
// outside the web root by a FileStore (a folder by default; an object store can implement the same interface).
// Course videos are large and not personal data: they are streamed in and out unencrypted, read by byte ranges.
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export type AllowedContentType = 'image/jpeg' | 'image/png' | 'application/pdf';

/** The file's real type from its first bytes, or null when it is none of the allowed ones. */
export function sniffContentType(data: Buffer): AllowedContentType | null {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.length >= 5 && data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

export interface FileStore {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
  /** Writes a stream as it comes (for videos of hundreds of MB); the caller deletes the key if it fails. */
  putStream(key: string, source: Readable): Promise<void>;
  size(key: string): Promise<number>;
  /** `length` bytes from `start` (fewer at the end of the file). */
  read(key: string, start: number, length: number): Promise<Buffer>;
  /** Bytes `start` to `end` inclusive, as a stream (an HTTP range). */
  readRange(key: string, start: number, end: number): Readable;
}

export class FolderFileStore implements FileStore {
  constructor(private readonly root: string) {}
  private pathOf(key: string) {
    if (!/^[a-z0-9-]+$/.test(key)) throw new Error('bad storage key');
    return path.join(this.root, key.slice(0, 2), key);
  }
  async put(key: string, data: Buffer) {
    const p = this.pathOf(key);
    await fs.mkdir(path.dirname(p), { recursive: true });
    await fs.writeFile(p, data, { flag: 'wx', mode: 0o600 });
  }
  get(key: string) {
    return fs.readFile(this.pathOf(key));
  }
  async delete(key: string) {
    await fs.rm(this.pathOf(key), { force: true });
  }
  async putStream(key: string, source: Readable) {
    const p = this.pathOf(key);
    await fs.mkdir(path.dirname(p), { recursive: true });
    await pipeline(source, createWriteStream(p, { flags: 'wx', mode: 0o600 }));
  }
  async size(key: string) {
    return (await fs.stat(this.pathOf(key))).size;
  }
  async read(key: string, start: number, length: number) {
    const handle = await fs.open(this.pathOf(key), 'r');
    try {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buf, 0, length, start);
      return buf.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }
  readRange(key: string, start: number, end: number) {
    return createReadStream(this.pathOf(key), { start, end });
  }
}

export class MemoryFileStore implements FileStore {
  private readonly files = new Map<string, Buffer>();
  async put(key: string, data: Buffer) {
    this.files.set(key, data);
  }
  async get(key: string) {
    const f = this.files.get(key);
    if (!f) throw new Error('no such file');
    return f;
  }
  async delete(key: string) {
    this.files.delete(key);
  }
  async putStream(key: string, source: Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of source) chunks.push(Buffer.from(chunk));
    this.files.set(key, Buffer.concat(chunks));
  }
  async size(key: string) {
    return (await this.get(key)).length;
  }
  async read(key: string, start: number, length: number) {
    return (await this.get(key)).subarray(start, start + length);
  }
  readRange(key: string, start: number, end: number) {
    const f = this.files.get(key);
    if (!f) throw new Error('no such file');
    return Readable.from([f.subarray(start, end + 1)]);
  }
}
