// One uploaded file in a multipart request: read within the size limit, its type sniffed from the content (never
// trusted from the name), encrypted at rest, and its row written in the caller's transaction — or nothing kept.
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AppContext } from './context.ts';
import { AppError } from './errors.ts';
import { MAX_UPLOAD_BYTES, sniffContentType, type AllowedContentType } from './files.ts';
import { readSheet } from './xlsx.ts';

export interface Upload {
  data: Buffer;
  filename: string | null;
  contentType: AllowedContentType;
  /** The text fields sent with the file. */
  fields: Record<string, string>;
}

/** The request's one file and its text fields, within the size limit (413 FILE_TOO_LARGE, 422 FILE_REQUIRED). */
async function readParts(
  req: FastifyRequest,
  maxFields: number,
): Promise<{ data: Buffer; filename: string | null; fields: Record<string, string> }> {
  let data: Buffer | null = null;
  let filename: string | null = null;
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: maxFields, fieldSize: 1000 } })) {
      if (part.type === 'file') {
        data = await part.toBuffer();
        filename = part.filename?.slice(0, 120) ?? null;
      } else fields[part.fieldname] = String(part.value ?? '');
    }
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'FILE_TOO_LARGE');
    throw err;
  }
  if (!data || data.length === 0)
    throw new AppError(422, 'FILE_REQUIRED', undefined, [{ field: 'file', code: 'FILE_REQUIRED', message: '' }]);
  return { data, filename, fields };
}

/** Reads the request's one file (422 FILE_REQUIRED / FILE_TYPE_NOT_ALLOWED, 413 FILE_TOO_LARGE) and its fields. */
export async function readUpload(req: FastifyRequest, maxFields = 5): Promise<Upload> {
  const { data, filename, fields } = await readParts(req, maxFields);
  const contentType = sniffContentType(data);
  if (!contentType)
    throw new AppError(422, 'FILE_TYPE_NOT_ALLOWED', undefined, [{ field: 'file', code: 'FILE_TYPE_NOT_ALLOWED', message: '' }]);
  return { data, filename, contentType, fields };
}

/** Reads an uploaded .xlsx (a zip by its first bytes, then a workbook exceljs can open; 422 SPREADSHEET_INVALID). */
export async function readSpreadsheetUpload(req: FastifyRequest, maxFields = 5) {
  const { data, fields } = await readParts(req, maxFields);
  const invalid = () => new AppError(422, 'SPREADSHEET_INVALID', undefined, [{ field: 'file', code: 'SPREADSHEET_INVALID', message: '' }]);
  if (data.length < 4 || data.readUInt32LE(0) !== 0x04034b50) throw invalid();
  try {
    return { sheet: await readSheet(data), fields };
  } catch {
    throw invalid();
  }
}

/**
 * Stores the file encrypted and runs `save` (which inserts the stored_file row through `insertFile` and whatever
 * refers to it) in one transaction; if the transaction fails the stored bytes are deleted again.
 */
export async function storeUpload<T>(
  ctx: Pick<AppContext, 'db' | 'files' | 'cipher' | 'clock'>,
  upload: Upload,
  owner: { familyId?: string; houseId?: string },
  uploadedBy: string,
  save: (trx: Transaction<DB>, fileId: string) => Promise<T>,
): Promise<T> {
  const storageKey = crypto.randomUUID();
  await ctx.files.put(storageKey, ctx.cipher.encryptBytes(upload.data));
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const file = await trx
        .insertInto('stored_file')
        .values({
          family_id: owner.familyId ?? null,
          house_id: owner.houseId ?? null,
          content_type: upload.contentType,
          size_bytes: upload.data.length,
          sha256: crypto.createHash('sha256').update(upload.data).digest('hex'),
          storage_key: storageKey,
          original_name: upload.filename,
          uploaded_by: uploadedBy,
          created_at: ctx.clock.now(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return save(trx, file.id);
    });
  } catch (err) {
    await ctx.files.delete(storageKey); // nothing half-saved: no row, no file
    throw err;
  }
}
