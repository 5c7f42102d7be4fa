/**
 * Bad input to readSav: random bytes, every truncation of small valid files, random corruption,
 * and targeted structural damage. The reader must end in a FileFormatError naming the file and a
 * byte offset inside it, or (where the damage cannot be seen, e.g. a changed data byte or cut-off
 * padding after the last case) parse without any other kind of error. Never another error type.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoricalColumn, numericColumn, stringColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { readSav, writeSav } from '../../src/data/sav/index.js';
import type { DataWarning } from '../../src/data/warnings.js';
import { FileFormatError } from '../../src/errors.js';

// Thousands of small files are written: use memory-backed /dev/shm where there is one.
const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'spiegel-sav-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'sav');

let n = 0;
function temp(bytes: Uint8Array): string {
  const p = join(dir, `f${n++}.sav`);
  writeFileSync(p, bytes);
  return p;
}

/** Reads; returns the dataset, or checks that the error is a FileFormatError pointing into the file. */
async function readOrFormatError(path: string, size: number, warnings: DataWarning[] = []): Promise<Dataset | FileFormatError> {
  try {
    return await readSav(path, { onWarning: (w) => warnings.push(w) });
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(FileFormatError);
    const err = e as FileFormatError;
    expect(err.location.file).toBe(path);
    expect(Number.isInteger(err.location.offset)).toBe(true);
    expect(err.location.offset).toBeGreaterThanOrEqual(0);
    expect(err.location.offset).toBeLessThanOrEqual(size);
    expect(err.message).toContain(path);
    expect(err.message).toContain('byte offset');
    return err;
  }
}

function snapshot(ds: Dataset): unknown {
  return ds.columns.map((c) => ({ ...c, values: c.type === 'string' ? [...c.values] : Array.from(c.values), valueLabels: [...c.valueLabels] }));
}

const small = new Dataset([
  numericColumn('leeftijd', Float64Array.from([34.5, Number.NaN, 1e10]), { label: 'Leeftijd', missing: { values: [999], range: [-Infinity, 0] }, format: 'F8.1' }),
  categoricalColumn('oordeel', Float64Array.from([1, 2, 9]), { valueLabels: [[1, 'goed'], [2, 'slecht']], missing: { values: [9], range: null }, ordered: true }),
  stringColumn('naam', ['Zoë', '', 'René'], { width: 10, valueLabels: [['Zoë', 'Z']], missing: { values: ['onbekend'], range: null } }),
  stringColumn('toelichting', ['x'.repeat(300), 'één', ''], { width: 300 }),
]);

const files: Record<string, Buffer> = {};
beforeAll(async () => {
  await writeSav(small, join(dir, 'small-bytecode.sav'));
  await writeSav(small, join(dir, 'small-raw.sav'), { compression: 'none' });
  files['spiegel bytecode'] = readFileSync(join(dir, 'small-bytecode.sav'));
  files['spiegel uncompressed'] = readFileSync(join(dir, 'small-raw.sav'));
  files['PSPP windows-1252'] = readFileSync(join(FIXTURES, 'pspp-windows1252.sav'));
  files['PSPP zlib'] = readFileSync(join(FIXTURES, 'pspp-zlib.zsav'));
  files['haven zlib'] = readFileSync(join(FIXTURES, 'haven-zlib.zsav'));
});

const NAMES = ['spiegel bytecode', 'spiegel uncompressed', 'PSPP windows-1252', 'PSPP zlib', 'haven zlib'];

describe('random bytes', () => {
  it('are rejected with a FileFormatError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => {
        const p = temp(bytes);
        const r = await readOrFormatError(p, bytes.length);
        expect(r).toBeInstanceOf(FileFormatError);
        rmSync(p);
      }),
      { numRuns: 200 },
    );
  });

  it('after a valid file header are rejected or parsed, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), fc.integer({ min: 176, max: 600 }), fc.uint8Array({ minLength: 1, maxLength: 800 }), async (name, keep, tail) => {
        const bytes = Buffer.concat([files[name].subarray(0, keep), tail]);
        const p = temp(bytes);
        await readOrFormatError(p, bytes.length);
        rmSync(p);
      }),
      { numRuns: 200 },
    );
  });
});

/** Files cut at every byte; the larger zlib files at every 5th byte and at every byte of their last 64. */
const EVERY_BYTE = new Set(['spiegel bytecode', 'spiegel uncompressed', 'PSPP windows-1252']);

describe.each(NAMES)('truncation of %s', (name) => {
  it('gives a FileFormatError, the complete data, or the whole cases before the cut with a warning', async () => {
    const full = files[name];
    const wholeData = await readSav(temp(full));
    const whole = snapshot(wholeData);
    const p = join(dir, `trunc-${name.replace(/\W/g, '')}.sav`);
    for (let len = 0; len < full.length; len++) {
      if (!EVERY_BYTE.has(name) && len % 5 !== 0 && len < full.length - 64) continue;
      writeFileSync(p, full.subarray(0, len));
      const warnings: DataWarning[] = [];
      const r = await readOrFormatError(p, len, warnings);
      if (r instanceof FileFormatError) continue;
      if (warnings.length === 0) {
        expect(snapshot(r), `cut at ${len}`).toEqual(whole);
        continue;
      }
      // Cut at a case boundary: the header's count is advisory, so the cases there are come back
      // and the warning names both numbers.
      expect(warnings.map((w) => w.code), `cut at ${len}`).toEqual(['CASE_COUNT']);
      expect(warnings[0].message).toContain(`says ${wholeData.nrow} cases`);
      expect(warnings[0].message).toContain(`hold ${r.nrow}`);
      expect(r.nrow).toBeLessThan(wholeData.nrow);
      expect(snapshot(r)).toEqual(snapshot(wholeData.slice(0, r.nrow).materialize()));
    }
  });
});

describe.each(NAMES)('random corruption of %s', (name) => {
  it('gives a FileFormatError or a parse, never another error', async () => {
    const full = files[name];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(full.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), async (edits) => {
        const bytes = Buffer.from(full);
        for (const [at, v] of edits) bytes[at] = v;
        const p = temp(bytes);
        await readOrFormatError(p, bytes.length);
        rmSync(p);
      }),
      { numRuns: 150 },
    );
  });
});

describe('structural damage is always an error', () => {
  // Layout of the spiegel file (PSPP "System File Format"): 176-byte header; variable records of
  // 32 bytes (+ label, + 8 per missing value). leeftijd: label "Leeftijd" (4+8) and 3 missing
  // values (24) → 176..244; oordeel: 1 missing value → 244..284; naam: A10 + continuation → 284..348.
  const int32At = (b: Buffer, at: number, v: number): Buffer => {
    const c = Buffer.from(b);
    c.writeInt32LE(v, at);
    return c;
  };
  const dataStart = (b: Buffer): number => b.indexOf(Buffer.from([0xe7, 3, 0, 0, 0, 0, 0, 0])) + 8;
  const damage: [string, (b: Buffer) => Buffer][] = [
    ['wrong signature', (b) => Buffer.concat([Buffer.from('XFL2'), b.subarray(4)])],
    ['unknown layout code', (b) => int32At(b, 64, 7)],
    ['unknown compression', (b) => int32At(b, 72, 5)],
    // (Header counts of cases and slots are advisory: sav-advisory.test.ts.)
    ['an impossible variable width', (b) => int32At(b, 176 + 4, 300)],
    ['a continuation record turned into a variable', (b) => int32At(b, 316 + 4, 0)],
    ['an unknown record type', (b) => int32At(b, 176, 5)],
    ['a label length beyond the file', (b) => int32At(b, 176 + 32, 0x7ffffff0)],
    ['a missing-value code out of range', (b) => int32At(b, 176 + 12, 7)],
    ['code 254 (spaces) for a numeric value', (b) => {
      const c = Buffer.from(b);
      c[dataStart(b)] = 254;
      return c;
    }],
    ['a number code for a string slot', (b) => {
      const c = Buffer.from(b);
      c[dataStart(b) + 2] = 101; // third slot of case 1 is naam
      return c;
    }],
  ];
  it.each(damage)('%s', async (_what, damageFn) => {
    const bytes = damageFn(files['spiegel bytecode']);
    const p = temp(bytes);
    const r = await readOrFormatError(p, bytes.length);
    expect(r).toBeInstanceOf(FileFormatError);
  });

  it('the layout assumed above is right (names and offsets of the undamaged file)', () => {
    const b = files['spiegel bytecode'];
    expect(b.subarray(176 + 24, 176 + 32).toString('latin1')).toBe('LEEFTIJD');
    expect(b.readInt32LE(244)).toBe(2);
    expect(b.subarray(244 + 24, 244 + 32).toString('latin1')).toBe('OORDEEL ');
    expect(b.subarray(284 + 24, 284 + 32).toString('latin1')).toBe('NAAM    ');
    expect(b.readInt32LE(316 + 4)).toBe(-1);
  });
});
