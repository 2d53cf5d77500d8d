// Errors as problem+json ({type, title, detail, code, status, errors?}): a stable machine code and a
// message in the user's language. Never a stack trace to the client.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { pickLocale, translate, type ErrorCode } from '../shared/i18n/index.ts';
import { LOCK_TIMEOUT_MS, LOCK_TIMEOUT_SQLSTATE } from './locks.ts';
import { pathOfNul } from './schemas.ts';

/** PostgreSQL's answers to a value it cannot store (a NUL byte, an impossible date, a number out of range). */
const BAD_VALUE_SQLSTATES = new Set(['22021', '22P05', '22008', '22007', '22P02', '22003', '22001']);

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly params?: Record<string, string | number>,
    readonly fieldErrors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(code);
  }
}

export const unprocessable = (code: ErrorCode, field?: string, params?: Record<string, string | number>) =>
  new AppError(422, code, params, field ? [{ field, code, message: '' }] : undefined);

/** A PostgreSQL unique_violation on a constraint whose name contains `constraint`. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (e.constraint ?? '').includes(constraint);
}

export interface Problem {
  type: string;
  title: string;
  detail?: string;
  status: number;
  code: string;
  errors?: FieldError[];
  [k: string]: unknown;
}

function sendProblem(
  reply: FastifyReply,
  req: FastifyRequest,
  status: number,
  code: ErrorCode,
  opts: {
    params?: Record<string, string | number>;
    errors?: FieldError[];
    detail?: string;
    extra?: Record<string, unknown>;
  } = {},
) {
  const locale = pickLocale(req.headers['accept-language']);
  const title = translate(locale, `errors.${code}`, opts.params);
  const errors = opts.errors?.map((e) => ({
    ...e,
    message: e.message || translate(locale, `errors.${e.code}`, opts.params),
  }));
  const body: Problem = { type: `/problems/${code}`, title, status, code, ...opts.extra };
  if (opts.detail) body.detail = opts.detail;
  if (errors?.length) body.errors = errors;
  return reply.status(status).type('application/problem+json; charset=utf-8').send(body);
}

/** Field-level messages for schema validation failures, in the user's language. */
function validationMessage(locale: 'zh-CN' | 'en', issue: { code?: string; message?: string; keys?: string[] }) {
  const zh = locale === 'zh-CN';
  switch (issue.code) {
    case 'invalid_type':
      return zh ? '类型不正确或缺少此项' : 'Wrong type or missing';
    case 'unrecognized_keys':
      return zh ? `不允许的字段:${(issue.keys ?? []).join('、')}` : `Unknown field(s): ${(issue.keys ?? []).join(', ')}`;
    case 'too_small':
      return zh ? '取值过小或过短' : 'Too small or too short';
    case 'too_big':
      return zh ? '取值过大或过长' : 'Too large or too long';
    case 'invalid_format':
    case 'invalid_string':
      return zh ? '格式不正确' : 'Invalid format';
    case 'invalid_value':
    case 'invalid_enum_value':
      return zh ? '取值不在允许范围内' : 'Value not allowed';
    default:
      return zh ? '取值无效' : 'Invalid value';
  }
}

/** The longest request URL (path and query) accepted; a longer one is 414, before any work is done for it. */
export const MAX_URL_LENGTH = 8192;

/**
 * Errors Fastify raises while routing, before any hook (a path parameter longer than the router takes, a URL it
 * cannot decode): problem+json like every other answer. Passed to Fastify as `frameworkErrors`.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH' || req.url.length > MAX_URL_LENGTH) {
    return sendProblem(reply, req, 414, 'URI_TOO_LONG', { params: { max: MAX_URL_LENGTH } });
  }
  return sendProblem(reply, req, 400, 'INVALID_INPUT', { detail: err.code });
}

export function registerErrorHandling(app: FastifyInstance) {
  app.addHook('onRequest', async (req) => {
    if (req.url.length > MAX_URL_LENGTH) throw new AppError(414, 'URI_TOO_LONG', { max: MAX_URL_LENGTH });
  });

  // No string in any request may hold a NUL character (PostgreSQL cannot store one): refused here for every route,
  // present and future, with the field named.
  app.addHook('preValidation', async (req) => {
    for (const [part, value] of [
      ['params', req.params],
      ['query', req.query],
      ['body', req.body],
    ] as const) {
      const at = pathOfNul(value);
      if (at !== null)
        throw new AppError(400, 'VALIDATION_FAILED', undefined, [
          { field: at ? `${part}.${at}` : part, code: 'NUL_CHARACTER', message: '' },
        ]);
    }
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      return sendProblem(reply, req, err.status, err.code, {
        params: err.params,
        errors: err.fieldErrors,
        extra: err.extra,
      });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const locale = pickLocale(req.headers['accept-language']);
      // Fields are named by request part as the NUL check names them: body., query., params., headers.
      const where = err.validationContext === 'querystring' ? 'query' : (err.validationContext ?? 'body');
      const errors = err.validation.map((v) => {
        const path = v.instancePath.split('/').filter(Boolean).join('.');
        const keys = (v.params as { keys?: string[] }).keys;
        return {
          field: path ? `${where}.${path}` : where,
          code: v.keyword,
          message: validationMessage(locale, { code: v.keyword, keys }),
        };
      });
      return sendProblem(reply, req, 400, 'VALIDATION_FAILED', { errors });
    }
    const fe = err as FastifyError;
    if (fe.code === LOCK_TIMEOUT_SQLSTATE) {
      req.log.warn({ err }, 'lock wait timed out');
      reply.header('Retry-After', String(Math.ceil(LOCK_TIMEOUT_MS / 1000)));
      return sendProblem(reply, req, 503, 'LOCK_TIMEOUT');
    }
    if (BAD_VALUE_SQLSTATES.has(fe.code)) {
      // A value that passed its schema but that the database cannot store: the client's input, not our failure.
      req.log.warn({ err }, 'database refused a value');
      return sendProblem(reply, req, 400, 'INVALID_INPUT');
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, req, 400, 'INVALID_JSON');
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return sendProblem(reply, req, 413, 'BODY_TOO_LARGE');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendProblem(reply, req, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    if (fe.validation) {
      return sendProblem(reply, req, 400, 'VALIDATION_FAILED', {
        errors: fe.validation.map((v) => ({ field: v.instancePath || 'request', code: 'invalid', message: v.message ?? '' })),
      });
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendProblem(reply, req, fe.statusCode, fe.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED', {
        detail: fe.message,
      });
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, req, 500, 'INTERNAL');
  });

  app.setNotFoundHandler((req, reply) => sendProblem(reply, req, 404, 'ROUTE_NOT_FOUND'));
}
