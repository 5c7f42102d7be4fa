/**
 * .sav write and read speed: a generated dataset of SPIEGEL_BENCH_ROWS rows (default 1,000,000) ×
 * 50 variables (30 numeric, 15 labelled categorical, 5 strings), bytecode-compressed, in a temp
 * folder. When Rscript is installed, haven::read_sav reads the same file in the same run and the
 * ratio is printed (> 1 means spiegel is faster).
 *
 *   npm run bench -- sav                      (1,000,000 rows)
 *   SPIEGEL_BENCH_ROWS=100000 npm run bench -- sav
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Column, categoricalColumn, numericColumn, stringColumn } from '../src/data/column.js';
import { Dataset } from '../src/data/dataset.js';
import { readSav, writeSav } from '../src/data/sav/index.js';

function generate(rows: number): Dataset {
  let seed = 42;
  const rand = (): number => {
    // xorshift32: fast, deterministic; the data only has to look like survey data
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const columns: Column[] = [];
  for (let j = 0; j < 30; j++) {
    const v = new Float64Array(rows);
    for (let i = 0; i < rows; i++) v[i] = rand() < 0.03 ? Number.NaN : j % 3 === 0 ? Math.floor(rand() * 100) : Math.round(rand() * 1e6) / 100;
    columns.push(numericColumn(`num_${j}`, v, { label: `Numeric variable ${j}`, format: j % 3 === 0 ? 'F8.0' : 'F10.2' }));
  }
  const labels: [number, string][] = [[1, 'Zeer ontevreden'], [2, 'Ontevreden'], [3, 'Neutraal'], [4, 'Tevreden'], [5, 'Zeer tevreden'], [9, 'Weet niet']];
  for (let j = 0; j < 15; j++) {
    const v = new Float64Array(rows);
    for (let i = 0; i < rows; i++) v[i] = rand() < 0.02 ? 9 : 1 + Math.floor(rand() * 5);
    columns.push(categoricalColumn(`cat_${j}`, v, { label: `Vraag ${j}`, valueLabels: labels, missing: { values: [9], range: null }, ordered: j % 2 === 0, format: 'F1.0' }));
  }
  const places = ['Amsterdam', 'Rotterdam', "'s-Gravenhage", 'Utrecht', 'Eindhoven', 'Groningen', 'Súdwest-Fryslân', ''];
  const answers = ['', 'Goed geholpen', 'Te lang moeten wachten op een reactie van de gemeente', 'Niet van toepassing', 'Café-achtige sfeer, één keer per week'];
  const stringSpecs: [string, number, readonly string[]][] = [
    ['code', 8, ['A1', 'B22', 'C333', 'D4444']],
    ['woonplaats', 24, places],
    ['toelichting', 60, answers],
    ['postcode', 6, ['1011AB', '3011CD', '2511EF', '']],
    ['opmerking', 40, answers],
  ];
  for (const [name, width, pool] of stringSpecs) {
    const v: string[] = new Array(rows);
    for (let i = 0; i < rows; i++) v[i] = pool[Math.floor(rand() * pool.length)];
    columns.push(stringColumn(name, v, { width, label: name }));
  }
  return new Dataset(columns);
}

function rate(rows: number, ms: number): string {
  return `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`;
}

function hasRscript(): boolean {
  try {
    execFileSync('Rscript', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function run(): Promise<void> {
  const rows = Number(process.env.SPIEGEL_BENCH_ROWS ?? 1_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-bench-sav-'));
  const file = join(dir, 'bench.sav');
  try {
    const ds = generate(rows);
    let t = performance.now();
    await writeSav(ds, file);
    const writeMs = performance.now() - t;
    const mb = statSync(file).size / 1e6;
    console.log(`sav write: ${rows.toLocaleString('en-US')} rows × ${ds.ncol} variables, ${mb.toFixed(1)} MB, ${(writeMs / 1000).toFixed(2)} s, ${rate(rows, writeMs)}`);

    t = performance.now();
    const back = await readSav(file);
    const readMs = performance.now() - t;
    if (back.nrow !== rows) throw new Error(`read ${back.nrow} rows, wrote ${rows}`);
    console.log(`sav read:  ${(readMs / 1000).toFixed(2)} s, ${rate(rows, readMs)}`);

    if (!hasRscript()) {
      console.log('haven: Rscript not found, no comparison');
      return;
    }
    // Time inside R so that R's start-up and loading haven are not counted against haven.
    const out = execFileSync(
      'Rscript',
      ['-e', `suppressPackageStartupMessages(library(haven)); t <- system.time(d <- read_sav(${JSON.stringify(file)})); stopifnot(nrow(d) == ${rows}); cat(t[["elapsed"]])`],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    const havenMs = Number(out.trim()) * 1000;
    console.log(`haven::read_sav: ${(havenMs / 1000).toFixed(2)} s, ${rate(rows, havenMs)}`);
    console.log(`ratio read (haven time / spiegel time): ${(havenMs / readMs).toFixed(2)}  (> 1: spiegel faster)`);
    const outW = execFileSync(
      'Rscript',
      ['-e', `suppressPackageStartupMessages(library(haven)); d <- read_sav(${JSON.stringify(file)}); t <- system.time(write_sav(d, ${JSON.stringify(join(dir, 'haven.sav'))}, compress = "byte")); cat(t[["elapsed"]])`],
      { encoding: 'utf8', maxBuffer: 1 << 20 },
    );
    const havenWriteMs = Number(outW.trim()) * 1000;
    console.log(`haven::write_sav: ${(havenWriteMs / 1000).toFixed(2)} s, ${rate(rows, havenWriteMs)}`);
    console.log(`ratio write (haven time / spiegel time): ${(havenWriteMs / writeMs).toFixed(2)}  (> 1: spiegel faster)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
