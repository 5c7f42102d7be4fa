/**
 * The screen of "Anders, namelijk" moves: every answer still in a movable category with its text,
 * where it is now (moved to a category, by whom and when, or not moved) and a small form per
 * answer to move it, move it back or undo the last change. Plain forms: no script needed.
 */
import { html, type Html } from '../../fieldwork/questionnaire/escape.js';
import type { MoveQuestion, MoveState } from '../workspace/moves.js';

export const MOVES_HOME = '/admin/code-anders';
export const movesLink = (b: string): string => `${MOVES_HOME}/${encodeURIComponent(b)}`;
export const moveLink = (b: string, unit: string): string => `${movesLink(b)}/${encodeURIComponent(unit)}`;

export interface MovesScreen {
  readonly question: MoveQuestion;
  readonly states: ReadonlyMap<string, MoveState>;
  /** Units whose move can be undone (a change saved in the browser). */
  readonly undoable: ReadonlySet<string>;
  readonly csrfToken: string;
  readonly message?: { readonly kind: 'saved' | 'stale' | 'error'; readonly text: string };
}

export function movesOverviewRows(questions: readonly MoveQuestion[], movedCount: (q: MoveQuestion) => number): Html {
  if (questions.length === 0) return html``;
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Anders, namelijk answers to move"><table class="table">
    <caption>"Anders, namelijk" answers to move into an existing category</caption>
    <thead><tr><th scope="col">Question</th><th scope="col" class="numeric">Answers</th><th scope="col" class="numeric">Moved</th></tr></thead>
    <tbody>${questions.map((q) => html`<tr><th scope="row"><a href="${movesLink(q.id)}">${q.label}</a><br><span class="hint">back-coded variable ${q.id}</span></th><td class="numeric">${q.answers.length}</td><td class="numeric">${movedCount(q)}</td></tr>`)}</tbody>
  </table></div>`;
}

const when = (at: string): string => at.replace('T', ' ').slice(0, 16);

export function movesBody(s: MovesScreen): Html {
  const q = s.question;
  const labelOf = new Map([...q.targets, ...q.movable].map((c) => [c.code, c.label]));
  const moved = q.answers.filter((a) => (s.states.get(a.unit)?.to ?? null) !== null).length;
  return html`${s.message ? html`<div class="notice ${s.message.kind}" role="${s.message.kind === 'saved' ? 'status' : 'alert'}">${s.message.text}</div>` : ''}
    <p class="lead">${q.wording}</p>
    <p>An answer in ${q.movable.map((c) => `“${c.label}”`).join(' or ')} moves into an existing category when its text shows it belongs there. The answer itself stays as it was given (for routing); the back-coded variable <code>${q.id}</code> counts the move, and the original text and who moved it when are kept.</p>
    <p role="status">${q.answers.length} ${q.answers.length === 1 ? 'answer' : 'answers'} · ${moved} moved</p>
    <div class="table-wrap" tabindex="0" role="region" aria-label="Answers to move"><table class="table answers moves">
      <caption class="visually-hidden">Answers to move</caption>
      <thead><tr><th scope="col">Unit</th><th scope="col">Answer</th><th scope="col">Now</th><th scope="col">Move to</th></tr></thead>
      <tbody>${q.answers.map((a, i) => {
        const st = s.states.get(a.unit);
        const to = st?.to ?? null;
        const id = `move-${i}`;
        return html`<tr id="${id}"><td data-label="Unit">${a.unit}</td><td class="answer">${a.text === '' ? html`<span class="hint">(no text)</span>` : a.text}</td>
          <td data-label="Now">${to === null ? html`stays “${labelOf.get(a.answered) ?? String(a.answered)}”` : html`<strong>moved to “${labelOf.get(to) ?? String(to)}”</strong>`}${
            st !== undefined && st.by !== '' ? html`<br><span class="hint">${to === null ? 'moved back' : 'moved'} by ${st.by}, ${when(st.at)}${st.source === 'file' ? ' (moves file)' : ''}</span>` : ''
          }</td>
          <td><form method="post" action="${moveLink(q.id, a.unit)}" class="move">
            <input type="hidden" name="_csrf" value="${s.csrfToken}"><input type="hidden" name="revision" value="${String(st?.revision ?? 0)}">
            <label class="visually-hidden" for="${id}-to">Move answer ${a.unit} to</label>
            <select id="${id}-to" name="to"><option value=""${to === null ? html` selected` : ''}>Not moved</option>${q.targets.map(
              (c) => html`<option value="${String(c.code)}"${to === c.code ? html` selected` : ''}>${c.label}</option>`,
            )}</select>
            <button type="submit" class="button button-secondary">Save</button>
            ${s.undoable.has(a.unit) ? html`<button type="submit" name="undo" value="1" class="button button-secondary">Undo</button>` : ''}
          </form></td></tr>`;
      })}</tbody>
    </table></div>
    <p class="hint">Moves are saved in the study's store; <code>spiegel code pull</code> writes them into the moves file the back-coded variable reads.</p>`;
}
