/**
 * Start-up benchmark (issue 12 item 1): whole-process wall time of the `spiegel` program, the
 * median of several runs, against an empty Node process. Builds dist/ first (the program runs
 * from it). Goals: `spiegel --help` under 0.2 s, `spiegel describe` of a small CSV under 0.3 s.
 *   npm run bench -- startup            (BENCH_RUNS=15 by default)
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median wall time in seconds of `node ARGS` run `runs` times after one warm-up run. */
function timeProcess(args: string[], runs: number): number {
  const once = (): number => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    const t = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr.toString().slice(0, 300)}`);
    return t;
  };
  once();
  return median(Array.from({ length: runs }, once));
}

export async function run(): Promise<void> {
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
  const runs = Number(process.env.BENCH_RUNS ?? 15);
  const cases: [string, string[], number | undefined][] = [
    ['node -e 0 (empty process)', ['-e', '0'], undefined],
    ['spiegel --help', ['bin/spiegel.js', '--help'], 0.2],
    ['spiegel describe (small CSV)', ['bin/spiegel.js', 'describe', 'examples/data/clients-2021.csv'], 0.3],
    ['spiegel report --help', ['bin/spiegel.js', 'report', '--help'], undefined],
  ];
  console.log(`whole-process wall time, median of ${runs} runs`);
  for (const [label, args, goal] of cases) {
    const t = timeProcess(args, runs);
    const verdict = goal === undefined ? '' : `  goal < ${goal.toFixed(1)} s: ${t < goal ? 'met' : 'NOT met'}`;
    console.log(`${label.padEnd(32)} ${t.toFixed(3)} s${verdict}`);
  }
}
