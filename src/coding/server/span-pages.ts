/**
 * The interview screens: the list of interviews and topics, one interview as text with its coded
 * fragments marked and a form to code a new fragment (select the text with the small script, or
 * type words that occur once, or give the positions in characters), and the code report of a
 * topic. Texts are hostile input and only ever pass through the escaping `html` tag.
 */
import { html, type Html } from '../../fieldwork/questionnaire/escape.js';
import type { FlatCode } from '../codebook.js';
import type { InterviewDocument } from '../interviews/import.js';
import { sliceCodePoints } from '../interviews/spans.js';
import type { TopicSummary } from '../interviews/topics.js';
import type { CurrentFragment, InterviewSet } from '../workspace/interviews.js';

export const INTERVIEWS_HOME = '/admin/code-interviews';
export const documentLink = (doc: string): string => `${INTERVIEWS_HOME}/d/${encodeURIComponent(doc)}`;
export const fragmentAction = (doc: string): string => `${documentLink(doc)}/fragment`;
export const topicLink = (code: string): string => `${INTERVIEWS_HOME}/topic/${encodeURIComponent(code)}`;
const fragmentId = (f: { start: number; end: number; coder: string }): string => `f-${f.start}-${f.end}-${f.coder.replace(/[^A-Za-z0-9_-]/g, '_')}`;
/** The attributes as a line (the title, shown as the heading or link, left out). */
const attributesLine = (d: Pick<InterviewDocument, 'attributes'>): string =>
  Object.entries(d.attributes)
    .filter(([k]) => k !== 'titel' && k !== 'title')
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ');

type Message = { readonly kind: 'saved' | 'stale' | 'error'; readonly text: string };
const notice = (m: Message | undefined): Html | string => (m ? html`<div class="notice ${m.kind}" role="${m.kind === 'saved' ? 'status' : 'alert'}">${m.text}</div>` : '');

export function interviewsBody(set: InterviewSet, fragments: readonly CurrentFragment[], topics: readonly TopicSummary[], me: string): Html {
  return html`<p class="lead">${set.codebook.title} (version ${String(set.codebook.version)})</p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="Interviews"><table class="table">
      <caption>Interviews</caption>
      <thead><tr><th scope="col">Interview</th><th scope="col" class="numeric">Fragments: mine</th><th scope="col" class="numeric">All</th></tr></thead>
      <tbody>${set.documents.map((d) => {
        const mine = fragments.filter((f) => f.document === d.id && f.coder === me).length;
        const all = fragments.filter((f) => f.document === d.id).length;
        return html`<tr><th scope="row"><a href="${documentLink(d.id)}">${d.title}</a><br><span class="hint">${attributesLine(d)}</span></th><td class="numeric">${mine}</td><td class="numeric">${all}</td></tr>`;
      })}</tbody>
    </table></div>
    <div class="table-wrap" tabindex="0" role="region" aria-label="Topics"><table class="table">
      <caption>Topics (code report)</caption>
      <thead><tr><th scope="col">Topic</th><th scope="col" class="numeric">Interviews</th><th scope="col" class="numeric">Fragments</th></tr></thead>
      <tbody>${topics.map((t) => html`<tr><th scope="row" class="depth-${String(Math.min(t.depth, 3))}"><a href="${topicLink(t.code)}">${t.label}</a></th><td class="numeric">${t.interviews} of ${set.documents.length}</td><td class="numeric">${t.fragments.length}</td></tr>`)}</tbody>
    </table></div>`;
}

/** The text with every coded stretch (of any coder) in a <mark>; nothing else inside, so offsets in the page are offsets in the text. */
function markedText(text: string, fragments: readonly CurrentFragment[]): Html {
  const bounds = [...new Set([0, ...fragments.flatMap((f) => [f.start, f.end])])].sort((a, b) => a - b);
  const cps = [...text];
  const parts: (Html | string)[] = [];
  const edges = [...bounds.filter((b) => b <= cps.length), cps.length];
  for (let i = 0; i + 1 < edges.length; i++) {
    const [a, b] = [edges[i], edges[i + 1]];
    if (b <= a) continue;
    const piece = cps.slice(a, b).join('');
    const covered = fragments.some((f) => f.start <= a && f.end >= b);
    parts.push(covered ? html`<mark>${piece}</mark>` : piece);
  }
  return html`${parts}`;
}

function topicBoxes(codes: readonly FlatCode[], prefix: string, checked: ReadonlySet<string>): Html {
  return html`${codes.map((c, i) => html`<div class="check depth-${String(Math.min(c.depth, 3))}"><input type="checkbox" id="${prefix}-${String(i)}" name="code" value="${c.code.id}"${checked.has(c.code.id) ? html` checked` : ''}><label for="${prefix}-${String(i)}">${c.code.label}</label></div>`)}`;
}

export interface DocumentScreen {
  readonly set: InterviewSet;
  readonly document: InterviewDocument;
  readonly fragments: readonly CurrentFragment[];
  readonly me: string;
  /** Keys (start-end) of my fragments that can be undone. */
  readonly undoable: ReadonlySet<string>;
  readonly csrfToken: string;
  readonly message?: Message;
  /** What the new-fragment form held when it was refused. */
  readonly form?: { readonly start?: string; readonly end?: string; readonly words?: string; readonly codes?: readonly string[] };
}

export function documentBody(s: DocumentScreen): Html {
  const d = s.document;
  const labels = new Map(s.set.codes.map((c) => [c.code.id, c.code.label]));
  const action = fragmentAction(d.id);
  return html`${notice(s.message)}
    <p class="hint">${attributesLine(d)}</p>
    <div class="interview">
      <div class="interview-text" id="interview-text" tabindex="0" role="document" aria-label="Text of the interview">${markedText(d.text, s.fragments)}</div>
      <form method="post" action="${action}" class="coding fragment-form" id="fragment-form">
        <input type="hidden" name="_csrf" value="${s.csrfToken}"><input type="hidden" name="revision" value="0">
        <fieldset><legend>New fragment</legend>
          <p class="hint">Select a passage in the text, or type words of it that occur only once in the interview, or give its first and last position (characters from the start, counting from 0).</p>
          <div class="field"><label for="words">Words of the fragment</label><textarea id="words" name="words" rows="3">${s.form?.words ?? ''}</textarea></div>
          <div class="positions"><div class="field"><label for="start">From character</label><input type="number" inputmode="numeric" min="0" id="start" name="start" value="${s.form?.start ?? ''}"></div>
          <div class="field"><label for="end">To character</label><input type="number" inputmode="numeric" min="1" id="end" name="end" value="${s.form?.end ?? ''}"></div></div>
          <p class="preview" id="fragment-preview" aria-live="polite"></p>
        </fieldset>
        <fieldset><legend>Topics</legend>${topicBoxes(s.set.codes, 'new', new Set(s.form?.codes ?? []))}</fieldset>
        <button type="submit" class="button">Save the fragment</button>
      </form>
    </div>
    <h2>Coded fragments</h2>
    ${s.fragments.length === 0 ? html`<p>No fragment of this interview is coded yet.</p>` : ''}
    ${s.fragments.map((f) => {
      const mine = f.coder === s.me;
      const key = `${f.start}-${f.end}`;
      return html`<section class="fragment" id="${fragmentId(f)}" aria-label="Fragment ${String(f.start)}–${String(f.end)} by ${f.coder}">
        <blockquote class="answer-text">${f.text}</blockquote>
        <p class="hint">Characters ${String(f.start)}–${String(f.end)} · ${f.coder}${f.source === 'file' ? ' (codings file)' : ''}${mine ? '' : html` · ${f.codes.map((c) => labels.get(c) ?? c).join('; ')}`}</p>
        ${mine ? html`<form method="post" action="${action}" class="coding">
          <input type="hidden" name="_csrf" value="${s.csrfToken}"><input type="hidden" name="revision" value="${String(f.revision)}">
          <input type="hidden" name="start" value="${String(f.start)}"><input type="hidden" name="end" value="${String(f.end)}">
          <fieldset><legend>Topics of this fragment</legend>${topicBoxes(s.set.codes, fragmentId(f), new Set(f.codes))}</fieldset>
          <div class="actions"><button type="submit" class="button button-secondary">Save</button>
          <button type="submit" name="remove" value="1" class="button button-secondary">Remove the fragment</button>
          ${s.undoable.has(key) ? html`<button type="submit" name="undo" value="1" class="button button-secondary">Undo</button>` : ''}</div>
        </form>` : ''}
      </section>`;
    })}
    <p><a href="${INTERVIEWS_HOME}">All interviews and topics</a></p>`;
}

/** The text of a fragment in its interview, for links that need it (the report of a topic). */
export function fragmentText(d: InterviewDocument, start: number, end: number): string {
  return sliceCodePoints(d.text, start, end);
}

export function topicBody(set: InterviewSet, topic: TopicSummary, by: string | undefined, attributes: readonly string[]): Html {
  return html`<p class="lead">Mentioned in ${String(topic.interviews)} of ${String(set.documents.length)} interviews · ${String(topic.fragments.length)} ${topic.fragments.length === 1 ? 'fragment' : 'fragments'}</p>
    <form method="get" action="${topicLink(topic.code)}" class="filters">
      <div class="field"><label for="by">Count per</label><select id="by" name="by"><option value="">(no grouping)</option>${attributes.map((a) => html`<option value="${a}"${a === by ? html` selected` : ''}>${a}</option>`)}</select></div>
      <button type="submit" class="button button-secondary">Show</button>
    </form>
    ${by !== undefined && topic.byGroup.size > 0 ? html`<div class="table-wrap" tabindex="0" role="region" aria-label="Interviews per ${by}"><table class="table">
      <caption>Interviews that mention “${topic.label}”, per ${by}</caption>
      <thead><tr><th scope="col">${by}</th><th scope="col" class="numeric">Mention it</th><th scope="col" class="numeric">Interviews</th></tr></thead>
      <tbody>${[...topic.byGroup].map(([g, c]) => html`<tr><th scope="row">${g}</th><td class="numeric">${String(c.mentioning)}</td><td class="numeric">${String(c.of)}</td></tr>`)}</tbody>
    </table></div>` : ''}
    ${topic.fragments.map((f) => html`<section class="fragment"><blockquote class="answer-text">${f.text}</blockquote>
      <p class="hint"><a href="${documentLink(f.document)}">${f.title}</a>, characters ${String(f.start)}–${String(f.end)}${attributesLine(f) !== '' ? ` · ${attributesLine(f)}` : ''}</p></section>`)}
    <p><a href="${INTERVIEWS_HOME}">All interviews and topics</a></p>`;
}
