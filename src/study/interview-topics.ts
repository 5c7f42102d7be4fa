/**
 * Topic blocks of the report (reports 2, 3, 4 and 6: interviews summarised per topic): the
 * researcher's summary, the number of interviews that mention the topic (counted from the
 * fragment codings, overall and per attribute group) and the quotes chosen for the report,
 * de-identified (src/coding/interviews/deidentify.ts) — the raw text of an interview never
 * reaches the report.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { flattenCodes, type Codebook } from '../coding/codebook.js';
import { parseCodingsCsv } from '../coding/codings-csv.js';
import { deidentify, type IdentifyingTerm } from '../coding/interviews/deidentify.js';
import { readInterview, type InterviewDocument } from '../coding/interviews/import.js';
import { parseAttributesCsv, withAttributes } from '../coding/interviews/attributes-csv.js';
import { MentionError, selectFragment, topicMentions } from '../coding/interviews/mentions.js';
import { codePointLength, sliceCodePoints } from '../coding/interviews/spans.js';
import type { FragmentCoding } from '../coding/interviews/topics.js';
import { loadCodebook } from '../coding/load-codebook.js';
import { SpiegelError } from '../errors.js';
import type { InterviewsSpec, TopicBlockSpec } from '../spec/interviews.js';
import type { FieldPath, LoadedSpec } from '../spec/load.js';
import type { Quote, TopicBlock } from '../tables/model.js';
import { codingWords } from './coding-words.js';

/** The interviews of a study, read once per run. */
export interface Interviews {
  readonly documents: readonly InterviewDocument[];
  readonly codebook: Codebook;
  readonly codings: readonly FragmentCoding[];
  readonly terms: readonly IdentifyingTerm[];
  readonly attribution: string | undefined;
}

const INTERVIEW_EXTENSIONS = new Set(['.txt', '.md', '.docx']);

function problem(loaded: LoadedSpec, path: FieldPath, message: string): SpiegelError {
  return new SpiegelError('INVALID_INPUT', message, loaded.locate(path));
}

function documentFiles(loaded: LoadedSpec, spec: InterviewsSpec): string[] {
  const dir = dirname(loaded.file);
  const entries = typeof spec.documents === 'string' ? [spec.documents] : spec.documents;
  const files: string[] = [];
  entries.forEach((entry, ei) => {
    const path = resolve(dir, entry);
    const where: FieldPath = typeof spec.documents === 'string' ? ['interviews', 'documents'] : ['interviews', 'documents', ei];
    if (!existsSync(path)) throw problem(loaded, where, `the interviews "${entry}" do not exist (${path})`);
    if (statSync(path).isDirectory()) {
      const inside = readdirSync(path)
        .filter((f) => INTERVIEW_EXTENSIONS.has(extname(f).toLowerCase()))
        .sort((a, b) => a.localeCompare(b, 'nl', { numeric: true }));
      if (inside.length === 0) throw problem(loaded, where, `the folder "${entry}" holds no interviews (.txt, .md or .docx)`);
      files.push(...inside.map((f) => join(path, f)));
    } else files.push(path);
  });
  return files;
}

export async function readInterviews(loaded: LoadedSpec): Promise<Interviews | null> {
  const spec = loaded.spec.interviews;
  if (spec === undefined) return null;
  const dir = dirname(loaded.file);
  let documents: InterviewDocument[] = [];
  const ids = new Map<string, string>();
  for (const file of documentFiles(loaded, spec)) {
    const d = await readInterview(file);
    const earlier = ids.get(d.id);
    if (earlier !== undefined) throw new SpiegelError('INVALID_INPUT', `two interviews have the id "${d.id}": ${earlier} and ${file} (give one an "id:" in its front matter)`, { file });
    ids.set(d.id, file);
    documents.push(d);
  }
  if (spec.attributes !== undefined) {
    const file = resolve(dir, spec.attributes);
    if (!existsSync(file)) throw problem(loaded, ['interviews', 'attributes'], `the attributes file does not exist: ${file}`);
    documents = withAttributes(documents, parseAttributesCsv(readFileSync(file, 'utf8'), file), file);
  }
  const codebook = loadCodebook(resolve(dir, spec.codebook));
  const codingsFile = resolve(dir, spec.codings);
  if (!existsSync(codingsFile)) throw problem(loaded, ['interviews', 'codings'], `the codings file does not exist: ${codingsFile}`);
  const known = new Set(flattenCodes(codebook).map((f) => f.code.id));
  const byId = new Map(documents.map((d) => [d.id, d]));
  const codings: FragmentCoding[] = [];
  for (const r of parseCodingsCsv(readFileSync(codingsFile, 'utf8'), codingsFile)) {
    if (r.code === '' || r.start === undefined || r.end === undefined) continue; // whole answers, "no code"
    if (!known.has(r.code)) throw new SpiegelError('INVALID_INPUT', `code "${r.code}" (interview "${r.unit}") is not in codebook "${codebook.codebook}" (${spec.codebook})`, { file: codingsFile, field: 'code' });
    const doc = byId.get(r.unit);
    if (doc === undefined) throw new SpiegelError('INVALID_INPUT', `a fragment is coded in interview "${r.unit}", which is not among the interviews (${[...byId.keys()].join(', ')})`, { file: codingsFile, field: 'unit' });
    if (r.end < r.start || r.end > codePointLength(doc.text)) throw new SpiegelError('INVALID_INPUT', `interview "${r.unit}": fragment ${r.start}–${r.end} lies outside its text (${codePointLength(doc.text)} characters)`, { file: codingsFile, field: 'end' });
    const text = r.text === undefined || r.text === '' ? sliceCodePoints(doc.text, r.start, r.end) : r.text;
    codings.push({ document: r.unit, start: r.start, end: r.end, text, code: r.code, coder: r.coder });
  }
  // Identifying words: those listed, and every interview's value of each listed attribute.
  const terms: IdentifyingTerm[] = [];
  for (const t of spec.identifying ?? []) {
    if ('text' in t) terms.push(t);
    else for (const d of documents) if (d.attributes[t.attribute] !== undefined && d.attributes[t.attribute].trim() !== '') terms.push({ text: d.attributes[t.attribute], replacement: t.replacement });
  }
  return { documents, codebook, codings, terms, attribution: spec.attribution };
}

/** "{rol}, regio {regio}" filled in with the interview's attributes. */
function attribution(template: string | undefined, d: InterviewDocument): string {
  if (template === undefined) return '';
  return template.replace(/\{\s*([^{}]+?)\s*\}/g, (_, name: string) => {
    const v = d.attributes[name];
    if (v === undefined) throw new SpiegelError('INVALID_INPUT', `the attribution names attribute "${name}", which interview "${d.id}" does not have (it has: ${Object.keys(d.attributes).join(', ') || 'none'})`, { file: d.sourceFile, field: name });
    return v;
  });
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}

/**
 * One topic block. `resolve` fills in text references of the summary (as for text blocks);
 * `path` is the block's place in the spec, for errors.
 */
export function topicBlock(loaded: LoadedSpec, interviews: Interviews, b: TopicBlockSpec, path: FieldPath, fill: (paragraph: string) => string): TopicBlock {
  const words = codingWords(loaded.spec.study.locale);
  let mentions;
  try {
    mentions = topicMentions(interviews.codebook, interviews.documents, interviews.codings, b.topic, b.by);
  } catch (e) {
    if (e instanceof MentionError) throw problem(loaded, [...path, 'topic'], e.message);
    throw e;
  }
  let summary: string[] = [];
  if (b.summary !== undefined) summary = paragraphs(b.summary);
  if (b.summaryFile !== undefined) {
    const file = resolve(dirname(loaded.file), b.summaryFile);
    if (!existsSync(file)) throw problem(loaded, [...path, 'summaryFile'], `the summary file does not exist: ${file}`);
    summary = paragraphs(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  }
  const quotes: Quote[] = (b.quotes ?? []).map((q, qi) => {
    let fragment;
    try {
      fragment = selectFragment(mentions, q.interview, q.fragment);
    } catch (e) {
      if (e instanceof MentionError) throw problem(loaded, [...path, 'quotes', qi], e.message);
      throw e;
    }
    // Only the de-identified text goes on: the report never holds the raw fragment.
    const text = deidentify(fragment.text, interviews.terms).text.replace(/\s+/g, ' ').trim();
    return { text, attribution: attribution(interviews.attribution, fragment.document) };
  });
  const groups =
    mentions.byGroup === null || b.by === undefined
      ? null
      : { attribute: b.by, heading: words.perGroup(b.by), rows: mentions.byGroup.map((g) => ({ ...g, text: words.groupCount(g.group, g.interviews, g.of) })) };
  return {
    type: 'topic',
    topic: b.topic,
    title: b.title ?? mentions.code.label,
    summary: summary.map(fill),
    interviews: mentions.interviews,
    of: mentions.of,
    mentioned: words.mentioned(mentions.interviews, mentions.of),
    groups,
    quotes,
  };
}
