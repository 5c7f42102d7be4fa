import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCodebook } from '../../src/coding/load-codebook.js';
import { KeywordMatcher, keywordRules } from '../../src/coding/suggest/keywords.js';
import { SimilarAnswers } from '../../src/coding/suggest/similar.js';
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

  it('drops stop words and accents from tokens', () => {
    expect(tokens('Één keer per week is het te weinig')).toEqual(['keer', 'per', 'week', 'weinig']);
  });
});
