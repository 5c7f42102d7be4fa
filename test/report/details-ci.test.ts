/**
 * The confidence intervals of shares in tables.xlsx (Details) and tables.json stay inside 0–1 and
 * equal R survey's svyciprop(method = "xlogit") to 1e-9 (relative); svyciprop(method = "logit"),
 * a quasibinomial svyglm, differs from it only by glm's stopping rule (at most 1.1e-7 relative in
 * this fixture, for the rarest answers). R reference: test/fixtures/report/details-ci.R →
 * details-ci-r.json, over details-ci-2021.csv (stratified, weighted; rare answers whose Wald
 * interval p − t·SE falls below 0).
 */
import ExcelJS from 'exceljs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tQuantile } from '../../src/estimate/index.js';
import { writeReport } from '../../src/report/write.js';
import { computeStudy } from '../../src/study/index.js';

interface RCell {
  table: string;
  row: string;
  column: string;
  estimate: number;
  df: number;
  logit: [number, number];
  xlogit: [number, number];
}
const R = JSON.parse(await readFile('test/fixtures/report/details-ci-r.json', 'utf8')) as RCell[];
const rel = (a: number, b: number): number => Math.abs(a / b - 1);

interface DetailsLine {
  table: string;
  row: string;
  column: string;
  estimate: number | null;
  se: number | null;
  lo: number | null;
  hi: number | null;
  formats: string[];
}

let dir: string;
let details: DetailsLine[];
let json: { tables: { id: string; columns: { label: string }[]; rows: { label: string; cells: { estimate: number | null; ci: [number, number] | null }[] }[] }[] };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spiegel-details-ci-'));
  const { report } = await computeStudy('test/fixtures/report/details-ci.yaml');
  await writeReport(report, dir, ['xlsx', 'json']);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(join(dir, 'tables.xlsx'));
  const ws = wb.getWorksheet('Details')!;
  details = [];
  ws.eachRow((line, r) => {
    if (r === 1) return;
    const v = (c: number): number | null => (typeof line.getCell(c).value === 'number' ? (line.getCell(c).value as number) : null);
    details.push({
      table: String(line.getCell(12).value),
      row: String(line.getCell(2).value),
      column: String(line.getCell(3).value),
      estimate: v(5),
      se: v(6),
      lo: v(7),
      hi: v(8),
      formats: [5, 6, 7, 8, 9, 10].map((c) => line.getCell(c).numFmt),
    });
  });
  json = JSON.parse(await readFile(join(dir, 'tables.json'), 'utf8')) as typeof json;
}, 60_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('confidence intervals of shares (XLSX Details, tables.json)', () => {
  it('every interval of a share lies within 0–1 and around its estimate', () => {
    const withCi = details.filter((d) => d.lo !== null);
    expect(withCi.length).toBe(R.length);
    for (const d of withCi) {
      expect(d.lo!).toBeGreaterThan(0);
      expect(d.hi!).toBeLessThan(1);
      expect(d.lo!).toBeLessThan(d.estimate!);
      expect(d.hi!).toBeGreaterThan(d.estimate!);
    }
  });

  it('the rare answers are the case a Wald interval gets wrong: p − t·SE < 0', () => {
    const anders = details.find((d) => d.table === 'f' && d.row === 'Anders')!;
    const wald = anders.estimate! - tQuantile(0.975, 78) * anders.se!;
    expect(wald).toBeLessThan(0);
    expect(anders.lo!).toBeGreaterThan(0);
  });

  it('equals R svyciprop "xlogit" to 1e-9 and "logit" to 2e-7, in Details and in tables.json', () => {
    for (const r of R) {
      const d = details.find((x) => x.table === r.table && x.row === r.row && x.column === r.column);
      expect(d, `${r.table} ${r.row} ${r.column}`).toBeDefined();
      expect(rel(d!.estimate!, r.estimate)).toBeLessThan(1e-12);
      expect(rel(d!.lo!, r.xlogit[0])).toBeLessThan(1e-9);
      expect(rel(d!.hi!, r.xlogit[1])).toBeLessThan(1e-9);
      expect(rel(d!.lo!, r.logit[0])).toBeLessThan(2e-7);
      expect(rel(d!.hi!, r.logit[1])).toBeLessThan(2e-7);
      const t = json.tables.find((x) => x.id === r.table)!;
      const c = t.columns.findIndex((x) => x.label === r.column);
      const cell = t.rows.find((x) => x.label === r.row)!.cells[c]!;
      expect(cell.ci).toEqual([d!.lo, d!.hi]);
    }
  });

  it('a share of 0 (no one in the group gave the answer) has no interval', () => {
    const zero = details.find((d) => d.table === 'x' && d.row === 'Anders' && d.column === 'Groep 2')!;
    expect(zero.estimate).toBe(0);
    expect([zero.lo, zero.hi]).toEqual([null, null]);
  });

  it('formats estimates, SEs and bounds as percentages, n and weighted N as counts', () => {
    for (const d of details) expect(d.formats).toEqual(['0.00%', '0.00%', '0.00%', '0.00%', '#,##0', '#,##0.0']);
  });
});

/**
 * `interval: wilson`: Wilson's score interval with the effective sample size n* = p(1−p)/SE² and
 * the t(df) quantile. The reference is computed here another way than the code does it: the
 * bounds are the p0 at which the score statistic |p − p0| / √(p0(1−p0)/n*) equals t, found by
 * bisection on each side of p (the code uses the closed form of that quadratic). The df per cell
 * come from R (details-ci-r.json); the estimate and SE from the engine (checked against R above).
 */
describe('interval: wilson', () => {
  const scoreBound = (p: number, n: number, t: number, side: -1 | 1): number => {
    let lo = side < 0 ? 0 : p;
    let hi = side < 0 ? p : 1;
    const score = (p0: number): number => Math.abs(p - p0) / Math.sqrt((p0 * (1 - p0)) / n) - t;
    // score is positive at the far end (0 or 1) and negative at p; bisect to the sign change
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      const far = side < 0 ? score(mid) > 0 : score(mid) < 0;
      if (far) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };

  it('in defaults, gives every share the score interval (checked by bisection), also inside 0–1', async () => {
    const out = await mkdtemp(join(tmpdir(), 'spiegel-wilson-'));
    try {
      const spec = (await readFile('test/fixtures/report/details-ci.yaml', 'utf8')).replace('defaults:\n  minBase: 1\n', 'defaults:\n  minBase: 1\n  interval: wilson\n');
      const { writeFile, copyFile } = await import('node:fs/promises');
      await writeFile(join(out, 'study.yaml'), spec);
      await copyFile('test/fixtures/report/details-ci-2021.csv', join(out, 'details-ci-2021.csv'));
      const { report } = await computeStudy(join(out, 'study.yaml'));
      await writeReport(report, join(out, 'report'), ['json']);
      const wilson = JSON.parse(await readFile(join(out, 'report', 'tables.json'), 'utf8')) as typeof json;
      let checked = 0;
      for (const r of R) {
        const t = wilson.tables.find((x) => x.id === r.table)!;
        const c = t.columns.findIndex((x) => x.label === r.column);
        const cell = t.rows.find((x) => x.label === r.row)!.cells[c] as { estimate: number; se: number; ci: [number, number] };
        const p = cell.estimate;
        const n = (p * (1 - p)) / (cell.se * cell.se);
        const q = tQuantile(0.975, r.df);
        expect(rel(cell.ci[0], scoreBound(p, n, q, -1))).toBeLessThan(1e-9);
        expect(rel(cell.ci[1], scoreBound(p, n, q, 1))).toBeLessThan(1e-9);
        expect(cell.ci[0]).toBeGreaterThan(0);
        expect(cell.ci[1]).toBeLessThan(1);
        // a different interval from the default one
        expect(Math.abs(cell.ci[0] - r.xlogit[0])).toBeGreaterThan(1e-6);
        checked++;
      }
      expect(checked).toBe(R.length);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 60_000);
});
