/**
 * Every reason a spec cannot be fielded as a web questionnaire, all at once, each with the file,
 * line and field (like `loadSpec`'s errors), before a server starts:
 * - `fieldwork.wave` is not a wave of the spec;
 * - a page names an unknown question, a question stands on two pages, a page id is used twice,
 *   or a question asked in the wave is on no page;
 * - a question type has no page renderer, or an "Anders, namelijk" text sits on a grid scale;
 * - routing refers to an unknown name, to the question itself, to a question that comes later
 *   or on the same page (the page could not know whether to show it), to a derived variable, or
 *   to a background variable that is not a register column imported with the sample
 *   (fieldwork.registerColumns; personal mode only: an open link has no sample);
 * - `opens`/`closes` are not real dates, closes before opens, or fall outside the wave's
 *   `fieldwork` dates; `timezone` is not a known time zone.
 */
import { readFileSync } from 'node:fs';
import { knownName, variableOf } from '../../spec/catalog.js';
import { ExpressionSyntaxError, parseExpression, referencedNames } from '../../spec/expression.js';
import { parseSpec, SpecError, type FieldPath, type LoadedSpec, type SpecIssue } from '../../spec/load.js';
import type { StudySpec } from '../../spec/schema.js';
import { askedInWave } from './build.js';
import { fieldedWave, modelOf } from './model.js';
import { questionRenderers } from './render-question.js';

function locator(spec: LoadedSpec | StudySpec, specPath?: string): (path: FieldPath, message: string) => SpecIssue {
  if ('issue' in spec && typeof spec.issue === 'function') return (p, m) => spec.issue(p, m);
  if (specPath !== undefined) {
    try {
      const loaded = parseSpec(readFileSync(specPath, 'utf8'), specPath);
      return (p, m) => loaded.issue(p, m);
    } catch {
      // the file no longer parses: report without line numbers
    }
  }
  const file = specPath ?? 'study.yaml';
  return (p, m) => ({ file, field: formatPath(p), message: m });
}

function formatPath(path: FieldPath): string {
  return path.reduce<string>((out, k) => (typeof k === 'number' ? `${out}[${k}]` : out === '' ? String(k) : `${out}.${String(k)}`), '');
}

/** Every problem that keeps the spec from being fielded; empty when it can be. */
export function checkFieldable(loaded: LoadedSpec | StudySpec, specPath?: string): SpecIssue[] {
  const spec: StudySpec = 'spec' in loaded && 'locate' in loaded ? loaded.spec : (loaded as StudySpec);
  const issue = locator(loaded, specPath);
  const out: SpecIssue[] = [];
  const fw = spec.fieldwork;
  const model = modelOf(spec);
  const cat = model.catalog;

  const waveIndex = spec.waves.findIndex((w) => w.year === (fw?.wave ?? fieldedWave(spec)));
  if (fw?.wave !== undefined && waveIndex < 0) {
    out.push(issue(['fieldwork', 'wave'], `wave ${fw.wave} is not a wave of this study (waves: ${spec.waves.map((w) => w.year).join(', ')})`));
  }
  const wave = fw?.wave ?? fieldedWave(spec);

  // Pages: which page each question is on, in order.
  const pageOf = new Map<string, number>();
  const qIndex = new Map(spec.questions.map((q, i) => [q.id, i]));
  if (fw?.pages !== undefined) {
    const pageIds = new Set<string>();
    fw.pages.forEach((p, pi) => {
      if (pageIds.has(p.id)) out.push(issue(['fieldwork', 'pages', pi, 'id'], `page id "${p.id}" is used twice`));
      pageIds.add(p.id);
      p.questions.forEach((id, qi) => {
        const at: FieldPath = ['fieldwork', 'pages', pi, 'questions', qi];
        if (!qIndex.has(id)) out.push(issue(at, `page "${p.id}" names unknown question "${id}"`));
        else if (pageOf.has(id)) out.push(issue(at, `question "${id}" is on two pages ("${fw.pages![pageOf.get(id)!].id}" and "${p.id}")`));
        else pageOf.set(id, pi);
      });
    });
    spec.questions.forEach((q, qi) => {
      if (askedInWave(q, wave) && !pageOf.has(q.id)) {
        out.push(issue(['questions', qi, 'id'], `question "${q.id}" is asked in wave ${wave} but is on no page of "fieldwork.pages" (add it to a page, or list the waves it is asked in under "waves")`));
      }
    });
  } else spec.questions.forEach((q, qi) => pageOf.set(q.id, qi));

  // Order of questions as respondents see them: page, then place on the page.
  const order = new Map<string, number>();
  if (fw?.pages !== undefined) fw.pages.forEach((p, pi) => p.questions.forEach((id, qi) => order.has(id) || order.set(id, pi * 10000 + qi)));
  else spec.questions.forEach((q, qi) => order.set(q.id, qi * 10000));

  spec.questions.forEach((q, qi) => {
    if (!askedInWave(q, wave)) return;
    const path: FieldPath = ['questions', qi];
    if (questionRenderers[q.type] === undefined) out.push(issue([...path, 'type'], `question type "${q.type}" has no page in the web questionnaire`));
    const mq = model.questions.get(q.id);
    if (q.type === 'grid' && mq !== undefined && mq.textVariables.size > 0) {
      out.push(issue([...path, 'categories'], `grid "${q.id}" has an "Anders, namelijk" text (textVariable) on its scale; a grid cannot show one text box per statement: ask the text as a separate open question`));
    }
    q.items?.forEach((it, ii) => {
      if (it.exclusive && q.type !== 'multiple') out.push(issue([...path, 'items', ii, 'exclusive'], `"exclusive" applies to options of a multiple response question; "${q.id}" is a ${q.type} question`));
    });
    const check = (src: string | undefined, at: FieldPath): void => {
      if (src === undefined) return;
      let names: { name: string }[];
      try {
        names = referencedNames(parseExpression(src));
      } catch (e) {
        if (e instanceof ExpressionSyntaxError) {
          out.push(issue(at, `invalid expression "${src}": ${e.message} (at character ${e.position + 1})`));
          return;
        }
        throw e;
      }
      for (const { name } of names) {
        if (!knownName(cat, name)) {
          out.push(issue(at, `routing refers to unknown question or variable "${name}"`));
          continue;
        }
        const v = variableOf(cat, name);
        const owner = cat.variables.get(v)?.owner ?? cat.questions.get(name)?.id ?? name;
        const ownerInfo = cat.questions.get(owner);
        if (ownerInfo?.path[0] === 'derived') {
          out.push(issue(at, `routing refers to derived variable "${name}", which the web questionnaire cannot compute; refer to the questions it is made from`));
        } else if (ownerInfo?.path[0] === 'background') {
          // Register values come with each sampled person (field import); an open link has no sample.
          if ((fw?.mode ?? 'personal') === 'open') {
            out.push(issue(at, `routing refers to background variable "${name}", but an open link (fieldwork.mode: open) has no sample to take it from: ask it as a question, or route on an earlier answer`));
          } else if (!(fw?.registerColumns ?? []).includes(v)) {
            out.push(issue(at, `routing refers to background variable "${name}", which is not among fieldwork.registerColumns; add "${v}" there so its value is imported with the sample, or route on an earlier answer`));
          }
        } else if (owner === q.id) {
          out.push(issue(at, `question "${q.id}" cannot be routed on its own answers`));
        } else {
          const other = spec.questions[qIndex.get(owner) ?? -1];
          if (other === undefined || !askedInWave(other, wave)) continue; // never answered in this wave: the routing treats it as missing
          const mine = order.get(q.id);
          const theirs = order.get(owner);
          if (mine === undefined || theirs === undefined) continue;
          if (theirs > mine) out.push(issue(at, `routing refers to question "${owner}", which comes later in the questionnaire; routing may only look back`));
          else if (pageOf.get(owner) === pageOf.get(q.id)) {
            out.push(issue(at, `routing refers to question "${owner}" on the same page; the page cannot know the answer before it is sent, so put "${q.id}" on a later page`));
          }
        }
      }
    };
    check(q.askedIf, [...path, 'askedIf']);
    q.items?.forEach((it, ii) => check(it.askedIf, [...path, 'items', ii, 'askedIf']));
  });

  if (fw !== undefined) out.push(...checkSchedule(spec, waveIndex, issue));
  return out;
}

/** Throws one SpecError listing every problem, or returns when the spec can be fielded. */
export function assertFieldable(loaded: LoadedSpec | StudySpec, specPath?: string): void {
  const issues = checkFieldable(loaded, specPath);
  if (issues.length > 0) throw new SpecError(issues);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** A local date(-time) as comparable text, or null when it is not a real date and time. */
function realDate(s: string): string | null {
  const m = DATE.exec(s.trim());
  if (!m) return null;
  const [y, mo, d, h = '00', mi = '00', se = '00'] = m.slice(1);
  const t = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +se));
  if (t.getUTCFullYear() !== +y || t.getUTCMonth() !== +mo - 1 || t.getUTCDate() !== +d || +h > 23 || +mi > 59 || +se > 59) return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${se}`;
}

function checkSchedule(spec: StudySpec, waveIndex: number, issue: (path: FieldPath, message: string) => SpecIssue): SpecIssue[] {
  const fw = spec.fieldwork!;
  const out: SpecIssue[] = [];
  try {
    new Intl.DateTimeFormat('en', { timeZone: fw.timezone });
  } catch {
    out.push(issue(['fieldwork', 'timezone'], `"${fw.timezone}" is not a known time zone (write e.g. Europe/Amsterdam)`));
  }
  const opens = fw.opens === undefined ? undefined : realDate(fw.opens);
  const closes = fw.closes === undefined ? undefined : realDate(fw.closes);
  if (opens === null) out.push(issue(['fieldwork', 'opens'], `"${fw.opens}" is not a real date and time`));
  if (closes === null) out.push(issue(['fieldwork', 'closes'], `"${fw.closes}" is not a real date and time`));
  // A closing date without a time means the end of that day.
  const closesAt = closes && fw.closes !== undefined && !fw.closes.includes('T') ? `${closes.slice(0, 10)}T23:59:59` : closes;
  if (opens && closesAt && closesAt <= opens) out.push(issue(['fieldwork', 'closes'], `the questionnaire closes (${fw.closes}) before it opens (${fw.opens})`));
  const w = waveIndex >= 0 ? spec.waves[waveIndex] : undefined;
  if (w !== undefined && w.fieldwork !== undefined && typeof w.fieldwork === 'object') {
    const from = realDate(String(w.fieldwork.from));
    const to = realDate(String(w.fieldwork.to));
    if (from === null || to === null) return out;
    if (opens && opens.slice(0, 10) < from.slice(0, 10)) {
      out.push(issue(['fieldwork', 'opens'], `the questionnaire opens (${fw.opens}) before the fieldwork of wave ${w.year} starts (${w.fieldwork.from}, waves[${waveIndex}].fieldwork.from)`));
    }
    if (opens && opens.slice(0, 10) > to.slice(0, 10)) {
      out.push(issue(['fieldwork', 'opens'], `the questionnaire opens (${fw.opens}) after the fieldwork of wave ${w.year} ends (${w.fieldwork.to})`));
    }
    if (closes && closes.slice(0, 10) > to.slice(0, 10)) {
      out.push(issue(['fieldwork', 'closes'], `the questionnaire closes (${fw.closes}) after the fieldwork of wave ${w.year} ends (${w.fieldwork.to}, waves[${waveIndex}].fieldwork.to)`));
    }
    if (closes && closes.slice(0, 10) < from.slice(0, 10)) {
      out.push(issue(['fieldwork', 'closes'], `the questionnaire closes (${fw.closes}) before the fieldwork of wave ${w.year} starts (${w.fieldwork.from})`));
    }
  }
  return out;
}
