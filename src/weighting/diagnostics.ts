/**
 * The weighting report (issue 4 §4): convergence, weight summary, Kish design effect and effective
 * sample size, and every margin before and after weighting against its target.
 *
 * Kish's design effect due to unequal weights (Kish 1965, §11.7): deff = n Σw² / (Σw)² = 1 + cv²,
 * with cv the coefficient of variation of the weights using the population standard deviation
 * (divisor n); effective n = (Σw)² / Σw² = n / deff.
 */
import { type MarginCells, cellTotals } from './cells.js';

export interface WeightSummary {
  readonly n: number;
  readonly sum: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Standard deviation / mean, standard deviation with divisor n. */
  readonly cv: number;
  /** max / min (Infinity when the smallest weight is 0). */
  readonly ratio: number;
}

export interface MarginCellDiagnostic {
  /** Category of each margin variable, as written in the request. */
  readonly category: Readonly<Record<string, string | number>>;
  readonly label: string;
  readonly target: number;
  readonly before: number;
  readonly after: number;
}

export interface MarginDiagnostic {
  readonly variables: readonly string[];
  readonly cells: readonly MarginCellDiagnostic[];
  /** Largest |after − target| / target over the cells. */
  readonly maxRelativeDifference: number;
}

export interface TotalDiagnostic {
  readonly variable: string;
  readonly target: number;
  readonly before: number;
  readonly after: number;
}

export interface WeightingDiagnostics {
  readonly method: string;
  readonly converged: boolean;
  readonly iterations: number;
  readonly summary: WeightSummary;
  readonly before: WeightSummary;
  readonly kishDeff: number;
  readonly effectiveN: number;
  readonly margins: readonly MarginDiagnostic[];
  readonly totals: readonly TotalDiagnostic[];
  /** Weights that are zero or negative after weighting (linear calibration can produce them). */
  readonly nonPositiveWeights: number;
  /** Units set to a trimming bound (first pass). */
  readonly trimmed: number;
  /** Problems a researcher must see: non-convergence, negative weights. */
  readonly warnings: readonly string[];
}

export function summarizeWeights(w: Float64Array): WeightSummary {
  const n = w.length;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    sum += w[i];
    if (w[i] < min) min = w[i];
    if (w[i] > max) max = w[i];
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (w[i] - mean) * (w[i] - mean);
  const cv = Math.sqrt(ss / n) / mean;
  return { n, sum, min, max, mean, cv, ratio: min > 0 ? max / min : Infinity };
}

export function kish(w: Float64Array): { kishDeff: number; effectiveN: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < w.length; i++) {
    s += w[i];
    s2 += w[i] * w[i];
  }
  return { kishDeff: (w.length * s2) / (s * s), effectiveN: (s * s) / s2 };
}

export function marginDiagnostic(variables: readonly string[], cells: MarginCells, before: Float64Array, after: Float64Array): MarginDiagnostic {
  const tb = cellTotals(cells, before);
  const ta = cellTotals(cells, after);
  let worst = 0;
  const out: MarginCellDiagnostic[] = [];
  for (let j = 0; j < cells.ncell; j++) {
    if (cells.target[j] > 0) worst = Math.max(worst, Math.abs(ta[j] - cells.target[j]) / cells.target[j]);
    out.push({ category: cells.categories[j], label: cells.labels[j], target: cells.target[j], before: tb[j], after: ta[j] });
  }
  return { variables, cells: out, maxRelativeDifference: worst };
}

const fmt = (v: number, digits = 2): string =>
  Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : String(v);

/** A plain-text weighting report for the terminal. */
export function formatDiagnostics(d: WeightingDiagnostics): string {
  const lines: string[] = [];
  lines.push(`Weighting: ${d.method} — ${d.converged ? 'converged' : 'DID NOT CONVERGE'} after ${d.iterations} iteration(s)`);
  lines.push('');
  lines.push('Weights        before        after');
  const row = (name: string, a: number, b: number, digits = 4): string =>
    `${name.padEnd(10)} ${fmt(a, digits).padStart(12)} ${fmt(b, digits).padStart(12)}`;
  lines.push(row('n', d.before.n, d.summary.n, 0));
  lines.push(row('sum', d.before.sum, d.summary.sum, 2));
  lines.push(row('min', d.before.min, d.summary.min));
  lines.push(row('max', d.before.max, d.summary.max));
  lines.push(row('mean', d.before.mean, d.summary.mean));
  lines.push(row('cv', d.before.cv, d.summary.cv));
  lines.push(row('max/min', d.before.ratio, d.summary.ratio));
  lines.push(`Kish design effect ${fmt(d.kishDeff, 4)}, effective n ${fmt(d.effectiveN, 1)}`);
  for (const m of d.margins) {
    lines.push('');
    lines.push(`Margin ${m.variables.join(' × ')}`);
    const w = Math.max(8, ...m.cells.map((c) => c.label.length));
    lines.push(`${'cell'.padEnd(w)} ${'target'.padStart(14)} ${'before'.padStart(14)} ${'after'.padStart(14)}`);
    for (const c of m.cells) {
      lines.push(`${c.label.padEnd(w)} ${fmt(c.target).padStart(14)} ${fmt(c.before).padStart(14)} ${fmt(c.after).padStart(14)}`);
    }
  }
  if (d.totals.length > 0) {
    lines.push('');
    lines.push(`${'total'.padEnd(12)} ${'target'.padStart(16)} ${'before'.padStart(16)} ${'after'.padStart(16)}`);
    for (const t of d.totals) {
      lines.push(`${t.variable.padEnd(12)} ${fmt(t.target).padStart(16)} ${fmt(t.before).padStart(16)} ${fmt(t.after).padStart(16)}`);
    }
  }
  for (const wmsg of d.warnings) lines.push(`WARNING: ${wmsg}`);
  return lines.join('\n') + '\n';
}
