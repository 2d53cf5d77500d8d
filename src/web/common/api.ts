// The browser's API client, shared by the console and the H5: JSON in and out, the CSRF header on every
// state change, and problem+json errors turned into ApiError with the server's Chinese message.

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly fieldErrors: FieldError[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(title);
  }
}

let csrfToken: string | null = null;
/** Called with every /api/auth response that carries a token (sign-in, /me). */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Listener = (err: ApiError) => void;
const unauthenticatedListeners = new Set<Listener>();
/** Lets the app send the user back to sign-in when a session ends. */
export function onUnauthenticated(listener: Listener) {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export async function api<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': 'zh-CN', ...extraHeaders };
  if (body !== undefined && !(body instanceof FormData)) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    const payload = body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body);
    res = await fetch(path, { method, headers, credentials: 'same-origin', body: payload });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败,请检查网络后重试');
  }
  if (res.status === 204) return undefined as T;
  return answerOf<T>(res.status, await res.text());
}

/** A response's JSON, or the ApiError its problem+json describes (a 401 tells the app the session ended). */
function answerOf<T>(status: number, text: string): T {
  let data: { code?: string; title?: string; errors?: FieldError[] } | undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(status, 'INTERNAL', '系统繁忙,请稍后再试');
  }
  if (status < 200 || status >= 300) {
    const err = new ApiError(status, data?.code ?? 'INTERNAL', data?.title ?? '系统繁忙,请稍后再试', data?.errors ?? [], data ?? {});
    if (status === 401) for (const l of unauthenticatedListeners) l(err);
    throw err;
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);

/** multipart/form-data upload (the browser sets the boundary), with the CSRF header and the same error handling. */
export const upload = <T>(path: string, form: FormData) => api<T>('POST', path, form);

/** A large upload (a course video) reporting its progress (0–1): fetch cannot, XMLHttpRequest can. */
export function uploadWithProgress<T>(path: string, form: FormData, onProgress: (share: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', 'zh-CN');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '网络连接失败,请检查网络后重试'));
    xhr.onload = () => {
      try {
        resolve(answerOf<T>(xhr.status, xhr.responseText));
      } catch (err) {
        reject(err);
      }
    };
    xhr.send(form);
  });
}

/** Query string from an object, skipping empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}` : '';
}
