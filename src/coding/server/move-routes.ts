/**
 * Routes of the "Anders, namelijk" moves screen (coder role, CSRF on every change, audited):
 * GET the list of a back-coding's movable answers, POST a move (or "not moved", or undo) of one
 * answer. A save from an old revision (another window) changes nothing and shows what is stored.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { adminUserOf, requireRole } from '../../fieldwork/admin/guard.js';
import type { Role } from '../../fieldwork/admin/roles.js';
import type { Html } from '../../fieldwork/questionnaire/escape.js';
import { recordAudit } from '../../fieldwork/store/audit.js';
import { moveHistory, movesOf, saveMove } from '../../fieldwork/store/coding-moves.js';
import type { FieldDatabase } from '../../fieldwork/store/schema.js';
import { currentMoves, movesInFile, type MoveQuestion, type MoveState } from '../workspace/moves.js';
import { movesBody, movesLink, MOVES_HOME, type MovesScreen } from './move-pages.js';

export interface MoveRoutesContext {
  readonly db: Kysely<FieldDatabase>;
  /** The back-codings now (during fieldwork the answers change). */
  readonly questions: () => Promise<readonly MoveQuestion[]>;
  readonly roles: readonly Role[];
  readonly page: (request: FastifyRequest, reply: FastifyReply, title: string, body: Html, status?: number) => FastifyReply;
  readonly notFound: (request: FastifyRequest, reply: FastifyReply, what: string) => FastifyReply;
}

type Params = { b: string; unit?: string };
type Body = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** Current states of a back-coding's answers: the file's moves with the store's over them. */
export async function moveStates(db: Kysely<FieldDatabase>, q: MoveQuestion): Promise<Map<string, MoveState>> {
  return currentMoves(movesInFile(q), await movesOf(db, q.id));
}

export function moveRoutes(app: FastifyInstance, ctx: MoveRoutesContext): void {
  const byId = async (id: string): Promise<MoveQuestion | undefined> => (await ctx.questions()).find((q) => q.id === id);

  async function screen(request: FastifyRequest<{ Params: Params }>, reply: FastifyReply, q: MoveQuestion, message?: MovesScreen['message'], status = 200): Promise<FastifyReply> {
    const stored = await movesOf(ctx.db, q.id);
    const body = movesBody({
      question: q,
      states: currentMoves(movesInFile(q), stored),
      undoable: new Set(stored.map((m) => m.unit)),
      csrfToken: reply.generateCsrf(),
      ...(message ? { message } : {}),
    });
    return ctx.page(request, reply, `Anders, namelijk: ${q.label}`, body, status);
  }

  app.get<{ Params: Params }>(`${MOVES_HOME}/:b`, { preHandler: requireRole(...ctx.roles) }, async (request, reply) => {
    const q = await byId(request.params.b);
    if (q === undefined) return ctx.notFound(request, reply, 'back-coding');
    return screen(request, reply, q);
  });

  app.post<{ Params: Params; Body: Body }>(`${MOVES_HOME}/:b/:unit`, { preHandler: [app.csrfProtection, requireRole(...ctx.roles)] }, async (request, reply) => {
    const q = await byId(request.params.b);
    const unit = request.params.unit ?? '';
    const answer = q?.answers.find((a) => a.unit === unit);
    if (q === undefined || answer === undefined) return ctx.notFound(request, reply, 'answer');
    const body = request.body ?? {};
    const revision = Number(one(body.revision));
    if (!Number.isInteger(revision) || revision < 0) return screen(request, reply, q, { kind: 'error', text: 'The form was incomplete. Nothing was saved.' }, 400);
    const me = adminUserOf(request).username;
    let to: number | null;
    if (one(body.undo) === '1') {
      const history = await moveHistory(ctx.db, q.id, unit);
      if (history.length === 0) return screen(request, reply, q, { kind: 'error', text: `There is nothing to undo for answer ${unit}.` }, 400);
      // Back one state; before the first browser move: what the moves file says (or not moved).
      to = history.length >= 2 ? history[history.length - 2].to : (movesInFile(q).find((m) => m.unit === unit)?.to ?? null);
    } else {
      const raw = (one(body.to) ?? '').trim();
      to = raw === '' ? null : Number(raw);
      if (to !== null && !q.targets.some((c) => c.code === to)) {
        return screen(request, reply, q, { kind: 'error', text: `“${raw}” is not a category this answer can move to. Nothing was saved.` }, 400);
      }
    }
    const result = await saveMove(ctx.db, { question: q.id, unit, to, text: answer.text, by: me, expectedRevision: revision });
    if (result.kind === 'stale') {
      return screen(request, reply, q, { kind: 'stale', text: `Answer ${unit} was changed meanwhile (by ${result.current.by || 'someone'}); your change was not saved. Below is what is stored now.` }, 409);
    }
    if (result.kind === 'saved') {
      const label = (code: number | null): string => (code === null ? 'not moved' : (q.targets.find((c) => c.code === code)?.label ?? String(code)));
      await recordAudit(ctx.db, { username: me, action: 'coding-move', detail: `back-coding ${q.id}, answer ${unit}: ${label(to)}${one(body.undo) === '1' ? ' (undo)' : ''}` });
    }
    const index = q.answers.indexOf(answer);
    return reply.redirect(`${movesLink(q.id)}#move-${index}`, 303);
  });
}
