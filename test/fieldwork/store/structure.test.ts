/**
 * Spec changes during fieldwork: wording may change, structure may not. Checked against the
 * worked example's questionnaire, changed in its YAML text as a researcher would.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { structureHash, structureJson } from '../../../src/fieldwork/questionnaire/hash.js';
import { createFieldStore } from '../../../src/fieldwork/store/open.js';
import { StructureChangedError, checkStructure } from '../../../src/fieldwork/store/structure-check.js';
import { parseSpec } from '../../../src/spec/load.js';

const file = 'examples/participatiewet-2021/study.yaml';
const text = readFileSync(file, 'utf8');
const spec = (t: string) => parseSpec(t, file).spec;
const base = spec(text);
const tmp = mkdtempSync(join(tmpdir(), 'spiegel-structure-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function edited(from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

async function check(changed: string): Promise<string[]> {
  const store = await createFieldStore({ engine: 'sqlite', file: join(tmp, `${Math.random()}.sqlite`) }, {
    studyId: base.study.id,
    wave: 2021,
    structureHash: structureHash(base, 2021),
    structure: structureJson(base, 2021),
    anonymous: false,
  });
  try {
    await checkStructure(store, spec(changed), file);
    return [];
  } catch (e) {
    if (e instanceof StructureChangedError) return [...e.changes];
    throw e;
  } finally {
    await store.close();
  }
}

describe('questionnaire structure during fieldwork', () => {
  it('keeps its hash when only wording and labels change', async () => {
    const reworded = edited('Heeft u de uitkering zelf aangevraagd?', 'Heeft u zelf de uitkering aangevraagd?').replace(
      '{ code: 3, label: Langer dan 3 jaar (voor medio 2018) }',
      '{ code: 3, label: Meer dan 3 jaar geleden }',
    );
    expect(structureHash(spec(reworded), 2021)).toBe(structureHash(base, 2021));
    expect(await check(reworded)).toEqual([]);
  });

  it('refuses a removed answer code, naming question and code', async () => {
    expect(await check(edited('      - { code: 3, label: Langer dan 3 jaar (voor medio 2018) }\n', ''))).toContain('question "duur": answer code 3 was removed');
  });

  it('refuses changed routing, naming old and new expression', async () => {
    expect(await check(edited('askedIf: duur in [1, 2]', 'askedIf: duur in [1]'))).toEqual(['question "zelf": routing changed (askedIf "duur in [1, 2]" → "duur in [1]")']);
  });

  it('refuses a removed question, and says so in the error message with the spec file', async () => {
    const without = spec(text);
    const changed = { ...without, questions: without.questions.filter((q) => q.id !== 'werk') };
    const store = await createFieldStore({ engine: 'sqlite', file: join(tmp, 'removed.sqlite') }, {
      studyId: base.study.id, wave: 2021, structureHash: structureHash(base, 2021), structure: structureJson(base, 2021), anonymous: false,
    });
    try {
      await expect(checkStructure(store, changed, file)).rejects.toThrow(/examples\/participatiewet-2021\/study\.yaml, field "questions": the questionnaire changed[\s\S]*question "werk" was removed/);
    } finally {
      await store.close();
    }
  });

  it('leaves out questions of other waves', () => {
    const s = JSON.parse(structureJson(base, 2021)) as { questions: { id: string; waves?: number[] }[] };
    expect(s.questions.every((q) => q.waves === undefined || q.waves.includes(2021))).toBe(true);
    expect(JSON.stringify(s)).not.toContain('wording');
  });
});
