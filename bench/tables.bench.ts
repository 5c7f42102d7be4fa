/**
 * Tables with spiegel vs R: runStudy on a generated survey of SPIEGEL_BENCH_TABLES_ROWS rows
 * (default 50,000), post-stratified to sex, with a 10-statement 5-point grid (+ N.v.t.) split
 * by a 5-group subgroup (itemGridBy: 10 items × 6 groups incl. Totaal × 6 categories = 360
 * cells, each with estimate, SE and CI), a likert5 grid, and a cross-tab with a Rao–Scott test.
 * R does the same estimates on the same CSV: svymean + svyby(~factor(item), ~grp, svymean)
 * per item and svychisq, timed inside R (system.time; start-up and read.csv not counted).
 * spiegel's time is the whole runStudy (including reading the CSV). Ratio > 1: spiegel faster.
 * spiegel runs twice: the first run includes loading modules on first use, the second does not
 * (as R's time leaves out library(survey)). The machine may be shared: both elapsed and CPU time (user + system, ours from
 * process.cpuUsage, R's from system.time) are printed with the load average; judge by the CPU ratio.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { computeStudy } from '../src/study/index.js';
import { hasRscript } from './rscript.js';

const ITEMS = 10;

function spec(): string {
  const items = Array.from({ length: ITEMS }, (_, k) => `      - { variable: st${k + 1}, label: Stelling ${k + 1} }`).join('\n');
  return `study: { id: bench, title: Bench, specVersion: 1, locale: nl-NL }
waves:
  - year: 2021
    data: data.csv
    weighting:
      request:
        method: poststratify
        margins: [{ variables: [sex], population: [{ sex: 1, N: 600000 }, { sex: 2, N: 400000 }] }]
scales:
  eens5: [{ code: 1, label: a }, { code: 2, label: b }, { code: 3, label: c }, { code: 4, label: d }, { code: 5, label: e }, { code: 9, label: N.v.t., special: notApplicable }]
questions:
  - { id: werk, wording: Werk, type: single, categories: [{ code: 1, label: Ja }, { code: 2, label: Nee }] }
  - id: st
    wording: Stellingen
    type: grid
    categories: eens5
    items:
${items}
background:
  - { id: sex, label: Geslacht, categories: [{ code: 1, label: Man }, { code: 2, label: Vrouw }] }
  - { id: grp, label: Groep, categories: [{ code: 1, label: g1 }, { code: 2, label: g2 }, { code: 3, label: g3 }, { code: 4, label: g4 }, { code: 5, label: g5 }] }
subgroups:
  - id: groep
    label: Groep
    variable: grp
    total: true
    groups: [{ label: g1, codes: 1 }, { label: g2, codes: 2 }, { label: g3, codes: 3 }, { label: g4, codes: 4 }, { label: g5, codes: 5 }]
tables:
  - { id: grid, number: 1, kind: itemGridBy, title: Grid, questions: st, options: { by: groep } }
  - { id: lk, number: 2, kind: likert5Nvt, title: Likert, questions: st }
  - { id: xt, number: 3, kind: crossTab, title: Werk, questions: werk, options: { by: groep, significance: {} } }
`;
}

export async function run(): Promise<void> {
  const n = Number(process.env.SPIEGEL_BENCH_TABLES_ROWS ?? 50_000);
  const rng = xoroshiro128plus(21);
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-bench-tables-'));
  try {
    const head = ['sex', 'grp', 'werk', ...Array.from({ length: ITEMS }, (_, k) => `st${k + 1}`)];
    const lines = [head.join(',')];
    for (let i = 0; i < n; i++) {
      const row = [uniformInt(rng, 1, 2), uniformInt(rng, 1, 5), uniformInt(rng, 1, 2)];
      for (let k = 0; k < ITEMS; k++) {
        const x = uniformInt(rng, 1, 6);
        row.push(x === 6 ? 9 : x);
      }
      lines.push(row.join(','));
    }
    writeFileSync(join(dir, 'data.csv'), lines.join('\n') + '\n');
    writeFileSync(join(dir, 'study.yaml'), spec());
    const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
    console.log(`load average before: ${load()}`);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { tables } = await computeStudy(join(dir, 'study.yaml'));
    const ours = (performance.now() - t0) / 1000;
    const c1 = process.cpuUsage(c0);
    const firstCpu = (c1.user + c1.system) / 1e6;
    const cells = [...tables.values()].reduce((a, t) => a + t.rows.reduce((b, r) => b + r.cells.length, 0), 0);
    console.log(`spiegel runStudy, first run: ${n} rows, ${cells} cells in ${ours.toFixed(2)} s (CPU ${firstCpu.toFixed(2)} s; includes loading the distribution functions on first use)`);
    // R's time leaves out loading its packages and reading the CSV into R: a second run compares like with like
    const c2 = process.cpuUsage();
    const t2 = performance.now();
    await computeStudy(join(dir, 'study.yaml'));
    const second = (performance.now() - t2) / 1000;
    const c3 = process.cpuUsage(c2);
    const oursCpu = (c3.user + c3.system) / 1e6;
    console.log(`spiegel runStudy, second run (modules loaded): ${second.toFixed(2)} s (CPU ${oursCpu.toFixed(2)} s)`);
    if (!hasRscript()) {
      console.log('Rscript not installed: no comparison');
      return;
    }
    const script = `suppressMessages(library(survey))
d <- read.csv("${join(dir, 'data.csv')}")
t <- system.time({
  des <- postStratify(svydesign(ids = ~1, weights = ~1, data = d), ~sex, data.frame(sex = c(1, 2), Freq = c(600000, 400000)))
  for (k in 1:${ITEMS}) {
    f <- as.formula(paste0("~factor(st", k, ")"))
    a <- svymean(f, des)
    b <- svyby(f, ~grp, des, svymean)
    e <- svymean(as.formula(paste0("~factor(st", k, ")")), subset(des, get(paste0("st", k)) != 9))
  }
  x <- svyby(~factor(werk), ~grp, des, svymean)
  s <- svychisq(~werk + grp, des)
})
cat(t[["elapsed"]], t[["user.self"]] + t[["sys.self"]], format(coef(svymean(~factor(st1), des))[1], digits = 17), "\\n")
`;
    const [rTime, rCpu, rFirst] = execFileSync('nice', ['Rscript', '-e', script], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split(/\s+/).map(Number);
    const ourFirst = tables.get('lk')!.rows[0].cells[0].estimate!;
    console.log(`R survey (svymean + svyby per item, svychisq): ${rTime.toFixed(2)} s (CPU ${rCpu.toFixed(2)} s); first share agrees to ${(Math.abs(ourFirst - rFirst) / rFirst).toExponential(1)} relative`);
    console.log(`ratio R / spiegel: first run ${(rTime / ours).toFixed(2)}× elapsed, ${(rCpu / firstCpu).toFixed(2)}× CPU; second run ${(rTime / second).toFixed(2)}× elapsed, ${(rCpu / oursCpu).toFixed(2)}× CPU; load average after: ${load()}`);
  } finally {
    if (!process.env.SPIEGEL_BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    else console.log(dir);
  }
}
