// Request hooks: who is calling (session cookie), CSRF for state changes, and the action every route requires.
import type { FastifyInstance } from 'fastify';
import { authorize, isPublic, type Action } from '../access.ts';
import { AppError } from '../errors.ts';
import { CSRF_HEADER, SESSION_COOKIE, csrfMatches, lookupSession } from './sessions.ts';

export interface ApiRoute {
  method: string;
  url: string;
  action: Action;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with its action (the access-control test walks this list). */
    apiRoutes: ApiRoute[];
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function registerAuthHooks(app: FastifyInstance) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);

  // Every /api route must say which action it performs: a route without one cannot even be registered.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    if (!route.config?.action) {
      throw new Error(`route ${route.method} ${route.url} has no access-control action (config.action)`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') apiRoutes.push({ method, url: route.url, action: route.config.action });
    }
  });

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await lookupSession(app.ctx.db, token, app.ctx.clock.now());
    if (found.state === 'valid') {
      if (!SAFE_METHODS.has(req.method) && !csrfMatches(found.csrfToken, req.headers[CSRF_HEADER])) {
        throw new AppError(403, 'CSRF_FAILED');
      }
      req.actor = found.actor;
    } else if (found.state === 'expired') {
      req.sessionExpired = true;
    }
  });

  app.addHook('preValidation', async (req) => {
    const action = req.routeOptions.config?.action;
    if (!action || isPublic(action)) return;
    if (!req.actor) throw new AppError(401, req.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    // Role check here; the record's scope is checked by the handler, which knows the record.
    authorize(req.actor, action, {
      userId: req.actor.id,
      streetId: req.actor.streetId,
      houseId: req.actor.houseId,
      providerId: req.actor.providerId,
    });
  });
}

// ---- The OpenAPI document: what every route's action says about it, attached to every operation in one place ----

const OPENAPI_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Fastify's `/api/houses/:id` as OpenAPI's `/api/houses/{id}`. */
export function openapiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** A stable, unique operation id from method and path: `GET /api/houses/{id}/rooms` → `getHousesByIdRooms`. */
export function operationIdOf(method: string, url: string): string {
  const words = openapiPath(url)
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
    .flatMap((seg) => {
      const param = /^\{(.+)\}$/.exec(seg);
      return (param ? `by-${param[1]}` : seg).split(/[^A-Za-z0-9]+/).filter(Boolean);
    });
  return method.toLowerCase() + words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** The problem+json body every error answer has (see server/errors.ts). */
const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details with a stable machine `code` and a title in the caller’s language.',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', description: '`/problems/{code}`' },
    title: { type: 'string', description: 'The message, in the language of Accept-Language (zh-CN by default).' },
    detail: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', description: 'Stable machine code, e.g. VALIDATION_FAILED, LOCK_TIMEOUT.' },
    errors: {
      type: 'array',
      description: 'Field problems: `field` names the request part and path, e.g. `body.date` or `query.from`.',
      items: {
        type: 'object',
        required: ['field', 'code', 'message'],
        properties: { field: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
    retryAfterSeconds: { type: 'integer' },
  },
};

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/** The error answers, shared by reference from every operation. */
const ERROR_RESPONSES = {
  BadRequest: ['400', 'Invalid input (VALIDATION_FAILED with `errors[].field`, INVALID_JSON, INVALID_INPUT)'],
  Unauthorized: ['401', 'Not signed in, or the session has expired (UNAUTHENTICATED, SESSION_EXPIRED)'],
  Forbidden: [
    '403',
    'The action or the record’s scope is not the caller’s, or the CSRF token is missing (FORBIDDEN, FORBIDDEN_SCOPE, CSRF_FAILED)',
  ],
  NotFound: ['404', 'No such record (NOT_FOUND and the module’s own codes)'],
  Conflict: ['409', 'The record’s state does not allow this (a module-specific code)'],
  PayloadTooLarge: ['413', 'The body or the file is too large (BODY_TOO_LARGE, FILE_TOO_LARGE)'],
  UnsupportedMediaType: ['415', 'The body’s content type is not accepted (UNSUPPORTED_MEDIA_TYPE)'],
  UriTooLong: ['414', 'The request URL is longer than 8192 characters (URI_TOO_LONG)'],
  Unprocessable: ['422', 'A rule of the domain refuses it (a module-specific code, the field named when there is one)'],
  Locked: ['423', 'The account is locked after too many failed sign-ins (ACCOUNT_LOCKED)'],
  TooManyRequests: ['429', 'Too many attempts; retry after `retryAfterSeconds` (RATE_LIMITED)'],
  LockTimeout: ['503', 'A record was busy past the lock timeout; retry (LOCK_TIMEOUT, with Retry-After)'],
} as const satisfies Record<string, readonly [string, string]>;
type ErrorResponse = keyof typeof ERROR_RESPONSES;

/** Which error answers an operation documents, from its action and method. */
function errorResponsesOf(method: string, url: string, action: Action): ErrorResponse[] {
  const changes = !SAFE_METHODS.has(method.toUpperCase());
  const list: ErrorResponse[] = ['BadRequest', 'UriTooLong'];
  if (action === 'auth.signIn') list.push('Unauthorized', 'Locked', 'TooManyRequests');
  else if (!isPublic(action)) list.push('Unauthorized', 'Forbidden');
  if (url.includes('{') || changes) list.push('NotFound');
  if (changes) list.push('Conflict', 'PayloadTooLarge', 'UnsupportedMediaType', 'Unprocessable', 'LockTimeout');
  return list;
}

const TAG_DESCRIPTIONS: Record<string, string> = {
  auth: '登录与会话 Sign-in, one-time codes and the session',
  houses: '宝宝屋与房间 Houses, rooms and their facts',
  public: '公开信息 Public information (no sign-in)',
  policy: '政策参数 Versioned policy parameters',
  admin: '三员 Accounts, sign-in security and the audit log',
  families: '家庭登记 The guardian’s family, children and documents',
  registrations: '社区受理 The street’s review of registrations (R16)',
  documents: '知情同意与服务协议 Consent texts and service agreements',
  schedule: '排班与场次 Weekly schedules, closures, the duty roster and sessions',
  test: '测试接口 The development-only test API (never registered in production)',
  booking: '预约 Booking, cancellation, the waiting list and the free-session ledger',
  staff: '人员 Staff records, qualifications and checks (R7–R10)',
  compliance: '合规 The compliance engine’s findings',
  attendance: '今日看护 Health checks, check-in, check-out and the live ratio',
  incidents: '事件与日志 Incidents and the daily disinfection and safety logs',
};

interface OpenApiOperation {
  operationId?: string;
  tags?: string[];
  summary?: string;
  security?: Array<Record<string, string[]>>;
  responses?: Record<string, unknown>;
  [k: string]: unknown;
}
interface OpenApiDocument {
  paths?: Record<string, Record<string, OpenApiOperation>>;
  components?: Record<string, Record<string, unknown> | undefined>;
  tags?: Array<{ name: string; description?: string }>;
  [k: string]: unknown;
}

/**
 * Completes the generated document from the route table: an operation id on every operation, the security it
 * needs (none for public actions; the session cookie, and the CSRF header for state changes), the problem+json
 * error answers, a tag, and the tags' descriptions. Throws if two operations would share an id.
 */
export function completeOpenApi<T>(document: T, routes: ApiRoute[]): T {
  const doc = document as OpenApiDocument;
  const actionOf = new Map(routes.map((r) => [`${r.method.toLowerCase()} ${openapiPath(r.url)}`, r]));
  const ids = new Map<string, string>();
  const tags = new Set<string>();
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    for (const method of OPENAPI_METHODS) {
      const op = item[method];
      if (!op) continue;
      const route = actionOf.get(`${method} ${p}`);
      const id = operationIdOf(method, p);
      if (ids.has(id)) throw new Error(`operationId ${id} of ${method} ${p} is also that of ${ids.get(id)}`);
      ids.set(id, `${method} ${p}`);
      op.operationId = id;
      op.tags = op.tags?.length ? op.tags : [p.split('/')[2] ?? 'api'];
      for (const t of op.tags) tags.add(t);
      op.summary ??= route ? `${route.action}: ${method.toUpperCase()} ${p}` : `${method.toUpperCase()} ${p}`;
      const action = route?.action ?? 'public.read';
      op.security =
        isPublic(action) || action === 'auth.signIn'
          ? []
          : SAFE_METHODS.has(method.toUpperCase())
            ? [{ session: [] }]
            : [{ session: [], csrf: [] }];
      op['x-action'] = action;
      op.responses ??= {};
      const responses = op.responses;
      for (const name of errorResponsesOf(method, p, action)) {
        responses[ERROR_RESPONSES[name][0]] ??= { $ref: `#/components/responses/${name}` };
      }
    }
  }
  doc.components ??= {};
  doc.components.schemas = { ...doc.components.schemas, Problem: problemSchema };
  doc.components.responses = {
    ...doc.components.responses,
    ...Object.fromEntries(Object.entries(ERROR_RESPONSES).map(([name, [, description]]) => [name, problemResponse(description)])),
  };
  doc.tags = [...tags].sort().map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? name }));
  return document;
}
