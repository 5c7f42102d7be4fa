/**
 * runStudy fails early with errors naming the file, line/row and field/variable: unknown codes
 * in the data, answers outside the routing, a missing variable, a missing data file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStudy } from '../../src/study/index.js';
import { failure, setCell } from '../helpers/study.js';

const SPEC = readFileSync('test/fixtures/spec/minimal-study.yaml', 'utf8');
const CSV = readFileSync('test/fixtures/spec/minimal-2021.csv', 'utf8');

/** A copy of the minimal study in a temp dir, with the spec and data changed by the callers. */
function study(spec: (s: string) => string, csv: (c: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-study-'));
  writeFileSync(join(dir, 'study.yaml'), spec(SPEC));
  writeFileSync(join(dir, 'minimal-2021.csv'), csv(CSV));
  return join(dir, 'study.yaml');
}



describe('runStudy data checks', () => {
  it('a code the spec does not know: file, variable, code, row and the spec line', async () => {
    const path = study((s) => s, (c) => setCell(c, 5, 'werk', '7'));
    const e = await failure(path);
    expect(e.location.file).toMatch(/minimal-2021\.csv$/);
    expect(e.location.field).toBe('werk');
    expect(e.message).toContain('has code 7 in 1 row(s) (first: data row 5)');
    expect(e.message).toMatch(/question "werk" \(.*study\.yaml:\d+; codes: 1, 2\)/);
  });

  it('a rating outside its range', async () => {
    const e = await failure(study((s) => s, (c) => setCell(c, 2, 'cijfer', '11')));
    expect(e.message).toContain('variable "cijfer" has code 11');
    expect(e.message).toContain('a whole number from 1 to 10');
  });

  it('an answer from someone the routing did not ask', async () => {
    // row 4 has werk = 1 (works), so hulp (askedIf werk == 2) must be empty
    const e = await failure(study((s) => s, (c) => setCell(c, 4, 'hulp_1', '1')));
    expect(e.location.field).toBe('hulp_1');
    expect(e.message).toMatch(/answered in 1 row\(s\) \(first: data row 4\) that the routing of question "hulp" does not ask \(askedIf: werk == 2; .*study\.yaml:\d+\)/);
  });

  it('a question variable missing from the data', async () => {
    const e = await failure(study((s) => s, (c) => c.replace('st_hulp', 'st_hulpx')));
    expect(e.location.field).toBe('st_hulp');
    expect(e.message).toMatch(/question "st" \(.*study\.yaml:\d+\) needs variable "st_hulp"/);
  });

  it('a missing data file names the spec line of `data`', async () => {
    const e = await failure(study((s) => s.replace('data: minimal-2021.csv', 'data: missing.csv'), (c) => c));
    expect(e.message).toMatch(/study\.yaml:\d+(:\d+)?, field "waves\[1\]\.data"/);
    const specLines = SPEC.split('\n');
    expect(e.location.line).toBe(specLines.findIndex((l) => l.includes('data: minimal-2021.csv')) + 1);
  });

  it('a spec error comes before any data is read', async () => {
    const e = await failure(study((s) => s.replace('askedIf: werk == 2', 'askedIf: wrek == 2'), (c) => c));
    expect(e.code).toBe('SPEC');
    expect(e.message).toContain('unknown question or variable "wrek"');
  });
});
