/**
 * Example werkgeversdienstverlening-2021 (report 4 of the seed, configured from scratch): a
 * census of 35 regions with N=35 for question 1 and N=34 after it (routing), headline titles
 * with the question wording printed with the table, "Anders, namelijk" answers back-coded into
 * an existing category (footnote 4: 26% → 12%), and a disagree-first grid with "Weet ik niet".
 *
 * Independent source: the percentages are recounted here from the CSV rows (no weights: a share
 * is a count over a count); the back-coding is checked against the generator's list of texts.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, OTHER_TEXTS } from '../../examples/werkgeversdienstverlening-2021/generate.js';
import { computeStudy, type StudyResult } from '../../src/study/index.js';
import type { Table } from '../../src/tables/model.js';

const DIR = 'examples/werkgeversdienstverlening-2021';
const csv = readFileSync(`${DIR}/data/regios-2021.csv`, 'utf8');
const [head, ...lines] = csv.trim().split('\n');
const names = head.split(',');
const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
const pct = (k: number, n: number): number => Math.round((100 * k) / n);

let result: StudyResult;
const table = (id: string): Table => result.tables.get(id)!;
beforeAll(async () => {
  result = await computeStudy(`${DIR}/study.yaml`);
});

describe('example werkgeversdienstverlening-2021 (report 4)', () => {
  it('the committed data are the seeded generator’s output: 35 regions, one without a service point', () => {
    expect(generate()).toBe(csv);
    expect(rows.length).toBe(35);
    expect(rows.filter((r) => r.wsp === '2').length).toBe(1);
  });

  it('N=35 for question 1, N=34 after the filter question; wording printed with the headline title', () => {
    expect(table('t1').nShown).toBe(35);
    expect(table('t1').rows.map((r) => r.cells[0].shown)).toEqual([pct(34, 35), pct(1, 35)]); // 97, 3
    for (const id of ['t2', 't6', 't7', 't37']) expect(table(id).nShown).toBe(34);
    expect(table('t2').question).toBe('Zijn alle gemeenten in de arbeidsmarktregio bij deze samenwerking in het (de) werkgeversservicepunt(en) betrokken?');
  });

  it('back-codes the five "Anders" texts that describe a portfolio-holders’ meeting (26% → 12%)', () => {
    const raw = table('t6raw');
    const coded = table('t6');
    const other = rows.filter((r) => r.verankering === '3');
    expect(other.length).toBe(9);
    const moved = other.filter((r) => OTHER_TEXTS.slice(0, 5).includes(r.verankering_anders)).length;
    expect(moved).toBe(5);
    expect(raw.rows[2].cells[0].shown).toBe(pct(9, 34)); // 26
    expect(coded.rows[2].cells[0].shown).toBe(pct(9 - 5, 34)); // 12
    const portefeuille = rows.filter((r) => r.verankering === '2').length;
    expect(coded.rows[1].cells[0].shown).toBe(pct(portefeuille + 5, 34));
    expect(coded.rows[0].cells[0].shown).toBe(raw.rows[0].cells[0].shown);
    expect(coded.rows[2].label).toBe('Anders, namelijk: ………. [Open]');
    // the footnote takes both numbers from the tables (text references in notes)
    expect(coded.notes[0]).toMatch(/^4 In eerste instantie .* gelijk aan 26 procent\. .* terug naar 12 procent\.$/);
  });

  it('Tabel 37: disagree first, "Weet ik niet" kept last', () => {
    const t = table('t37');
    expect(t.columns.map((c) => c.label)).toEqual(['Zeer mee oneens', 'Mee oneens', 'Niet mee oneens/niet mee eens', 'Mee eens', 'Zeer mee eens', 'Weet ik niet']);
    const asked = rows.filter((r) => r.wsp === '1');
    expect(t.rows[0].cells[0].shown).toBe(pct(asked.filter((r) => r.st_1 === '5').length, 34));
    expect(t.rows[0].cells[5].shown).toBe(pct(asked.filter((r) => r.st_1 === '8').length, 34));
  });
});

describe('example werkgeversdienstverlening-2021: coding in the report', () => {
  const blocks = () => result.report.sections.flatMap((sec) => sec.blocks);

  it('Tabel 6 notes the five moved answers; the "Anders" list holds the four texts not moved', () => {
    expect(table('t6').notes).toContain('5 antwoorden bij ‘Anders’ zijn na het lezen van de toelichting ingedeeld bij een bestaande categorie.');
    const list = blocks().find((b) => b.type === 'answers');
    expect(list?.type).toBe('answers');
    if (list?.type !== 'answers') return;
    // 9 texts in the data; the rule moves OTHER_TEXTS[0..4]; the other four are listed alphabetically
    expect([list.total, list.leftOut]).toEqual([9, 5]);
    expect(list.answers).toEqual([...OTHER_TEXTS.slice(5)].sort((a, b) => a.localeCompare(b, 'nl')));
  });

  it('topics: interviews counted from coding/interviews.codings.csv, quotes de-identified', () => {
    const topics = blocks().flatMap((b) => (b.type === 'topic' ? [b] : []));
    // sterk (with sterk.lijnen, sterk.netwerk): regio-03, 08, 12, 17, 30; draagvlak: 08 (two coders), 22; verbreden: 03, 17, 30
    expect(topics.map((t) => [t.topic, t.interviews, t.of])).toEqual([
      ['sterk', 5, 6],
      ['draagvlak', 2, 6],
      ['verbreden', 3, 6],
    ]);
    // landsdeel: Noord 03, 30; Oost 08; West 12; Zuid 17, 22
    expect(topics[0].groups?.rows.map((r) => [r.group, r.interviews, r.of])).toEqual([
      ['Noord', 2, 2],
      ['Oost', 1, 1],
      ['West', 1, 1],
      ['Zuid', 1, 2],
    ]);
    const quotes = topics.flatMap((t) => t.quotes);
    expect(quotes[0]).toEqual({ text: 'De korte lijnen. Ik bel [naam] van het onderwijs gewoon op als er een vacature is, en dan regelen we het dezelfde week nog.', attribution: 'teamleider werkgeversservicepunt, landsdeel Noord' });
    expect(quotes.map((q) => q.text).join(' ')).not.toMatch(/Petra|Zuid-Limburg/);
  });
});
