/**
 * The worked example's HTML report (issue 12 item 2: under 1 s as a whole process):
 * `spiegel report examples/participatiewet-2021/study.yaml --formats html`, 700 respondents,
 * 50 tables. Prints the median wall and CPU time of several whole-process runs (CPU from
 * /usr/bin/time when installed), then where the CPU time goes inside one process: module
 * loading, the spec, each wave (data, derived variables, checks, weighting and design), the
 * tables, the text references and the HTML. The machine may be shared: the load average is
 * printed beside the figures; judge by CPU time. Builds dist/ first (the program runs from it).
 *   npm run bench -- report            (BENCH_RUNS=7 by default)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SPEC = 'examples/participatiewet-2021/study.yaml';
const TIME = '/usr/bin/time';

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');

/** One whole-process run: wall seconds, and user + system CPU seconds when /usr/bin/time exists. */
function runOnce(out: string): { wall: number; cpu: number | null } {
  const args = ['bin/spiegel.js', 'report', SPEC, '--out', out, '--formats', 'html'];
  const timed = existsSync(TIME);
  const t0 = performance.now();
  const r = timed
    ? spawnSync(TIME, ['-f', 'CPU %U %S', process.execPath, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = (performance.now() - t0) / 1000;
  const err = r.stderr.toString();
  if (r.status !== 0) throw new Error(`spiegel report failed: ${err.slice(0, 400)}`);
  const m = /CPU ([\d.]+) ([\d.]+)/.exec(err);
  return { wall, cpu: m === null ? null : Number(m[1]) + Number(m[2]) };
}

/**
 * CPU milliseconds of each phase of one report, measured inside a fresh plain Node process (not
 * this one, whose module loader tsx hooks): process.cpuUsage at runStudy's progress steps.
 */
function phases(out: string): [string, number][] {
  const dist = (p: string): string => JSON.stringify(pathToFileURL(join(root, 'dist', p)).href);
  const script = `
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const result = [];
let t = cpu();
const mark = (label) => {
  const now = cpu();
  const last = result[result.length - 1];
  if (last !== undefined && last[0] === label) last[1] += now - t;
  else result.push([label, now - t]);
  t = now;
};
const study = await import(${dist('study/index.js')});
const write = await import(${dist('report/write.js')});
mark('module loading (study, report/write)');
const report = await study.runStudy(${JSON.stringify(join(root, SPEC))}, {
  onProgress: (_done, _total, label) => {
    if (label === 'spec') mark('spec: YAML, schema, catalog, weighting request');
    else if (label.startsWith('wave')) mark('waves: read data, derived, checks, weighting, design');
    else if (label.startsWith('table')) mark('tables (estimation and cells)');
    else mark('frames, text references, sections');
  },
});
await write.writeReport(report, ${JSON.stringify(out)}, ['html']);
mark('HTML report (render and write)');
console.log(JSON.stringify(result));
`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`phase run failed: ${r.stderr.slice(0, 400)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '[]') as [string, number][];
}

export async function run(): Promise<void> {
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const runs = Number(process.env.BENCH_RUNS ?? 7);
  const out = mkdtempSync(join(tmpdir(), 'spiegel-bench-report-'));
  try {
    console.log(`load average before: ${load()}`);
    runOnce(out);
    const all = Array.from({ length: runs }, () => runOnce(out));
    const wall = median(all.map((r) => r.wall));
    const cpus = all.map((r) => r.cpu).filter((c): c is number => c !== null);
    const cpuText = cpus.length > 0 ? `, CPU ${median(cpus).toFixed(2)} s` : ' (CPU: /usr/bin/time not installed)';
    console.log(`spiegel report ${SPEC} --formats html, median of ${runs} whole-process runs: ${wall.toFixed(2)} s elapsed${cpuText}; goal < 1 s`);
    console.log(`load average after: ${load()}`);
    console.log('CPU time by phase, one run in a fresh process:');
    for (const [label, ms] of phases(out)) console.log(`  ${label.padEnd(56)} ${ms.toFixed(0).padStart(6)} ms`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
