/**
 * Drawing a simple random sample of 4,000 from a 20,000,000-row register, writing the sample
 * file; prints rows/s and peak memory (max resident set size). Two frames with the same rows:
 * CSV (read record by record) and SPSS .sav (bytecode-compressed, read in batches of cases; pass
 * 1 decodes only the key column, pass 2 the full records up to the last sampled case).
 *
 * The CSV draw runs in this process (its frame is written in chunks, so the peak is the draw's).
 * The .sav frame is made with writeSav from an in-memory Dataset, which needs memory for every
 * column; so it is generated in one child process and drawn from in another, whose peak RSS is
 * the draw's alone. The frames live in a temporary folder removed afterwards.
 * SPIEGEL_BENCH_FRAME_ROWS sets a smaller frame.
 */
import { fork } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { numericColumn, stringColumn } from '../src/data/column.js';
import { Dataset } from '../src/data/dataset.js';
import { writeSav } from '../src/data/sav/index.js';
import { drawSample, openFrame, parseSamplingDesign, writeSample, Xoshiro128 } from '../src/sampling/index.js';

const CHILD = 'SPIEGEL_SAMPLING_BENCH_CHILD';
const SAMPLE_N = 4000;

/** Frame row i (same values in the CSV and the .sav frame). */
function frameRow(rng: Xoshiro128): [number, number, number, number] {
  return [100 + rng.below(342), 18 + rng.below(50), 1 + rng.below(2), rng.below(3)];
}

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
      for (let i = start; i < Math.min(rows, start + chunk); i++) parts.push(`P${i + 1},${frameRow(rng).join(',')}\n`);
      writeSync(fd, parts.join(''));
    }
    closeSync(fd);
    const size = statSync(path).size;
    console.log(`CSV frame: ${rows.toLocaleString('en-US')} rows, ${(size / 1e6).toFixed(0)} MB generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const csv = await timedDraw(path, join(dir, 'sample.csv'), rows);
    console.log(`CSV frame:  ${csv}`);
    rmSync(path);

    const savPath = join(dir, 'register.sav');
    const t1 = performance.now();
    await child('generate', savPath, rows);
    console.log(
      `.sav frame: ${rows.toLocaleString('en-US')} rows, ${(statSync(savPath).size / 1e6).toFixed(0)} MB (bytecode) generated in ${((performance.now() - t1) / 1000).toFixed(1)} s (child process)`,
    );
    const sav = await child('draw', savPath, rows);
    console.log(`.sav frame: ${sav}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Draws n = 4,000 by SRS and writes the sample; the result line with times, rows/s and peak RSS. */
async function timedDraw(frameFile: string, out: string, rows: number): Promise<string> {
  const design = parseSamplingDesign({ method: 'srs', n: SAMPLE_N, key: 'bsn_pseudo' });
  const rssBefore = process.memoryUsage().rss;
  const t1 = performance.now();
  const frame = await openFrame(frameFile);
  const sample = await drawSample(frame, design, { seed: 20201101 });
  const t2 = performance.now();
  await writeSample(frame, sample, out);
  const t3 = performance.now();
  if (sample.rows.length !== SAMPLE_N || sample.frameRows !== rows) throw new Error(`bench: drew ${sample.rows.length} of ${sample.frameRows} rows`);
  const total = (t3 - t1) / 1000;
  return (
    `srs n=4,000: pass 1 (keys, duplicate check, selection) ${((t2 - t1) / 1000).toFixed(1)} s, ` +
    `pass 2 (write sample) ${((t3 - t2) / 1000).toFixed(1)} s; total ${total.toFixed(1)} s = ${Math.round(rows / total).toLocaleString('en-US')} frame rows/s; ` +
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (process, incl. runtime; before drawing ${(rssBefore / 1e6).toFixed(0)} MB)`
  );
}

/** The same rows as the CSV frame, as a Dataset written with writeSav. */
async function generateSav(path: string, rows: number): Promise<void> {
  const rng = new Xoshiro128(11);
  const ids: string[] = new Array<string>(rows);
  const cols = [new Float64Array(rows), new Float64Array(rows), new Float64Array(rows), new Float64Array(rows)];
  for (let i = 0; i < rows; i++) {
    ids[i] = `P${i + 1}`;
    const r = frameRow(rng);
    for (let k = 0; k < 4; k++) cols[k][i] = r[k];
  }
  const names = ['gemeente', 'leeftijd', 'geslacht', 'regeling'];
  await writeSav(new Dataset([stringColumn('bsn_pseudo', ids), ...cols.map((c, k) => numericColumn(names[k], c))]), path);
}

/** Runs a job of this module in a child process (same loader); resolves with its message. */
function child(job: 'generate' | 'draw', path: string, rows: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const p = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, [CHILD]: JSON.stringify({ job, path, rows }) } });
    let message = '';
    p.on('message', (m) => (message = String(m)));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(message) : reject(new Error(`sampling bench: child "${job}" exited with ${code}`))));
  });
}

const childJob = process.env[CHILD];
if (childJob !== undefined && process.send !== undefined) {
  const { job, path, rows } = JSON.parse(childJob) as { job: 'generate' | 'draw'; path: string; rows: number };
  if (job === 'generate') {
    await generateSav(path, rows);
    process.send('done');
  } else {
    process.send(await timedDraw(path, join(path, '..', 'sample-from-sav.csv'), rows));
  }
  process.disconnect();
}
