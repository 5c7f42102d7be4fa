/**
 * The researcher's side on the respondent server: registered in app.ts with one line. It exists
 * only when the store gives its database (the real store always does; the server's unit tests
 * use a store without one, and then every guarded route answers 404).
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../server/context.js';
import { auditRoutes } from './audit-page.js';
import { type AdminContext, defaultAdminLimits } from './context.js';
import { loginRoutes } from './login-routes.js';
import { adminCss, adminCssPath } from './style.js';

export function adminRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const db = ctx.store.db;
  if (db === undefined) return;
  const admin: AdminContext = {
    db,
    countLoginAttempt: (key, seconds) => ctx.store.countLoginAttempt(key, seconds),
    limits: defaultAdminLimits,
    now: ctx.now,
  };
  app.decorate('spiegelAdmin', admin);
  app.decorateRequest('adminUser', undefined);

  app.get(adminCssPath, async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=31536000, immutable').send(adminCss),
  );
  loginRoutes(app, admin);
  auditRoutes(app, admin);
}
