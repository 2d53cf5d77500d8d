// Uploading a health-check certificate (POST /api/children/:id/certificates, multipart/form-data). The shared
// API client only speaks JSON, so this sends the form itself — with the session's CSRF token, and errors turned
// into the same ApiError (the server's Chinese message) as every other call.
import { ApiError, get } from '../../common/api.ts';
import type { Certificate } from '../../common/familyTypes.ts';
import { t } from '../i18n/index.ts';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const ALLOWED = ['image/jpeg', 'image/png', 'application/pdf'];
const EXTENSIONS: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', pdf: 'application/pdf' };
/** Photos above this are scaled down before sending (a phone photo of a paper is legible well below it). */
const COMPRESS_ABOVE_BYTES = 3 * 1024 * 1024;
const MAX_EDGE_PX = 2600;

/** The file's kind as the browser or its name tells it (the server checks the content itself). */
export function kindOf(file: File): string | null {
  if (ALLOWED.includes(file.type)) return file.type;
  const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
  return EXTENSIONS[ext] ?? null;
}

function fieldError(code: 'FILE_TYPE_NOT_ALLOWED' | 'FILE_TOO_LARGE'): ApiError {
  const title = t(`errors.${code}`);
  return new ApiError(422, code, title, [{ field: 'file', code, message: title }]);
}

async function scaleDown(file: File): Promise<File> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_EDGE_PX / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) return file;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.88));
  if (!blob || blob.size >= file.size) return file;
  return new File([blob], file.name.replace(/\.\w+$/, '') + '.jpg', { type: 'image/jpeg' });
}

/**
 * Checks the chosen file (JPG, PNG or PDF, at most 10 MB) and scales big photos down. Throws an ApiError with
 * the same Chinese message the server would give.
 */
export async function prepareCertificateFile(file: File): Promise<File> {
  const kind = kindOf(file);
  if (!kind) throw fieldError('FILE_TYPE_NOT_ALLOWED');
  let out = file;
  if (kind !== 'application/pdf' && file.size > COMPRESS_ABOVE_BYTES) {
    try {
      out = await scaleDown(file);
    } catch {
      out = file;
    }
  }
  if (out.size > MAX_UPLOAD_BYTES) throw fieldError('FILE_TOO_LARGE');
  return out;
}

export async function uploadCertificate(
  childId: string,
  input: { file: File; examDate: string; institution: string },
  csrfToken: string,
): Promise<Certificate> {
  const form = new FormData();
  form.append('examDate', input.examDate);
  form.append('institution', input.institution);
  form.append('file', input.file, input.file.name);
  let res: Response;
  try {
    res = await fetch(`/api/children/${encodeURIComponent(childId)}/certificates`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': 'zh-CN', 'X-CSRF-Token': csrfToken },
      body: form,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败,请检查网络后重试');
  }
  const text = await res.text();
  let data: Record<string, unknown> | undefined;
  try {
    data = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    if (res.status === 413) throw fieldError('FILE_TOO_LARGE');
    const err = new ApiError(
      res.status,
      String(data?.code ?? 'INTERNAL'),
      String(data?.title ?? t('errors.INTERNAL')),
      (data?.errors as ApiError['fieldErrors']) ?? [],
      data ?? {},
    );
    // An ended session: let the shared client notice it (it sends the app back to sign-in).
    if (res.status === 401) await get('/api/auth/me').catch(() => undefined);
    throw err;
  }
  return data as unknown as Certificate;
}
