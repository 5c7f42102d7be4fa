/**
 * Suggestions on the coding screen, made on this machine only: the codebook's keyword rules and
 * the codes of the most similar answers already coded (TF-IDF nearest neighbours over answers
 * with an agreed coding). A suggestion is shown beside its code and never ticked for the coder.
 */
import type { Codebook } from '../codebook.js';
import type { FinalCoding } from '../final.js';
import { KeywordMatcher, keywordRules } from '../suggest/keywords.js';
import { SimilarAnswers } from '../suggest/similar.js';
import type { CodingQuestion } from '../workspace/questions.js';

export interface CodeSuggestion {
  readonly code: string;
  /** Keywords of the rule that matched. */
  readonly keywords: readonly string[];
  /** Share (0–1) of the nearest coded answers' similarity that carries this code. */
  readonly similar?: number;
}

const matchers = new WeakMap<Codebook, KeywordMatcher>();
/** One neighbour index per arrangement of the codings (rebuilt when the codings change). */
const indexes = new WeakMap<ReadonlyMap<string, FinalCoding>, SimilarAnswers | null>();

function similarIndex(q: CodingQuestion, finals: ReadonlyMap<string, FinalCoding>): SimilarAnswers | null {
  if (indexes.has(finals)) return indexes.get(finals)!;
  const texts = new Map(q.answers.map((a) => [a.unit, a.text]));
  const coded = [...finals].flatMap(([unit, f]) => (f.kind === 'coded' && f.codes.length > 0 && texts.has(unit) ? [{ id: unit, text: texts.get(unit)!, codes: f.codes }] : []));
  const index = coded.length === 0 ? null : new SimilarAnswers(q.answers, coded);
  indexes.set(finals, index);
  return index;
}

export function suggestCodes(q: CodingQuestion, finals: ReadonlyMap<string, FinalCoding>, unit: string, text: string): CodeSuggestion[] {
  let matcher = matchers.get(q.codebook);
  if (matcher === undefined) matchers.set(q.codebook, (matcher = new KeywordMatcher(keywordRules(q.codebook))));
  const out = new Map<string, { keywords: string[]; similar?: number }>();
  for (const hit of matcher.match(text)) out.set(hit.code, { keywords: [...hit.keywords] });
  for (const s of similarIndex(q, finals)?.suggest(text, { k: 5, minScore: 0.3, exclude: unit }) ?? []) {
    out.set(s.code, { ...(out.get(s.code) ?? { keywords: [] }), similar: s.score });
  }
  return [...out].map(([code, e]) => ({ code, keywords: e.keywords, ...(e.similar !== undefined ? { similar: e.similar } : {}) }));
}
