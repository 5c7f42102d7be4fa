/**
 * Codes of the most similar answers already coded: TF-IDF vectors (term frequency × log of
 * inverse document frequency, smoothed as idf = ln((1 + N) / (1 + df)) + 1), compared by cosine
 * similarity; the k nearest coded answers vote for their codes with their similarity.
 * Everything stays on this machine; a suggestion is only a suggestion (the coder accepts it).
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

type Vector = Map<string, number>;

export class SimilarAnswers {
  private readonly df = new Map<string, number>();
  private readonly coded: { answer: CodedAnswer; vector: Vector }[] = [];
  private documents = 0;

  /** Index a corpus: every answer counts for document frequencies; coded ones are neighbours. */
  constructor(corpus: readonly { text: string }[], coded: readonly CodedAnswer[]) {
    for (const a of corpus) this.count(a.text);
    for (const answer of coded) this.coded.push({ answer, vector: new Map() });
    for (const c of this.coded) c.vector = this.vector(c.answer.text);
  }

  private count(text: string): void {
    this.documents++;
    for (const t of new Set(tokens(text))) this.df.set(t, (this.df.get(t) ?? 0) + 1);
  }

  private vector(text: string): Vector {
    const tf = new Map<string, number>();
    for (const t of tokens(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
    let norm = 0;
    const v: Vector = new Map();
    for (const [t, f] of tf) {
      const w = f * (Math.log((1 + this.documents) / (1 + (this.df.get(t) ?? 0))) + 1);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [t, w] of v) v.set(t, w / norm);
    return v;
  }

  /** The coded answers most like `text` (excluding `exclude`, e.g. the answer itself). */
  nearest(text: string, k = 5, exclude?: string): { answer: CodedAnswer; similarity: number }[] {
    const q = this.vector(text);
    const scored: { answer: CodedAnswer; similarity: number }[] = [];
    for (const c of this.coded) {
      if (c.answer.id === exclude) continue;
      let dot = 0;
      const [small, large] = q.size <= c.vector.size ? [q, c.vector] : [c.vector, q];
      for (const [t, w] of small) {
        const o = large.get(t);
        if (o !== undefined) dot += w * o;
      }
      if (dot > 0) scored.push({ answer: c.answer, similarity: dot });
    }
    scored.sort((a, b) => b.similarity - a.similarity || (a.answer.id < b.answer.id ? -1 : 1));
    return scored.slice(0, k);
  }

  /** Codes suggested for `text` by its k nearest coded answers, best first, above `minScore`. */
  suggest(text: string, options: { k?: number; minScore?: number; exclude?: string } = {}): SimilarSuggestion[] {
    const near = this.nearest(text, options.k ?? 5, options.exclude);
    const total = near.reduce((s, n) => s + n.similarity, 0);
    if (total === 0) return [];
    const votes = new Map<string, { score: number; because: string[] }>();
    for (const n of near) {
      for (const code of new Set(n.answer.codes)) {
        const v = votes.get(code) ?? { score: 0, because: [] };
        v.score += n.similarity;
        v.because.push(n.answer.id);
        votes.set(code, v);
      }
    }
    return [...votes]
      .map(([code, v]) => ({ code, score: v.score / total, because: v.because }))
      .filter((s) => s.score >= (options.minScore ?? 0.3))
      .sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
  }
}
