/**
 * What the coding screens list: the coded questions of a study with their answers from the
 * wave's data file, filtered by text, subgroup and status. Expected lists are read off the
 * fixture (test/fixtures/coding/workspace/antwoorden.csv) by hand.
 */
import { describe, expect, it } from 'vitest';
import type { StoredCoding } from '../../src/fieldwork/store/codings.js';
import { codingRows, listAnswers } from '../../src/coding/workspace/filter.js';
import { codingQuestions } from '../../src/coding/workspace/questions.js';
import { loadSpec } from '../../src/spec/load.js';

const specFile = 'test/fixtures/coding/workspace/study.yaml';
const coding = (unit: string, coder: string, codes: string[]): StoredCoding => ({ question: 'thema', unit, coder, codes, revision: 1, updatedAt: '2021-09-01T00:00:00.000Z' });

describe('the coding workspace', () => {
  it('finds the coded question, its codable codes and the answered units with their subgroup', async () => {
    const [q, ...rest] = await codingQuestions(loadSpec(specFile));
    expect(rest).toEqual([]);
    expect(q.id).toBe('thema');
    expect(q.label).toBe('Heeft u suggesties om de dienstverlening te verbeteren?');
    // respnr 5 left the question empty
    expect(q.answers.map((a) => a.unit)).toEqual(['1', '2', '3', '4', '6', '7', '8']);
    expect(q.answers[2]).toEqual({ unit: '3', text: 'Minder regels en meer geld', groups: { respnr: '3', regio: 'Zuid' } });
    // "overig" only groups codes (codable: false) and is not offered
    expect(q.codes.map((c) => c.code.id)).toEqual(['contact', 'contact.vast', 'contact.snel', 'geld', 'regels', 'overig.anders']);
    expect(q.codingsFile.endsWith('test/fixtures/coding/workspace/codings.csv')).toBe(true);
  });

  it('filters by words regardless of accents and case, by subgroup and by status', async () => {
    const [q] = await codingQuestions(loadSpec(specFile));
    const units = (p: ReturnType<typeof listAnswers>): string[] => p.items.map((i) => i.answer.unit);
    expect(units(listAnswers(q, [], 'ans', { text: 'GELD' }))).toEqual(['2', '3']);
    expect(units(listAnswers(q, [], 'ans', { text: 'een contactpersoon' }))).toEqual(['7']);
    expect(units(listAnswers(q, [], 'ans', { text: 'geld', group: { variable: 'regio', value: 'Zuid' } }))).toEqual(['3']);
    const codings = [coding('1', 'ans', ['contact.vast']), coding('2', 'ans', ['geld']), coding('2', 'bram', ['regels']), coding('3', 'bram', [])];
    expect(units(listAnswers(q, codings, 'ans', { status: 'todo' }))).toEqual(['3', '4', '6', '7', '8']);
    expect(units(listAnswers(q, codings, 'ans', { status: 'mine' }))).toEqual(['1', '2']);
    expect(units(listAnswers(q, codings, 'ans', { status: 'disagree' }))).toEqual(['2']);
    const resolved = [...codings, coding('2', 'final', ['geld'])];
    expect(units(listAnswers(q, resolved, 'ans', { status: 'disagree' }))).toEqual([]);
    expect(units(listAnswers(q, resolved, 'ans', { status: 'final' }))).toEqual(['2']);
    const listed = listAnswers(q, codings, 'ans', {}).items.find((i) => i.answer.unit === '2')!;
    expect(listed).toMatchObject({ mine: ['geld'], coders: ['ans', 'bram'], final: { kind: 'unresolved' } });
  });

  it('pages the list and writes codings as rows of a codings file', async () => {
    const [q] = await codingQuestions(loadSpec(specFile));
    const p2 = listAnswers(q, [], 'ans', {}, 2, 3);
    expect(p2).toMatchObject({ total: 7, page: 2, pages: 3 });
    expect(p2.items.map((i) => i.answer.unit)).toEqual(['4', '6', '7']);
    expect(listAnswers(q, [], 'ans', {}, 99, 3).page).toBe(3);
    expect(codingRows([coding('1', 'ans', ['a', 'b']), coding('3', 'bram', [])])).toEqual([
      { unit: '1', coder: 'ans', code: 'a' },
      { unit: '1', coder: 'ans', code: 'b' },
      { unit: '3', coder: 'bram', code: '' },
    ]);
  });
});
