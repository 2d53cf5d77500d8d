// The OpenAPI document as a client generator sees it: every operation has a unique id, the security its action
// needs, the problem+json error answers, and a tag; the document is the one `npm run openapi` writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPublic } from '../../src/server/access.ts';
import { openapiPath } from '../../src/server/auth/plugin.ts';
import { createTestApp, type TestApp } from '../support/testApp.ts';

type Operation = {
  operationId?: string;
  tags?: string[];
  summary?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { $ref?: string }>;
  'x-action'?: string;
};

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>>; components: Record<string, Record<string, unknown>> };
  beforeAll(async () => {
    t = await createTestApp('pglite');
    doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
  });
  afterAll(() => t?.close());

  it('lists every /api route once, each with a unique operation id, a tag and a summary', () => {
    const ids = new Set<string>();
    for (const route of t.app.apiRoutes) {
      const op = doc.paths[openapiPath(route.url)]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.url}`).toBeDefined();
      expect(op.operationId).toMatch(/^[a-z][A-Za-z0-9]+$/);
      expect(ids.has(op.operationId!), op.operationId).toBe(false);
      ids.add(op.operationId!);
      expect(op.tags?.length).toBeGreaterThan(0);
      expect(op.summary).toBeTruthy();
      expect(op['x-action']).toBe(route.action);
    }
    expect(ids.size).toBe(t.app.apiRoutes.length);
    expect(doc.paths['/api/bookings'].post.operationId).toBe('postBookings');
    expect(doc.paths['/api/bookings/{id}/cancel'].post.operationId).toBe('postBookingsByIdCancel');
  });

  it('applies the declared schemes: none for public routes, the session, and the CSRF header for state changes', () => {
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['session', 'csrf']);
    for (const route of t.app.apiRoutes) {
      const op = doc.paths[openapiPath(route.url)][route.method.toLowerCase()];
      const where = `${route.method} ${route.url}`;
      if (isPublic(route.action)) expect(op.security, where).toEqual([]);
      else if (route.method === 'GET') expect(op.security, where).toEqual([{ session: [] }]);
      else expect(op.security, where).toEqual([{ session: [], csrf: [] }]);
    }
  });

  it('documents the problem+json error answers through one shared schema', () => {
    const problem = doc.components.schemas.Problem as { required: string[] };
    expect(problem.required).toEqual(['type', 'title', 'status', 'code']);
    for (const [name, response] of Object.entries(doc.components.responses)) {
      expect((response as { content: Record<string, { schema: unknown }> }).content['application/problem+json'].schema, name).toEqual({
        $ref: '#/components/schemas/Problem',
      });
    }
    for (const route of t.app.apiRoutes) {
      const op = doc.paths[openapiPath(route.url)][route.method.toLowerCase()];
      const codes = Object.keys(op.responses);
      const where = `${route.method} ${route.url}`;
      expect(codes, where).toContain('400');
      if (!isPublic(route.action)) expect(codes, where).toEqual(expect.arrayContaining(['401', '403']));
      if (route.url.includes(':')) expect(codes, where).toContain('404');
      if (route.method !== 'GET') expect(codes, where).toEqual(expect.arrayContaining(['409', '422', '503']));
      expect(
        codes.some((c) => c.startsWith('2')),
        where,
      ).toBe(true);
    }
    expect(doc.paths['/api/bookings'].post.responses['503']).toEqual({ $ref: '#/components/responses/LockTimeout' });
  });
});
