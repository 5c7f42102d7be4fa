import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpiegelError } from '../../src/errors.js';
import { categoricalColumn, numericColumn, stringColumn } from '../../src/data/column.js';
import { readCsv } from '../../src/data/csv/read.js';
import { writeCsv } from '../../src/data/csv/write.js';
import { Dataset } from '../../src/data/dataset.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-csvfuzz-'));
let k = 0;

/** Reads `bytes` as a CSV: either a Dataset, or a typed error that names this file and a line or byte offset. */
async function readOrLocatedError(bytes: Uint8Array, codebook?: string): Promise<Dataset | SpiegelError> {
  const p = join(dir, `f${k++}.csv`);
  writeFileSync(p, bytes);
  try {
    return await readCsv(p, codebook === undefined ? { codebook: false } : { codebook });
  } catch (err) {
    expect(err).toBeInstanceOf(SpiegelError);
    const e = err as SpiegelError;
    // The CSV, or the codebook when a damaged header no longer has a column the codebook names.
    const files = codebook === undefined ? [p] : [p, codebook];
    expect(files).toContain(e.location.file);
    expect(e.location.line !== undefined || e.location.offset !== undefined).toBe(true);
    expect(e.message.startsWith(e.location.file ?? '')).toBe(true);
    return e;
  }
}

// A small survey file, written by our writer, with its codebook (the declared types make every
// corruption of a number visible).
const original = new Dataset([
  numericColumn('resp', Float64Array.from({ length: 40 }, (_, i) => i + 1), { format: 'F4.0' }),
  categoricalColumn('q1', Float64Array.from({ length: 40 }, (_, i) => (i % 5) + 1), { valueLabels: [[1, 'Eens'], [5, 'Oneens']] }),
  numericColumn('cijfer', Float64Array.from({ length: 40 }, (_, i) => (i % 10) + 0.5)),
  stringColumn('open', Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? `antwoord "${i}"; met\nregel` : `kort ${i}`)), { width: 40 }),
]);
const base = join(dir, 'original.csv');
const codebook = join(dir, 'original.codebook.yaml');
await writeCsv(original, base, { decimal: ',' });
const originalBytes = readFileSync(base);

function rowsOf(d: Dataset): unknown[][] {
  return Array.from({ length: d.nrow }, (_, i) => d.columns.map((c) => c.values[d.physical(i)]));
}

describe('CSV reader under random, truncated and corrupted bytes', () => {
  it('random bytes end in a dataset or a located typed error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (bytes) => {
        await readOrLocatedError(bytes);
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('random text built from CSV punctuation ends in a dataset or a located typed error', async () => {
    const unit = fc.constantFrom('"', ',', ';', '\n', '\r', '\r\n', 'a', '1', ',5', ' ', '\t', 'é', '\uFEFF');
    await fc.assert(
      fc.asyncProperty(fc.string({ unit, maxLength: 200 }), async (s) => {
        await readOrLocatedError(Buffer.from(s, 'utf8'));
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('a truncated file gives an error or exactly the complete rows before the cut', async () => {
    const want = rowsOf(original);
    await fc.assert(
      fc.asyncProperty(fc.nat(originalBytes.length), async (cut) => {
        const r = await readOrLocatedError(originalBytes.subarray(0, cut), codebook);
        if (r instanceof Dataset) {
          const got = rowsOf(r);
          expect(got.length).toBeLessThanOrEqual(want.length);
          // All rows but the last must be exact; the last may be cut inside its final field.
          expect(got.slice(0, -1)).toEqual(want.slice(0, Math.max(0, got.length - 1)));
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('a corrupted byte gives an error or a dataset of the right shape, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(originalBytes.length - 1), fc.integer({ min: 0, max: 255 }), async (at, byte) => {
        const bytes = Buffer.from(originalBytes);
        bytes[at] = byte;
        const r = await readOrLocatedError(bytes, codebook);
        if (r instanceof Dataset) expect(r.names()).toEqual(original.names());
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
