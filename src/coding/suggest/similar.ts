/**
 * Codes of the most similar answers already coded: TF-IDF vectors (term frequency × log of
 * inverse document frequency, smoothed as idf = ln((1 + N) / (1 + df)) + 1), compared by cosine
 * similarity; the k nearest coded answers vote for their codes with their similarity.
 * Everything stays on this machine; a suggestion is only a suggestion (the coder accepts it).
 *
 * The vectors sit in an inverted index (term → the answers that hold it, with their normalised
 * weights), so a query touches only answers that share a word with it instead of every coded
 * answer. The index does not depend on which answers are coded: that is asked per query, so a
 * save on the coding screen does not rebuild it.
 */
import { tokens } from './tokens.js';

export interface CodedAnswer {
  readonly id: string;
  readonly text: string;
  readonly codes: readonly string[];
}

export interface SimilarSuggestion {
  readonly code: string;
  /** Sum of the similarities of the neighbours that carry the code, divided by the sum over all k neighbours (0–1). */
  readonly score: number;
  /** Ids of the coded answers that carry the code, most similar first. */
  readonly because: readonly string[];
}

export interface Neighbour<T> {
  readonly answer: T;
  readonly similarity: number;
}

/** TF-IDF vectors of a set of answers in an inverted index; document frequencies from a corpus. */
export class TfIdfIndex<T extends { readonly id: string; readonly text: string }> {
  private readonly df = new Map<string, number>();
  private readonly documents: number;
  private readonly postings = new Map<string, { docs: Int32Array; weights: Float64Array }>();
  private readonly scores: Float64Array;
  private readonly seen: Uint8Array;

  /** `corpus` gives the document frequencies; `indexed` are the answers that can be neighbours. */
  constructor(corpus: readonly { readonly text: string }[], private readonly indexed: readonly T[]) {
    for (const a of corpus) for (const t of new Set(tokens(a.text))) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.documents = corpus.length;
    const lists = new Map<string, { docs: number[]; weights: number[] }>();
    indexed.forEach((a, d) => {
      for (const [t, w] of this.vector(a.text)) {
        let l = lists.get(t);
        if (l === undefined) lists.set(t, (l = { docs: [], weights: [] }));
        l.docs.push(d);
        l.weights.push(w);
      }
    });
    for (const [t, l] of lists) this.postings.set(t, { docs: Int32Array.from(l.docs), weights: Float64Array.from(l.weights) });
    this.scores = new Float64Array(indexed.length);
    this.seen = new Uint8Array(indexed.length);
  }

  /** The unit-length TF-IDF vector of a text (words unknown to the corpus count with df 0). */
  private vector(text: string): Map<string, number> {
    const v = new Map<string, number>();
    for (const t of tokens(text)) v.set(t, (v.get(t) ?? 0) + 1);
    let norm = 0;
    for (const [t, f] of v) {
      const w = f * (Math.log((1 + this.documents) / (1 + (this.df.get(t) ?? 0))) + 1);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
    return v;
  }

  /** The k indexed answers most like `text` among those `accept` lets through, most similar first (ties by id). */
  nearest(text: string, k: number, accept: (answer: T) => boolean = () => true): Neighbour<T>[] {
    const touched: number[] = [];
    for (const [t, wq] of this.vector(text)) {
      const p = this.postings.get(t);
      if (p === undefined) continue;
      for (let j = 0; j < p.docs.length; j++) {
        const d = p.docs[j];
        if (this.seen[d] === 0) {
          this.seen[d] = 1;
          touched.push(d);
        }
        this.scores[d] += wq * p.weights[j];
      }
    }
    // Top k by insertion into a short sorted list (k is small).
    const best: Neighbour<T>[] = [];
    const before = (a: Neighbour<T>, b: Neighbour<T>): boolean => a.similarity > b.similarity || (a.similarity === b.similarity && a.answer.id < b.answer.id);
    for (const d of touched) {
      const similarity = this.scores[d];
      this.scores[d] = 0;
      this.seen[d] = 0;
      if (!(similarity > 0) || k <= 0) continue;
      const candidate = { answer: this.indexed[d], similarity };
      if (best.length === k && !before(candidate, best[k - 1])) continue;
      if (!accept(candidate.answer)) continue;
      let i = best.length;
      while (i > 0 && before(candidate, best[i - 1])) i--;
      best.splice(i, 0, candidate);
      if (best.length > k) best.pop();
    }
    return best;
  }
}

/** Codes voted for by neighbours, best first, above `minScore`. */
export function voteCodes(near: readonly Neighbour<{ readonly id: string }>[], codesOf: (id: string) => readonly string[], minScore = 0.3): SimilarSuggestion[] {
  const total = near.reduce((s, n) => s + n.similarity, 0);
  if (total === 0) return [];
  const votes = new Map<string, { score: number; because: string[] }>();
  for (const n of near) {
    for (const code of new Set(codesOf(n.answer.id))) {
      const v = votes.get(code) ?? { score: 0, because: [] };
      v.score += n.similarity;
      v.because.push(n.answer.id);
      votes.set(code, v);
    }
  }
  return [...votes]
    .map(([code, v]) => ({ code, score: v.score / total, because: v.because }))
    .filter((s) => s.score >= minScore)
    .sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
}

/** A fixed set of coded answers as neighbours (the command line's and the tests' use). */
export class SimilarAnswers {
  private readonly index: TfIdfIndex<CodedAnswer>;
  private readonly codes: Map<string, readonly string[]>;

  /** Index a corpus: every answer counts for document frequencies; coded ones are neighbours. */
  constructor(corpus: readonly { text: string }[], coded: readonly CodedAnswer[]) {
    this.index = new TfIdfIndex(corpus, coded);
    this.codes = new Map(coded.map((c) => [c.id, c.codes]));
  }

  /** The coded answers most like `text` (excluding `exclude`, e.g. the answer itself). */
  nearest(text: string, k = 5, exclude?: string): { answer: CodedAnswer; similarity: number }[] {
    return this.index.nearest(text, k, (a) => a.id !== exclude);
  }

  /** Codes suggested for `text` by its k nearest coded answers, best first, above `minScore`. */
  suggest(text: string, options: { k?: number; minScore?: number; exclude?: string } = {}): SimilarSuggestion[] {
    return voteCodes(this.nearest(text, options.k ?? 5, options.exclude), (id) => this.codes.get(id) ?? [], options.minScore ?? 0.3);
  }
}
