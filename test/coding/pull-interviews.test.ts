/**
 * `spiegel code pull` with the spec's interviews: fragments coded on the screens (the store) go
 * into the interview codings file beside the file's own fragments, and the screens find the
 * interviews through the spec (`interviews:`). Offsets counted by hand in spans.test.ts.
 */
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { studyInterviews } from '../../src/cli/code-screens.js';
import { saveSpan } from '../../src/fieldwork/store/index.js';
import { createFieldStore } from '../../src/fieldwork/store/open.js';
import { loadSpec } from '../../src/spec/load.js';

describe('spiegel code pull with interviews', () => {
  it('writes the fragments coded on the screens into the interview codings file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'spiegel-pull-iv-'));
    const dir = join(root, 'workspace');
    mkdirSync(join(dir, 'interviews'), { recursive: true });
    for (const f of ['study.yaml', 'antwoorden.csv', 'codings.csv']) copyFileSync(join('test/fixtures/coding/workspace', f), join(dir, f));
    copyFileSync('test/fixtures/coding/suggesties.codebook.yaml', join(root, 'suggesties.codebook.yaml'));
    for (const f of ['regio-noord.md', 'regio-zuid.md']) copyFileSync(join('test/fixtures/coding/interviews', f), join(dir, 'interviews', f));
    copyFileSync('test/fixtures/coding/interviews/onderwerpen.codebook.yaml', join(dir, 'onderwerpen.codebook.yaml'));
    copyFileSync('test/fixtures/coding/interviews/codings.csv', join(dir, 'interviews.codings.csv'));
    appendFileSync(join(dir, 'study.yaml'), 'interviews:\n  documents: interviews/\n  codebook: onderwerpen.codebook.yaml\n  codings: interviews.codings.csv\n');
    const spec = join(dir, 'study.yaml');
    const set = (await studyInterviews(loadSpec(spec), { out: () => undefined, err: () => undefined, interactive: false }))!;
    expect(set.documents.map((d) => d.id)).toEqual(['regio-noord', 'regio-zuid']);
    const store = await createFieldStore({ engine: 'sqlite', file: join(dir, 'study.field.sqlite') }, { studyId: 'codeerwerk', wave: 2021, structureHash: 'h', structure: '{}', anonymous: false });
    try {
      await saveSpan(store.db, { topics: 'onderwerpen', document: 'regio-noord', start: 36, end: 68, coder: 'ans', text: 'Met UWV hebben we korte lijnen 👍', codes: ['samenwerking.uwv', 'samenwerking'], expectedRevision: 0 });
    } finally {
      await store.close();
    }
    let out = '';
    const io = { out: (t: string) => void (out += t), err: (t: string) => void (out += t), interactive: false };
    expect(await main(['code', 'pull', spec], io)).toBe(0);
    expect(out).toContain('3 fragment coding(s) in 2 interview(s) (1 fragment(s) changed on the coding screens)');
    expect(readFileSync(join(dir, 'interviews.codings.csv'), 'utf8').trim().split('\n')).toEqual([
      'unit,coder,code,start,end,text',
      'regio-noord,ans,samenwerking,36,68,Met UWV hebben we korte lijnen 👍',
      'regio-noord,ans,samenwerking.uwv,36,68,Met UWV hebben we korte lijnen 👍',
      'regio-zuid,cli,regels,19,47,De regels veranderen te vaak',
    ]);
  });
});
