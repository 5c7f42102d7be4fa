import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutputConflictError } from '../../src/errors.js';
import { MANIFEST_NAME, type FolderFile, writeFolder } from '../../src/files/folder.js';
import { mountTmpfs } from './mount.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'spiegel-folder-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const file = (name: string, text = name): FolderFile => ({ name, write: (p) => writeFile(p, text) });

describe('writeFolder: a report folder with a manifest', () => {
  it('writes the files and a complete manifest listing them', async () => {
    const d = join(root, 'a');
    const written = await writeFolder(d, [file('report.html'), file('tables.xlsx')]);
    expect(written).toEqual([join(d, 'report.html'), join(d, 'tables.xlsx')]);
    expect((await readdir(d)).sort()).toEqual(['report.html', MANIFEST_NAME, 'tables.xlsx'].sort());
    const m = JSON.parse(await readFile(join(d, MANIFEST_NAME), 'utf8'));
    expect(m.complete).toBe(true);
    expect(m.files.map((f: { name: string }) => f.name)).toEqual(['report.html', 'tables.xlsx']);
    // sha256 computed independently: printf report.html | sha256sum
    expect(m.files[0]).toEqual({ name: 'report.html', bytes: 11, sha256: 'bcb3d7751facd01f1f8b72deeca5da4c5d10f3ece35d89abd11e2ec14ef91760' });
  });

  it('a rerun with fewer files removes the stale ones of the previous manifest, never other files', async () => {
    const d = join(root, 'b');
    await mkdir(d);
    await writeFile(join(d, 'notes.txt'), 'mine');
    await writeFolder(d, [file('report.html'), file('report.pdf')]);
    await writeFolder(d, [file('report.html', 'v2')]);
    expect((await readdir(d)).sort()).toEqual(['notes.txt', 'report.html', MANIFEST_NAME].sort());
    expect(await readFile(join(d, 'notes.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(d, 'report.html'), 'utf8')).toBe('v2');
  });

  it('a manifest is not trusted: names with a folder part are never removed', async () => {
    const d = join(root, 'c');
    await mkdir(join(d, 'sub'), { recursive: true });
    await writeFile(join(root, 'outside.txt'), 'keep');
    await writeFile(join(d, 'sub', 'x'), 'keep');
    await writeFile(join(d, MANIFEST_NAME), JSON.stringify({ files: [{ name: '../outside.txt' }, { name: 'sub/x' }, { name: 'sub' }, { name: '..' }] }));
    await writeFolder(d, [file('report.html')]);
    expect(await readFile(join(root, 'outside.txt'), 'utf8')).toBe('keep');
    expect(await readFile(join(d, 'sub', 'x'), 'utf8')).toBe('keep');
  });

  it('a stale file that was changed since it was written, or a name a manifest was edited to list, is kept', async () => {
    const d = join(root, 'edited');
    await writeFolder(d, [file('report.html'), file('report.pdf', 'printed')]);
    await writeFile(join(d, 'report.pdf'), 'annotated by hand');
    await writeFile(join(d, 'data.csv'), 'the researcher\'s data');
    const m = JSON.parse(await readFile(join(d, MANIFEST_NAME), 'utf8'));
    m.files.push({ name: 'data.csv', bytes: 1, sha256: '0'.repeat(64) });
    await writeFile(join(d, MANIFEST_NAME), JSON.stringify(m));
    await writeFolder(d, [file('report.html')]);
    expect(await readFile(join(d, 'report.pdf'), 'utf8')).toBe('annotated by hand');
    expect(await readFile(join(d, 'data.csv'), 'utf8')).toBe('the researcher\'s data');
  });

  it('refuses to replace a file it did not write, or one edited since (the researcher\'s text in report.docx)', async () => {
    const d = join(root, 'mine');
    await mkdir(d);
    await writeFile(join(d, 'report.docx'), 'my own report');
    const err = await writeFolder(d, [file('report.html'), file('report.docx')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputConflictError);
    expect((err as Error).message).toBe(`${join(d, 'report.docx')}: this file was not written by spiegel (it is not in ${MANIFEST_NAME}); refusing to replace it, nothing was written: move it away or choose another folder`);
    expect(await readdir(d)).toEqual(['report.docx']);
    await rm(join(d, 'report.docx'));
    await writeFolder(d, [file('report.html'), file('report.docx', 'tables')]);
    await writeFile(join(d, 'report.docx'), 'tables, and the text I wrote around them');
    await expect(writeFolder(d, [file('report.html'), file('report.docx')])).rejects.toThrow(/was changed after spiegel wrote it/);
    expect(await readFile(join(d, 'report.docx'), 'utf8')).toBe('tables, and the text I wrote around them');
  });

  it('a failing file leaves the folder as it was (and no folder when it did not exist)', async () => {
    const d = join(root, 'd');
    await writeFolder(d, [file('report.html', 'old')]);
    const before = await readFile(join(d, MANIFEST_NAME), 'utf8');
    const failing: FolderFile = { name: 'report.pdf', write: async (p) => { await writeFile(p, 'half'); throw new Error('chromium crashed'); } };
    await expect(writeFolder(d, [file('report.html', 'new'), failing])).rejects.toThrow('chromium crashed');
    expect((await readdir(d)).sort()).toEqual(['report.html', MANIFEST_NAME].sort());
    expect(await readFile(join(d, 'report.html'), 'utf8')).toBe('old');
    expect(await readFile(join(d, MANIFEST_NAME), 'utf8')).toBe(before);
    const fresh = join(root, 'e', 'deep');
    await expect(writeFolder(fresh, [failing])).rejects.toThrow('chromium crashed');
    expect(await readdir(root)).not.toContain('e');
  });

  it('writes a report folder onto a mount point', async (ctx) => {
    const m = mountTmpfs(join(root, 'mnt'));
    if (typeof m === 'string') {
      console.log(`skipped: ${m}`);
      ctx.skip();
      return;
    }
    try {
      await writeFolder(m.path, [file('report.html'), file('tables.xlsx')]);
      expect((await readdir(m.path)).sort()).toEqual(['report.html', MANIFEST_NAME, 'tables.xlsx'].sort());
    } finally {
      m.unmount();
    }
  });

  it('property: after any sequence of runs the folder holds exactly the last run\'s files plus the files that were never ours', async () => {
    const names = ['report.html', 'tables.xlsx', 'report.docx', 'report.pdf'];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.subarray(names, { minLength: 1 }), { minLength: 1, maxLength: 4 }), fc.subarray(['notes.txt', 'logo.png']), async (runs, own) => {
        const d = join(root, `p${n++}`);
        await mkdir(d);
        for (const o of own) await writeFile(join(d, o), 'mine');
        for (const [k, run] of runs.entries()) await writeFolder(d, run.map((name) => file(name, `run ${k}`)));
        const last = runs[runs.length - 1];
        expect((await readdir(d)).sort()).toEqual([...last, ...own, MANIFEST_NAME].sort());
        for (const name of last) expect(await readFile(join(d, name), 'utf8')).toBe(`run ${runs.length - 1}`);
      }),
      { numRuns: 12 },
    );
  });
});
