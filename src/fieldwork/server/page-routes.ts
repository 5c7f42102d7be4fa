/**
 * The question pages: `/q` (intro or resume), `/q/<page>` (GET shows, POST stores and
 * redirects: POST-redirect-GET), `/q/done` (thanks). A POST is acknowledged with its redirect
 * only after the store has committed the page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Answers, FieldError, QuestionnairePage, ResponseState } from '../types.js';
import { csrfToken, sendSystemPage, type ServerContext } from './context.js';
import { isStarted, nextPage, position, previousPage, progress, reachable, sameAnswers, sameSkipped, storedPageIndex } from './flow.js';
import { message } from './messages.js';
import type { FormBody } from './ports.js';
import { admits } from './schedule.js';
import { readSession } from './session.js';

/** Hidden field of every question page: the revision the page was rendered from. */
export const REVISION_FIELD = '_revision';
const CSRF_FIELD = '_csrf';

export function pageRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const q = ctx.parts.questionnaire;
  const lang = q.language;
  const byId = new Map(q.pages.map((p) => [p.id, p]));
  const entry = ctx.mode === 'personal' ? '/login' : undefined;

  /** The response of this browser's session, or a system page already sent. */
  async function current(request: FastifyRequest, reply: FastifyReply): Promise<ResponseState | FastifyReply> {
    const session = readSession(request, ctx.now(), ctx.sessionHours);
    if (session === undefined) return sendSystemPage(ctx, reply, 'invalid', { status: 401, message: message('noSession', lang), ...(entry ? { action: entry } : {}) });
    const state = session === 'invalid' ? undefined : await ctx.store.response(session.responseId);
    if (state === undefined) return sendSystemPage(ctx, reply, 'invalid', { status: 401, message: message('expired', lang), ...(entry ? { action: entry } : {}) });
    if (state.status === 'complete') return sendSystemPage(ctx, reply, 'thanks');
    if (!state.test && !admits(ctx.schedule, ctx.now(), isStarted(state))) return sendSystemPage(ctx, reply, 'closed');
    return state;
  }

  function render(
    reply: FastifyReply,
    state: ResponseState,
    page: QuestionnairePage,
    extra: { errors?: readonly FieldError[]; submitted?: Record<string, string | readonly string[]> } = {},
  ): FastifyReply {
    const pos = position(ctx.parts, state.answers, state.skipped, state.register);
    const back = previousPage(pos, page);
    const html = ctx.parts.renderPage({
      questionnaire: q,
      page,
      answers: state.answers,
      errors: extra.errors ?? [],
      ...(extra.submitted === undefined ? {} : { submitted: extra.submitted }),
      csrfToken: csrfToken(reply),
      action: `/q/${page.id}`,
      ...(back === undefined ? {} : { back: `/q/${back.id}` }),
      revision: state.revision,
      progress: progress(pos),
      ...(state.register === undefined ? {} : { register: state.register }),
    });
    return reply
      .code(extra.errors && extra.errors.length > 0 ? 400 : 200)
      .type('text/html; charset=utf-8')
      .send(html);
  }

  app.get('/q', async (request, reply) => {
    const state = await current(request, reply);
    if (!isState(state)) return state;
    const pos = position(ctx.parts, state.answers, state.skipped, state.register);
    const first = pos.asked[0];
    if (!isStarted(state) && first !== undefined) return sendSystemPage(ctx, reply, 'intro', { action: `/q/${first.id}` });
    return reply.redirect(pos.resume === undefined ? '/q/done' : `/q/${pos.resume.id}`, 303);
  });

  app.get('/q/done', async (request, reply) => {
    const state = await current(request, reply);
    if (!isState(state)) return state;
    return reply.redirect('/q', 303);
  });

  app.get<{ Params: { page: string } }>('/q/:page', async (request, reply) => {
    const state = await current(request, reply);
    if (!isState(state)) return state;
    const page = byId.get(request.params.page);
    const pos = position(ctx.parts, state.answers, state.skipped, state.register);
    if (page === undefined || !reachable(pos, page)) {
      return sendSystemPage(ctx, reply, 'invalid', { status: 404, action: '/q', message: message('outOfOrder', lang) });
    }
    return render(reply, state, page);
  });

  app.post<{ Params: { page: string }; Body: FormBody }>('/q/:page', { preHandler: app.csrfProtection }, async (request, reply) => {
    const state = await current(request, reply);
    if (!isState(state)) return state;
    const body: FormBody = request.body ?? {};
    const page = byId.get(request.params.page);
    const before = position(ctx.parts, state.answers, state.skipped, state.register);
    const revision = Number(single(body[REVISION_FIELD]));
    if (page === undefined || !reachable(before, page) || !Number.isInteger(revision)) {
      return sendSystemPage(ctx, reply, 'invalid', { status: 400, action: '/q', message: message('outOfOrder', lang) });
    }
    const fields: Record<string, string | readonly string[]> = {};
    for (const [k, v] of Object.entries(body)) if (v !== undefined && k !== CSRF_FIELD && k !== REVISION_FIELD) fields[k] = v;
    const parsed = ctx.parts.parsePage(page, fields);
    if (parsed.errors.length > 0) return render(reply, state, page, { errors: parsed.errors, submitted: fields });

    // The full answer set after this page: the page's variables replaced, then the routing clean-up.
    const own = new Set(ctx.parts.pageVariables(page));
    const answers: Record<string, Answers[string]> = {};
    for (const [k, v] of Object.entries(state.answers)) if (!own.has(k)) answers[k] = v;
    Object.assign(answers, parsed.answers);
    const skipped = [...state.skipped.filter((v) => !own.has(v)), ...parsed.skipped];
    const cleaned = ctx.parts.cleanRouting(answers, skipped, state.register);
    const after = position(ctx.parts, cleaned.answers, cleaned.skipped, state.register);
    const pageIndex = storedPageIndex(ctx.parts, after);
    const status = after.resume === undefined ? 'complete' : 'started';
    const next = status === 'complete' ? '/q/done' : `/q/${(nextPage(after, page) ?? after.resume!).id}`;

    const identical =
      sameAnswers(cleaned.answers, state.answers) && sameSkipped(cleaned.skipped, state.skipped) && pageIndex === state.pageIndex && status === state.status;
    if (identical) return reply.redirect(next, 303); // a double click or a retried request: nothing to store
    if (revision !== state.revision) return sendSystemPage(ctx, reply, 'stale', { action: '/q' });

    const result = await ctx.store.submitPage({
      responseId: state.id,
      expectedRevision: revision,
      pageId: page.id,
      answers: cleaned.answers,
      skipped: cleaned.skipped,
      pageIndex,
      status,
    });
    if (result.kind === 'stale') return sendSystemPage(ctx, reply, 'stale', { action: '/q' });
    return reply.redirect(next, 303);
  });
}

function isState(v: ResponseState | FastifyReply): v is ResponseState {
  return typeof (v as ResponseState).revision === 'number' && typeof (v as ResponseState).id === 'string';
}

function single(v: string | readonly string[] | undefined): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : (v[0] ?? '');
}
