import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCodebook } from '../../src/coding/load-codebook.js';
import { KeywordMatcher, keywordRules } from '../../src/coding/suggest/keywords.js';
import { SimilarAnswers, TfIdfIndex } from '../../src/coding/suggest/similar.js';
import { tokens } from '../../src/coding/suggest/tokens.js';

const codebook = loadCodebook(fileURLToPath(new URL('../fixtures/coding/suggesties.codebook.yaml', import.meta.url)));

describe('keyword rules', () => {
  const matcher = new KeywordMatcher(keywordRules(codebook));
  it('matches whole words, prefixes with *, phrases in a row, ignoring case and accents', () => {
    expect(matcher.match('Mijn KLANTMANAGER wisselt steeds')).toEqual([{ code: 'contact', keywords: ['klantmanager'] }]);
    expect(matcher.match('Ze moeten sneller terugbellen!')).toEqual([{ code: 'contact', keywords: ['terugbel*'] }]);
    expect(matcher.match('Vaak niet bereikbaar, en geen contactpersoon')).toEqual([{ code: 'contact', keywords: ['contactpersoon', 'niet bereikbaar'] }]);
    expect(matcher.match('klantmanagers')).toEqual([]); // whole word only without *
    expect(matcher.match('bereikbaar niet')).toEqual([]); // a phrase keeps its order
  });
});

describe('similar coded answers (TF-IDF, cosine)', () => {
  it('computes the cosine of TF-IDF vectors as written out by hand', () => {
    // Corpus of 3 answers; tokens after stop words: A = [geld, weinig], B = [geld], C = [contact].
    // N = 3; df(geld) = 2, df(weinig) = 1, df(contact) = 1.
    // idf = ln((1+N)/(1+df)) + 1: geld ln(4/3)+1, weinig ln(2)+1.
    // Query "geld" → unit vector on geld; A normalised: geld weight g = ln(4/3)+1, weinig w = ln 2 + 1,
    // cos(query, A) = g / sqrt(g² + w²); cos(query, B) = 1; cos(query, C) = 0 (left out).
    const corpus = [
      { id: 'A', text: 'Het is te weinig geld', codes: ['geld'] },
      { id: 'B', text: 'Geld!', codes: ['geld'] },
      { id: 'C', text: 'Meer contact', codes: ['contact'] },
    ];
    const index = new SimilarAnswers(corpus, corpus);
    const g = Math.log(4 / 3) + 1;
    const w = Math.log(2) + 1;
    const near = index.nearest('geld', 5);
    expect(near.map((n) => n.answer.id)).toEqual(['B', 'A']);
    expect(near[0].similarity).toBeCloseTo(1, 12);
    expect(near[1].similarity).toBeCloseTo(g / Math.sqrt(g * g + w * w), 12);
  });

  it('lets the nearest coded answers vote for their codes, with the answers as reasons', () => {
    const coded = [
      { id: 'a1', text: 'Een vaste klantmanager zou fijn zijn', codes: ['contact.vast'] },
      { id: 'a2', text: 'Graag een vaste contactpersoon', codes: ['contact.vast'] },
      { id: 'a3', text: 'De uitkering is te laag', codes: ['geld'] },
      { id: 'a4', text: 'Minder controle en regels', codes: ['regels'] },
    ];
    const uncoded = [{ text: 'Ik wil een vaste klantmanager' }, { text: 'uitkering omhoog' }];
    const index = new SimilarAnswers([...coded, ...uncoded], coded);
    const s = index.suggest('Ik wil een vaste klantmanager');
    expect(s[0].code).toBe('contact.vast');
    expect(s[0].because[0]).toBe('a1');
    expect(index.suggest('uitkering omhoog')[0].code).toBe('geld');
    expect(index.suggest('iets heel anders')).toEqual([]);
  });

  it('finds through its inverted index the same neighbours as comparing with every answer', () => {
    // Brute force written out here: TF-IDF with idf = ln((1+N)/(1+df)) + 1, unit vectors, cosine.
    const words = 'geld contact regels werk hulp brief loket wachten bellen sneller'.split(' ');
    let seed = 7;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const corpus = Array.from({ length: 300 }, (_, i) => ({ id: `u${String(i).padStart(3, '0')}`, text: Array.from({ length: 1 + next(6) }, () => words[next(words.length)]).join(' ') }));
    const df = new Map<string, number>();
    for (const a of corpus) for (const t of new Set(tokens(a.text))) df.set(t, (df.get(t) ?? 0) + 1);
    const vec = (text: string): Map<string, number> => {
      const tf = new Map<string, number>();
      for (const t of tokens(text)) tf.set(t, (tf.get(t) ?? 0) + 1);
      const v = new Map([...tf].map(([t, f]) => [t, f * (Math.log((1 + corpus.length) / (1 + (df.get(t) ?? 0))) + 1)] as const));
      const norm = Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
      return new Map([...v].map(([t, w]) => [t, w / norm]));
    };
    const index = new TfIdfIndex(corpus, corpus);
    const odd = (a: { id: string }): boolean => Number(a.id.slice(1)) % 2 === 1; // only "coded" answers are neighbours
    for (const query of ['geld regels', 'bellen bellen sneller', 'onbekend woord geld', corpus[17].text]) {
      const q = vec(query);
      const brute = corpus
        .filter(odd)
        .map((a) => ({ id: a.id, s: [...vec(a.text)].reduce((sum, [t, w]) => sum + w * (q.get(t) ?? 0), 0) }))
        .filter((x) => x.s > 0)
        .sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : 1))
        .slice(0, 5);
      const got = index.nearest(query, 5, odd);
      expect(got.map((g) => g.answer.id)).toEqual(brute.map((b) => b.id));
      got.forEach((g, i) => expect(g.similarity).toBeCloseTo(brute[i].s, 12));
    }
  });

  it('drops stop words and accents from tokens', () => {
    expect(tokens('Één keer per week is het te weinig')).toEqual(['keer', 'per', 'week', 'weinig']);
  });
});
