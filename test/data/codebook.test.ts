import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpiegelError } from '../../src/errors.js';
import { readCsv } from '../../src/data/csv/read.js';
import type { CategoricalColumn, NumericColumn, StringColumn } from '../../src/data/column.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-codebook-'));
let n = 0;
/** Writes a CSV and its codebook beside it; returns both paths. */
function pair(csv: string, codebook: string, ext = 'yaml'): { csv: string; codebook: string } {
  const base = join(dir, `d${n++}`);
  writeFileSync(`${base}.csv`, csv);
  writeFileSync(`${base}.codebook.${ext}`, codebook);
  return { csv: `${base}.csv`, codebook: `${base}.codebook.${ext}` };
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

const csv = 'resp;geslacht;tevreden;cijfer;toelichting\n1;1;4;7,5;Prima\n2;2;9;6;\n3;;2;8;"Te lang; wachten"\n4;2;5;9;Goed\n';

describe('codebook', () => {
  it('gives types, labels, value labels, user-missing values, measure and format', async () => {
    const f = pair(
      csv,
      `# handgeschreven
variables:
  resp:
    label: Respondentnummer
    format: F4.0
    measure: nominal
  geslacht:
    type: categorical
    label: Geslacht
    values: {1: Man, 2: Vrouw}
  tevreden:
    type: categorical
    measure: ordinal
    label: Hoe tevreden bent u?
    values:
      1: Zeer ontevreden
      5: Zeer tevreden
      9: N.v.t.
    missing: [9]
  cijfer:
    type: numeric
    missing: {values: [99], range: [-.inf, 0]}
  toelichting:
    type: string
    width: 100
    missing: ["Weet niet"]
`,
    );
    const d = await readCsv(f.csv);
    const resp = d.column('resp') as NumericColumn;
    expect(resp).toMatchObject({ type: 'numeric', label: 'Respondentnummer', format: 'F4.0', measure: 'nominal' });
    const sex = d.column('geslacht') as CategoricalColumn;
    expect(sex.type).toBe('categorical');
    expect([...sex.valueLabels]).toEqual([[1, 'Man'], [2, 'Vrouw']]);
    expect(Array.from(sex.values)).toEqual([1, 2, NaN, 2]);
    const tev = d.column('tevreden') as CategoricalColumn;
    expect(tev.ordered).toBe(true);
    expect(tev.measure).toBe('ordinal');
    expect(tev.missing).toEqual({ values: [9], range: null });
    expect(d.validCount('tevreden')).toBe(3);
    const cijfer = d.column('cijfer') as NumericColumn;
    expect(Array.from(cijfer.values)).toEqual([7.5, 6, 8, 9]);
    expect(cijfer.missing).toEqual({ values: [99], range: [-Infinity, 0] });
    const tl = d.column('toelichting') as StringColumn;
    expect(tl).toMatchObject({ type: 'string', width: 100, missing: { values: ['Weet niet'], range: null } });
    expect(tl.values).toEqual(['Prima', '', 'Te lang; wachten', 'Goed']);
  });

  it('reads a JSON codebook, and string codes keep their leading zeros', async () => {
    const f = pair(
      'gemeente,n\n0344,5\n0363,7\n',
      JSON.stringify({ variables: { gemeente: { type: 'string', values: { '0344': 'Utrecht', '0363': 'Amsterdam' } } } }),
      'json',
    );
    const d = await readCsv(f.csv);
    const g = d.column('gemeente') as StringColumn;
    expect(g.values).toEqual(['0344', '0363']);
    expect([...g.valueLabels]).toEqual([['0344', 'Utrecht'], ['0363', 'Amsterdam']]);
  });

  it('uses a codebook given explicitly, with its encoding and separator', async () => {
    const data = join(dir, 'explicit.csv');
    writeFileSync(data, Buffer.from('a|b\n1|caf\xe9\n', 'latin1'));
    const cb = join(dir, 'elsewhere.yaml');
    writeFileSync(cb, 'encoding: windows-1252\nseparator: "|"\nvariables:\n  b: {label: Drank}\n');
    const d = await readCsv(data, { codebook: cb });
    expect((d.column('b') as StringColumn).values).toEqual(['café']);
    expect(d.column('b').label).toBe('Drank');
  });
});

describe('codebook errors name the file, line and field', () => {
  const cases: [string, string, string, RegExp][] = [
    [
      'a variable that is not in the CSV',
      csv,
      'variables:\n  resp: {label: R}\n  geslacht_x:\n    type: categorical\n',
      /codebook\.yaml:3, field "variables\.geslacht_x": variable "geslacht_x" is not a column of d\d+\.csv/,
    ],
    [
      'a variable spelt with other capitals',
      csv,
      'variables:\n  Geslacht: {type: categorical}\n',
      /codebook\.yaml:2, field "variables\.Geslacht": variable "Geslacht" is not a column of d\d+\.csv \(did you mean "geslacht"\?/,
    ],
    [
      'a value label code of the wrong type',
      csv,
      'variables:\n  geslacht:\n    type: categorical\n    values:\n      1: Man\n      vrouw: Vrouw\n',
      /codebook\.yaml:6, field "variables\.geslacht\.values\.vrouw": value label code "vrouw" is not a number/,
    ],
    [
      'an unknown encoding',
      csv,
      'encoding: utf-9\nvariables: {}\n',
      /codebook\.yaml:1, field "encoding": unknown encoding "utf-9"/,
    ],
    [
      'a misspelt field',
      csv,
      'variables:\n  resp:\n    lable: Respondent\n',
      /codebook\.yaml:3, field "variables\.resp\.lable": unknown field "lable"/,
    ],
    [
      'an unknown type',
      csv,
      'variables:\n  resp:\n    label: R\n    type: integer\n',
      /codebook\.yaml:4, field "variables\.resp\.type": Invalid option/,
    ],
    [
      'too many missing values',
      csv,
      'variables:\n  cijfer:\n    missing: [1, 2, 3, 4]\n',
      /codebook\.yaml:3, field "variables\.cijfer\.missing": "cijfer" has 4 missing values; SPSS allows at most three/,
    ],
    [
      'a missing range on a string variable',
      csv,
      'variables:\n  toelichting:\n    type: string\n    missing: {range: [a, z]}\n',
      /codebook\.yaml:4, field "variables\.toelichting\.missing": "toelichting" is a string variable/,
    ],
    ['a YAML syntax error', csv, 'variables:\n  resp: {label: R\n  cijfer: {}\n', /codebook\.yaml:\d+: not valid YAML\/JSON/],
    [
      'a string format on a numeric variable',
      csv,
      'variables:\n  cijfer:\n    type: numeric\n    format: A8\n',
      /codebook\.yaml:4, field "variables\.cijfer\.format": format A8 is a string format, but "cijfer" is a numeric variable/,
    ],
    ['a bad format', csv, 'variables:\n  cijfer:\n    format: 8.2\n', /codebook\.yaml:3, field "variables\.cijfer\.format": expected an SPSS format/],
  ];
  for (const [what, data, codebook, message] of cases) {
    it(what, async () => {
      const f = pair(data, codebook);
      const err = await failure(readCsv(f.csv));
      expect(err.message.startsWith(f.codebook)).toBe(true);
      expect(err.message).toMatch(message);
    });
  }

  it('a value in the data that is not of the declared type names the CSV file, line and column', async () => {
    const f = pair(csv.replace('4;2;5;9;Goed', '4;2;vijf;9;Goed'), 'variables:\n  tevreden: {type: categorical}\n');
    const err = await failure(readCsv(f.csv));
    expect(err.message).toMatch(new RegExp(`^${f.csv}:5: column "tevreden" is categorical in the codebook, but "vijf" is not a number`));
  });

  it('a value longer than the declared string width', async () => {
    const f = pair(csv, 'variables:\n  toelichting: {type: string, width: 5}\n');
    const err = await failure(readCsv(f.csv));
    expect(err.message).toMatch(new RegExp(`^${f.csv}:4: column "toelichting" has width 5 in the codebook, but this value is 16 bytes long`));
  });

  it('a JSON codebook error still names the line', async () => {
    const f = pair(csv, '{\n  "variables": {\n    "resp": {"type": "numeric"},\n    "nope": {}\n  }\n}\n', 'json');
    const err = await failure(readCsv(f.csv));
    expect(err.message).toMatch(/codebook\.json:4, field "variables\.nope": variable "nope" is not a column/);
  });
});
