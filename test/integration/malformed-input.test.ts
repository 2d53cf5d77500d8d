// An outsider's malformed-input test: walks the OpenAPI document and sends every route, as a signed-in user of a
// role that may call it, impossible dates, NUL bytes, huge strings, wrong types, unknown fields, bodies of the wrong
// type and very long URLs. Never a 5xx; every refusal is problem+json, and a field problem names the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { grantOf, isPublic, type Action } from '../../src/server/access.ts';
import { ROLES, type Role } from '../../src/db/schema.ts';
import { createTestApp, drivers, type TestApp } from '../support/testApp.ts';
import type { Client } from '../support/client.ts';
import { clientOf, makeAccount, makeFamily, makeStaffedHouse } from '../support/factory.ts';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const IMPOSSIBLE_DATES = ['2026-13-45', '2026-02-30'];
/** Requests that would end the test's own sessions if they got through. */
const ENDS_OWN_SESSION = new Set(['POST /api/auth/logout', 'POST /api/auth/password']);

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  minLength?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  additionalProperties?: boolean | Schema;
}
interface Parameter {
  in: 'query' | 'path' | 'header';
  name: string;
  required?: boolean;
  schema: Schema;
}
interface Operation {
  'x-action': Action;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const typeOf = (s: Schema): string | undefined => {
  const t = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  return t ?? (s.anyOf ?? s.oneOf)?.map(typeOf).find(Boolean);
};
const isDate = (s: Schema) => s.pattern === DATE_PATTERN || (s.anyOf ?? []).some(isDate);

/** A plausible value for a schema (the rest of a request stays well-formed while one field is broken). */
function sample(s: Schema, depth = 0): unknown {
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt && !s.type) return sample(alt[0], depth);
  switch (typeOf(s)) {
    case 'string':
      if (isDate(s)) return '2026-12-10';
      if (s.format === 'uuid') return NO_SUCH_ID;
      if (s.pattern?.includes('[01]')) return '09:00';
      if (s.format === 'date-time') return '2026-12-10T09:00:00+08:00';
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object': {
      if (depth > 4) return {};
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = sample(s.properties?.[k] ?? {}, depth + 1);
      return out;
    }
    default:
      return 'x';
  }
}

/** A value of the wrong JSON type for a schema. */
function wrongType(s: Schema): unknown {
  switch (typeOf(s)) {
    case 'string':
      return { not: 'a string' };
    case 'integer':
    case 'number':
      return 'not a number';
    case 'boolean':
      return 'not a boolean';
    case 'array':
      return 'not an array';
    case 'object':
      return 42;
    default:
      return undefined;
  }
}

describe.each(drivers)('malformed input to every route (%s)', (driver) => {
  let t: TestApp;
  const clients = new Map<Role, Client>();
  let volunteer: Awaited<ReturnType<typeof makeAccount>>;
  const ops: { method: string; path: string; op: Operation }[] = [];
  beforeAll(async () => {
    t = await createTestApp(driver);
    // A signed-in user of every role, from the factories: a house in order with its staff and street admin, a family.
    const house = await makeStaffedHouse(t);
    volunteer = await makeAccount(t, 'volunteer', { houseId: house.houseId });
    clients.set('guardian', (await makeFamily(t)).client);
    clients.set('carer', house.carers[0]!.client);
    clients.set('health_staff', house.health.client);
    clients.set('house_manager', house.manager.client);
    clients.set('street_admin', house.street.client);
    clients.set('volunteer', volunteer.client);
    clients.set('inspector', (await makeAccount(t, 'inspector', { department: 'fire' })).client);
    for (const role of ['district_admin', 'system_admin', 'security_admin', 'audit_admin'] as const) {
      clients.set(role, (await makeAccount(t, role)).client);
    }
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, op] of Object.entries(item)) {
        if (op['x-action'] !== 'test.control') ops.push({ method: method.toUpperCase(), path, op });
      }
    }
  }, 120_000);
  afterAll(() => t?.close());

  it('answers every malformed request with a 4xx problem+json, naming the field', async () => {
    const byStatus = new Map<number, number>();
    const failures: string[] = [];
    let sent = 0;

    const send = async (
      label: string,
      op: { method: string; path: string; op: Operation },
      url: string,
      body: { payload: string | Buffer; contentType: string } | undefined,
      expectField?: string,
      allowed: number[] = [400],
    ) => {
      const action = op.op['x-action'];
      // The user's own session: a sacrificial volunteer, signed in again after a request that may sign it out.
      const role = action === 'session.self' ? 'volunteer' : ROLES.find((r) => !isPublic(action) && grantOf(r, action));
      const client = role ? clients.get(role) : undefined;
      const answer: LightMyRequestResponse = client
        ? body
          ? await client.raw(op.method, url, Buffer.from(body.payload), body.contentType)
          : await client.request(op.method, url)
        : await t.app.inject({
            method: op.method as 'GET',
            url,
            payload: body?.payload,
            headers: body ? { 'content-type': body.contentType } : {},
          });
      sent++;
      if (ENDS_OWN_SESSION.has(`${op.method} ${op.path}`))
        clients.set('volunteer', await clientOf(t, { id: volunteer.userId, role: volunteer.role }));
      byStatus.set(answer.statusCode, (byStatus.get(answer.statusCode) ?? 0) + 1);
      const where = `${label}: ${op.method} ${url.slice(0, 120)} → ${answer.statusCode} ${answer.body.slice(0, 300)}`;
      if (answer.statusCode >= 500) return void failures.push(where);
      if (answer.statusCode >= 400 && !String(answer.headers['content-type']).startsWith('application/problem+json')) {
        return void failures.push(`not problem+json: ${where}`);
      }
      if (!allowed.includes(answer.statusCode) && !(allowed.length === 0 && answer.statusCode < 500)) {
        return void failures.push(`expected ${allowed.join('/')}: ${where}`);
      }
      if (expectField && answer.statusCode === 400) {
        const fields = (answer.json().errors ?? []).map((e: { field: string }) => e.field);
        if (!fields.includes(expectField)) failures.push(`field ${expectField} not named: ${where}`);
      }
    };

    const started = Date.now();
    for (const entry of ops) {
      const { method, path, op } = entry;
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path');
      const queryParams = params.filter((p) => p.in === 'query');
      const fill = (over: Record<string, string> = {}) =>
        path.replace(/\{([^}]+)\}/g, (_, n: string) => encodeURIComponent(over[n] ?? NO_SUCH_ID));
      const baseQuery: Record<string, string> = {};
      for (const q of queryParams) if (q.required) baseQuery[q.name] = String(sample(q.schema));
      const urlWith = (query: Record<string, string>, over?: Record<string, string>) => {
        const qs = new URLSearchParams({ ...baseQuery, ...query }).toString();
        return qs ? `${fill(over)}?${qs}` : fill(over);
      };
      const json = op.requestBody?.content['application/json']?.schema;
      const baseBody = json ? (sample(json) as Record<string, unknown>) : undefined;
      const jsonBody = (value: unknown) => ({ payload: JSON.stringify(value), contentType: 'application/json' });
      const withBody = baseBody !== undefined ? jsonBody(baseBody) : undefined;
      const key = `${method} ${path}`;

      // Path parameters: a NUL byte, and a value of the wrong form.
      for (const p of pathParams) {
        await send('NUL in path', entry, urlWith({}, { [p.name]: 'a\u0000b' }), withBody, `params.${p.name}`, [400]);
        await send('bad id', entry, urlWith({}, { [p.name]: 'not-a-uuid' }), withBody, `params.${p.name}`, [400, 404]);
      }
      // Query parameters: impossible dates, NUL bytes, wrong forms; an unknown parameter.
      for (const q of queryParams) {
        const s = q.schema;
        if (isDate(s))
          for (const d of IMPOSSIBLE_DATES) await send('impossible date', entry, urlWith({ [q.name]: d }), withBody, `query.${q.name}`);
        await send('NUL in query', entry, urlWith({ [q.name]: 'a\u0000b' }), withBody, `query.${q.name}`);
        await send('huge query', entry, urlWith({ [q.name]: 'x'.repeat(100_000) }), withBody, undefined, [414]);
        if (typeOf(s) !== 'string' || s.format === 'uuid' || s.enum) {
          await send('wrong type in query', entry, urlWith({ [q.name]: 'zz-not-valid' }), withBody, `query.${q.name}`);
        }
      }
      await send('unknown query', entry, urlWith({ zzUnknown: '1' }), withBody, undefined, []);
      // A very long URL.
      await send('long URL', entry, `${fill()}/${'x'.repeat(70_000)}`, withBody, undefined, [414]);
      await send(
        'long query',
        entry,
        `${urlWith({})}${Object.keys(baseQuery).length ? '&' : '?'}q=${'y'.repeat(70_000)}`,
        withBody,
        undefined,
        [414],
      );

      if (method === 'GET' || method === 'DELETE') continue;
      // Bodies: not JSON, the wrong content type, 1 MB.
      await send('invalid JSON', entry, urlWith({}), { payload: '{"a":', contentType: 'application/json' }, undefined, [400, 415]);
      await send(
        'wrong content type',
        entry,
        urlWith({}),
        { payload: 'a=b', contentType: 'text/plain' },
        undefined,
        json ? [400, 415] : [],
      );
      await send('1 MB body', entry, urlWith({}), jsonBody({ ...baseBody, huge: 'x'.repeat(1024 * 1024) }), undefined, [413]);
      if (!json) continue;
      if (!ENDS_OWN_SESSION.has(key)) {
        await send('unknown field', entry, urlWith({}), jsonBody({ ...baseBody, zzUnknown: 1 }), undefined, []);
      }
      await send('body of wrong type', entry, urlWith({}), jsonBody([1, 2]), undefined, [400]);
      for (const [name, s] of Object.entries(json.properties ?? {})) {
        const field = `body.${name}`;
        const t0 = typeOf(s);
        if (isDate(s))
          for (const d of IMPOSSIBLE_DATES) await send('impossible date', entry, urlWith({}), jsonBody({ ...baseBody, [name]: d }), field);
        if (t0 === 'string' || s.enum) {
          await send('NUL in body', entry, urlWith({}), jsonBody({ ...baseBody, [name]: 'a\u0000b' }), field);
          if (!ENDS_OWN_SESSION.has(key)) {
            await send('100 kB field', entry, urlWith({}), jsonBody({ ...baseBody, [name]: 'x'.repeat(100_000) }), undefined, []);
          }
        }
        if (t0 === 'object' || t0 === 'array') {
          const inner = t0 === 'array' ? [{ zz: 'a\u0000b' }] : { zz: 'a\u0000b' };
          await send('NUL nested', entry, urlWith({}), jsonBody({ ...baseBody, [name]: inner }), undefined, [400]);
        }
        const wrong = wrongType(s);
        if (wrong !== undefined) await send('wrong type', entry, urlWith({}), jsonBody({ ...baseBody, [name]: wrong }), field);
      }
    }
    const summary = [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    console.log(
      `malformed input (${driver}): ${sent} requests to ${ops.length} operations in ${((Date.now() - started) / 1000).toFixed(1)} s; answers ${summary}`,
    );
    if (failures.length) console.log(failures.slice(0, 60).join('\n'));
    expect(failures.slice(0, 40)).toEqual([]);
  }, 300_000);
});
