/**
 * Routes of the interview screens (coder role; CSRF on every change): the list of interviews and
 * topics, one interview with its fragments and the form to code one, and the code report of a
 * topic. A fragment's topics are saved in the store per coder with a revision (a save from an old
 * page changes nothing and says what is stored); every state is logged, so undo goes back one.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { adminUserOf, requireRole } from '../../fieldwork/admin/guard.js';
import type { Role } from '../../fieldwork/admin/roles.js';
import type { Html } from '../../fieldwork/questionnaire/escape.js';
import { saveSpan, spanHistory, spansOf } from '../../fieldwork/store/coding-spans.js';
import type { FieldDatabase } from '../../fieldwork/store/schema.js';
import { codePointLength, codePointOffset, sliceCodePoints } from '../interviews/spans.js';
import { topicReport } from '../interviews/topics.js';
import { asFragmentCodings, currentFragments, fragmentsInFile, type CurrentFragment, type InterviewSet } from '../workspace/interviews.js';
import { documentBody, documentLink, INTERVIEWS_HOME, interviewsBody, topicBody, type DocumentScreen } from './span-pages.js';

export interface SpanRoutesContext {
  readonly db: Kysely<FieldDatabase>;
  readonly set: InterviewSet;
  readonly roles: readonly Role[];
  readonly page: (request: FastifyRequest, reply: FastifyReply, title: string, body: Html, status?: number) => FastifyReply;
  readonly notFound: (request: FastifyRequest, reply: FastifyReply, what: string) => FastifyReply;
}

type Body = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The fragments of the set now: the file's with the store's over them. */
export async function setFragments(db: Kysely<FieldDatabase>, set: InterviewSet, document?: string): Promise<CurrentFragment[]> {
  const stored = await spansOf(db, set.id, document);
  const file = (await fragmentsInFile(set)).filter((f) => document === undefined || f.document === document);
  return currentFragments(file, stored);
}

export function spanRoutes(app: FastifyInstance, ctx: SpanRoutesContext): void {
  const set = ctx.set;
  const docs = new Map(set.documents.map((d) => [d.id, d]));
  const known = new Set(set.codes.map((c) => c.code.id));
  const attributes = [...new Set(set.documents.flatMap((d) => Object.keys(d.attributes)))].sort();
  const guard = { preHandler: requireRole(...ctx.roles) };

  app.get(INTERVIEWS_HOME, guard, async (request, reply) => {
    const fragments = await setFragments(ctx.db, set);
    const topics = topicReport(set.codebook, set.documents, asFragmentCodings(fragments));
    return ctx.page(request, reply, 'Interviews', interviewsBody(set, fragments, topics, adminUserOf(request).username));
  });

  app.get<{ Params: { code: string }; Querystring: { by?: string } }>(`${INTERVIEWS_HOME}/topic/:code`, guard, async (request, reply) => {
    const by = attributes.includes(request.query.by ?? '') ? request.query.by : undefined;
    const topics = topicReport(set.codebook, set.documents, asFragmentCodings(await setFragments(ctx.db, set)), by);
    const topic = topics.find((t) => t.code === request.params.code);
    if (topic === undefined) return ctx.notFound(request, reply, 'topic');
    return ctx.page(request, reply, `Topic: ${topic.label}`, topicBody(set, topic, by, attributes));
  });

  async function screen(request: FastifyRequest, reply: FastifyReply, doc: string, extra: Pick<DocumentScreen, 'message' | 'form'> = {}, status = 200): Promise<FastifyReply> {
    const d = docs.get(doc)!;
    const me = adminUserOf(request).username;
    const fragments = await setFragments(ctx.db, set, doc);
    const undoable = new Set((await spansOf(ctx.db, set.id, doc)).filter((s) => s.coder === me).map((s) => `${s.start}-${s.end}`));
    const body = documentBody({ set, document: d, fragments, me, undoable, csrfToken: reply.generateCsrf(), ...extra });
    return ctx.page(request, reply, d.title, body, status);
  }

  app.get<{ Params: { doc: string } }>(`${INTERVIEWS_HOME}/d/:doc`, guard, async (request, reply) => {
    if (!docs.has(request.params.doc)) return ctx.notFound(request, reply, 'interview');
    return screen(request, reply, request.params.doc);
  });

  app.post<{ Params: { doc: string }; Body: Body }>(`${INTERVIEWS_HOME}/d/:doc/fragment`, { preHandler: [app.csrfProtection, requireRole(...ctx.roles)] }, async (request, reply) => {
    const doc = request.params.doc;
    const d = docs.get(doc);
    if (d === undefined) return ctx.notFound(request, reply, 'interview');
    const body = request.body ?? {};
    const me = adminUserOf(request).username;
    const codes = list(body.code);
    const form = { start: one(body.start), end: one(body.end), words: one(body.words), codes };
    const refuse = (text: string, status = 400): Promise<FastifyReply> => screen(request, reply, doc, { message: { kind: 'error', text: `${text} Nothing was saved.` }, form }, status);
    const revision = Number(one(body.revision));
    if (!Number.isInteger(revision) || revision < 0) return refuse('The form was incomplete.');
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length > 0) return refuse(`Unknown topic ${unknown.join(', ')}: the topic list may have changed.`);
    // Where the fragment is: positions (from a selection or typed), else words that occur once.
    const length = codePointLength(d.text);
    let start: number;
    let end: number;
    if (form.start !== '' || form.end !== '') {
      start = Number(form.start);
      end = Number(form.end);
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > length) {
        return refuse(`The positions must be whole numbers with 0 ≤ from < to ≤ ${length} (the interview has ${length} characters).`);
      }
    } else if (form.words !== '') {
      const words = form.words.replace(/\r\n?/g, '\n').normalize('NFC');
      const first = d.text.indexOf(words);
      if (first === -1) return refuse('These words do not occur in the interview (as typed: with the same spaces and punctuation).');
      if (d.text.indexOf(words, first + 1) !== -1) return refuse('These words occur more than once in the interview: type more of the passage, or select it.');
      start = codePointOffset(d.text, first);
      end = start + codePointLength(words);
    } else {
      return refuse('Select a passage, type words of it, or give its positions.');
    }
    const key = { topics: set.id, document: doc, start, end, coder: me };
    let save: readonly string[] = codes;
    if (one(body.undo) === '1') {
      const history = await spanHistory(ctx.db, key);
      if (history.length === 0) return refuse('There is nothing to undo for this fragment.');
      const inFile = (await fragmentsInFile(set)).find((f) => f.document === doc && f.start === start && f.end === end && f.coder === me);
      save = history.length >= 2 ? history[history.length - 2].codes : (inFile?.codes ?? []);
    } else if (one(body.remove) === '1') {
      save = [];
    } else if (codes.length === 0) {
      return refuse('Tick one or more topics (or remove the fragment).');
    }
    const result = await saveSpan(ctx.db, { ...key, text: sliceCodePoints(d.text, start, end), codes: save, expectedRevision: revision });
    if (result.kind === 'stale') {
      return screen(request, reply, doc, { message: { kind: 'stale', text: `This fragment was saved meanwhile (in another tab or window); your change was not saved. Below is what is stored now.` } }, 409);
    }
    return reply.redirect(`${documentLink(doc)}#f-${start}-${end}-${me.replace(/[^A-Za-z0-9_-]/g, '_')}`, 303);
  });
}
