/**
 * The dashboard on the researcher's side: `/admin` (researchers and administrators see every
 * figure, the fieldwork manager only the response counts, a coder nothing) and
 * `/admin/figures/<name>.csv` for each figure, every download recorded in the audit log. The
 * figures are read fresh on each request (one snapshot), so the page is live during fieldwork;
 * on request (`/admin?refresh=1`) it reloads itself every minute through a meta refresh (no script).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { adminUserOf, requireRole } from '../admin/guard.js';
import { sendAdminPage } from '../admin/layout.js';
import type { Role } from '../admin/roles.js';
import type { ServerContext } from '../server/context.js';
import { recordAudit } from '../store/audit.js';
import { FIGURE_NAMES, type FigureName, figureCsv, isFigureName } from './csv.js';
import { figureSettings, readFigures } from './figures.js';
import { dashboardBody, type DashboardView } from './page.js';

/** Seconds between reloads of the live page. */
export const REFRESH_SECONDS = 60;

const VIEWS: Readonly<Partial<Record<Role, DashboardView>>> = {
  administrator: 'full',
  researcher: 'full',
  'fieldwork-manager': 'counts',
};
/** The figures each view may download. */
const DOWNLOADS: Readonly<Record<DashboardView, readonly FigureName[]>> = {
  full: FIGURE_NAMES,
  counts: ['response-per-day'],
};

export function dashboardRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const db = ctx.store.db;
  if (db === undefined) return;
  const store = { engine: ctx.store.engine ?? 'sqlite', db };
  const settings = figureSettings(ctx.parts.questionnaire);
  const targets = settings.strata?.targets;
  const totalTarget = targets === undefined ? undefined : Object.values(targets).reduce((a, b) => a + b, 0);
  const allowed = requireRole('administrator', 'researcher', 'fieldwork-manager');

  const viewOf = (role: Role): DashboardView | undefined => VIEWS[role];

  app.get<{ Querystring: { refresh?: string } }>('/admin', { preHandler: allowed }, async (request, reply) => {
    const user = adminUserOf(request);
    const view = viewOf(user.role)!;
    const figures = await readFigures(store, settings, ctx.now);
    // Reloads only when asked for (`?refresh=1`): a timed refresh the user did not choose fails WCAG 2.2.1.
    const refresh = request.query.refresh === '1' ? { refreshSeconds: REFRESH_SECONDS } : {};
    return sendAdminPage(reply, {
      title: 'Dashboard',
      user,
      current: '/admin',
      ...refresh,
      body: dashboardBody(figures, { view, timeZone: settings.timeZone, ...refresh, ...(totalTarget === undefined ? {} : { totalTarget }) }),
    });
  });

  app.get<{ Params: { file: string } }>('/admin/figures/:file', { preHandler: allowed }, async (request, reply): Promise<FastifyReply> => {
    const user = adminUserOf(request);
    const view = viewOf(user.role)!;
    const name = request.params.file.endsWith('.csv') ? request.params.file.slice(0, -4) : '';
    if (!isFigureName(name)) return reply.code(404).type('text/plain; charset=utf-8').send('No such figure.');
    if (!DOWNLOADS[view].includes(name)) return reply.code(403).type('text/plain; charset=utf-8').send('Your role may not download this figure.');
    const figures = await readFigures(store, settings, ctx.now);
    const text = figureCsv(name, figures);
    await recordAudit(db, { username: user.username, action: 'figure-download', detail: `${name}.csv (figures as of ${figures.takenAt})` });
    const day = figures.takenAt.slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}-${day}.csv"`)
      .header('cache-control', 'no-store')
      .send(text);
  });
}
