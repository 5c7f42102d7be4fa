/**
 * A submitted page → answers, "asked but skipped" variables and validation messages. Only the
 * page's own variables are read; every other field of the body is ignored. Forged input (an
 * unknown code, a list where one value belongs, a number out of range, an overlong text) gives
 * a plain-language message, never an exception. Nothing is required: an empty answer is
 * "skipped" (item non-response is data, and a respondent may not want to answer).
 *
 * Decisions:
 * - "Anders, namelijk" text typed with no answer chosen: the "Anders" answer counts as chosen
 *   (the intent is plain). Text typed while another answer is chosen: a message asks to choose
 *   "Anders" or empty the box (guessing could lose either answer).
 * - An exclusive option ("Geen van deze") ticked together with another: a message; the script
 *   unticks the others in the browser, but without it nothing is thrown away silently.
 * - Numbers: decimal comma or point; in Dutch "1.000" is a thousand, in English "1,000".
 */
import type { AnswerValue, FieldError, Language, ParsedPage, Questionnaire, QuestionnairePage } from '../types.js';
import { modelQuestion, type ModelQuestion } from './model.js';
import { systemTexts, type SystemTexts } from './texts.js';

/** Longest open answer, in characters (code points). */
export const OPEN_TEXT_MAX = 2000;
/** Longest "Anders, namelijk" text. */
export const OTHER_TEXT_MAX = 200;
const NUMBER_TEXT_MAX = 40;

export type FormBody = Readonly<Record<string, string | readonly string[] | undefined>>;

/** HTML id of the `index`-th radio or checkbox of a variable (the first carries the variable's name). */
export function choiceId(variable: string, index: number): string {
  return index === 0 ? variable : `${variable}-${index + 1}`;
}

type One = { readonly kind: 'empty' } | { readonly kind: 'one'; readonly value: string } | { readonly kind: 'many' };

function field(body: FormBody, name: string): unknown {
  return Object.prototype.hasOwnProperty.call(body, name) ? body[name] : undefined;
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function one(body: FormBody, name: string): One {
  const values = [...new Set(strings(field(body, name)).map((s) => s.trim()).filter((s) => s !== ''))];
  if (values.length === 0) return { kind: 'empty' };
  if (values.length > 1) return { kind: 'many' };
  return { kind: 'one', value: values[0] };
}

/** Text as stored: line ends unified, control characters dropped, trimmed. */
export function cleanText(s: string, multiline: boolean): string {
  const t = s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '');
  return (multiline ? t : t.replace(/[\n\t]+/g, ' ')).trim();
}

/** The one text of a field; null when a forged body sends several. */
function text(body: FormBody, name: string, multiline: boolean): string | null {
  const values = strings(field(body, name)).map((s) => cleanText(s, multiline)).filter((s) => s !== '');
  return values.length > 1 ? null : (values[0] ?? '');
}

const length = (s: string): number => [...s].length;

/** A number as typed: decimal comma or point, spaces and thousands groups allowed; NaN if not a number. */
export function parseNumber(s: string, language: Language): number {
  let t = s.replace(/[\s\u00a0']/g, '');
  if (t.length > NUMBER_TEXT_MAX) return NaN;
  t = t.replace(/^\u2212/, '-');
  if (language === 'nl' && /^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) t = t.replace(/\./g, '');
  if (language === 'en' && /^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  t = t.replace(',', '.');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(t)) return NaN;
  const x = Number(t);
  return Number.isFinite(x) ? x : NaN;
}

function code(value: string): number {
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
}

interface Sink {
  readonly answers: Record<string, AnswerValue>;
  readonly skipped: string[];
  readonly errors: FieldError[];
  readonly t: SystemTexts;
  readonly language: Language;
}

export function parsePage(questionnaire: Questionnaire, page: QuestionnairePage, body: FormBody, language: Language = questionnaire.language): ParsedPage {
  const sink: Sink = { answers: {}, skipped: [], errors: [], t: systemTexts(language), language };
  const safeBody: FormBody = body !== null && typeof body === 'object' ? body : {};
  for (const spec of page.questions) {
    const q = modelQuestion(questionnaire.spec, spec);
    switch (q.type) {
      case 'single':
      case 'rating':
        parseChoice(q, safeBody, sink);
        break;
      case 'grid':
        for (const it of q.items) parseCode(it.variable, new Set(q.categories.map((c) => c.code)), safeBody, sink, sink.t.unknownCode);
        break;
      case 'number':
        if (q.variable !== undefined) parseNumberField(q.variable, q.range, safeBody, sink);
        break;
      case 'numbers':
        for (const it of q.items) parseNumberField(it.variable, q.range, safeBody, sink);
        break;
      case 'open':
        if (q.variable !== undefined) parseText(q.variable, OPEN_TEXT_MAX, true, safeBody, sink);
        break;
      case 'multiple':
        parseMultiple(q, safeBody, sink);
        break;
    }
  }
  return { answers: sink.answers, skipped: sink.skipped, errors: sink.errors };
}

function allowedCodes(q: ModelQuestion): Set<number> {
  const codes = new Set(q.categories.map((c) => c.code));
  if (q.type === 'rating' && q.range !== undefined) for (let x = Math.ceil(q.range[0]); x <= q.range[1]; x++) codes.add(x);
  return codes;
}

function parseCode(variable: string, codes: ReadonlySet<number>, body: FormBody, sink: Sink, unknown: string): number | undefined {
  const raw = one(body, variable);
  if (raw.kind === 'empty') {
    sink.skipped.push(variable);
    return undefined;
  }
  if (raw.kind === 'many') {
    sink.errors.push({ variable, message: sink.t.chooseOne });
    return undefined;
  }
  const c = code(raw.value);
  if (!codes.has(c)) {
    sink.errors.push({ variable, message: unknown });
    return undefined;
  }
  sink.answers[variable] = c;
  return c;
}

/** Single choice and rating, with their "Anders, namelijk" texts. */
function parseChoice(q: ModelQuestion, body: FormBody, sink: Sink): void {
  const variable = q.variable!;
  const texts = [...q.textVariables].map(([c, v]) => ({ code: c, variable: v, text: text(body, v, false) ?? '' }));
  const typed = texts.filter((x) => x.text !== '');
  const unknown = q.type === 'rating' && q.range ? sink.t.wholeNumber(q.range[0], q.range[1]) : sink.t.unknownCode;
  let chosen: number | undefined;
  if (one(body, variable).kind === 'empty' && typed.length === 1) {
    chosen = typed[0].code; // text typed, nothing chosen: "Anders" it is
    sink.answers[variable] = chosen;
  } else chosen = parseCode(variable, allowedCodes(q), body, sink, unknown);
  for (const x of texts) {
    const label = q.categories.find((c) => c.code === x.code)?.label ?? '';
    if (chosen !== x.code) {
      if (x.text !== '') sink.errors.push({ variable: x.variable, message: sink.t.otherWithoutChoice(label) });
      continue;
    }
    parseText(x.variable, OTHER_TEXT_MAX, false, body, sink);
  }
}

function parseNumberField(variable: string, range: readonly [number, number] | undefined, body: FormBody, sink: Sink): void {
  const raw = text(body, variable, false);
  if (raw === null) {
    sink.errors.push({ variable, message: sink.t.notANumber });
    return;
  }
  if (raw === '') {
    sink.skipped.push(variable);
    return;
  }
  const x = parseNumber(raw, sink.language);
  if (Number.isNaN(x)) {
    sink.errors.push({ variable, message: sink.t.notANumber });
    return;
  }
  if (range !== undefined && (x < range[0] || x > range[1])) {
    sink.errors.push({ variable, message: sink.t.outOfRange(range[0], range[1]) });
    return;
  }
  sink.answers[variable] = x;
}

function parseText(variable: string, max: number, multiline: boolean, body: FormBody, sink: Sink): void {
  const s = text(body, variable, multiline);
  if (s === null) {
    sink.errors.push({ variable, message: sink.t.chooseOne });
    return;
  }
  if (s === '') {
    sink.skipped.push(variable);
    return;
  }
  const n = length(s);
  if (n > max) {
    sink.errors.push({ variable, message: sink.t.tooLong(max, n) });
    return;
  }
  sink.answers[variable] = s;
}

function parseMultiple(q: ModelQuestion, body: FormBody, sink: Sink): void {
  const chosen = new Set<number>(); // item indices
  let forged = false;
  if (q.encoding === 'list') {
    const values = new Set(strings(field(body, q.variable!)).map((s) => s.trim()).filter((s) => s !== ''));
    for (const v of values) {
      const i = q.items.findIndex((it) => it.code === code(v));
      if (i < 0) forged = true;
      else chosen.add(i);
    }
  } else {
    q.items.forEach((it, i) => {
      const raw = one(body, it.variable);
      if (raw.kind === 'empty') return;
      if (raw.kind === 'one' && raw.value === '1') chosen.add(i);
      else forged = true;
    });
  }
  const firstId = q.encoding === 'list' ? q.variable! : (q.items[0]?.variable ?? q.id);
  if (forged) {
    sink.errors.push({ variable: firstId, message: sink.t.unknownCode });
    return;
  }
  const exclusive = [...chosen].find((i) => q.items[i].exclusive);
  if (exclusive !== undefined && chosen.size > 1) {
    const id = q.encoding === 'list' ? choiceId(q.variable!, exclusive) : q.items[exclusive].variable;
    sink.errors.push({ variable: id, message: sink.t.exclusive(q.items[exclusive].label) });
    return;
  }
  if (q.encoding === 'list') {
    if (chosen.size === 0) sink.skipped.push(q.variable!);
    else sink.answers[q.variable!] = q.items.flatMap((it, i) => (chosen.has(i) ? [it.code!] : []));
    return;
  }
  q.items.forEach((it, i) => {
    if (chosen.size === 0) sink.skipped.push(it.variable);
    else sink.answers[it.variable] = chosen.has(i) ? 1 : 0;
  });
}
