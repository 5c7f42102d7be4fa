/**
 * `spiegel code pull`: codings saved on the coding screens reach the codings file the spec names,
 * and from there the themes table of the report. Counts by hand from the fixture
 * (test/fixtures/coding/workspace): 7 answers; coded below: 1 contact.vast (ans), 2 geld (ans and
 * bram agree), 3 regels+geld (ans) vs geld (bram) → unresolved, then resolved as final geld.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { saveCoding } from '../../src/fieldwork/store/index.js';
import { createFieldStore, openFieldStore } from '../../src/fieldwork/store/open.js';
import { computeStudy } from '../../src/study/index.js';
import type { Table } from '../../src/tables/model.js';

function folder(): string {
  const root = mkdtempSync(join(tmpdir(), 'spiegel-pull-'));
  mkdirSync(join(root, 'workspace'));
  for (const f of ['study.yaml', 'antwoorden.csv', 'codings.csv']) copyFileSync(join('test/fixtures/coding/workspace', f), join(root, 'workspace', f));
  copyFileSync('test/fixtures/coding/suggesties.codebook.yaml', join(root, 'suggesties.codebook.yaml'));
  return join(root, 'workspace');
}

describe('spiegel code pull', () => {
  it('writes the store\'s codings into the spec\'s codings file, and the themes table counts them', async () => {
    const dir = folder();
    const spec = join(dir, 'study.yaml');
    const store = await createFieldStore({ engine: 'sqlite', file: join(dir, 'study.field.sqlite') }, { studyId: 'codeerwerk', wave: 2021, structureHash: 'h', structure: '{}', anonymous: false });
    try {
      const save = (unit: string, coder: string, codes: string[]) => saveCoding(store.db, { question: 'thema', unit, coder, codes, expectedRevision: 0 });
      await save('1', 'ans', ['contact.vast']);
      await save('2', 'ans', ['geld']);
      await save('2', 'bram', ['geld']);
      await save('3', 'ans', ['regels', 'geld']);
      await save('3', 'bram', ['geld']);
    } finally {
      await store.close();
    }
    let out = '';
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (out += t), interactive: false };
    expect(await main(['code', 'pull', spec], io)).toBe(0);
    expect(out).toMatch(/5 coding\(s\) of 3 of 7 answer\(s\)/);
    const csv = readFileSync(join(dir, 'codings.csv'), 'utf8');
    expect(csv.trim().split('\n')).toEqual(['unit,coder,code,start,end,text', '1,ans,contact.vast,,,', '2,ans,geld,,,', '2,bram,geld,,,', '3,ans,geld,,,', '3,ans,regels,,,', '3,bram,geld,,,']);

    // Themes: answer 1 → Meer contact (contact.vast is below contact); 2 → Geld (both coders);
    // 3: coders disagree; 4, 6, 7, 8 not coded → 5 answers not (yet) coded alike.
    const cells = (t: Table): [string, string][] => t.rows.map((r) => [r.label, r.cells.map((c) => String(c.shown)).join('|')]);
    let t1 = (await computeStudy(spec)).tables.get('t1')!;
    expect(cells(t1)).toEqual([
      ['Meer contact', '1'],
      ['Geld', '1'],
      ['Regels', '0'],
      ['Eindtotaal', '2'],
    ]);
    expect(t1.notes.join(' ')).toContain('5 antwoorden zijn nog niet (eensluidend) gecodeerd');

    // The resolve screen saves under the coder "final": answer 3 becomes Geld.
    const again = await openFieldStore({ engine: 'sqlite', file: join(dir, 'study.field.sqlite') });
    try {
      await saveCoding(again.db, { question: 'thema', unit: '3', coder: 'final', codes: ['geld'], expectedRevision: 0 });
    } finally {
      await again.close();
    }
    expect(await main(['code', 'pull', spec], io)).toBe(0);
    t1 = (await computeStudy(spec)).tables.get('t1')!;
    expect(cells(t1)).toEqual([
      ['Geld', '2'],
      ['Meer contact', '1'],
      ['Regels', '0'],
      ['Eindtotaal', '3'],
    ]);
    expect(t1.notes.join(' ')).toContain('4 antwoorden zijn nog niet (eensluidend) gecodeerd');
  });
});
