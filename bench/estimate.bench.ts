/**
 * Estimation benchmark (issue 3 §8): BENCH_ROWS rows (default 1,000,000), stratified two-stage
 * design (20 strata × 50 PSUs × 10 SSUs):
 *   1. proportions of a 5-category item in 50 domains with linearization SEs,
 *   2. a mean with JK1 and 100 replicate-weight columns,
 *   3. Rao–Scott F test on a 5 × 10 table.
 * When Rscript is installed, R survey does the same (svyby, svymean, svychisq) on the same data
 * (written to a CSV in a temp dir) in the same run; times, ratios and the largest relative
 * difference between the two sets of numbers are printed, and rows/s against one plain pass
 * over the same columns. Then whole-process `spiegel estimate` against Rscript on a 200,000-row
 * CSV (./estimate-process.ts). The load average is printed beside the figures (shared machine).
 *   npm run bench -- estimate            (BENCH_ROWS=100000 for a quick run)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { numericColumn } from '../src/data/column.js';
import { Dataset } from '../src/data/dataset.js';
import { svyDesign } from '../src/design/index.js';
import { svyMean, svyProportions } from '../src/estimate/estimators.js';
import { svyChisq } from '../src/estimate/tests.js';
import { runWholeProcess } from './estimate-process.js';
import { hasRscript } from './rscript.js';

const REPLICATES = 100;

function makeData(n: number): { data: Dataset; group: Float64Array } {
  let seed = 12345;
  const rnd = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const strata = 20;
  const psuPerStratum = 50;
  const ssuPerPsu = 10;
  const nPsu = strata * psuPerStratum;
  const cols = {
    stratum: new Float64Array(n),
    psu: new Float64Array(n),
    ssu: new Float64Array(n),
    w: new Float64Array(n),
    item: new Float64Array(n),
    domain: new Float64Array(n),
    dom10: new Float64Array(n),
    y: new Float64Array(n),
    grp: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    const psu = Math.floor((i / n) * nPsu);
    const ssu = psu * ssuPerPsu + Math.floor(rnd() * ssuPerPsu);
    cols.stratum[i] = Math.floor(psu / psuPerStratum) + 1;
    cols.psu[i] = psu + 1;
    cols.ssu[i] = ssu + 1;
    cols.w[i] = 50 + Math.floor(rnd() * 100);
    const dom = 1 + Math.floor(rnd() * 50);
    cols.domain[i] = dom;
    cols.dom10[i] = 1 + ((dom - 1) % 10);
    const u = rnd() + (dom % 5) * 0.03 + (psu % 7) * 0.01;
    cols.item[i] = u < 0.3 ? 1 : u < 0.55 ? 2 : u < 0.75 ? 3 : u < 0.9 ? 4 : 5;
    cols.y[i] = Math.round((20 + dom * 0.2 + (psu % 11) + rnd() * 30) * 100) / 100;
    cols.grp[i] = (psu % REPLICATES) + 1;
  }
  const columns = Object.entries(cols).map(([name, v]) => numericColumn(name, v));
  return { data: new Dataset(columns), group: cols.grp };
}

/** Least CPU time (user + system, s) of `runs` calls: the fairer figure on a shared machine. */
function bestCpu(f: () => unknown, runs = 5): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const u0 = process.cpuUsage();
    f();
    const u = process.cpuUsage(u0);
    best = Math.min(best, (u.user + u.system) / 1e6);
  }
  return best;
}

/** Result, wall seconds and CPU seconds (user + system) of one call. */
function time<T>(f: () => T): [T, number, number] {
  const t0 = performance.now();
  const u0 = process.cpuUsage();
  const r = f();
  const u = process.cpuUsage(u0);
  return [r, (performance.now() - t0) / 1000, (u.user + u.system) / 1e6];
}

const R_SCRIPT = `
suppressMessages(library(survey))
args <- commandArgs(TRUE)
d0 <- read.csv(args[1])
des <- svydesign(ids = ~psu + ssu, strata = ~stratum, weights = ~w, data = d0)
cpu <- function(s) s[["user.self"]] + s[["sys.self"]]
s1 <- system.time(r1 <- svyby(~factor(item), ~domain, des, svymean)); t1 <- s1[["elapsed"]]
s3 <- system.time(r3 <- svychisq(~item + dom10, des, statistic = "F")); t3 <- s3[["elapsed"]]
repw <- outer(d0$grp, 1:${REPLICATES}, "!=") * (${REPLICATES} / ${REPLICATES - 1}) * d0$w
rdes <- svrepdesign(data = d0, repweights = repw, weights = ~w, type = "JK1", scale = ${(REPLICATES - 1) / REPLICATES}, combined.weights = TRUE)
s2 <- system.time(r2 <- svymean(~y, rdes)); t2 <- s2[["elapsed"]]
cat(sprintf("%.17g", c(t1, t2, t3, coef(r2), SE(r2), r3$statistic, r3$p.value, cpu(s1), cpu(s2), cpu(s3))), "\\n")
cat(sprintf("%.17g", as.vector(t(as.matrix(r1[, 2:11])))), "\\n")
`;

export async function run(): Promise<void> {
  const n = Number(process.env.BENCH_ROWS ?? 1_000_000);
  const { data, group } = makeData(n);
  console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log(`${n.toLocaleString('en')} rows, 20 strata × 50 PSUs × 10 SSUs; ${REPLICATES} JK1 replicate columns`);

  // One plain pass over the columns of task 1: weighted counts per domain × category.
  const w = data.numbers('w');
  const item = data.numbers('item');
  const dom = data.numbers('domain');
  const plainPass = (): Float64Array => {
    const acc = new Float64Array(51 * 6);
    for (let i = 0; i < n; i++) acc[dom[i] * 6 + item[i]] += w[i];
    return acc;
  };
  const [, plain] = time(plainPass);

  const [design, tDesign] = time(() => svyDesign(data, { ids: ['psu', 'ssu'], strata: ['stratum'], weights: 'w' }));
  const [props, t1, c1] = time(() => svyProportions(design, 'item', { by: ['domain'] }));
  const [chisq, t3, c3] = time(() => svyChisq(design, 'item', 'dom10', { statistic: 'F' }));
  // Second runs (compiled code warm); R is timed on its first run.
  const [, t1w] = time(() => svyProportions(design, 'item', { by: ['domain'] }));
  const [, t3w] = time(() => svyChisq(design, 'item', 'dom10', { statistic: 'F' }));
  const cpuPlain = bestCpu(plainPass);
  const cpu1 = bestCpu(() => svyProportions(design, 'item', { by: ['domain'] }));
  const cpu3 = bestCpu(() => svyChisq(design, 'item', 'dom10', { statistic: 'F' }));

  // Replicate columns (combined weights), as R builds them from the same groups.
  const repCols = Array.from({ length: REPLICATES }, (_, r) => {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = group[i] === r + 1 ? 0 : (w[i] * REPLICATES) / (REPLICATES - 1);
    return numericColumn(`rw${r + 1}`, v);
  });
  const repData = new Dataset([...data.columns, ...repCols]);
  const [repDesign, tRepDesign] = time(() =>
    svyDesign(repData, { weights: 'w', replicates: { type: 'JK1', columns: repCols.map((c) => c.name), scale: (REPLICATES - 1) / REPLICATES } }),
  );
  const [mean, t2, c2] = time(() => svyMean(repDesign, 'y'));
  const [, t2w] = time(() => svyMean(repDesign, 'y'));

  const fmt = (s: number): string => `${s.toFixed(3)} s`;
  const rate = (s: number): string => `${Math.round(n / s).toLocaleString('en')} rows/s`;
  console.log(`plain pass (weighted counts, 50 × 5):        ${fmt(plain)}  ${rate(plain)}`);
  console.log(`design construction (linearization):        ${fmt(tDesign)}`);
  console.log(`design construction (100 replicate columns): ${fmt(tRepDesign)}`);
  console.log(`1. proportions × 50 domains (linearization): ${fmt(t1)} (warm ${fmt(t1w)})  ${rate(t1)}  ${(t1w / plain).toFixed(1)}× plain pass (warm)`);
  console.log(`2. mean, JK1 with ${REPLICATES} replicates:          ${fmt(t2)} (warm ${fmt(t2w)})  ${rate(t2)}`);
  console.log(`3. Rao–Scott F, 5 × 10 table:                ${fmt(t3)} (warm ${fmt(t3w)})  ${rate(t3)}  ${(t3w / plain).toFixed(1)}× plain pass (warm)`);
  const ms = (x: number): string => `${(x * 1000).toFixed(0)} ms`;
  console.log(
    `CPU time, least of 5 warm runs: plain pass ${ms(cpuPlain)}; 1. ${ms(cpu1)} = ${(cpu1 / cpuPlain).toFixed(1)}× plain; 3. ${ms(cpu3)} = ${(cpu3 / cpuPlain).toFixed(1)}× plain (goal 5×, 3× the aim)`,
  );

  if (!hasRscript()) {
    console.log('Rscript not found: no comparison with R survey');
    runWholeProcess(false);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-bench-'));
  try {
    const file = join(dir, 'data.csv');
    const names = ['stratum', 'psu', 'ssu', 'w', 'item', 'domain', 'dom10', 'y', 'grp'];
    const cols = names.map((c) => data.numbers(c));
    const lines: string[] = [names.join(',')];
    for (let i = 0; i < n; i++) lines.push(cols.map((c) => c[i]).join(','));
    writeFileSync(file, lines.join('\n') + '\n');
    writeFileSync(join(dir, 'bench.R'), R_SCRIPT);
    console.log('running R survey on the same data …');
    const res = spawnSync('Rscript', [join(dir, 'bench.R'), file], { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (res.status !== 0) {
      console.log(`R failed: ${res.stderr.slice(0, 500)}`);
      return;
    }
    const [head, byLine] = res.stdout.trim().split('\n');
    const [r1, r2, r3, rMean, rSe, rF, rP, rc1, rc2, rc3] = head.trim().split(/\s+/).map(Number);
    const rBy = byLine.trim().split(/\s+/).map(Number); // per domain: 5 proportions, 5 SEs
    let maxRel = 0;
    const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
    for (let d = 0; d < 50; d++) {
      for (let k = 0; k < 5; k++) {
        const ours = props[d * 5 + k];
        maxRel = Math.max(maxRel, rel(ours.estimate as number, rBy[d * 10 + k]), rel(ours.se as number, rBy[d * 10 + 5 + k]));
      }
    }
    maxRel = Math.max(maxRel, rel(mean[0].estimate as number, rMean), rel(mean[0].se as number, rSe), rel(chisq.statistic as number, rF), rel(chisq.p as number, rP));
    console.log(`R survey: svyby ${fmt(r1)}, svymean (JK1) ${fmt(r2)}, svychisq ${fmt(r3)}`);
    console.log(`ratio R / spiegel (first run): 1. ${(r1 / t1).toFixed(1)}×   2. ${(r2 / t2).toFixed(1)}×   3. ${(r3 / t3).toFixed(1)}×`);
    console.log(`ratio R / spiegel (first run, CPU time): 1. ${(rc1 / c1).toFixed(1)}×   2. ${(rc2 / c2).toFixed(1)}× (goal 20×)   3. ${(rc3 / c3).toFixed(1)}×`);
    console.log(`ratio R / spiegel (warm):      1. ${(r1 / t1w).toFixed(1)}×   2. ${(r2 / t2w).toFixed(1)}×   3. ${(r3 / t3w).toFixed(1)}×`);
    console.log(`largest relative difference from R: ${maxRel.toExponential(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  runWholeProcess(true);
}
