/**
 * .sav write and read speed: a generated dataset of SPIEGEL_BENCH_ROWS rows (default 1,000,000) ×
 * 50 variables (30 numeric, 15 labelled categorical, 5 strings), bytecode-compressed, in a temp
 * folder. When Rscript is installed, haven::read_sav reads the same file in the same run and the
 * ratio is printed (> 1 means spiegel is faster).
 *
 * Each side is timed twice (SPIEGEL_BENCH_REPEATS) and the best run counts; wall and CPU time
 * are both printed because the machines this runs on are shared.
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
import { hasRscript } from './rscript.js';

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

interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Best of `times` runs (the machine is shared: the fastest run is the least disturbed one). */
async function best(times: number, f: () => Promise<void>): Promise<Timing> {
  let wallMs = Infinity;
  let cpuMs = Infinity;
  for (let i = 0; i < times; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await f();
    wallMs = Math.min(wallMs, performance.now() - t);
    const u = process.cpuUsage(c);
    cpuMs = Math.min(cpuMs, (u.user + u.system) / 1000);
  }
  return { wallMs, cpuMs };
}

/** Runs an R expression `times` times inside one R session; best elapsed and CPU (user + system) time. */
function bestInR(setup: string, expr: string, times: number): Timing {
  const script = `suppressPackageStartupMessages(library(haven))\n${setup}\nw <- Inf; u <- Inf; for (i in 1:${times}) { t <- system.time(${expr}); w <- min(w, t[["elapsed"]]); u <- min(u, t[["user.self"]] + t[["sys.self"]]) }; cat(w, u)`;
  const [w, u] = execFileSync('Rscript', ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim().split(' ').map(Number);
  return { wallMs: w * 1000, cpuMs: u * 1000 };
}

function line(what: string, rows: number, t: Timing): string {
  return `${what}: ${(t.wallMs / 1000).toFixed(2)} s (${rate(rows, t.wallMs)}), CPU ${(t.cpuMs / 1000).toFixed(2)} s`;
}

export async function run(): Promise<void> {
  const rows = Number(process.env.SPIEGEL_BENCH_ROWS ?? 1_000_000);
  const repeats = Number(process.env.SPIEGEL_BENCH_REPEATS ?? 2);
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-bench-sav-'));
  const file = join(dir, 'bench.sav');
  try {
    const ds = generate(rows);
    console.log(`${rows.toLocaleString('en-US')} rows × ${ds.ncol} variables (30 numeric, 15 categorical, 5 string), bytecode-compressed; best of ${repeats}`);
    const write = await best(repeats, () => writeSav(ds, file));
    console.log(line(`spiegel writeSav (${(statSync(file).size / 1e6).toFixed(1)} MB)`, rows, write));
    let nrow = 0;
    const read = await best(repeats, async () => {
      nrow = (await readSav(file)).nrow;
    });
    if (nrow !== rows) throw new Error(`read ${nrow} rows, wrote ${rows}`);
    console.log(line('spiegel readSav ', rows, read));

    if (!hasRscript()) {
      console.log('haven: Rscript not found, no comparison');
      return;
    }
    // Timed inside R, so R's start-up and loading haven are not counted against haven.
    const hRead = bestInR('', `d <- read_sav(${JSON.stringify(file)})`, repeats);
    console.log(line('haven::read_sav ', rows, hRead));
    const hWrite = bestInR(`d <- read_sav(${JSON.stringify(file)})`, `write_sav(d, ${JSON.stringify(join(dir, 'haven.sav'))}, compress = "byte")`, repeats);
    console.log(line('haven::write_sav', rows, hWrite));
    const ratio = (h: number, s: number): string => (h / s).toFixed(2);
    console.log(`ratio read  (haven / spiegel, > 1 = spiegel faster): wall ${ratio(hRead.wallMs, read.wallMs)}, CPU ${ratio(hRead.cpuMs, read.cpuMs)}`);
    console.log(`ratio write (haven / spiegel, > 1 = spiegel faster): wall ${ratio(hWrite.wallMs, write.wallMs)}, CPU ${ratio(hWrite.cpuMs, write.cpuMs)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
