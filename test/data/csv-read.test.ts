import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FileFormatError, InvalidInputError, SpiegelError } from '../../src/errors.js';
import { readCsv } from '../../src/data/csv/read.js';
import { CsvTokenizer } from '../../src/data/csv/tokenizer.js';
import type { Dataset } from '../../src/data/dataset.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-csv-'));
let n = 0;
function file(content: string | Buffer, name = `t${n++}.csv`): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
function values(d: Dataset, name: string): unknown[] {
  return Array.from(d.column(name).values as ArrayLike<unknown>);
}
async function failure(p: Promise<unknown>): Promise<SpiegelError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SpiegelError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('CSV reader: dialects', () => {
  it('reads a comma-separated file with decimal points and infers types', async () => {
    const d = await readCsv(file('id,age,score,city\n1,34,6.5,Utrecht\n2,,7,Zwolle\n3,51,,\n'));
    expect(d.nrow).toBe(3);
    expect(d.column('id').type).toBe('numeric');
    expect(values(d, 'age')).toEqual([34, NaN, 51]);
    expect(values(d, 'score')).toEqual([6.5, 7, NaN]);
    expect(d.column('city').type).toBe('string');
    expect(values(d, 'city')).toEqual(['Utrecht', 'Zwolle', '']);
  });

  it('detects a semicolon separator and Dutch decimal commas', async () => {
    const d = await readCsv(file('resp;cijfer;bedrag\n1;6,5;1000\n2;8;2,25\n'));
    expect(d.names()).toEqual(['resp', 'cijfer', 'bedrag']);
    expect(values(d, 'cijfer')).toEqual([6.5, 8]);
    expect(values(d, 'bedrag')).toEqual([1000, 2.25]);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks, and CRLF line ends', async () => {
    const d = await readCsv(file('id;tekst\r\n1;"a; b"\r\n2;"zei ""nee"""\r\n3;"twee\r\nregels"\r\n4;\r\n'));
    expect(values(d, 'tekst')).toEqual(['a; b', 'zei "nee"', 'twee\r\nregels', '']);
    expect(values(d, 'id')).toEqual([1, 2, 3, 4]);
  });

  it('removes a UTF-8 byte-order mark from the first column name', async () => {
    const d = await readCsv(file(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('naam,n\nJosé,1\n')])));
    expect(d.names()).toEqual(['naam', 'n']);
    expect(values(d, 'naam')).toEqual(['José']);
  });

  it('reads windows-1252 when asked, and explains invalid UTF-8 otherwise', async () => {
    const p = file(iconv.encode('naam;bedrag\nCafé Ĳ;€ 5\nZoë;x\n'.replace('Ĳ', 'IJ'), 'windows-1252'));
    const err = await failure(readCsv(p));
    expect(err).toBeInstanceOf(FileFormatError);
    expect(err.message).toContain(`${p}:2`);
    expect(err.message).toContain('--encoding windows-1252');
    const d = await readCsv(p, { encoding: 'windows-1252' });
    expect(values(d, 'naam')).toEqual(['Café IJ', 'Zoë']);
    expect(values(d, 'bedrag')).toEqual(['€ 5', 'x']);
  });

  it('rejects an unknown encoding by name', async () => {
    const err = await failure(readCsv(file('a\n1\n'), { encoding: 'klingon-8' }));
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.message).toContain('unknown encoding "klingon-8"');
  });

  it('takes an explicit separator and decimal mark', async () => {
    const d = await readCsv(file('a|b\n1,5|2.5\n'), { separator: '|', decimal: ',' });
    expect(values(d, 'a')).toEqual([1.5]);
    // "2.5" is not a number with decimal comma: the column is text.
    expect(values(d, 'b')).toEqual(['2.5']);
  });

  it('keeps identifiers with leading zeros and columns with both decimal marks as text', async () => {
    const d = await readCsv(file('postcode;x;late\n0612;1,5;1\n1234;2.5;2\n;;abc\n'));
    expect(values(d, 'postcode')).toEqual(['0612', '1234', '']);
    expect(values(d, 'x')).toEqual(['1,5', '2.5', '']);
    // Numbers first, text later: the original texts are read again, not printed from numbers.
    expect(values(d, 'late')).toEqual(['1', '2', 'abc']);
  });

  it('skips blank lines and a missing final line end', async () => {
    const d = await readCsv(file('a,b\n1,2\n\n3,4'));
    expect(values(d, 'b')).toEqual([2, 4]);
  });

  it('treats texts given as na as missing', async () => {
    const d = await readCsv(file('a,b\n1,NA\nNA,x\n'), { na: ['NA'] });
    expect(values(d, 'a')).toEqual([1, NaN]);
    expect(values(d, 'b')).toEqual(['', 'x']);
  });
});

describe('CSV reader: bad input names file and line', () => {
  const cases: [string, string | Buffer, RegExp][] = [
    ['a row with too few fields', 'a,b\n1,2\n3\n', /:3: this row has 1 fields, the header has 2/],
    ['a row with too many fields', 'a;b\n1;2\n3;4;5\n', /:3: this row has 3 fields/],
    ['a quote that is never closed', 'a,b\n1,2\n3,"open\nmore\n', /:3: the file ends inside a quoted field/],
    ['a quote inside an unquoted field', 'a,b\n1,2\n3,ab"c\n', /:3: double quote inside an unquoted field/],
    ['text after a closing quote', 'a,b\n1,"x"y\n', /:2: a closing double quote must be followed/],
    ['an empty file', '', /:1: the file is empty/],
    ['a header without a name', 'a,,c\n1,2,3\n', /:1: column 2 of the header has no name/],
    ['a duplicate column name', 'a,b,a\n1,2,3\n', /:1: the header names column "a" twice/],
    ['a NUL byte', 'a,b\n1,2\n3,\0\n', /:3: the file contains a NUL character/],
    ['an SPSS file named .csv', Buffer.from('$FL2@(#) IBM SPSS STATISTICS'), /byte offset 0: this is an SPSS .sav file/],
    ['truncated UTF-8', Buffer.from([0x61, 0x0a, 0x62, 0xc3]), /the file ends in the middle of a UTF-8 character/],
  ];
  for (const [what, content, message] of cases) {
    it(what, async () => {
      const p = file(content);
      const err = await failure(readCsv(p));
      expect(err).toBeInstanceOf(SpiegelError);
      expect(err.message.startsWith(p)).toBe(true);
      expect(err.message).toMatch(message);
    });
  }

  it('a missing file', async () => {
    const err = await failure(readCsv(join(dir, 'nope.csv')));
    expect(err.message).toMatch(/nope\.csv: file not found/);
  });
});

describe('CSV tokenizer', () => {
  it('gives the same records however the text is cut into chunks', () => {
    const text = 'a;"b\r\nc";""""\r\n"x""";;"y"\n\n"last";"q"\r\n1;2;3';
    const whole: unknown[] = [];
    const t = new CsvTokenizer(';', 'f', (fields, line) => whole.push([line, fields]));
    t.push(text);
    t.end();
    expect(whole).toEqual([
      [1, ['a', 'b\r\nc', '"']],
      [3, ['x"', '', 'y']],
      [4, ['']],
      [5, ['last', 'q']],
      [6, ['1', '2', '3']],
    ]);
    for (let size = 1; size <= 4; size++) {
      const got: unknown[] = [];
      const tk = new CsvTokenizer(';', 'f', (fields, line) => got.push([line, fields]));
      for (let i = 0; i < text.length; i += size) tk.push(text.slice(i, i + size));
      tk.end();
      expect(got).toEqual(whole);
    }
  });
});

describe('number formatting for the writer', () => {
  it('formatNumber gives exactly String(v)', async () => {
    const { formatNumber } = await import('../../src/data/csv/number.js');
    const fc = (await import('fast-check')).default;
    const decimals = fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 7 })).map(([m, d]) => m / 10 ** d);
    fc.assert(fc.property(fc.oneof(decimals, fc.double({ noNaN: true })), (v) => formatNumber(v) === String(v)), { numRuns: 20000 });
    for (const v of [0.1, -0.5, 1e-6, 1.5e-7, 999999999999999.9, 0.000123, 12.5, -0, 1e21, 123456.78]) expect(formatNumber(v)).toBe(String(v));
  });
});
