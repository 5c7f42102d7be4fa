/**
 * .zsav decompression bombs (issue 8, item 4): a small file must not make the reader inflate or
 * allocate gigabytes. The sizes a file gives (cases in the header, block sizes in the zlib
 * trailer) are not trusted; inflated data are bounded by what the dictionary allows (a slot takes
 * at most one code byte and 8 raw bytes; padding only ends blocks), by a per-block ceiling and by
 * a ceiling on the inflation ratio (src/data/sav/constants.ts). Work is counted (bytes inflated,
 * rows allocated), not timed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSav, readSav } from '../../src/data/sav/index.js';
import type { SavReadStats } from '../../src/data/sav/stream.js';
import { ZLIB_BLOCK_CEILING, ZLIB_INFLATE_GRACE, ZLIB_INFLATE_RATIO } from '../../src/data/sav/constants.js';
import type { DataWarning } from '../../src/data/warnings.js';
import { FileFormatError } from '../../src/errors.js';
import { PSPP_BLOCK, bytecode, zsav } from './hostile/sav.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-sav-bombs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

async function readCounting(path: string): Promise<{ result: unknown; stats: SavReadStats; warnings: DataWarning[] }> {
  const stats: SavReadStats = { inflatedBytes: 0, allocatedRows: 0 };
  const warnings: DataWarning[] = [];
  let result: unknown;
  try {
    result = await readSav(path, { stats, onWarning: (w) => warnings.push(w) } as Parameters<typeof readSav>[1]);
  } catch (e) {
    result = e;
  }
  return { result, stats, warnings };
}

describe('.zsav bombs', () => {
  it('padding that inflates to 2 GB from 2 MB is refused after one block', async () => {
    // 500 blocks of 4 MiB of padding code 0 (no values at all): 2 GB of bytecode, about 2 MB of file.
    const block = { raw: bytecode(0, PSPP_BLOCK) };
    const bytes = zsav({ variables: 1, cases: 10, blocks: Array.from({ length: 500 }, () => block) });
    expect(bytes.length).toBeLessThan(3_000_000);
    const p = file('padding.zsav', bytes);
    const { result, stats } = await readCounting(p);
    expect(result).toBeInstanceOf(FileFormatError);
    expect(String(result)).toContain(p);
    expect(String(result)).toMatch(/padding/);
    expect(stats.inflatedBytes).toBeLessThanOrEqual(2 * PSPP_BLOCK);
  });

  it('a trailer that claims a 2 GiB block is refused before inflating', async () => {
    const bytes = zsav({ variables: 1, cases: 200_000_000, blockSize: 0x7fffffff, blocks: [{ raw: bytecode(255, 1 << 20), claimed: 0x7fffffff }] });
    const p = file('claims.zsav', bytes);
    const { result, stats } = await readCounting(p);
    expect(result).toBeInstanceOf(FileFormatError);
    expect(String(result)).toContain(`${ZLIB_BLOCK_CEILING}`);
    expect(stats.inflatedBytes).toBe(0);
  });

  it('a header declaring 200 million cases allocates for the cases the data hold', async () => {
    // 8 real cases of 1 numeric variable; the header says 200,000,000.
    const bytes = zsav({ variables: 1, cases: 200_000_000, blocks: [{ raw: Buffer.concat([bytecode(101, 8), Buffer.from([252, 0, 0, 0, 0, 0, 0, 0])]) }] });
    const p = file('declares.zsav', bytes);
    const { result, stats, warnings } = await readCounting(p);
    expect(result).not.toBeInstanceOf(Error);
    expect(stats.allocatedRows).toBeLessThanOrEqual(1 << 16);
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining('says 200000000 cases, but the data hold 8')]);
  });

  it('values that inflate beyond the ratio ceiling are refused once the ceiling is passed', async () => {
    // System-missing codes: one value per byte, so 120 MB of bytecode from about 120 KB of file.
    const block = { raw: bytecode(255, PSPP_BLOCK) };
    const bytes = zsav({ variables: 1, cases: 10, blocks: Array.from({ length: 30 }, () => block) });
    const p = file('values.zsav', bytes);
    const { result, stats } = await readCounting(p);
    expect(result).toBeInstanceOf(FileFormatError);
    expect(String(result)).toContain(`${ZLIB_INFLATE_RATIO} times`);
    const ceiling = ZLIB_INFLATE_RATIO * bytes.length + ZLIB_INFLATE_GRACE;
    expect(stats.inflatedBytes).toBeLessThanOrEqual(ceiling + PSPP_BLOCK);
  });

  it('the ceilings leave ordinary data alone: varied values in PSPP-sized blocks read', async () => {
    // 3 variables, 300,000 cases of codes 101..200 in a pattern zlib compresses only moderately.
    const raw = Buffer.alloc(((3 * 300_000) / 8) * 9 + 8);
    let at = 0;
    let x = 12345;
    for (let k = 0; k < (3 * 300_000) / 8; k++) {
      for (let j = 0; j < 8; j++) {
        x = (x * 1103515245 + 12345) >>> 0;
        raw[at++] = 101 + ((x >>> 16) % 100);
      }
    }
    raw[at] = 252; // end of data, then padding to the end of the command block
    at += 8;
    const blocks = [];
    for (let s = 0; s < at; s += PSPP_BLOCK) blocks.push({ raw: raw.subarray(s, Math.min(at, s + PSPP_BLOCK)) });
    const p = file('ordinary.zsav', zsav({ variables: 3, cases: 300_000, blocks }));
    const sav = await openSav(p);
    let n = 0;
    for await (const b of sav.batches()) n += b.nrow;
    await sav.close();
    expect(n).toBe(300_000);
  });
});
