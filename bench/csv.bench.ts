/**
 * CSV with spiegel vs R: write and read a generated 1,000,000-row × 50-column CSV (40 numeric
 * columns, half whole numbers and half with decimals, 5 answer-code columns, 5 text columns).
 * Prints rows/s for spiegel (writeCsv; readCsv without codebook, so every column's type is
 * inferred) and, when Rscript is installed, for R on the same file in the same run: base
 * read.csv / write.csv, and readr::read_csv / write_csv when readr is installed. R is timed inside
 * R (system.time), so its start-up is not counted. Ratios > 1 mean spiegel is faster. readr
 * parses with several threads where it can; base R and spiegel use one.
 * SPIEGEL_BENCH_CSV_ROWS sets a smaller size.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { type Column, categoricalColumn, numericColumn, stringColumn } from '../src/data/column.js';
import { readCsv } from '../src/data/csv/read.js';
import { writeCsv } from '../src/data/csv/write.js';
import { Dataset } from '../src/data/dataset.js';
import { hasRscript } from './rscript.js';

const WORDS = ['goed', 'slecht', 'te lang wachten', 'prima', 'geen contact', 'vriendelijk', 'onduidelijk; brief', 'snel geholpen'];

export function generate(rows: number): Dataset {
  const rng = xoroshiro128plus(50);
  const cols: Column[] = [];
  for (let j = 0; j < 40; j++) {
    const v = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const x = uniformInt(rng, 0, 999_999);
      v[i] = x % 50 === 0 ? NaN : j % 2 === 0 ? x % 1000 : x / 100;
    }
    cols.push(numericColumn(`num${j + 1}`, v));
  }
  for (let j = 0; j < 5; j++) {
    const v = new Float64Array(rows);
    for (let i = 0; i < rows; i++) v[i] = uniformInt(rng, 1, 5);
    cols.push(categoricalColumn(`q${j + 1}`, v));
  }
  for (let j = 0; j < 5; j++) {
    const v = new Array<string>(rows);
    for (let i = 0; i < rows; i++) v[i] = `${WORDS[uniformInt(rng, 0, WORDS.length - 1)]} ${uniformInt(rng, 0, 9999)}`;
    cols.push(stringColumn(`text${j + 1}`, v));
  }
  return new Dataset(cols);
}

/**
 * Seconds R needs for each timed step of `script` (which prints "name seconds" lines), timed inside
 * R; run at the same priority as this process, so that both sides share the machine alike.
 */
function rTimes(script: string, path: string): Map<string, number> {
  const times = new Map<string, number>();
  try {
    const out = execFileSync('Rscript', ['-e', script, path], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    for (const line of out.trim().split('\n')) {
      const [name, secs] = line.split(' ');
      if (name && Number.isFinite(Number(secs))) times.set(name, Number(secs));
    }
  } catch {
    // R failed: reported as missing below.
  }
  return times;
}

function rHasPackage(pkg: string): boolean {
  try {
    return execFileSync('Rscript', ['-e', `cat(requireNamespace("${pkg}", quietly = TRUE))`], { encoding: 'utf8' }).trim() === 'TRUE';
  } catch {
    return false;
  }
}

const rate = (rows: number, s: number): string => `${Math.round(rows / s).toLocaleString('en-US')} rows/s`;

export async function run(): Promise<void> {
  const rows = Number(process.env.SPIEGEL_BENCH_CSV_ROWS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-bench-csv-'));
  try {
    const data = generate(rows);
    const path = join(dir, 'bench.csv');
    const t0 = performance.now();
    await writeCsv(data, path, { codebook: false });
    const write = (performance.now() - t0) / 1000;
    const mb = statSync(path).size / 1e6;
    console.log(`csv: ${rows.toLocaleString('en-US')} rows × 50 columns, ${mb.toFixed(0)} MB`);
    console.log(`spiegel writeCsv: ${write.toFixed(2)} s, ${rate(rows, write)}`);
    const t1 = performance.now();
    const back = await readCsv(path, { codebook: false });
    const read = (performance.now() - t1) / 1000;
    if (back.nrow !== rows || back.ncol !== 50) throw new Error(`read ${back.nrow} × ${back.ncol}, expected ${rows} × 50`);
    console.log(`spiegel readCsv:  ${read.toFixed(2)} s, ${rate(rows, read)}`);

    if (!hasRscript()) {
      console.log('Rscript not installed: no R comparison');
      return;
    }
    const readr = rHasPackage('readr');
    const script = [
      'p <- commandArgs(trailingOnly = TRUE)[1]; q <- paste0(p, ".r.csv")',
      'cat("read.csv", system.time(d <- read.csv(p))[["elapsed"]], "\\n")',
      'cat("write.csv", system.time(write.csv(d, q, row.names = FALSE))[["elapsed"]], "\\n")',
      'rm(d); invisible(gc())',
      ...(readr
        ? [
            'cat("readr::read_csv", system.time(d <- readr::read_csv(p, show_col_types = FALSE, progress = FALSE))[["elapsed"]], "\\n")',
            'cat("readr::write_csv", system.time(readr::write_csv(d, q))[["elapsed"]], "\\n")',
          ]
        : []),
    ].join('\n');
    const times = rTimes(script, path);
    const peers: [string, 'read' | 'write'][] = [['read.csv', 'read'], ['write.csv', 'write']];
    if (readr) peers.push(['readr::read_csv', 'read'], ['readr::write_csv', 'write']);
    for (const [name, kind] of peers) {
      const s = times.get(name);
      if (s === undefined) {
        console.log(`R ${name}: failed`);
        continue;
      }
      const ours = kind === 'read' ? read : write;
      console.log(`R ${name}: ${s.toFixed(2)} s, ${rate(rows, s)}; spiegel/R speed ratio ${(s / ours).toFixed(2)} (spiegel ${kind === 'read' ? 'readCsv' : 'writeCsv'} ${ours.toFixed(2)} s)`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
