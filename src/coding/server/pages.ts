/**
 * The bodies of the coding screens, made with the escaping `html` tag only: answer texts are
 * hostile input and are never markup. The admin page shell (header, navigation, styles) is put
 * around them by the routes.
 */
import { html, type Html } from '../../fieldwork/questionnaire/escape.js';
import type { StoredCoding } from '../../fieldwork/store/codings.js';
import type { FlatCode } from '../codebook.js';
import type { AnswerFilter, AnswerPage, CodingStatus } from '../workspace/filter.js';
import type { CodingQuestion, OpenAnswer } from '../workspace/questions.js';
import type { CodeSuggestion } from './suggestions.js';

/** Under /admin: the researcher's side's session cookie is sent only there. */
export const CODING_HOME = '/admin/code';
export const codingBase = (q: string): string => `${CODING_HOME}/${encodeURIComponent(q)}`;
export const answerLink = (q: string, unit: string): string => `${codingBase(q)}/a/${encodeURIComponent(unit)}`;
export const resolveLink = (q: string, unit: string): string => `${codingBase(q)}/resolve/${encodeURIComponent(unit)}`;

const STATUS_LABELS: Record<CodingStatus, string> = {
  all: 'All answers',
  todo: 'Not yet coded by me',
  mine: 'Coded by me',
  disagree: 'Coders disagree',
  final: 'Resolved (final)',
};

export interface QuestionSummary {
  readonly question: CodingQuestion;
  readonly mine: number;
  readonly coded: number;
  readonly disagree: number;
}

export function overviewBody(summaries: readonly QuestionSummary[]): Html {
  if (summaries.length === 0) return html`<p>This study has no open questions to code (no derived variable with <code>type: coded</code> in the spec).</p>`;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Open questions to code"><table class="table">
    <caption>Open questions to code</caption>
    <thead><tr><th scope="col">Question</th><th scope="col" class="numeric">Answers</th><th scope="col" class="numeric">Coded by me</th><th scope="col" class="numeric">Coded by anyone</th><th scope="col" class="numeric">Coders disagree</th></tr></thead>
    <tbody>${summaries.map(
      (s) => html`<tr><th scope="row"><a href="${codingBase(s.question.id)}">${s.question.label}</a><br><span class="hint">${s.question.codebook.title} (version ${s.question.codebook.version})</span></th>
        <td class="numeric">${s.question.answers.length}</td><td class="numeric">${s.mine}</td><td class="numeric">${s.coded}</td>
        <td class="numeric">${s.disagree > 0 ? html`<a href="${codingBase(s.question.id)}?status=disagree">${s.disagree}</a>` : '0'}</td></tr>`,
    )}</tbody></table></div>`;
}

function codeLabels(q: CodingQuestion, codes: readonly string[] | undefined): string {
  if (codes === undefined) return '';
  if (codes.length === 0) return 'no code applies';
  const byId = new Map(q.codes.map((c) => [c.code.id, c.code.label]));
  return codes.map((c) => byId.get(c) ?? c).join('; ');
}

const groupCache = new WeakMap<CodingQuestion, { variable: string; value: string }[]>();

/** The group filter options: every background variable and its values among the answers. */
function groupOptions(q: CodingQuestion): { variable: string; value: string }[] {
  const cached = groupCache.get(q);
  if (cached !== undefined) return cached;
  const seen = new Map<string, Set<string>>();
  for (const a of q.answers) for (const [v, value] of Object.entries(a.groups)) if (value !== '') (seen.get(v) ?? seen.set(v, new Set()).get(v)!).add(value);
  const options = [...seen].flatMap(([variable, values]) => (values.size <= 30 ? [...values].sort().map((value) => ({ variable, value })) : []));
  groupCache.set(q, options);
  return options;
}

export function listBody(q: CodingQuestion, filter: AnswerFilter, page: AnswerPage, coder: string): Html {
  const status = filter.status ?? 'all';
  const group = filter.group === undefined ? '' : `${filter.group.variable}:${filter.group.value}`;
  const query = (p: number): string => {
    const u = new URLSearchParams();
    if (filter.text) u.set('text', filter.text);
    if (status !== 'all') u.set('status', status);
    if (group !== '') u.set('group', group);
    if (p > 1) u.set('page', String(p));
    const s = u.toString();
    return s === '' ? codingBase(q.id) : `${codingBase(q.id)}?${s}`;
  };
  const firstTodo = page.items.find((i) => i.mine === undefined);
  return html`<p class="lead">${q.label}</p>
    <form method="get" action="${codingBase(q.id)}" class="filters" role="search">
      <div class="field"><label for="text">Search the answers</label><input type="search" id="text" name="text" value="${filter.text ?? ''}"></div>
      <div class="field"><label for="status">Show</label><select id="status" name="status">${(Object.keys(STATUS_LABELS) as CodingStatus[]).map(
        (s) => html`<option value="${s}"${s === status ? html` selected` : ''}>${STATUS_LABELS[s]}</option>`,
      )}</select></div>
      <div class="field"><label for="group">Group</label><select id="group" name="group"><option value="">Everyone</option>${groupOptions(q).map(
        (o) => html`<option value="${`${o.variable}:${o.value}`}"${`${o.variable}:${o.value}` === group ? html` selected` : ''}>${o.variable}: ${o.value}</option>`,
      )}</select></div>
      <button type="submit" class="button button-secondary">Filter</button>
    </form>
    <p role="status">${page.total} ${page.total === 1 ? 'answer' : 'answers'}${page.pages > 1 ? ` · page ${page.page} of ${page.pages}` : ''}${
      firstTodo !== undefined ? html` · <a href="${answerLink(q.id, firstTodo.answer.unit)}" data-key="n">Start coding</a>` : ''
    }</p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="Answers"><table class="table answers">
      <caption class="visually-hidden">Answers</caption>
      <thead><tr><th scope="col">Unit</th><th scope="col">Answer</th><th scope="col">My codes (${coder})</th><th scope="col">Status</th></tr></thead>
      <tbody>${page.items.map(
        (i) => html`<tr><td><a href="${answerLink(q.id, i.answer.unit)}">${i.answer.unit}</a></td><td class="answer">${truncate(i.answer.text, 240)}</td>
          <td>${codeLabels(q, i.mine)}</td>
          <td>${i.final?.kind === 'unresolved' ? html`<a href="${resolveLink(q.id, i.answer.unit)}">disagree: ${i.coders.join(', ')}</a>` : i.coders.length === 0 ? 'not coded' : i.coders.includes('final') ? 'resolved' : `coded (${i.coders.join(', ')})`}</td></tr>`,
      )}</tbody>
    </table></div>
    ${page.pages > 1 ? html`<nav class="pager" aria-label="Pages">${page.page > 1 ? html`<a href="${query(page.page - 1)}" rel="prev">Previous page</a>` : ''} ${page.page < page.pages ? html`<a href="${query(page.page + 1)}" rel="next">Next page</a>` : ''}</nav>` : ''}`;
}

function truncate(text: string, n: number): string {
  const chars = [...text];
  return chars.length <= n ? text : `${chars.slice(0, n).join('')}…`;
}

export interface AnswerScreen {
  readonly question: CodingQuestion;
  readonly answer: OpenAnswer;
  readonly position: number;
  readonly mine: StoredCoding | undefined;
  /** Codes to show checked (after a stale save: what is stored now). */
  readonly checked: readonly string[] | undefined;
  readonly suggestions: readonly CodeSuggestion[];
  readonly previous?: string;
  readonly next?: string;
  readonly todo: number;
  readonly csrfToken: string;
  readonly canUndo: boolean;
  readonly message?: { readonly kind: 'saved' | 'stale' | 'error'; readonly text: string };
  /** The resolve screen: codings of every coder, saved as the final coding. */
  readonly others?: readonly StoredCoding[];
}

function codeBox(code: FlatCode, index: number, checked: boolean, suggestion: CodeSuggestion | undefined): Html {
  const id = `code-${index}`;
  const key = index < 9 ? String(index + 1) : undefined;
  const why = suggestion === undefined ? '' : [suggestion.keywords.length > 0 ? `keyword ${suggestion.keywords.map((k) => `“${k}”`).join(', ')}` : '', suggestion.similar !== undefined ? `like coded answers (${Math.round(suggestion.similar * 100)}%)` : ''].filter((s) => s !== '').join('; ');
  return html`<div class="check depth-${Math.min(code.depth, 3)}${suggestion ? ' suggested' : ''}">
    <input type="checkbox" id="${id}" name="code" value="${code.code.id}"${checked ? html` checked` : ''}${key ? html` data-key="${key}"` : ''}>
    <label for="${id}">${key ? html`<kbd>${key}</kbd> ` : ''}${code.code.label}${suggestion ? html` <span class="tag">Suggested: ${why}</span>` : ''}</label>
    ${code.code.description ? html`<p class="hint">${code.code.description}</p>` : ''}
  </div>`;
}

export function answerBody(s: AnswerScreen): Html {
  const q = s.question;
  const checked = new Set(s.checked ?? s.mine?.codes ?? []);
  const noneChecked = (s.checked ?? s.mine?.codes)?.length === 0;
  const bySuggestion = new Map(s.suggestions.map((x) => [x.code, x]));
  const action = s.others === undefined ? answerLink(q.id, s.answer.unit) : resolveLink(q.id, s.answer.unit);
  const groups = Object.entries(s.answer.groups).filter(([, v]) => v !== '');
  return html`${s.message ? html`<div class="notice ${s.message.kind}" role="${s.message.kind === 'saved' ? 'status' : 'alert'}">${s.message.text}</div>` : ''}
    <p class="lead">${q.label}</p>
    <p class="hint">Answer ${s.position} of ${q.answers.length} · ${s.todo} left for you to code${groups.length > 0 ? ` · ${groups.map(([k, v]) => `${k}: ${v}`).join(', ')}` : ''}</p>
    <blockquote class="answer-text">${s.answer.text}</blockquote>
    ${s.others !== undefined ? html`<div class="table-wrap"><table class="table"><caption>Codes by coder</caption><tbody>${s.others.map((o) => html`<tr><th scope="row">${o.coder}</th><td>${codeLabels(q, o.codes)}</td></tr>`)}</tbody></table></div>` : ''}
    <form method="post" action="${action}" class="coding">
      <input type="hidden" name="_csrf" value="${s.csrfToken}">
      <input type="hidden" name="revision" value="${String(s.mine?.revision ?? 0)}">
      <fieldset><legend>${s.others === undefined ? 'Which codes fit this answer?' : 'Final codes'}</legend>
        ${q.codes.map((c, i) => codeBox(c, i, checked.has(c.code.id), bySuggestion.get(c.code.id)))}
        <div class="check none"><input type="checkbox" id="code-none" name="none" value="1"${noneChecked ? html` checked` : ''} data-key="0"><label for="code-none"><kbd>0</kbd> No code applies</label></div>
      </fieldset>
      <div class="actions">
        ${s.others === undefined ? html`<button type="submit" name="then" value="next" class="button">Save and next</button>
        <button type="submit" name="then" value="stay" class="button button-secondary">Save</button>` : html`<button type="submit" class="button">Save the final codes</button>`}
      </div>
    </form>
    ${s.canUndo && s.others === undefined ? html`<form method="post" action="${`${answerLink(q.id, s.answer.unit)}/undo`}" class="undo"><input type="hidden" name="_csrf" value="${s.csrfToken}"><input type="hidden" name="revision" value="${String(s.mine?.revision ?? 0)}"><button type="submit" class="button button-secondary" data-key="u">Undo</button></form>` : ''}
    <nav class="pager" aria-label="Answers">
      ${s.previous !== undefined ? html`<a href="${answerLink(q.id, s.previous)}" rel="prev" data-key="k">Previous</a>` : ''}
      <a href="${codingBase(q.id)}">List</a>
      ${s.next !== undefined ? html`<a href="${answerLink(q.id, s.next)}" rel="next" data-key="j">Next</a>` : ''}
    </nav>
    <p class="hint">Keys: 1–9 and 0 tick or untick a code, Enter saves and goes to the next answer, j and k leaf through the answers, u undoes the last change.</p>`;
}
