/**
 * Small in-memory stand-ins for the store and the questionnaire module, so the server's own
 * rules (sessions, CSRF, revisions, routing order, schedule, limits) are tested on their own.
 * The fake pages are plain forms with the same hidden fields as the real ones.
 */
import { randomUUID } from 'node:crypto';
import { parseSpec } from '../../../src/spec/load.js';
import { evaluate, parseExpression } from '../../../src/spec/expression.js';
import type { QuestionSpec, StudySpec } from '../../../src/spec/schema.js';
import type { FormBody, QuestionnaireParts, ServerParticipant, ServerStore } from '../../../src/fieldwork/server/ports.js';
import type { Answers, PageSubmission, Questionnaire, ResponseState, SubmissionResult } from '../../../src/fieldwork/types.js';

export const fakeSpecYaml = `
study: { id: fake, title: Testvragenlijst, specVersion: 1, locale: nl-NL }
waves:
  - { year: 2021, data: fake-2021.csv }
scales:
  janee: [{ code: 1, label: Ja }, { code: 2, label: Nee }]
questions:
  - { id: werk, wording: Heeft u werk?, type: single, categories: janee }
  - { id: uren, wording: Hoeveel uur werkt u?, type: number, range: [0, 80], askedIf: werk == 1 }
  - { id: zoek, wording: Zoekt u werk?, type: single, categories: janee, askedIf: werk == 2 }
  - { id: opm, wording: Wilt u nog iets zeggen?, type: open }
tables:
  - { id: t1, number: 1, kind: frequency, title: Werk, questions: werk }
`;

export function fakeSpec(): StudySpec {
  return parseSpec(fakeSpecYaml, 'fake.yaml').spec;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Questionnaire parts over single/number/open questions, one per page. */
export function fakeParts(spec: StudySpec = fakeSpec()): QuestionnaireParts {
  const pages = spec.questions.map((q, index) => ({ id: q.id, index, questions: [q] as readonly QuestionSpec[] }));
  const questionnaire: Questionnaire = { spec, wave: 2021, language: 'nl', pages, structureHash: 'fake-hash' };
  const asked = (q: QuestionSpec, answers: Answers): boolean =>
    q.askedIf === undefined ||
    evaluate(parseExpression(q.askedIf), (name) => {
      const v = answers[name];
      return v === undefined ? null : typeof v === 'number' || typeof v === 'string' ? v : v.join(';');
    });
  const variables = (q: QuestionSpec): string[] => [q.variable ?? q.id];
  return {
    questionnaire,
    renderPage: (c) =>
      `<!DOCTYPE html><html lang="nl"><head><title>${esc(c.page.id)}</title><link rel="stylesheet" href="/static/fake.css"></head><body>` +
      `<p id="progress">${c.progress.done}/${c.progress.total}</p>` +
      c.errors.map((e) => `<p class="error" data-variable="${esc(e.variable)}">${esc(e.message)}</p>`).join('') +
      `<form method="post" action="${esc(c.action)}"><input type="hidden" name="_csrf" value="${esc(c.csrfToken)}">` +
      `<input type="hidden" name="_revision" value="${c.revision}">` +
      c.page.questions
        .map((q) => {
          const v = q.variable ?? q.id;
          const cur = c.submitted?.[v] ?? (c.answers[v] === undefined ? '' : String(c.answers[v]));
          return `<label for="${esc(v)}">${esc(q.wording)}</label><input id="${esc(v)}" name="${esc(v)}" value="${esc(String(cur))}">`;
        })
        .join('') +
      (c.back === undefined ? '' : `<a id="back" href="${esc(c.back)}">Vorige</a>`) +
      `<button>Volgende</button></form></body></html>`,
    renderSystemPage: (c) =>
      `<!DOCTYPE html><html lang="${c.language}"><head><title>${c.kind}</title></head><body><h1 id="kind">${c.kind}</h1>` +
      (c.message === undefined ? '' : `<p id="message">${esc(c.message)}</p>`) +
      (c.error === undefined ? '' : `<p id="error">${esc(c.error)}</p>`) +
      (c.kind === 'login'
        ? `<form method="post" action="${esc(c.action ?? '/login')}"><input type="hidden" name="_csrf" value="${esc(c.csrfToken ?? '')}"><input name="code" value="${esc(c.code ?? '')}"><button>Verder</button></form>`
        : c.action === undefined
          ? ''
          : `<a id="action" href="${esc(c.action)}">Verder</a>`) +
      `</body></html>`,
    parsePage: (page, body: FormBody) => {
      const answers: Record<string, number | string> = {};
      const skipped: string[] = [];
      const errors: { variable: string; message: string }[] = [];
      for (const q of page.questions) {
        const v = q.variable ?? q.id;
        const raw = body[v];
        const text = typeof raw === 'string' ? raw.trim() : '';
        if (text === '') {
          skipped.push(v);
          continue;
        }
        if (q.type === 'open') {
          if (text.length > 1000) errors.push({ variable: v, message: 'Te lang' });
          else answers[v] = text;
          continue;
        }
        const n = Number(text);
        const cats = typeof q.categories === 'string' ? spec.scales?.[q.categories] : q.categories;
        const codes = (cats ?? []).map((c) => c.code);
        if (!Number.isFinite(n) || (q.type === 'single' && !codes.includes(n)) || (q.range !== undefined && (n < q.range[0] || n > q.range[1]))) {
          errors.push({ variable: v, message: 'Kies een antwoord uit de lijst' });
        } else answers[v] = n;
      }
      return { answers, skipped, errors };
    },
    cleanRouting: (answers, skipped) => {
      const a: Record<string, Answers[string]> = { ...answers };
      let s = [...skipped];
      for (const q of spec.questions) {
        if (asked(q, a)) continue;
        for (const v of variables(q)) {
          delete a[v];
          s = s.filter((x) => x !== v);
        }
      }
      return { answers: a, skipped: s };
    },
    pageAsked: (page, answers) => page.questions.some((q) => asked(q, answers)),
    pageVariables: (page) => page.questions.flatMap(variables),
    assets: [{ path: '/static/fake.css', contentType: 'text/css; charset=utf-8', body: 'body{font-family:sans-serif}' }],
  };
}

interface FakeParticipant extends ServerParticipant {
  token: string;
  code: string;
}

/** A store in memory with the contract's rules: revisions, idempotent resubmits, attempt counts. */
export class FakeStore implements ServerStore {
  readonly participants: FakeParticipant[] = [];
  readonly responses = new Map<string, ResponseState>();
  readonly attempts = new Map<string, number[]>();
  submits = 0;
  constructor(private readonly now: () => number = Date.now) {}

  addParticipant(id: string, token: string, code: string, test = false): void {
    this.participants.push({ id, token, code, test, status: 'invited' });
  }
  async participantByToken(token: string): Promise<ServerParticipant | undefined> {
    return this.participants.find((p) => p.token === token);
  }
  async participantByLoginCode(code: string): Promise<ServerParticipant | undefined> {
    return this.participants.find((p) => p.code === code);
  }
  async countLoginAttempt(key: string, windowSeconds: number): Promise<number> {
    const t = this.now();
    const list = (this.attempts.get(key) ?? []).filter((x) => x > t - windowSeconds * 1000);
    list.push(t);
    this.attempts.set(key, list);
    return list.length;
  }
  async startResponse(start: { participantId?: string; test?: boolean; structureHash: string }): Promise<ResponseState> {
    const p = this.participants.find((x) => x.id === start.participantId);
    if (p?.responseId !== undefined) return this.responses.get(p.responseId)!;
    const r: ResponseState = {
      id: randomUUID(),
      answers: {},
      skipped: [],
      revision: 0,
      status: 'started',
      pageIndex: 0,
      structureHash: start.structureHash,
      test: p?.test ?? start.test ?? false,
    };
    this.responses.set(r.id, r);
    if (p !== undefined) Object.assign(p, { responseId: r.id, status: 'started' });
    return r;
  }
  async response(id: string): Promise<ResponseState | undefined> {
    return this.responses.get(id);
  }
  async submitPage(s: PageSubmission): Promise<SubmissionResult> {
    this.submits++;
    const r = this.responses.get(s.responseId);
    if (r === undefined) throw new Error('no such response');
    if (s.expectedRevision !== r.revision) return { kind: 'stale', revision: r.revision };
    if (JSON.stringify(s.answers) === JSON.stringify(r.answers) && s.pageIndex === r.pageIndex && s.status === r.status) {
      return { kind: 'unchanged', revision: r.revision };
    }
    const next: ResponseState = { ...r, answers: s.answers, skipped: s.skipped, pageIndex: s.pageIndex, status: s.status, revision: r.revision + 1 };
    this.responses.set(r.id, next);
    const p = this.participants.find((x) => x.responseId === r.id);
    if (p !== undefined && s.status === 'complete') Object.assign(p, { status: 'complete' });
    return { kind: 'saved', revision: next.revision };
  }
}

/** A questionnaire of `n` single-choice pages (1–5), with a page routed by the first answer. */
export function longSpecYaml(n: number): string {
  const qs: string[] = [];
  for (let i = 1; i <= n; i++) {
    const route = i === 3 ? ", askedIf: 'v1 in [1, 2, 3]'" : '';
    qs.push(`  - { id: v${i}, wording: Vraag ${i}, type: single, categories: vijf${route} }`);
  }
  return `
study: { id: long, title: Lange vragenlijst, specVersion: 1, locale: nl-NL }
waves:
  - { year: 2021, data: long-2021.csv }
scales:
  vijf: [{ code: 1, label: Een }, { code: 2, label: Twee }, { code: 3, label: Drie }, { code: 4, label: Vier }, { code: 5, label: Vijf }]
questions:
${qs.join('\n')}
tables:
  - { id: t1, number: 1, kind: frequency, title: Eerste, questions: v1 }
`;
}

export function longSpec(n: number): StudySpec {
  return parseSpec(longSpecYaml(n), 'long.yaml').spec;
}
