/**
 * Whole-process `spiegel estimate` (issue 12 item 3): a 200,000-row CSV (BENCH_PROCESS_ROWS),
 * stratified cluster design (20 strata × 20 PSUs), proportions of a 5-category item and means
 * by 20 domains with SEs, CIs and design effects, against Rscript doing the same (read.csv,
 * svydesign, two svyby with deff, confint, written out). Each is run BENCH_PROCESS_RUNS times
 * (default 3); medians of wall time and of CPU time (user + system, from /usr/bin/time when it
 * is installed: on a shared machine CPU time is the fairer measure). Runs from dist/ (built first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TIME = '/usr/bin/time';

const R_SCRIPT = `
suppressMessages(library(survey))
args <- commandArgs(TRUE)
d <- read.csv(args[1])
des <- svydesign(ids = ~psu, strata = ~stratum, weights = ~w, data = d)
p <- svyby(~factor(item), ~domain, des, svymean, deff = TRUE)
m <- svyby(~y, ~domain, des, svymean, na.rm = TRUE, deff = TRUE)
out <- c(format(as.matrix(p), digits = 17), format(confint(p, df = degf(des)), digits = 17),
  format(as.matrix(m), digits = 17), format(confint(m, df = degf(des)), digits = 17))
writeLines(out, args[2])
`;

function writeData(dir: string, n: number): void {
  let seed = 99;
  const rnd = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const lines = ['stratum,psu,w,domain,item,y'];
  for (let i = 0; i < n; i++) {
    const psu = Math.floor((i / n) * 400);
    const dom = 1 + Math.floor(rnd() * 20);
    const u = rnd();
    const item = u < 0.3 ? 1 : u < 0.55 ? 2 : u < 0.75 ? 3 : u < 0.9 ? 4 : 5;
    const y = rnd() < 0.02 ? '' : String(Math.round((20 + dom * 0.3 + (psu % 11) + rnd() * 30) * 100) / 100);
    lines.push(`${Math.floor(psu / 20) + 1},${psu + 1},${50 + Math.floor(rnd() * 100)},${dom},${item},${y}`);
  }
  writeFileSync(join(dir, 'data.csv'), lines.join('\n') + '\n');
  const request = {
    design: { ids: ['psu'], strata: ['stratum'], weights: 'w' },
    estimates: [
      { id: 'p', statistic: 'proportion', variable: 'item', by: ['domain'] },
      { id: 'm', statistic: 'mean', variable: 'y', by: ['domain'] },
    ],
  };
  writeFileSync(join(dir, 'request.json'), JSON.stringify(request));
  writeFileSync(join(dir, 'same.R'), R_SCRIPT);
}

/** Wall and CPU seconds of one run of `cmd args` (CPU NaN without /usr/bin/time). */
function timeOnce(dir: string, cmd: string, args: string[]): [number, number] {
  const withTime = existsSync(TIME);
  const times = join(dir, 'time.txt');
  const t0 = performance.now();
  const r = withTime
    ? spawnSync(TIME, ['-f', '%U %S', '-o', times, cmd, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr.toString().slice(0, 400)}`);
  if (!withTime) return [wall, NaN];
  const [user, sys] = readFileSync(times, 'utf8').trim().split('\n').pop()!.split(/\s+/).map(Number);
  return [wall, user + sys];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function runWholeProcess(hasR: boolean): void {
  const n = Number(process.env.BENCH_PROCESS_ROWS ?? 200_000);
  const runs = Number(process.env.BENCH_PROCESS_RUNS ?? 3);
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-bench-process-'));
  try {
    writeData(dir, n);
    const ours = ['bin/spiegel.js', 'estimate', '--data', join(dir, 'data.csv'), '--request', join(dir, 'request.json'), '--compact'];
    const theirs = [join(dir, 'same.R'), join(dir, 'data.csv'), join(dir, 'out.txt')];
    const s: [number, number][] = [];
    const r: [number, number][] = [];
    for (let k = 0; k < runs; k++) {
      s.push(timeOnce(dir, process.execPath, ours));
      if (hasR) r.push(timeOnce(dir, 'Rscript', theirs));
    }
    const fmt = (x: number): string => (Number.isNaN(x) ? '–' : `${x.toFixed(2)} s`);
    const sw = median(s.map((x) => x[0]));
    const sc = median(s.map((x) => x[1]));
    console.log(`whole process, ${n.toLocaleString('en')}-row CSV, proportions and means by 20 domains (median of ${runs}; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}):`);
    console.log(`  spiegel estimate: wall ${fmt(sw)}, CPU ${fmt(sc)}`);
    if (!hasR) return;
    const rw = median(r.map((x) => x[0]));
    const rc = median(r.map((x) => x[1]));
    console.log(`  Rscript:          wall ${fmt(rw)}, CPU ${fmt(rc)}`);
    console.log(`  ratio R / spiegel: wall ${(rw / sw).toFixed(1)}×, CPU ${(rc / sc).toFixed(1)}× (goal 5×)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
