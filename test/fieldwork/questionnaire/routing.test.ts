import { describe, expect, it } from 'vitest';
import { numericColumn, stringColumn, type Column } from '../../../src/data/column.js';
import { Dataset } from '../../../src/data/dataset.js';
import { buildQuestionnaire, cleanRouting, modelOf, pageAsked, pageVariables, storedVariables } from '../../../src/fieldwork/questionnaire/index.js';
import type { Answers, AnswerValue, Questionnaire } from '../../../src/fieldwork/types.js';
import { buildCatalog, listOptionVariable } from '../../../src/spec/catalog.js';
import { loadSpec, type LoadedSpec } from '../../../src/spec/load.js';
import { checkRouting } from '../../../src/study/prepare.js';
import { allTypesSpec } from './fixture.js';

const q = buildQuestionnaire(allTypesSpec());
const page = (id: string) => q.pages.find((p) => p.id === id)!;

describe('cleanRouting', () => {
  it('a changed answer routes away the later answers (and their skipped marks)', () => {
    const before: Answers = { werk: 1, uren: 32, reint_1: 2, reint_2: 3, reint_3: 1, cijfer: 7 };
    expect(cleanRouting(q, before, ['suggestie']).removed).toEqual([]);
    const after = cleanRouting(q, { ...before, werk: 2 }, ['suggestie', 'belem_1']);
    expect(after.answers).toEqual({ werk: 2, reint_1: 2, reint_2: 3, cijfer: 7 });
    expect(after.removed).toEqual(['uren', 'reint_3']);
    expect(after.skipped).toEqual(['suggestie', 'belem_1']);
    const back = cleanRouting(q, { ...after.answers, werk: 1 }, ['uren']);
    expect(back.skipped).toEqual(['uren']);
    expect(cleanRouting(q, { werk: 1 }, ['belem_1', 'belem_2', 'belem_3']).skipped).toEqual([]);
  });

  it('removes an "Anders, namelijk" text when another answer is chosen', () => {
    expect(cleanRouting(q, { werk: 3, werk_anders: 'zzp' }).answers).toEqual({ werk: 3, werk_anders: 'zzp' });
    const r = cleanRouting(q, { werk: 2, werk_anders: 'zzp' }, ['werk_anders']);
    expect(r.answers).toEqual({ werk: 2 });
    expect(r.skipped).toEqual([]);
  });

  it('keeps variables that belong to no question of the wave', () => {
    expect(cleanRouting(q, { werk: 2, oud: 'uit 2019', stratum: 3 }).answers).toEqual({ werk: 2, oud: 'uit 2019', stratum: 3 });
  });

  it('pageAsked follows question and item routing; pageVariables lists what a page stores', () => {
    expect(pageAsked(q, page('uren'), { werk: 1 })).toBe(true);
    expect(pageAsked(q, page('uren'), { werk: 2 })).toBe(false);
    expect(pageAsked(q, page('uren'), {})).toBe(false);
    expect(pageAsked(q, page('belem'), { werk: 3 })).toBe(true);
    expect(pageAsked(q, page('reint'), {})).toBe(true);
    expect(pageVariables(q, page('werk'))).toEqual(['werk', 'werk_anders']);
    expect(pageVariables(q, page('kanaal'))).toEqual(['kanaal']);
    expect(pageVariables(q, page('reint'))).toEqual(['reint_1', 'reint_2', 'reint_3']);
  });
});

// ---------------------------------------------------------------------------------------------
// The report's own routing check (src/study/prepare.ts checkRouting) is the judge: answers
// cleaned by cleanRouting must pass it, and putting back any removed answer must fail it.

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random answers to every question, routed or not: the worst a respondent's edits can leave. */
function randomAnswers(questionnaire: Questionnaire, rand: () => number): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  for (const p of questionnaire.pages) {
    for (const spec of p.questions) {
      const m = modelOf(questionnaire.spec).questions.get(spec.id)!;
      if (rand() < 0.15) continue;
      const codes = m.categories.map((c) => c.code);
      switch (m.type) {
        case 'single':
          out[m.variable!] = pick(codes);
          for (const [code, v] of m.textVariables) if (rand() < 0.5) out[v] = `tekst ${code}`;
          break;
        case 'rating':
          out[m.variable!] = 1 + Math.floor(rand() * 10);
          break;
        case 'number':
          out[m.variable!] = Math.floor(rand() * 50);
          break;
        case 'open':
          out[m.variable!] = 'iets';
          break;
        case 'grid':
          for (const it of m.items) if (rand() < 0.9) out[it.variable] = pick(codes);
          break;
        case 'numbers':
          for (const it of m.items) out[it.variable] = Math.floor(rand() * 100);
          break;
        case 'multiple':
          if (m.encoding === 'list') out[m.variable!] = m.items.filter(() => rand() < 0.4).map((it) => it.code!);
          else for (const it of m.items) out[it.variable] = rand() < 0.3 ? 1 : 0;
          break;
      }
    }
  }
  return out;
}

/** Rows of answers as the export lays them out: one column per variable, NaN/"" for missing. */
function toDataset(questionnaire: Questionnaire, rows: readonly Answers[]): Dataset {
  const model = modelOf(questionnaire.spec);
  const cols: Column[] = [];
  for (const p of questionnaire.pages) {
    for (const spec of p.questions) {
      const m = model.questions.get(spec.id)!;
      if (m.encoding === 'list') {
        for (const it of m.items) {
          cols.push(numericColumn(listOptionVariable(m.variable!, it.code!), Float64Array.from(rows, (r) => {
            const l = r[m.variable!];
            return Array.isArray(l) && l.length > 0 ? (l.includes(it.code!) ? 1 : 0) : NaN;
          })));
        }
        continue;
      }
      for (const v of storedVariables(m)) {
        const text = m.type === 'open' || [...m.textVariables.values()].includes(v);
        if (text) cols.push(stringColumn(v, rows.map((r) => (typeof r[v] === 'string' ? (r[v] as string) : ''))));
        else cols.push(numericColumn(v, Float64Array.from(rows, (r) => (typeof r[v] === 'number' ? (r[v] as number) : NaN))));
      }
    }
  }
  return new Dataset(cols);
}

function judge(loaded: LoadedSpec, questionnaire: Questionnaire, rows: readonly Answers[]): void {
  checkRouting(toDataset(questionnaire, rows), loaded, buildCatalog(loaded.spec), questionnaire.wave, 'export.csv');
}

describe.each([
  ['the example of report 1A', () => loadSpec('examples/participatiewet-2021/study.yaml')],
  ['the all-types fixture', () => ({ spec: allTypesSpec(), ...fakeLoaded() })],
])('cleanRouting against the report routing check: %s', (_name, load) => {
  it('cleaned answers pass; any removed answer put back fails; a second clean removes nothing', () => {
    const loaded = load() as LoadedSpec;
    const questionnaire = buildQuestionnaire(loaded.spec);
    const rand = rng(20211);
    const raw = Array.from({ length: 300 }, () => randomAnswers(questionnaire, rand));
    const cleaned = raw.map((a) => cleanRouting(questionnaire, a));
    expect(() => judge(loaded, questionnaire, raw)).toThrow(/does not ask/);
    judge(loaded, questionnaire, cleaned.map((c) => c.answers));
    const texts = new Set([...modelOf(loaded.spec).questions.values()].flatMap((m) => [...m.textVariables.values()]));
    let removedTotal = 0;
    cleaned.forEach((c, i) => {
      expect(cleanRouting(questionnaire, c.answers).removed).toEqual([]);
      for (const v of c.removed) {
        if (Array.isArray(raw[i][v])) continue; // a list keeps its routed options
        if (texts.has(v)) continue; // "Anders" texts: our own rule (the report does not check them)
        removedTotal++;
        if (removedTotal > 60) continue; // enough put-backs to show each removal was needed
        expect(() => judge(loaded, questionnaire, [{ ...c.answers, [v]: raw[i][v] }]), `${v} put back`).toThrow(/does not ask/);
      }
    });
    expect(removedTotal).toBeGreaterThan(60);
  });
});

function fakeLoaded(): Pick<LoadedSpec, 'file' | 'locate' | 'issue'> {
  return { file: 'alltypes.yaml', locate: (p) => ({ field: p.join('.') }), issue: (p, m) => ({ file: 'alltypes.yaml', field: p.join('.'), message: m }) };
}
