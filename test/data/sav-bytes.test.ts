/**
 * Hand-built system files for what PSPP and haven cannot write: big-endian byte order, an
 * encoding given only by the character code of the machine integer info record, an unknown
 * number of cases. Each file is written byte by byte from the record layouts in the PSPP
 * developers guide ("System File Format"); the expected values are the ones put in.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSav } from '../../src/data/sav/index.js';
import { SavBytes, fmt, header } from '../fixtures/sav/sav-bytes.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-sav-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SYSMIS = -Number.MAX_VALUE;
const HIGHEST = Number.MAX_VALUE;
const LOWEST = -1.7976931348623155e308; // nextafter(-DBL_MAX, 0)
const F = 5;
const A = 1;

/**
 * Three variables: leeftijd_in_jaren (F8.2, label, missing LO THRU 0), akkoord (F1.0, nominal,
 * value labels 1 ja / 2 nee, missing 9), naam (A10, long string: value label and missing value
 * through records 21 and 22). Text in windows-1252, declared only by character code 1252.
 */
function dictionary(b: SavBytes, compression: number, cases: number): void {
  header(b, { caseSlots: 4, compression, cases });
  // Variable records: rec_type 2, width, has_label, n_missing, print, write, name[8]
  b.i32(2, 0, 1, -2, fmt(F, 8, 2), fmt(F, 8, 2)).text('NUM1', 8);
  b.i32(8).text('Leeftijd');
  b.f64(LOWEST, 0);
  b.i32(2, 0, 0, 1, fmt(F, 1, 0), fmt(F, 1, 0)).text('NUM2', 8);
  b.f64(9);
  b.i32(2, 10, 1, 0, fmt(A, 10, 0), fmt(A, 10, 0)).text('STR', 8);
  b.i32(4).text('Naam');
  b.i32(2, -1, 0, 0, 0, 0).text('', 8);
  // Value labels for NUM2 (type 3, then type 4 naming dictionary index 2)
  b.i32(3, 2);
  b.f64(1).bytes([2]).text('ja', 7);
  b.f64(2).bytes([3]).text('nee', 7);
  b.i32(4, 1, 2);
  // Machine integer info: version 1.0.0, machine -1, IEEE, compression, endianness, character code 1252
  b.i32(7, 3, 4, 8, 1, 0, 0, -1, 1, compression, 1, 1252);
  b.i32(7, 4, 8, 3).f64(SYSMIS, HIGHEST, LOWEST);
  // Display parameters: measure, width, alignment per variable
  b.i32(7, 11, 4, 9, 3, 8, 1, 1, 1, 1, 1, 10, 0);
  const names = 'NUM1=leeftijd_in_jaren\tNUM2=akkoord\tSTR=naam';
  b.i32(7, 13, 1, names.length).text(names);
  // Long string value labels (21): name, width, count, then value/label with lengths
  const lsvl = new SavBytes(b.isLittleEndian());
  lsvl.i32(4).text('naam').i32(10, 1).i32(10).text('Zoë', 10, 'windows-1252').i32(9).text('Zoë (één)', 9, 'windows-1252');
  const lsvlBytes = lsvl.build();
  b.i32(7, 21, 1, lsvlBytes.length).bytes(lsvlBytes);
  // Long string missing values (22): name, n (1 byte), value length 8, values
  const lsmv = new SavBytes(b.isLittleEndian());
  lsmv.i32(4).text('naam').bytes([1]).i32(8).text('onbekend', 8);
  const lsmvBytes = lsmv.build();
  b.i32(7, 22, 1, lsmvBytes.length).bytes(lsmvBytes);
  b.i32(999, 0);
}

function write(name: string, bytes: Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

async function expectDictionaryAndData(path: string): Promise<void> {
  const ds = await readSav(path);
  expect(ds.names()).toEqual(['leeftijd_in_jaren', 'akkoord', 'naam']);
  const age = ds.column('leeftijd_in_jaren');
  expect(age.type).toBe('numeric');
  expect(age.label).toBe('Leeftijd');
  expect(age.format).toBe('F8.2');
  expect(age.measure).toBe('scale');
  expect(age.missing).toEqual({ values: [], range: [-Infinity, 0] });
  const ok = ds.column('akkoord');
  expect(ok.type).toBe('categorical');
  expect(ok.type === 'categorical' && ok.ordered).toBe(false);
  expect([...ok.valueLabels]).toEqual([
    [1, 'ja'],
    [2, 'nee'],
  ]);
  expect(ok.missing).toEqual({ values: [9], range: null });
  const naam = ds.column('naam');
  expect(naam.type).toBe('string');
  expect(naam.type === 'string' && naam.width).toBe(10);
  expect(naam.label).toBe('Naam');
  expect([...naam.valueLabels]).toEqual([['Zoë', 'Zoë (één)']]);
  expect(naam.missing).toEqual({ values: ['onbekend'], range: null });
  expect(Array.from(ds.numbers('leeftijd_in_jaren'))).toEqual([34.5, Number.NaN]);
  expect(Array.from(ds.numbers('akkoord'))).toEqual([1, 9]);
  expect(ds.strings('naam')).toEqual(['Zoë', 'onbekend']);
}

describe('hand-built system files', () => {
  it('reads a big-endian uncompressed file with its encoding from character code 1252', async () => {
    const b = new SavBytes(false);
    dictionary(b, 0, 2);
    b.f64(34.5, 1).text('Zoë', 16, 'windows-1252');
    b.f64(SYSMIS, 9).text('onbekend', 16);
    await expectDictionaryAndData(write('be-raw.sav', b.build()));
  });

  it('reads a big-endian bytecode-compressed file', async () => {
    const b = new SavBytes(false);
    dictionary(b, 1, 2);
    // Codes: raw 34.5, 1 (=101-100), raw "Zoë     ", spaces | sysmis, 9, raw "onbekend", spaces
    b.bytes([253, 101, 253, 254, 255, 109, 253, 254]);
    b.f64(34.5).text('Zoë', 8, 'windows-1252').text('onbekend', 8);
    b.bytes([252, 0, 0, 0, 0, 0, 0, 0]);
    await expectDictionaryAndData(write('be-bytecode.sav', b.build()));
  });

  it('reads the same little-endian bytecode file with an unknown case count', async () => {
    const b = new SavBytes(true);
    dictionary(b, 1, -1);
    b.bytes([253, 101, 253, 254, 255, 109, 253, 254]);
    b.f64(34.5).text('Zoë', 8, 'windows-1252').text('onbekend', 8);
    await expectDictionaryAndData(write('le-bytecode-nocount.sav', b.build()));
  });

  it('grows columns when the case count is unknown, and reads a 300-byte very long string', async () => {
    // One numeric variable and a 300-byte string: segments of declared width 255 (32 slots) and
    // 48 (6 slots); each segment carries up to 255 bytes of the text (PSPP's layout).
    const b = new SavBytes(true);
    header(b, { caseSlots: 1 + 32 + 6, compression: 0, cases: -1 });
    b.i32(2, 0, 0, 0, fmt(F, 8, 0), fmt(F, 8, 0)).text('N', 8);
    b.i32(2, 255, 0, 0, fmt(A, 255, 0), fmt(A, 255, 0)).text('LANG', 8);
    for (let i = 1; i < 32; i++) b.i32(2, -1, 0, 0, 0, 0).text('', 8);
    b.i32(2, 48, 0, 0, fmt(A, 48, 0), fmt(A, 48, 0)).text('LANG1', 8);
    for (let i = 1; i < 6; i++) b.i32(2, -1, 0, 0, 0, 0).text('', 8);
    const vls = 'LANG=00300\0\t';
    b.i32(7, 14, 1, vls.length).text(vls);
    b.i32(7, 20, 1, 5).text('UTF-8');
    b.i32(999, 0);
    const n = 3000;
    const expected: string[] = [];
    for (let r = 0; r < n; r++) {
      const text = `${r}:`.padEnd(300, String.fromCharCode(97 + (r % 26)));
      expected.push(text);
      b.f64(r);
      const bytes = Buffer.from(text, 'latin1');
      b.bytes(bytes.subarray(0, 255)).bytes([0x20]); // segment 1: 255 bytes + 1 pad byte
      b.bytes(bytes.subarray(255)).text('', 48 - 45); // segment 2: 45 bytes + 3 pad bytes
    }
    const ds = await readSav(write('vls-nocount.sav', b.build()));
    expect(ds.nrow).toBe(n);
    expect(ds.numbers('N')[n - 1]).toBe(n - 1);
    const col = ds.column('LANG');
    expect(col.type === 'string' && col.width).toBe(300);
    expect(ds.strings('LANG')).toEqual(expected);
  });

  it('rejects a file whose encoding record names an unknown encoding', async () => {
    const b = new SavBytes(true);
    header(b, { caseSlots: 1, compression: 0, cases: 1 });
    b.i32(2, 0, 0, 0, fmt(F, 8, 0), fmt(F, 8, 0)).text('N', 8);
    const at = b.length;
    b.i32(7, 20, 1, 9).text('klingon-1');
    b.i32(999, 0).f64(1);
    const path = write('unknown-encoding.sav', b.build());
    await expect(readSav(path)).rejects.toMatchObject({ name: 'FileFormatError', location: { file: path, offset: at } });
    await expect(readSav(path)).rejects.toThrow(/unknown character encoding "klingon-1"/);
  });

  it('reports a missing file or a folder as an IO error naming it', async () => {
    await expect(readSav(join(dir, 'nope.sav'))).rejects.toMatchObject({ code: 'IO', location: { file: join(dir, 'nope.sav') } });
    await expect(readSav(dir)).rejects.toMatchObject({ code: 'IO', location: { file: dir } });
  });
});
