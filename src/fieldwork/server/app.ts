/**
 * The respondent server: Fastify with signed-cookie sessions, CSRF on every form, a CSP
 * without unsafe-inline, body size limits and friendly system pages for every failure. It
 * keeps no state of its own, so several instances can serve one study on one PostgreSQL store.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { isAdminPath, sendAdminClientError } from '../admin/errors.js';
import { adminRoutes } from '../admin/routes.js';
import { dashboardRoutes } from '../dashboard/routes.js';
import { type AttemptLimits, defaultLimits, sendSystemPage, type ServerContext } from './context.js';
import { entryRoutes } from './entry-routes.js';
import { openLinks } from './links.js';
import { message } from './messages.js';
import { optOutRoutes } from './optout-routes.js';
import { pageRoutes } from './page-routes.js';
import type { QuestionnaireParts, ServerStore } from './ports.js';
import type { Schedule } from './schedule.js';
import { rememberingSigner } from './cookie-signer.js';
import { securityHeaders } from './security-headers.js';
import { cookieOptions } from './session.js';

/** One line per request: never a URL with a token, never a body. */
export interface RequestLogEntry {
  readonly method: string;
  /** The route pattern (`/s/:token`), not the URL. */
  readonly route: string;
  readonly status: number;
  readonly ms: number;
}

export interface FieldServerOptions {
  readonly store: ServerStore;
  readonly parts: QuestionnaireParts;
  readonly mode: 'personal' | 'open';
  readonly schedule: Schedule;
  /** The store's `cookie` secret (signs sessions and CSRF secrets; derives the open links). */
  readonly secret: Buffer;
  readonly studyId: string;
  /** Trust X-Forwarded-For/-Proto from a proxy in front (Secure cookies behind TLS). */
  readonly trustProxy?: boolean;
  /** Largest request body accepted, in bytes (default 64 KiB). */
  readonly bodyLimit?: number;
  readonly limits?: Partial<AttemptLimits>;
  /** Hours a session cookie stays valid (default 24). */
  readonly sessionHours?: number;
  /** Where request log lines go; default: stderr as JSON. */
  readonly log?: (entry: RequestLogEntry) => void;
  /** Where unexpected server errors go (name, code and stack frames; never a message body). */
  readonly logError?: (text: string) => void;
  readonly now?: () => number;
  /**
   * Screens of other parts on the researcher's side (e.g. the coding screens of src/coding),
   * registered after the admin routes: fieldwork does not import the parts above it.
   */
  readonly extraRoutes?: readonly ((app: FastifyInstance) => void)[];
}

export async function createFieldServer(options: FieldServerOptions): Promise<FastifyInstance> {
  const ctx: ServerContext = {
    store: options.store,
    parts: options.parts,
    mode: options.mode,
    schedule: options.schedule,
    links: openLinks(options.secret, options.studyId, options.parts.questionnaire.wave),
    limits: { ...defaultLimits, ...options.limits },
    sessionHours: options.sessionHours ?? 24,
    now: options.now ?? Date.now,
  };
  const lang = options.parts.questionnaire.language;
  const log = options.log ?? ((e: RequestLogEntry) => process.stderr.write(`${JSON.stringify(e)}\n`));
  const logError = options.logError ?? ((t: string) => process.stderr.write(`${t}\n`));

  const app = Fastify({
    // No Fastify logger at all (so no request logging either): the onResponse hook below writes
    // our own one-line log. (The disableRequestLogging option is deprecated, FSTDEP023.)
    logger: false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: options.bodyLimit ?? 64 * 1024,
    // Repeated query/form keys stay arrays; ids of pages are short.
    routerOptions: { maxParamLength: 200 },
  });

  // Only HTML forms are accepted: no JSON or text bodies (a forged request gets the friendly page).
  app.removeAllContentTypeParsers();
  await app.register(fastifyFormbody, { bodyLimit: options.bodyLimit ?? 64 * 1024 });
  await app.register(fastifyCookie, { secret: rememberingSigner(options.secret.toString('base64')) });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/cookie', cookieKey: 'spiegel_csrf', cookieOpts: cookieOptions });
  const security = await securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(security);
    done();
  });

  app.addHook('onSend', async (_request, reply, payload) => {
    if (String(reply.getHeader('content-type') ?? '').startsWith('text/html')) reply.header('cache-control', 'no-store');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    log({ method: request.method, route: request.routeOptions.url ?? '(none)', status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 });
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const code = error.code ?? '';
    if ((error.statusCode ?? 500) < 500 && isAdminPath(request.url)) return sendAdminClientError(reply, error.statusCode ?? 400, code);
    if (code === 'FST_CSRF_INVALID_TOKEN' || code === 'FST_CSRF_MISSING_SECRET') {
      return sendSystemPage(ctx, reply, 'invalid', { status: 403, action: '/q', message: message('forged', lang) });
    }
    if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendSystemPage(ctx, reply, 'invalid', { status: 413, action: '/q', message: message('tooLarge', lang) });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return sendSystemPage(ctx, reply, 'invalid', { status, action: '/q', message: message('forged', lang) });
    }
    const frames = (error.stack ?? '').split('\n').filter((l) => l.trimStart().startsWith('at ')).slice(0, 8).join('\n');
    logError(`field server error: ${error.name}${code === '' ? '' : ` ${code}`}\n${frames}`);
    try {
      return sendSystemPage(ctx, reply, 'error');
    } catch {
      // Even the error page failed: a plain sentence, still no trace.
      return reply.code(500).type('text/plain; charset=utf-8').send('Er ging iets mis. Probeer het later opnieuw. / Something went wrong. Please try again later.');
    }
  });
  app.setNotFoundHandler((_request, reply) => sendSystemPage(ctx, reply, 'invalid', { status: 404, message: message('expired', lang) }));

  for (const asset of options.parts.assets) {
    app.get(asset.path, async (_request, reply) =>
      reply.type(asset.contentType).header('cache-control', 'public, max-age=31536000, immutable').send(asset.body),
    );
  }
  app.get('/healthz', async (_request, reply) => reply.type('text/plain').send('ok'));

  entryRoutes(app, ctx);
  pageRoutes(app, ctx);
  adminRoutes(app, ctx);
  dashboardRoutes(app, ctx);
  optOutRoutes(app, ctx);
  for (const register of options.extraRoutes ?? []) register(app);
  return app;
}
