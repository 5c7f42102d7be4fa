/**
 * Keyword rules written by the researcher in the codebook (`keywords:` of a code): a word
 * matches whole words of the answer, a word ending in `*` matches words that start with it
 * ("terugbel*" matches "terugbellen"), and a phrase of several words matches them in a row.
 * Case and accents do not matter.
 */
import type { Codebook } from '../codebook.js';
import { flattenCodes } from '../codebook.js';
import { foldKeyword } from './tokens.js';

export interface KeywordRule {
  readonly code: string;
  readonly keyword: string;
}

export interface KeywordHit {
  readonly code: string;
  /** The keywords of the code that matched, as the researcher wrote them. */
  readonly keywords: readonly string[];
}

/** The rules of a codebook, in codebook order. */
export function keywordRules(codebook: Codebook): KeywordRule[] {
  return flattenCodes(codebook).flatMap((f) => (f.code.keywords ?? []).map((keyword) => ({ code: f.code.id, keyword })));
}

interface CompiledRule {
  readonly rule: KeywordRule;
  readonly words: readonly { readonly text: string; readonly prefix: boolean }[];
}

function compile(rule: KeywordRule): CompiledRule | null {
  const words = foldKeyword(rule.keyword)
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => (w.endsWith('*') ? { text: w.slice(0, -1), prefix: true } : { text: w, prefix: false }))
    .filter((w) => w.text !== '');
  return words.length > 0 ? { rule, words } : null;
}

export class KeywordMatcher {
  private readonly rules: CompiledRule[];
  constructor(rules: readonly KeywordRule[]) {
    this.rules = rules.map(compile).filter((r): r is CompiledRule => r !== null);
  }

  match(text: string): KeywordHit[] {
    // Keep function words here: a phrase such as "niet bereikbaar" must match as written.
    const words = text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '');
    const hits = new Map<string, string[]>();
    for (const { rule, words: pattern } of this.rules) {
      const found = words.some((_, start) => pattern.every((p, i) => {
        const w = words[start + i];
        return w !== undefined && (p.prefix ? w.startsWith(p.text) : w === p.text);
      }));
      if (found) hits.set(rule.code, [...(hits.get(rule.code) ?? []), rule.keyword]);
    }
    return [...hits].map(([code, keywords]) => ({ code, keywords }));
  }
}


