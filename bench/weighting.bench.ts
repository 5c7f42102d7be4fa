/**
 * Raking 1,000,000 records to three margins with 20 categories in total (age 8 × region 10 ×
 * sex 2), side by side with R survey::rake on the same data in the same run when Rscript is
 * installed; prints both times and the ratio. SPIEGEL_BENCH_RAKE_ROWS sets a smaller size.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { categoricalColumn, numericColumn } from '../src/data/column.js';
import { Dataset } from '../src/data/dataset.js';
import { Xoshiro128 } from '../src/sampling/rng.js';
import { applyWeighting, parseWeightingRequest } from '../src/weighting/index.js';
import { hasRscript } from './rscript.js';

export async function run(): Promise<void> {
  const n = Number(process.env.SPIEGEL_BENCH_RAKE_ROWS ?? 1_000_000);
  const rng = new Xoshiro128(2026);
  const age = new Float64Array(n);
  const region = new Float64Array(n);
  const sex = new Float64Array(n);
  const dw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Unequal, dependent categories so raking needs several sweeps.
    age[i] = 1 + Math.min(7, Math.floor(rng.uniform() * rng.uniform() * 12));
    region[i] = 1 + ((Math.floor(rng.uniform() * 10) + (age[i] > 5 ? 3 : 0)) % 10);
    sex[i] = rng.uniform() < 0.45 + 0.02 * age[i] ? 1 : 2;
    dw[i] = 50 + rng.uniform() * 100;
  }
  const data = new Dataset([
    categoricalColumn('age', age),
    categoricalColumn('region', region),
    categoricalColumn('sex', sex),
    numericColumn('dw', dw),
  ]);
  const N = 10_000_000;
  const share = (k: number, i: number): number => (i + 1) / ((k * (k + 1)) / 2);
  const margin = (name: string, k: number): { variables: string[]; population: Record<string, number>[] } => ({
    variables: [name],
    population: Array.from({ length: k }, (_, i) => ({ [name]: i + 1, N: N * share(k, i) })),
  });
  const margins = [margin('age', 8), margin('region', 10), margin('sex', 2)];
  const request = parseWeightingRequest({ method: 'rake', baseWeight: 'dw', margins, epsilon: 1e-10, maxIterations: 100 });

  // The first run is cold (loops interpreted until the JIT compiles them): it is what a single
  // `spiegel weight` call pays. After three more warm-up runs, the median of five is the
  // steady-state time of a long-running process (as the web service or a study run).
  const t00 = performance.now();
  let res = applyWeighting(data, request);
  const cold = (performance.now() - t00) / 1000;
  for (let r = 0; r < 3; r++) res = applyWeighting(data, request);
  const times: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    res = applyWeighting(data, request);
    times.push((performance.now() - t0) / 1000);
  }
  const ours = times.sort((a, b) => a - b)[2];
  console.log(
    `spiegel rake: ${n.toLocaleString('en-US')} rows, 3 margins / 20 categories: ${ours.toFixed(3)} s, ` +
      `${res.diagnostics.iterations} sweeps, converged=${res.diagnostics.converged} (${Math.round(n / ours).toLocaleString('en-US')} rows/s; warm median of 5: ${times.map((t) => t.toFixed(3)).join(', ')} s; cold first run ${cold.toFixed(3)} s)`,
  );
  if (!hasRscript()) {
    console.log('Rscript not found: R comparison skipped');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-bench-rake-'));
  try {
    const csv = join(dir, 'data.csv');
    const lines: string[] = ['age,region,sex,dw'];
    for (let i = 0; i < n; i++) lines.push(`${age[i]},${region[i]},${sex[i]},${dw[i]}`);
    writeFileSync(csv, lines.join('\n') + '\n');
    const popJson = (name: string, k: number): string =>
      `data.frame(${name} = 1:${k}, Freq = ${N} * (1:${k}) / ${(k * (k + 1)) / 2})`;
    // R's epsilon < 1 is relative to the weight total, compared with the change of the crossed
    // table between sweeps; 1e-10 is the closest analogue of our relative stopping rule.
    const script = `suppressMessages(library(survey))
d <- read.csv("${csv}")
d$age <- factor(d$age); d$region <- factor(d$region); d$sex <- factor(d$sex)
des <- svydesign(ids = ~1, weights = ~dw, data = d)
pa <- ${popJson('age', 8)}; pa$age <- factor(pa$age)
pr <- ${popJson('region', 10)}; pr$region <- factor(pr$region)
ps <- ${popJson('sex', 2)}; ps$sex <- factor(ps$sex)
t <- system.time(r <- rake(des, list(~age, ~region, ~sex), list(pa, pr, ps), control = list(maxit = 100, epsilon = 1e-10)))[["elapsed"]]
w <- weights(r)
cat(t, w[1], w[2], w[${n}], "\\n")
`;
    const out = execFileSync('Rscript', ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split(/\s+/).map(Number);
    const [rTime, w1, w2, wn] = out;
    const maxRel = Math.max(Math.abs(res.weights[0] - w1) / w1, Math.abs(res.weights[1] - w2) / w2, Math.abs(res.weights[n - 1] - wn) / wn);
    console.log(`R survey::rake: ${rTime.toFixed(3)} s (same data; first/last weights agree to ${maxRel.toExponential(1)} relative)`);
    console.log(`ratio R / spiegel: ${(rTime / ours).toFixed(1)}× warm, ${(rTime / cold).toFixed(1)}× cold first run (goal ≥ 20×)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
