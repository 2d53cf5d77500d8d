// Booking requests that must not happen twice: POST with an Idempotency-Key, retried with the same key when the
// network drops (the server answers a repeated key with the booking it already made).
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

export function postIdempotent<T>(path: string, body: unknown, key: string): Promise<T> {
  return api<T>('POST', path, body, { 'Idempotency-Key': key });
}

/** Worth sending again with the same key: the request may not have arrived, or the server stumbled. */
export const retriable = (err: unknown) => err instanceof ApiError && (err.status === 0 || err.status >= 500);

/**
 * Sends once and, when the network drops or the server stumbles, up to `retries` more times with the same key:
 * the server answers a repeated key with the booking it already made, never a second one.
 */
export async function postWithRetry<T>(path: string, body: unknown, key: string, retries = 2): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await postIdempotent<T>(path, body, key);
    } catch (err) {
      if (!retriable(err) || attempt >= retries) throw err;
      await new Promise((r) => setTimeout(r, 600 * (attempt + 1)));
    }
  }
}
