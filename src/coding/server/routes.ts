/**
 * The coding screens on the researcher's side (/admin/code…), for accounts with the coding right:
 * an overview of the coded questions, a filtered list per question, one answer at a time with
 * codes, suggestions, undo and keyboard shortcuts, and a resolve view where coders disagree.
 * Codings are saved in the store (src/fieldwork/store/codings.ts) under the account's name; a
 * save from an old revision (another tab) changes nothing and shows what is stored now.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminContextOf } from '../../fieldwork/admin/context.js';
import { adminUserOf, requireRole } from '../../fieldwork/admin/guard.js';
import { sendAdminPage } from '../../fieldwork/admin/layout.js';
import { rolesWith } from '../../fieldwork/admin/roles.js';
import { html, type Html } from '../../fieldwork/questionnaire/escape.js';
import { recordAudit } from '../../fieldwork/store/audit.js';
import { codingHistory, saveCoding, type StoredCoding } from '../../fieldwork/store/codings.js';
import { FINAL_CODER } from '../final.js';
import { answerIndex, listAnswers, todoCount, type AnswerFilter, type CodingStatus } from '../workspace/filter.js';
import { CodingViews } from './cache.js';
import type { CodingQuestion } from '../workspace/questions.js';
import { codingAssets } from './assets.js';
import type { MoveQuestion } from '../workspace/moves.js';
import { movesOverviewRows } from './move-pages.js';
import { moveRoutes, moveStates } from './move-routes.js';
import type { InterviewSet } from '../workspace/interviews.js';
import { INTERVIEWS_HOME } from './span-pages.js';
import { spanRoutes } from './span-routes.js';
import { answerBody, answerLink, CODING_HOME, codingBase, listBody, overviewBody, type AnswerScreen } from './pages.js';
import { prepareSuggestions, suggestCodes } from './suggestions.js';

export interface CodingRoutesOptions {
  readonly questions: readonly CodingQuestion[];
  /** Back-codings whose "Anders, namelijk" answers can be moved (src/coding/workspace/moves.ts). */
  readonly moves?: readonly MoveQuestion[];
  /**
   * During fieldwork: the questions and back-codings with the answers as the store holds them now
   * (src/coding/workspace/live.ts), asked at every request; undefined while nothing changed.
   */
  readonly live?: () => Promise<{ readonly questions: readonly CodingQuestion[]; readonly moves: readonly MoveQuestion[] } | undefined>;
  /** Interviews whose fragments are coded with topics (src/coding/workspace/interviews.ts). */
  readonly interviews?: InterviewSet;
}

type Params = { q: string; unit?: string };
type Body = Record<string, string | string[] | undefined>;

const STATUSES: readonly CodingStatus[] = ['all', 'todo', 'mine', 'disagree', 'final'];
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export function codingRoutes(app: FastifyInstance, options: CodingRoutesOptions): void {
  // The store's database as the researcher's side has it (absent: no researcher's side, no screens).
  const admin = adminContextOf(app);
  if (admin === undefined) return;
  const o = { db: admin.db };
  const views = new CodingViews(admin.db);
  const coders = rolesWith('coding');
  const arrange = (questions: readonly CodingQuestion[], moves: readonly MoveQuestion[]) => {
    for (const q of questions) prepareSuggestions(q);
    return { questions, moves, byId: new Map(questions.map((q) => [q.id, q])) };
  };
  let work = arrange(options.questions, options.moves ?? []);
  /** The questions now (during fieldwork: refreshed from the store when its answers changed). */
  const current = async (): Promise<typeof work> => {
    const fresh = options.live === undefined ? undefined : await options.live();
    if (fresh !== undefined) work = arrange(fresh.questions, fresh.moves);
    return work;
  };
  const assets = { css: codingAssets.filter((a) => a.path.endsWith('.css')).map((a) => a.path), js: codingAssets.filter((a) => a.path.endsWith('.js')).map((a) => a.path) };
  for (const a of codingAssets) app.get(a.path, async (_req, reply) => reply.type(a.contentType).header('cache-control', 'public, max-age=31536000, immutable').send(a.body));

  const page = (request: FastifyRequest, reply: FastifyReply, title: string, body: Html, status = 200): FastifyReply =>
    sendAdminPage(reply, { title, user: adminUserOf(request), current: CODING_HOME, body, assets }, status);

  const notFound = (request: FastifyRequest, reply: FastifyReply, what: string): FastifyReply =>
    page(request, reply, 'Not found', notFoundBody(what), 404);

  app.get(CODING_HOME, { preHandler: requireRole(...coders) }, async (request, reply) => {
    const me = adminUserOf(request).username;
    const { questions, moves } = await current();
    const summaries = await Promise.all(
      questions.map(async (question) => {
        const view = await views.of(question.id);
        const byUnit = view.byUnit;
        const listed = listAnswers(question, view, me, { status: 'disagree' }, 1, 1);
        let mine = 0;
        let coded = 0;
        for (const a of question.answers) {
          const c = byUnit.get(a.unit);
          if (c === undefined) continue;
          coded++;
          if (c.has(me)) mine++;
        }
        return { question, mine, coded, disagree: listed.total };
      }),
    );
    const moved = new Map(
      await Promise.all(
        moves.map(async (m) => {
          const states = await moveStates(o.db, m);
          return [m.id, m.answers.filter((a) => (states.get(a.unit)?.to ?? null) !== null).length] as const;
        }),
      ),
    );
    const interviews = options.interviews;
    return page(
      request,
      reply,
      'Coding',
      html`${summaries.length > 0 || (moves.length === 0 && interviews === undefined) ? overviewBody(summaries) : ''}${movesOverviewRows(moves, (m) => moved.get(m.id) ?? 0)}${
        interviews === undefined ? '' : html`<h2>Interviews</h2><p><a href="${INTERVIEWS_HOME}">${interviews.documents.length} interviews to code with the topics of “${interviews.codebook.title}”</a>, and the code report per topic.</p>`
      }`,
    );
  });

  app.get<{ Params: Params; Querystring: Record<string, string | undefined> }>(`${CODING_HOME}/:q`, { preHandler: requireRole(...coders) }, async (request, reply) => {
    const q = (await current()).byId.get(request.params.q);
    if (q === undefined) return notFound(request, reply, 'question');
    const me = adminUserOf(request).username;
    const query = request.query;
    const [gv, ...gval] = (query.group ?? '').split(':');
    const filter: AnswerFilter = {
      ...(query.text ? { text: query.text.slice(0, 200) } : {}),
      ...(STATUSES.includes(query.status as CodingStatus) ? { status: query.status as CodingStatus } : {}),
      ...(gv && gval.length > 0 ? { group: { variable: gv, value: gval.join(':') } } : {}),
    };
    const result = listAnswers(q, await views.of(q.id), me, filter, Number(query.page ?? 1) || 1);
    return page(request, reply, `Coding: ${q.codebook.title}`, listBody(q, filter, result, me));
  });

  /** The screen of one answer (coding, or resolving when `resolve`). */
  async function screen(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, resolve: boolean, message?: AnswerScreen['message'], checked?: readonly string[], status = 200): Promise<FastifyReply> {
    const q = (await current()).byId.get(request.params.q);
    const index = q === undefined ? -1 : answerIndex(q, request.params.unit ?? '');
    if (q === undefined || index < 0) return notFound(request, reply, 'answer');
    const answer = q.answers[index];
    const me = adminUserOf(request).username;
    const coder = resolve ? FINAL_CODER : me;
    const view = await views.of(q.id);
    const byUnit = view.byUnit;
    const stored = view.storedByUnit.get(answer.unit) ?? [];
    const mine = stored.find((c) => c.coder === coder);
    const others = resolve ? stored.filter((c) => c.coder !== FINAL_CODER) : undefined;
    // On the resolve screen, start from the codes every coder gave.
    const agreed = others !== undefined && mine === undefined ? agreedCodes(others) : undefined;
    let todoAfter = index + 1;
    while (todoAfter < q.answers.length && byUnit.get(q.answers[todoAfter].unit)?.has(me)) todoAfter++;
    if (todoAfter >= q.answers.length) todoAfter = -1;
    const history = resolve ? [] : await codingHistory(o.db, q.id, answer.unit, me);
    const body = answerBody({
      question: q,
      answer,
      position: index + 1,
      mine,
      checked: checked ?? agreed,
      suggestions: resolve ? [] : suggestCodes(q, view.finals, answer.unit, answer.text),
      ...(index > 0 ? { previous: q.answers[index - 1].unit } : {}),
      ...(todoAfter >= 0 ? { next: q.answers[todoAfter].unit } : index + 1 < q.answers.length ? { next: q.answers[index + 1].unit } : {}),
      todo: todoCount(q, view, me),
      csrfToken: reply.generateCsrf(),
      canUndo: history.length > 1,
      ...(message ? { message } : {}),
      ...(others !== undefined ? { others } : {}),
    });
    return page(request, reply, resolve ? `Resolve: answer ${answer.unit}` : `Code answer ${answer.unit}`, body, status);
  }

  async function save(request: FastifyRequest<{ Params: Params; Body: Body }>, reply: FastifyReply, resolve: boolean): Promise<FastifyReply> {
    const q = (await current()).byId.get(request.params.q);
    const unit = request.params.unit ?? '';
    if (q === undefined || answerIndex(q, unit) < 0) return notFound(request, reply, 'answer');
    const body = request.body ?? {};
    const known = new Set(q.codes.map((c) => c.code.id));
    const codes = list(body.code);
    const unknown = codes.filter((c) => !known.has(c));
    const none = list(body.none).includes('1');
    const revision = Number(body.revision);
    if (unknown.length > 0 || !Number.isInteger(revision) || revision < 0) {
      return screen(request, reply, resolve, { kind: 'error', text: unknown.length > 0 ? `Unknown code ${unknown.join(', ')}: the codebook may have changed. Nothing was saved.` : 'The form was incomplete. Nothing was saved.' }, undefined, 400);
    }
    if (codes.length === 0 && !none) {
      return screen(request, reply, resolve, { kind: 'error', text: 'Tick one or more codes, or "No code applies". Nothing was saved.' }, [], 400);
    }
    if (codes.length > 0 && none) {
      return screen(request, reply, resolve, { kind: 'error', text: '"No code applies" cannot go with other codes. Nothing was saved.' }, codes, 400);
    }
    const coder = resolve ? FINAL_CODER : adminUserOf(request).username;
    const result = await saveCoding(o.db, { question: q.id, unit, coder, codes, expectedRevision: revision });
    if (resolve && result.kind === 'saved') await recordAudit(o.db, { username: adminUserOf(request).username, action: 'coding-resolve', detail: `question ${q.id}, answer ${unit}: final codes ${codes.join(', ') || '(none)'}` });
    if (result.kind === 'stale') {
      return screen(request, reply, resolve, { kind: 'stale', text: 'This answer was saved meanwhile (in another tab or window). Below is what is stored now; your change was not saved.' }, result.current.codes, 409);
    }
    if (!resolve && body.then === 'next') {
      const byUnit = (await views.of(q.id)).byUnit;
      const me = adminUserOf(request).username;
      const index = answerIndex(q, unit);
      const next = [...q.answers.slice(index + 1), ...q.answers.slice(0, index)].find((a) => !byUnit.get(a.unit)?.has(me));
      return reply.redirect(next === undefined ? `${codingBase(q.id)}?status=mine` : answerLink(q.id, next.unit), 303);
    }
    return reply.redirect(resolve ? `${codingBase(q.id)}?status=disagree` : answerLink(q.id, unit), 303);
  }

  moveRoutes(app, { db: o.db, questions: async () => (await current()).moves, roles: coders, page, notFound });
  if (options.interviews !== undefined) spanRoutes(app, { db: o.db, set: options.interviews, roles: coders, page, notFound });

  const guarded = { preHandler: [app.csrfProtection, requireRole(...coders)] };
  app.get<{ Params: Params }>(`${CODING_HOME}/:q/a/:unit`, { preHandler: requireRole(...coders) }, (request, reply) => screen(request, reply, false));
  app.post<{ Params: Params; Body: Body }>(`${CODING_HOME}/:q/a/:unit`, guarded, (request, reply) => save(request, reply, false));
  app.get<{ Params: Params }>(`${CODING_HOME}/:q/resolve/:unit`, { preHandler: requireRole(...coders) }, (request, reply) => screen(request, reply, true));
  app.post<{ Params: Params; Body: Body }>(`${CODING_HOME}/:q/resolve/:unit`, guarded, (request, reply) => save(request, reply, true));

  // Undo: back to the state before the last save of this coder (the log keeps every state).
  app.post<{ Params: Params; Body: Body }>(`${CODING_HOME}/:q/a/:unit/undo`, guarded, async (request, reply) => {
    const q = (await current()).byId.get(request.params.q);
    const unit = request.params.unit ?? '';
    if (q === undefined || answerIndex(q, unit) < 0) return notFound(request, reply, 'answer');
    const me = adminUserOf(request).username;
    const history = await codingHistory(o.db, q.id, unit, me);
    if (history.length < 2) return screen(request, reply, false, { kind: 'error', text: 'There is nothing to undo for this answer.' }, undefined, 400);
    const before = history[history.length - 2];
    const result = await saveCoding(o.db, { question: q.id, unit, coder: me, codes: before.codes, expectedRevision: Number(request.body?.revision) });
    if (result.kind === 'stale') return screen(request, reply, false, { kind: 'stale', text: 'This answer was saved meanwhile; nothing was undone. Below is what is stored now.' }, result.current.codes, 409);
    return reply.redirect(answerLink(q.id, unit), 303);
  });
}

/** Codes that every coder gave (the starting point of a resolution). */
function agreedCodes(codings: readonly StoredCoding[]): string[] {
  if (codings.length === 0) return [];
  return codings[0].codes.filter((c) => codings.every((o) => o.codes.includes(c)));
}

function notFoundBody(what: string): Html {
  return html`<p>There is no such ${what} in this study. <a href="${CODING_HOME}">Back to the coding overview</a>.</p>`;
}
