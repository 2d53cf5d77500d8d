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
    authorize(req.actor, action, { userId: req.actor.id, streetId: req.actor.streetId, houseId: req.actor.houseId });
  });
}
