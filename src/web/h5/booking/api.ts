// Booking requests that must not happen twice: POST with an Idempotency-Key (the shared client sends no extra
// headers). The same error handling as the shared client: problem+json → ApiError with the server's Chinese
// title; a 401 sends the parent back to sign-in.
import { api, ApiError } from '../../common/api.ts';

/** A random UUID v4 (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export async function postIdempotent<T>(path: string, body: unknown, key: string, csrfToken: string | null): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json', 'Accept-Language': 'zh-CN', 'Content-Type': 'application/json', 'Idempotency-Key': key,
  };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败,请检查网络后重试');
  }
  const text = await res.text();
  let data: Record<string, unknown> | undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(res.status, 'INTERNAL', '系统繁忙,请稍后再试');
  }
  if (!res.ok) {
    if (res.status === 401) {
      // Let the shared client tell the app that the session ended (it owns the sign-out listeners).
      await api('GET', '/api/auth/me').catch(() => undefined);
    }
    throw new ApiError(res.status, String(data?.code ?? 'INTERNAL'), String(data?.title ?? '系统繁忙,请稍后再试'),
      (data?.errors as ApiError['fieldErrors']) ?? [], data ?? {});
  }
  return data as T;
}

/** Worth sending again with the same key: the request may not have arrived, or the server stumbled. */
export const retriable = (err: unknown) => err instanceof ApiError && (err.status === 0 || err.status >= 500);

/**
 * Sends once and, when the network drops or the server stumbles, up to `retries` more times with the same key:
 * the server answers a repeated key with the booking it already made, never a second one.
 */
export async function postWithRetry<T>(path: string, body: unknown, key: string, csrfToken: string | null, retries = 2): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await postIdempotent<T>(path, body, key, csrfToken);
    } catch (err) {
      if (!retriable(err) || attempt >= retries) throw err;
      await new Promise((r) => setTimeout(r, 600 * (attempt + 1)));
    }
  }
}
