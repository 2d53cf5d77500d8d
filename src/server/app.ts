// The Fastify application: plugins, every module's routes, the OpenAPI document and the built front ends.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import multipart from '@fastify/multipart';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from './context.ts';
import { frameworkErrors, registerErrorHandling } from './errors.ts';
import { completeOpenApi, registerAuthHooks } from './auth/plugin.ts';
import authRoutes from './modules/auth/routes.ts';
import houseRoutes from './modules/houses/routes.ts';
import publicRoutes from './modules/public/routes.ts';
import policyRoutes from './modules/policy/routes.ts';
import adminRoutes from './modules/admin/routes.ts';
import familyRoutes from './modules/families/routes.ts';
import reviewRoutes from './modules/families/reviewRoutes.ts';
import documentRoutes from './modules/documents/routes.ts';
import careRoutes from './modules/care/routes.ts';
import bookingRoutes from './modules/bookings/routes.ts';
import testingRoutes from './modules/testing/routes.ts';
import staffRoutes from './modules/staff/routes.ts';
import complianceRoutes from './modules/compliance/routes.ts';
import attendanceRoutes from './modules/attendance/routes.ts';
import incidentRoutes from './modules/incidents/routes.ts';
import noticeRoutes from './modules/notices/routes.ts';
import guidanceRoutes from './modules/guidance/routes.ts';
import courseRoutes from './modules/courses/routes.ts';
import targetRoutes from './modules/targets/routes.ts';
import newbornRoutes from './modules/newborns/routes.ts';
import populationRoutes from './modules/population/routes.ts';

/** The built front ends; WEB_DIST overrides it (to serve a build made elsewhere). */
export const WEB_DIST = process.env.WEB_DIST
  ? path.resolve(process.env.WEB_DIST)
  : path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface BuildOptions {
  /** Fastify logger options; false for tests. */
  logger?: boolean | Record<string, unknown>;
}

export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: ctx.config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors,
  });
  app.decorate('ctx', ctx);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '宝宝屋 Baobaowu API',
        description: '虹口区社区托育“宝宝屋”服务平台接口。Errors are application/problem+json with a stable `code`.',
        version: '0.1.0',
      },
      servers: [{ url: '/', description: 'This server' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'bbw_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
    // Operation ids, security, problem+json error answers and tags, from each route's action (auth/plugin.ts).
    transformObject: (document) =>
      'openapiObject' in document ? completeOpenApi(document.openapiObject, app.apiRoutes) : document.swaggerObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onSend', async (_req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'SAMEORIGIN');
    reply.header('Referrer-Policy', 'same-origin');
  });

  registerAuthHooks(app);
  await app.register(authRoutes);
  await app.register(houseRoutes);
  await app.register(publicRoutes);
  await app.register(policyRoutes);
  await app.register(adminRoutes);
  await app.register(familyRoutes);
  await app.register(reviewRoutes);
  await app.register(documentRoutes);
  await app.register(careRoutes);
  await app.register(bookingRoutes);
  await app.register(noticeRoutes);
  await app.register(guidanceRoutes);
  await app.register(courseRoutes);
  await app.register(targetRoutes);
  await app.register(newbornRoutes);
  await app.register(populationRoutes);
  await app.register(staffRoutes);
  await app.register(complianceRoutes);
  await app.register(attendanceRoutes);
  await app.register(incidentRoutes);
  if (ctx.config.enableTestApi) await app.register(testingRoutes);

  registerWeb(app);
  return app;
}

/** The built console and H5 (`npm run build`), each a single-page app under its own path. */
function registerWeb(app: FastifyInstance) {
  if (!fs.existsSync(path.join(WEB_DIST, 'console.html'))) {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .send('前端尚未构建:请运行 npm run build。The web front ends are not built: run npm run build.'),
    );
    return;
  }
  app.register(fastifyStatic, { root: WEB_DIST, index: false, wildcard: false, serve: true, prefix: '/' });
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/h5/'));
  for (const [prefix, file] of [
    ['/console', 'console.html'],
    ['/h5', 'h5.html'],
  ] as const) {
    const handler = async (_req: unknown, reply: import('fastify').FastifyReply) =>
      reply.header('Cache-Control', 'no-cache').sendFile(file);
    app.get(prefix, { schema: { hide: true } }, handler);
    app.get(`${prefix}/*`, { schema: { hide: true } }, handler);
  }
}
