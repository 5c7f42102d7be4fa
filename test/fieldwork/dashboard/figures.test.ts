/**
 * The dashboard's figures over the known store (./known-store.ts, on SQLite and, with
 * SPIEGEL_TEST_PG, PostgreSQL). Every expected number is counted by hand from the table there;
 * the median was also checked with R: median(c(600,1200,3600,300,900,480,600,420,540,660,780,
 * 900,1020,1800)) = 720.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeFigures, figureSettings, type FigureSettings, type Figures } from '../../../src/fieldwork/dashboard/figures.js';
import { readFacts, type FieldworkFacts } from '../../../src/fieldwork/dashboard/facts.js';
import { buildQuestionnaire } from '../../../src/fieldwork/questionnaire/index.js';
import type { FieldStore } from '../../../src/fieldwork/store/types.js';
import { loadSpec } from '../../../src/spec/load.js';
import { storeEngines } from '../store/engines.js';
import { knownStore } from './known-store.js';

const engines = storeEngines('dashboard figures test');
afterAll(async () => {
  for (const e of engines) await e.cleanup();
});

const questionnaire = buildQuestionnaire(loadSpec('test/fixtures/fieldwork/study.yaml').spec, 2021);
const base = figureSettings(questionnaire);
const settings = (minCell: number): FigureSettings => ({ ...base, minCell, strata: { column: 'stratum', targets: { A: 6, B: 4, C: 5 } } });

describe.each(engines)('dashboard figures on $name', (engine) => {
  let store: FieldStore;
  let facts: FieldworkFacts;
  let f: Figures;
  beforeAll(async () => {
    store = await knownStore(await engine.fresh());
    facts = await readFacts(store, () => Date.parse('2021-06-22T12:00:00Z'));
    f = computeFigures(facts, settings(5));
  });
  afterAll(async () => store.close());

  it('reads the spec\'s settings: zone, strata column of the wave design, one page per question', () => {
    expect(base.timeZone).toBe('Europe/Amsterdam');
    expect(base.strata).toEqual({ column: 'stratum' });
    expect(base.pages.map((p) => p.id)).toEqual(['werk', 'hulp', 'kanaal', 'st', 'cijfer', 'uren', 'tijd', 'reden', 'opm']);
  });

  it('counts totals without test participants or test responses', () => {
    // started: A 7 + B 4 + C 7 + open 1 = 19; completed: 5 + 2 + 6 + 1 = 14; break-offs 19 − 14 = 5
    expect(f.totals).toEqual({ sampled: 30, started: 19, completed: 14, breakOffs: 5 });
    expect(f.takenAt).toBe('2021-06-22T12:00:00.000Z');
  });

  it('counts response per calendar day in the study\'s zone, with running totals and quiet days', () => {
    expect(f.perDay).toEqual([
      // a1 a2 a3 a4 started (a4 at 00:30 local); a1 a2 a4 completed (a3 at 00:30 local on the 16th)
      { day: '2021-06-15', started: 4, completed: 3, startedTotal: 4, completedTotal: 3 },
      { day: '2021-06-16', started: 4, completed: 3, startedTotal: 8, completedTotal: 6 },
      { day: '2021-06-17', started: 3, completed: 1, startedTotal: 11, completedTotal: 7 },
      { day: '2021-06-18', started: 7, completed: 6, startedTotal: 18, completedTotal: 13 },
      { day: '2021-06-19', started: 0, completed: 0, startedTotal: 18, completedTotal: 13 },
      { day: '2021-06-20', started: 1, completed: 1, startedTotal: 19, completedTotal: 14 },
    ]);
  });

  it('counts response per stratum against the target, small cells hidden', () => {
    expect(f.perStratum?.column).toBe('stratum');
    expect(f.perStratum?.rows).toEqual([
      { stratum: 'A', sampled: 12, started: 7, completes: 5, target: 6, shareOfTarget: 5 / 6 },
      { stratum: 'B', sampled: 10, started: { hidden: 'small', threshold: 5 }, completes: { hidden: 'small', threshold: 5 }, target: 4 },
      { stratum: 'C', sampled: 8, started: 7, completes: 6, target: 5, shareOfTarget: 6 / 5 },
      { stratum: '(none)', sampled: 0, started: { hidden: 'small', threshold: 5 }, completes: { hidden: 'small', threshold: 5 } },
    ]);
  });

  it('hides a second cell when one small cell could be worked out from the total', () => {
    // threshold 3: started A 7, B 4, C 7, (none) 1 → only (none) is small, so the smallest other (B, 4) goes too
    const rows = computeFigures(facts, settings(3)).perStratum!.rows;
    expect(rows.map((r) => r.started)).toEqual([7, { hidden: 'complement', threshold: 3 }, 7, { hidden: 'small', threshold: 3 }]);
    // completes A 5, B 2, C 6, (none) 1: two small cells, nothing more to hide
    expect(rows.map((r) => r.completes)).toEqual([5, { hidden: 'small', threshold: 3 }, 6, { hidden: 'small', threshold: 3 }]);
  });

  it('counts break-off per page and per question by the page they stopped on', () => {
    // a7 on index 0; a6, b3, b4 on index 2; c7 on index 4 — all below 5 at threshold 5
    expect(f.perPage.filter((p) => p.breakOffs !== 0).map((p) => [p.pageId, p.breakOffs])).toEqual([
      ['werk', { hidden: 'small', threshold: 5 }],
      ['kanaal', { hidden: 'small', threshold: 5 }],
      ['cijfer', { hidden: 'small', threshold: 5 }],
    ]);
    const open = computeFigures(facts, settings(1));
    expect(open.perPage.map((p) => p.breakOffs)).toEqual([1, 0, 3, 0, 1, 0, 0, 0, 0]);
    expect(open.perPage[2]).toEqual({ pageId: 'kanaal', number: 3, questions: ['kanaal'], breakOffs: 3, shareOfStarted: 3 / 19 });
    expect(open.perQuestion.find((q) => q.questionId === 'cijfer')).toEqual({ questionId: 'cijfer', pageId: 'cijfer', breakOffs: 1, shareOfStarted: 1 / 19 });
  });

  it('gives the median completion time as R does for an even number of completes', () => {
    // sorted: 300 420 480 540 600 600 660 | 780 900 900 1020 1200 1800 3600 → (660 + 780) / 2
    expect(f.completionTime).toEqual({ completed: 14, medianSeconds: 720 });
    // below the cell threshold no median is shown (it would be one person's time)
    expect(computeFigures(facts, settings(15)).completionTime).toEqual({ completed: 14 });
  });

  it('counts devices of started and completed responses', () => {
    expect(f.devices).toEqual([
      { device: 'phone', started: 8, completed: 6 }, // a1 a5 a6 a7 c1 c2 c3 o1; completed a1 a5 c1 c2 c3 o1
      { device: 'tablet', started: 1, completed: 1 }, // a4
      { device: 'desktop', started: 9, completed: 7 }, // a2 a3 b1 b2 b3 c4 c5 c6 c7; completed a2 a3 b1 b2 c4 c5 c6
      { device: 'unknown', started: 1, completed: 0 }, // b4
    ]);
  });
});
