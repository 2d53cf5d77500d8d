// A signed-in client over app.inject: keeps the session cookie and sends the CSRF token, as a browser would.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface Client {
  userId: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  /** Sends a raw body with its own content type (uploads). */
  raw(method: string, url: string, payload: Buffer, contentType: string): Promise<LightMyRequestResponse>;
}

function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'bbw_session');
  if (!c) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
  return `bbw_session=${c.value}`;
}

/** A client for a session token made directly (test factories). */
export function clientForSession(app: FastifyInstance, token: string, csrf: string, userId: string): Client {
  return clientFor(app, `bbw_session=${token}`, csrf, userId);
}

function clientFor(app: FastifyInstance, cookie: string, csrf: string, userId: string): Client {
  const request = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: { cookie, 'x-csrf-token': csrf, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    userId,
    request,
    get: (url) => request('GET', url),
    post: (url, body = {}, headers) => request('POST', url, body, headers),
    put: (url, body) => request('PUT', url, body),
    patch: (url, body) => request('PATCH', url, body),
    delete: (url) => request('DELETE', url),
    raw: (method, url, payload, contentType) =>
      app.inject({ method: method as 'POST', url, payload, headers: { cookie, 'x-csrf-token': csrf, 'content-type': contentType } }),
  };
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return clientFor(app, cookieOf(res), body.csrfToken, body.user.id);
}

/** Latest one-time code sent to a phone (read through the development-only test API). */
export async function lastCode(app: FastifyInstance, phone: string): Promise<string> {
  const res = await app.inject({ method: 'GET', url: `/api/test/outbox?recipient=${phone}` });
  const otp = res.json().find((m: { template: string }) => m.template === 'otp');
  if (!otp) throw new Error(`no code sent to ${phone}`);
  return String(otp.params.code);
}

export async function signInGuardian(app: FastifyInstance, phone: string): Promise<Client> {
  const req = await app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone } });
  if (req.statusCode !== 202) throw new Error(`code request failed: ${req.statusCode} ${req.body}`);
  const code = await lastCode(app, phone);
  const res = await app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code } });
  if (res.statusCode !== 200) throw new Error(`guardian sign-in failed: ${res.statusCode} ${res.body}`);
  const body = res.json();
  return clientFor(app, cookieOf(res), body.csrfToken, body.user.id);
}
