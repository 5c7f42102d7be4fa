/**
 * Issue 8 item 8: table options that do not apply to a kind are refused at load (one table in
 * src/spec/applicability.ts), and label lists must match the table: too few is an error like
 * too many.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpiegelError } from '../../src/errors.js';
import { parseSpec, SpecError } from '../../src/spec/index.js';
import { runStudy } from '../../src/study/index.js';

const SPEC = readFileSync('test/fixtures/spec/minimal-study.yaml', 'utf8');
const CSV = readFileSync('test/fixtures/spec/minimal-2021.csv', 'utf8');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function specError(text: string): SpecError {
  try {
    parseSpec(text, 'study.yaml');
  } catch (e) {
    if (e instanceof SpecError) return e;
    throw e;
  }
  throw new Error('expected a SpecError');
}

async function runFailure(spec: string): Promise<SpiegelError> {
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-table-options-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'study.yaml'), spec);
  writeFileSync(join(dir, 'minimal-2021.csv'), CSV);
  try {
    await runStudy(join(dir, 'study.yaml'));
  } catch (e) {
    if (e instanceof SpiegelError) return e;
    throw e;
  }
  throw new Error('expected runStudy to fail');
}

const t2 = '    questions: hulp                 # base: those asked (werk == 2)\n';

describe('table options that do not apply to the kind', () => {
  it('refuses mean: true on multipleResponse and names the kinds that take it', () => {
    const text = SPEC.replace(t2, `${t2}    options: { mean: true, sort: true }\n`);
    const e = specError(text);
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ field: 'tables[1].options.mean', line: text.split('\n').findIndex((l) => l.includes('options: { mean: true, sort: true }')) + 1 });
    expect(e.issues[0].message).toBe('option "mean" does not apply to tables of kind multipleResponse (it applies to: rating)');
  });

  it('refuses mean on a frequency table and waves on a crossTab, all at once', () => {
    const text = SPEC.replace('options: { total: true }        # adds', 'options: { total: true, mean: true }        # adds').replace(
      'options: { by: leeftijd, significance: { test: raoScott } }',
      'options: { by: leeftijd, waves: [2021], significance: { test: raoScott } }',
    );
    const e = specError(text);
    expect(e.issues.map((i) => i.field)).toEqual(['tables[0].options.mean', 'tables[4].options.waves']);
  });
});

describe('label lists must match the table', () => {
  it('refuses too few rowLabels', async () => {
    const e = await runFailure(SPEC.replace('options: { total: true }        # adds', 'rowLabels: [Ja]\n    options: { total: true }        # adds'));
    expect(e.message).toContain('has 2 data rows but 1 rowLabels');
  });
  it('refuses too few columnLabels', async () => {
    const e = await runFailure(SPEC.replace('options: { by: leeftijd, significance', 'columnLabels: [Jong]\n    options: { by: leeftijd, significance'));
    expect(e.message).toMatch(/has \d+ columns but 1 columnLabels/);
  });
});
