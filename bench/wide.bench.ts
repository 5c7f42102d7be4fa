/**
 * Wide files (issue 8, item 5): a CSV with MAX_COLUMNS (src/data/limits.ts) variables and 2 rows
 * is read, written as .sav, read back, converted to CSV and read again; a CSV and a .sav with
 * 1,000,000 variables are refused at the limit. Prints seconds per step and the heap in use.
 * SPIEGEL_BENCH_WIDE_COLUMNS sets another width for the read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCsv } from '../src/data/csv/read.js';
import { writeCsv } from '../src/data/csv/write.js';
import { MAX_COLUMNS } from '../src/data/limits.js';
import { readSav, writeSav } from '../src/data/sav/index.js';
import { SpiegelError } from '../src/errors.js';

export async function run(): Promise<void> {
  const n = Number(process.env.SPIEGEL_BENCH_WIDE_COLUMNS ?? MAX_COLUMNS);
  const huge = 1_000_000;
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-bench-wide-'));
  const step = async (what: string, f: () => Promise<string>): Promise<void> => {
    const t = performance.now();
    const result = await f();
    const s = (performance.now() - t) / 1000;
    console.log(`${what.padEnd(44)} ${s.toFixed(2).padStart(7)} s  ${(process.memoryUsage().heapUsed / 1e6).toFixed(0).padStart(6)} MB heap  ${result}`);
  };
  const refused = async (f: () => Promise<unknown>): Promise<string> => {
    try {
      await f();
      return 'READ (expected a refusal)';
    } catch (e) {
      if (!(e instanceof SpiegelError)) throw e;
      return `refused: ${e.message.slice(e.message.lastIndexOf(': ') + 2)}`;
    }
  };
  try {
    const names = Array.from({ length: n }, (_, i) => `vraag_${i + 1}`);
    const csv = join(dir, 'wide.csv');
    writeFileSync(csv, `${names.join(',')}\n${names.map((_, i) => i % 7).join(',')}\n${names.map((_, i) => (i % 5) + 0.5).join(',')}\n`);
    const over = join(dir, 'over.csv');
    writeFileSync(over, `${Array.from({ length: huge }, (_, i) => `v${i + 1}`).join(',')}\n`);
    // A .sav dictionary of 1,000,000 numeric variables (PSPP "System File Format" records).
    const overSav = join(dir, 'over.sav');
    const head = Buffer.alloc(176, 0x20);
    head.write('$FL2', 0, 'latin1');
    head.writeInt32LE(2, 64);
    head.writeInt32LE(huge, 68);
    head.writeInt32LE(1, 72);
    head.writeInt32LE(0, 76);
    head.writeInt32LE(0, 80);
    head.writeDoubleLE(100, 84);
    const rec = Buffer.alloc(32, 0x20);
    [2, 0, 0, 0, 0x050802, 0x050802].forEach((v, k) => rec.writeInt32LE(v, 4 * k));
    const sav = Buffer.alloc(176 + huge * 32 + 8);
    head.copy(sav, 0);
    for (let i = 0; i < huge; i++) rec.copy(sav, 176 + 32 * i);
    sav.writeInt32LE(999, 176 + huge * 32);
    writeFileSync(overSav, sav);
    let cols = 0;
    await step(`readCsv ${n.toLocaleString('en-US')} columns`, async () => {
      const ds = await readCsv(csv, { codebook: false });
      cols = ds.ncol;
      const sav = join(dir, 'wide.sav');
      await step('  writeSav', async () => (await writeSav(ds, sav), 'written'));
      await step('  readSav', async () => `${(await readSav(sav)).ncol.toLocaleString('en-US')} variables`);
      const back = join(dir, 'back.csv');
      await step('  .sav → CSV (readSav, writeCsv)', async () => (await writeCsv(await readSav(sav), back, { codebook: false }), 'written'));
      await step('  readCsv of that CSV', async () => `${(await readCsv(back, { codebook: false })).ncol.toLocaleString('en-US')} columns`);
      return `${cols.toLocaleString('en-US')} columns`;
    });
    await step(`readCsv ${huge.toLocaleString('en-US')} columns`, () => refused(() => readCsv(over, { codebook: false })));
    await step(`readSav ${huge.toLocaleString('en-US')} variables`, () => refused(() => readSav(overSav)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
