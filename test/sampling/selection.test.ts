/**
 * Sampling is checked statistically: over a fixed set of seeds (so the test is deterministic), each
 * unit's selection frequency must match its inclusion probability (Pearson chi-square goodness of
 * fit, p > 0.001; selections within one sample are negatively dependent, which makes the test
 * conservative). Stratum sizes must be exact; the same seed must give the same sample.
 */
import chisquare from '@stdlib/stats-base-dists-chisquare';
import { describe, expect, it } from 'vitest';
import { numericColumn, stringColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { DatasetFrame, drawSample, parseSamplingDesign, type DrawnSample } from '../../src/sampling/index.js';

const N = 24;
const sizes = [40, 3, 5, 8, 1, 12, 7, 2, 9, 4, 6, 6, 15, 3, 2, 10, 5, 8, 1, 4, 11, 3, 7, 2];
const frame = new DatasetFrame(
  new Dataset([
    stringColumn('id', Array.from({ length: N }, (_, i) => `u${i + 1}`)),
    stringColumn('klasse', Array.from({ length: N }, (_, i) => (i < 6 ? 'groot' : i < 14 ? 'middel' : 'klein'))),
    numericColumn('inwoners', Float64Array.from(sizes)),
    numericColumn('regio', Float64Array.from({ length: N }, (_, i) => (i * 7) % 5)),
  ]),
);
const SEEDS = Array.from({ length: 3000 }, (_, i) => 1000 + i * 7919);

async function frequencies(designJson: unknown): Promise<{ counts: number[]; pi: number[]; first: DrawnSample }> {
  const design = parseSamplingDesign(designJson);
  const counts = new Array<number>(N).fill(0);
  const pi = new Array<number>(N).fill(NaN);
  let first: DrawnSample | null = null;
  for (const seed of SEEDS) {
    const s = await drawSample(frame, design, { seed });
    first ??= s;
    s.rows.forEach((r, k) => {
      counts[r]++;
      if (Number.isNaN(pi[r])) pi[r] = s.inclusionProbability[k];
      else if (Math.abs(pi[r] - s.inclusionProbability[k]) > 1e-14) throw new Error(`π of unit ${r + 1} changed between samples`);
    });
  }
  return { counts, pi, first: first as DrawnSample };
}

function chiSquareP(counts: number[], pi: number[]): number {
  let stat = 0;
  let df = -1;
  for (let i = 0; i < counts.length; i++) {
    const p = Number.isNaN(pi[i]) ? 0 : pi[i];
    const e = SEEDS.length * p;
    if (p === 1) {
      expect(counts[i]).toBe(SEEDS.length);
      continue;
    }
    if (e === 0) {
      expect(counts[i]).toBe(0);
      continue;
    }
    stat += (counts[i] - e) ** 2 / e;
    df++;
  }
  return 1 - chisquare.cdf(stat, df);
}

describe('selection frequencies match inclusion probabilities', () => {
  it('srs', async () => {
    const { counts, pi } = await frequencies({ method: 'srs', n: 6, key: 'id' });
    for (const p of pi) expect(p).toBeCloseTo(6 / 24, 15);
    expect(chiSquareP(counts, pi)).toBeGreaterThan(0.001);
  });
  it('systematic with sort order', async () => {
    const { counts, pi } = await frequencies({ method: 'systematic', n: 5, key: 'id', sort: ['regio'] });
    for (const p of pi) expect(p).toBeCloseTo(5 / 24, 15);
    expect(chiSquareP(counts, pi)).toBeGreaterThan(0.001);
  });
  it('stratified with take-all stratum', async () => {
    const { counts, pi, first } = await frequencies({
      method: 'stratified',
      key: 'id',
      strata: 'klasse',
      allocation: { type: 'fixed', n: { groot: 'all', middel: 3, klein: 4 } },
    });
    expect(first.summary.map((s) => [s.stratum, s.population, s.sample])).toEqual([
      ['groot', 6, 6],
      ['middel', 8, 3],
      ['klein', 10, 4],
    ]);
    expect(pi.slice(0, 6)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(pi[6]).toBeCloseTo(3 / 8, 15);
    expect(pi[20]).toBeCloseTo(4 / 10, 15);
    expect(chiSquareP(counts, pi)).toBeGreaterThan(0.001);
  });
  it('pps systematic with a certainty unit', async () => {
    const { counts, pi, first } = await frequencies({ method: 'pps', n: 5, key: 'id', size: 'inwoners', sort: ['regio'] });
    // Σx = 174; 5·40/174 > 1 → unit 1 certain; rest: Σx = 134, n' = 4, π_i = 4 x_i / 134.
    expect(pi[0]).toBe(1);
    expect(first.summary[0].certainty).toBe(1);
    for (let i = 1; i < N; i++) expect(pi[i]).toBeCloseTo((4 * sizes[i]) / 134, 14);
    expect(chiSquareP(counts, pi)).toBeGreaterThan(0.001);
    // The test has power: the same frequencies are far from equal probabilities.
    expect(chiSquareP(counts, pi.map((p) => (p === 1 ? 1 : 4 / 23)))).toBeLessThan(1e-6);
  });
});

describe('reproducibility and sizes', () => {
  it('same seed, same sample; other seed, other sample', async () => {
    const d = parseSamplingDesign({ method: 'srs', n: 8, key: 'id' });
    const a = await drawSample(frame, d, { seed: 42 });
    const b = await drawSample(frame, d, { seed: 42 });
    const c = await drawSample(frame, d, { seed: 43 });
    expect(Array.from(a.rows)).toEqual(Array.from(b.rows));
    expect(Array.from(a.rows)).not.toEqual(Array.from(c.rows));
  });
  it('proportional allocation with a minimum adds up exactly (hand calculation)', async () => {
    // N_h = 6, 8, 10, n = 7, minimum 2: ideal 7·N_h/24 = 1.75, 2.333, 2.917; groot raised to 2,
    // rest 5 over 8 and 10: 2.222, 2.778 → floors 2, 2 and one more to the largest remainder (klein).
    const d = parseSamplingDesign({ method: 'stratified', key: 'id', strata: 'klasse', allocation: { type: 'proportional', n: 7, minimum: 2 } });
    const s = await drawSample(frame, d, { seed: 1 });
    expect(s.summary.map((x) => x.sample)).toEqual([2, 2, 3]);
    expect(s.rows.length).toBe(7);
  });
  it('neyman allocation uses N_h·S_h (hand calculation)', async () => {
    // S_h of inwoners (divisor N_h − 1): groot {40,3,5,8,1,12}, middel {7,2,9,4,6,6,15,3}, klein {2,10,5,8,1,4,11,3,7,2}
    const sd = (x: number[]): number => {
      const m = x.reduce((a, b) => a + b, 0) / x.length;
      return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
    };
    const w = [6 * sd(sizes.slice(0, 6)), 8 * sd(sizes.slice(6, 14)), 10 * sd(sizes.slice(14))];
    const tot = w[0] + w[1] + w[2];
    const ideal = w.map((x) => (9 * x) / tot);
    const d = parseSamplingDesign({ method: 'stratified', key: 'id', strata: 'klasse', allocation: { type: 'neyman', n: 9, variable: 'inwoners' } });
    const s = await drawSample(frame, d, { seed: 1 });
    const got = s.summary.map((x) => x.sample);
    expect(got.reduce((a, b) => a + b, 0)).toBe(9);
    got.forEach((g, h) => expect(Math.abs(g - ideal[h])).toBeLessThan(1));
  });
});
