/**
 * Drawing a simple random sample of 4,000 from a 20,000,000-row register (CSV, read streaming),
 * writing the sample file; prints rows/s and peak memory (max resident set size of the process).
 * The frame is generated once in a temporary folder and removed afterwards.
 * SPIEGEL_BENCH_FRAME_ROWS sets a smaller frame.
 */
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drawSample, openFrame, parseSamplingDesign, writeSample, Xoshiro128 } from '../src/sampling/index.js';

export async function run(): Promise<void> {
  const rows = Number(process.env.SPIEGEL_BENCH_FRAME_ROWS ?? 20_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-bench-frame-'));
  try {
    const path = join(dir, 'register.csv');
    const t0 = performance.now();
    const rng = new Xoshiro128(11);
    const fd = openSync(path, 'w');
    writeSync(fd, 'bsn_pseudo,gemeente,leeftijd,geslacht,regeling\n');
    const chunk = 100_000;
    for (let start = 0; start < rows; start += chunk) {
      const parts: string[] = [];
      for (let i = start; i < Math.min(rows, start + chunk); i++) {
        parts.push(`P${i + 1},${100 + rng.below(342)},${18 + rng.below(50)},${1 + rng.below(2)},${rng.below(3)}\n`);
      }
      writeSync(fd, parts.join(''));
    }
    closeSync(fd);
    const size = statSync(path).size;
    console.log(`frame: ${rows.toLocaleString('en-US')} rows, ${(size / 1e6).toFixed(0)} MB generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const design = parseSamplingDesign({ method: 'srs', n: 4000, key: 'bsn_pseudo' });
    const rssBefore = process.memoryUsage().rss;
    const t1 = performance.now();
    const frame = await openFrame(path);
    const sample = await drawSample(frame, design, { seed: 20201101 });
    const t2 = performance.now();
    await writeSample(frame, sample, join(dir, 'sample.csv'));
    const t3 = performance.now();
    const total = (t3 - t1) / 1000;
    console.log(
      `spiegel sample srs n=4,000: pass 1 (keys, duplicate check, selection) ${((t2 - t1) / 1000).toFixed(1)} s, ` +
        `pass 2 (write sample) ${((t3 - t2) / 1000).toFixed(1)} s; total ${total.toFixed(1)} s = ${Math.round(rows / total).toLocaleString('en-US')} frame rows/s`,
    );
    console.log(
      `memory: peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (process, incl. runtime; RSS before drawing ${(rssBefore / 1e6).toFixed(0)} MB)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
