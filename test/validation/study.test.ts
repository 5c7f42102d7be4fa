/**
 * The study runner: an inline weighting request is validated like a file (issue 8 item 8), and
 * every data problem of a wave is listed in one run (issue 8 item 9).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpecError } from '../../src/spec/index.js';
import { failure, setCell } from '../helpers/study.js';

const SPEC = readFileSync('test/fixtures/spec/minimal-study.yaml', 'utf8');
const CSV = readFileSync('test/fixtures/spec/minimal-2021.csv', 'utf8');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function study(spec: string, csv: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-validation-study-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'study.yaml'), spec);
  writeFileSync(join(dir, 'minimal-2021.csv'), csv);
  return join(dir, 'study.yaml');
}



describe('inline weighting request in study.yaml', () => {
  it('refuses unknown fields with the spec line and a suggestion', async () => {
    const spec = SPEC.replace('        method: poststratify\n', '        method: poststratify\n        maxIteration: 5\n        epsilonn: 0.001\n');
    const e = await failure(study(spec, CSV));
    expect(e).toBeInstanceOf(SpecError);
    const issues = (e as SpecError).issues;
    const lines = spec.split('\n');
    expect(issues.map((i) => [i.field, i.line, i.message])).toEqual([
      ['waves[1].weighting.request.maxIteration', lines.findIndex((l) => l.includes('maxIteration')) + 1, 'unknown field "maxIteration" (did you mean "maxIterations"?)'],
      ['waves[1].weighting.request.epsilonn', lines.findIndex((l) => l.includes('epsilonn')) + 1, 'unknown field "epsilonn" (did you mean "epsilon"?)'],
    ]);
    expect(issues[0].file).toMatch(/study\.yaml$/);
  });
});
describe('data problems come all at once', () => {
  it('lists a missing variable, an undeclared code and a routing violation in one error', async () => {
    let csv = CSV.replace('st_hulp', 'st_hulpx');
    csv = setCell(csv, 5, 'werk', '7');
    csv = setCell(csv, 4, 'hulp_1', '1');
    const e = await failure(study(SPEC, csv));
    const text = e.message;
    expect(text).toMatch(/question "st" \(.*study\.yaml:\d+\) needs variable "st_hulp"/);
    expect(text).toContain('variable "werk" has code 7 in 1 row(s) (first: data row 5)');
    expect(text).toMatch(/variable "hulp_1" is answered in \d+ row\(s\) .* that the routing of question "hulp" does not ask/);
  });

  it('names a routing reference to a variable the data does not have, with the others', async () => {
    // `hulp` is routed on `werk`; without the column every answer to hulp would count as unasked
    const csv = CSV.split('\n').map((l) => l.split(',').filter((_, i) => i !== 3).join(',')).join('\n');
    const e = await failure(study(SPEC, setCell(csv, 2, 'cijfer', '11')));
    expect(e.message).toMatch(/needs variable "werk", which the data file does not have/);
    expect(e.message).toContain('variable "cijfer" has code 11');
    expect(e.message).toMatch(/routing of question "hulp" \(askedIf: werk == 2.*\) refers to "werk", which the data file does not have/);
  });
});
