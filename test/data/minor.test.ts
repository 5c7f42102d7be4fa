/**
 * Minor reader defects of issue 8, item 13: each test failed before its fix.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CodebookError, parseCodebook } from '../../src/data/codebook.js';
import { readCsv } from '../../src/data/csv/read.js';
import { FileFormatError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-minor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('codebook', () => {
  it('a variable named __proto__ is a variable like any other', () => {
    const cb = parseCodebook('variables:\n  __proto__: {type: numeric, label: Prototype}\n  leeftijd: {label: Leeftijd}\n', 'c.yaml');
    expect([...cb.variables.keys()]).toEqual(['__proto__', 'leeftijd']);
    expect(cb.variables.get('__proto__')?.label).toBe('Prototype');
  });

  it('a CSV column named __proto__ takes its codebook entry', async () => {
    const p = join(dir, 'proto.csv');
    writeFileSync(p, '__proto__,x\n1,2\n');
    writeFileSync(join(dir, 'proto.codebook.yaml'), 'variables:\n  __proto__: {type: categorical, values: {1: een}}\n');
    const ds = await readCsv(p);
    expect(ds.column('__proto__').type).toBe('categorical');
  });

  it('width 0 is refused naming the field', () => {
    expect(() => parseCodebook('variables:\n  naam:\n    type: string\n    width: 0\n', 'c.yaml')).toThrow(CodebookError);
    expect(() => parseCodebook('variables:\n  naam:\n    type: string\n    width: 0\n', 'c.yaml')).toThrow(/c\.yaml:4.*width/);
    expect(() => parseCodebook('variables:\n  naam: {type: string, width: 40000}\n', 'c.yaml')).toThrow(/32767/);
  });
});

describe('CSV', () => {
  it.each([
    ['UTF-32LE', [0xff, 0xfe, 0, 0], 'utf-32le'],
    ['UTF-32BE', [0, 0, 0xfe, 0xff], 'utf-32be'],
  ])('a %s byte-order mark is reported as such, with the right --encoding advice', async (_name, bom, advice) => {
    const p = join(dir, `bom-${advice}.csv`);
    writeFileSync(p, Buffer.concat([Buffer.from(bom), Buffer.from('a\u0000\u0000\u0000', 'latin1')]));
    const e = await readCsv(p, { codebook: false }).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(FileFormatError);
    expect(String(e)).toContain(`--encoding ${advice}`);
    expect(String(e)).not.toContain('UTF-16');
  });

  it('1e400 is not turned into Infinity: the inferred column keeps the text', async () => {
    const p = join(dir, 'huge.csv');
    writeFileSync(p, 'x,y\n1e400,1\n2,2\n');
    const ds = await readCsv(p, { codebook: false });
    expect(ds.column('x').type).toBe('string');
    expect(ds.strings('x')).toEqual(['1e400', '2']);
  });

  it('1e400 in a column the codebook declares numeric is an error naming file and line', async () => {
    const p = join(dir, 'huge2.csv');
    writeFileSync(p, 'x\n2\n-1e400\n');
    writeFileSync(join(dir, 'huge2.codebook.yaml'), 'variables:\n  x: {type: numeric}\n');
    const e = await readCsv(p).then(() => null, (err: unknown) => err);
    expect(e).toBeInstanceOf(FileFormatError);
    expect((e as FileFormatError).location).toMatchObject({ file: p, line: 3 });
    expect(String(e)).toMatch(/too large/);
  });
});
