/**
 * One question as HTML, per type. Radios and checkboxes sit in a fieldset with a legend; a grid
 * is one fieldset per statement (never a table: a matrix does not fit a phone and is hard to
 * use with a screen reader). Inputs are named by data variable; the first radio of a variable
 * carries the variable as its id, so the error summary can link to it.
 */
import type { CategorySpec } from '../../spec/schema.js';
import type { Language } from '../types.js';
import { describedBy, errorMessage } from './layout.js';
import { html, type Html } from './escape.js';
import type { ModelItem, ModelQuestion } from './model.js';
import { choiceId, OPEN_TEXT_MAX } from './parse.js';
import { fmt, systemTexts } from './texts.js';

/** What a question renderer reads: current values, messages, which items are asked. */
export interface FieldState {
  readonly language: Language;
  /** Heading level of question wordings: 1 when the question is the page, else 2. */
  readonly level: 1 | 2;
  /** Current value(s) of a variable as form strings. */
  value(variable: string): readonly string[];
  error(id: string): string | undefined;
  readonly items: readonly ModelItem[];
}

export type QuestionRenderer = (q: ModelQuestion, s: FieldState) => Html;

function heading(level: 1 | 2, content: Html | string, id?: string): Html {
  return level === 1 ? html`<h1 class="q-heading"${id ? html` id="${id}"` : ''}>${content}</h1>` : html`<h2 class="q-heading"${id ? html` id="${id}"` : ''}>${content}</h2>`;
}

const checked = (on: boolean): Html => (on ? html` checked` : html``);
const invalid = (on: boolean): Html => (on ? html` aria-invalid="true"` : html``);

function radio(variable: string, index: number, value: string, label: string | Html, s: FieldState, extra: Html = html``): Html {
  const id = choiceId(variable, index);
  return html`<div class="choice"><input type="radio" id="${id}" name="${variable}" value="${value}"${checked(s.value(variable).includes(value))}${extra}><label for="${id}">${label}</label></div>`;
}

/** Radios for categories, each "Anders, namelijk" with its text box right after it. */
function categoryChoices(variable: string, cats: readonly CategorySpec[], s: FieldState, startIndex = 0, textVariables?: ReadonlyMap<number, string>): Html {
  const t = systemTexts(s.language);
  return html`${cats.map((c, i) => {
    const text = textVariables?.get(c.code);
    const r = radio(variable, startIndex + i, String(c.code), c.label, s);
    if (text === undefined) return r;
    const err = s.error(text);
    return html`${r}<div class="other-text${err ? ' has-error' : ''}">
<label for="${text}">${t.otherTextLabel(c.label)}</label>
${errorMessage(text, err, s.language)}<input type="text" id="${text}" name="${text}" value="${s.value(text)[0] ?? ''}" data-other-for="${choiceId(variable, startIndex + i)}" autocomplete="off"${describedBy(err && `${text}-error`)}${invalid(err !== undefined)}>
</div>`;
  })}`;
}

function choiceFieldset(q: ModelQuestion, s: FieldState, hint: string | undefined, body: Html, errorId: string): Html {
  const err = s.error(errorId);
  const hintId = hint === undefined ? undefined : `${q.id}-hint`;
  return html`<div class="question${err ? ' has-error' : ''}">
<fieldset${describedBy(hintId, err && `${errorId}-error`)}>
<legend class="q-legend">${heading(s.level, q.spec.wording)}</legend>
${hint === undefined ? '' : html`<p class="hint" id="${hintId}">${hint}</p>`}${errorMessage(errorId, err, s.language)}<div class="choices">${body}</div>
</fieldset>
</div>`;
}

const single: QuestionRenderer = (q, s) => choiceFieldset(q, s, undefined, categoryChoices(q.variable!, q.categories, s, 0, q.textVariables), q.variable!);

const rating: QuestionRenderer = (q, s) => {
  const v = q.variable!;
  const [lo, hi] = q.range ?? [1, 10];
  const values: number[] = [];
  for (let x = Math.ceil(lo); x <= hi; x++) values.push(x);
  const labelOf = new Map(q.categories.map((c) => [c.code, c.label]));
  const scale = html`<div class="scale">${values.map((x, i) => {
    const label = labelOf.get(x);
    return radio(v, i, String(x), label === undefined ? String(x) : html`${x}<span class="visually-hidden"> ${label}</span>`, s);
  })}</div>`;
  const extra = q.categories.filter((c) => c.code < lo || c.code > hi || !Number.isInteger(c.code));
  const t = systemTexts(s.language);
  return choiceFieldset(q, s, t.ratingHint(lo, hi), html`${scale}${categoryChoices(v, extra, s, values.length, q.textVariables)}`, v);
};

const grid: QuestionRenderer = (q, s) => {
  const headingId = `${q.id}-heading`;
  return html`<div class="question">
${heading(s.level, q.spec.wording, headingId)}
${s.items.map((it) => {
    const err = s.error(it.variable);
    return html`<fieldset class="item${err ? ' has-error' : ''}"${describedBy(err && `${it.variable}-error`)}>
<legend>${it.label}</legend>
${errorMessage(it.variable, err, s.language)}<div class="choices">${categoryChoices(it.variable, q.categories, s)}</div>
</fieldset>`;
  })}
</div>`;
};

function numberInput(variable: string, s: FieldState, hintId: string | undefined): Html {
  const err = s.error(variable);
  return html`${errorMessage(variable, err, s.language)}<input type="text" inputmode="decimal" class="input-number" id="${variable}" name="${variable}" value="${s.value(variable)[0] ?? ''}" autocomplete="off" spellcheck="false"${describedBy(hintId, err && `${variable}-error`)}${invalid(err !== undefined)}>`;
}

const number: QuestionRenderer = (q, s) => {
  const v = q.variable!;
  const hintId = `${v}-hint`;
  const err = s.error(v);
  return html`<div class="question field${err ? ' has-error' : ''}">
${heading(s.level, html`<label for="${v}">${q.spec.wording}</label>`)}
<p class="hint" id="${hintId}">${systemTexts(s.language).numberHint(q.range)}</p>
${numberInput(v, s, hintId)}
</div>`;
};

const numbers: QuestionRenderer = (q, s) => {
  const hintId = `${q.id}-hint`;
  return html`<div class="question">
<fieldset${describedBy(hintId)}>
<legend class="q-legend">${heading(s.level, q.spec.wording)}</legend>
<p class="hint" id="${hintId}">${systemTexts(s.language).numberHint(q.range)}</p>
${s.items.map((it) => html`<div class="field${s.error(it.variable) ? ' has-error' : ''}"><label for="${it.variable}">${it.label}</label>${numberInput(it.variable, s, undefined)}</div>`)}
</fieldset>
</div>`;
};

const open: QuestionRenderer = (q, s) => {
  const v = q.variable!;
  const hintId = `${v}-hint`;
  const err = s.error(v);
  return html`<div class="question field${err ? ' has-error' : ''}">
${heading(s.level, html`<label for="${v}">${q.spec.wording}</label>`)}
<p class="hint" id="${hintId}">${systemTexts(s.language).openHint(OPEN_TEXT_MAX)}</p>
${errorMessage(v, err, s.language)}<textarea id="${v}" name="${v}" rows="6" spellcheck="true"${describedBy(hintId, err && `${v}-error`)}${invalid(err !== undefined)}>${s.value(v)[0] ?? ''}</textarea>
</div>`;
};

const multiple: QuestionRenderer = (q, s) => {
  const t = systemTexts(s.language);
  const list = q.encoding === 'list' ? q.variable! : undefined;
  const ids = q.items.map((it, i) => (list === undefined ? it.variable : choiceId(list, i)));
  const errorId = ids.find((id) => s.error(id) !== undefined) ?? ids[0] ?? q.id;
  const asked = new Set(s.items.map((it) => it.variable));
  let dividerShown = false;
  const boxes = q.items.map((it, i) => {
    if (!asked.has(it.variable)) return html``;
    const name = list ?? it.variable;
    const value = list === undefined ? '1' : String(it.code);
    const on = s.value(name).includes(value);
    const divider = it.exclusive && !dividerShown && i > 0 ? html`<p class="divider">${t.or}</p>` : html``;
    if (it.exclusive) dividerShown = true;
    return html`${divider}<div class="choice"><input type="checkbox" id="${ids[i]}" name="${name}" value="${value}"${checked(on)}${it.exclusive ? html` data-exclusive` : ''}><label for="${ids[i]}">${it.label}</label></div>`;
  });
  const err = s.error(errorId);
  const hintId = `${q.id}-hint`;
  return html`<div class="question${err ? ' has-error' : ''}">
<fieldset${describedBy(hintId, err && `${errorId}-error`)}>
<legend class="q-legend">${heading(s.level, q.spec.wording)}</legend>
<p class="hint" id="${hintId}">${t.chooseAll}</p>
${errorMessage(errorId, err, s.language)}<div class="choices" data-choices>${boxes}</div>
</fieldset>
</div>`;
};

/** A renderer for every question type of the spec; checkFieldable reports a type without one. */
export const questionRenderers: Readonly<Record<string, QuestionRenderer>> = { single, rating, grid, number, numbers, open, multiple };
