import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IoError } from '../../src/errors.js';
import { writeContentAtomic, writeFilesAtomic, writePathAtomic } from '../../src/files/atomic.js';
import { liveTemps, sweepStaleTemps, tempOwner, tempPathFor } from '../../src/files/temp.js';
import { mountTmpfs } from './mount.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'spiegel-atomic-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A pid that is certainly not running: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('atomic writes', () => {
  it('the temporary file lives in the destination folder and names this process', () => {
    const t = tempPathFor('/some/mount/point/report.html');
    expect(dirname(t)).toBe('/some/mount/point');
    expect(tempOwner(t.split('/').pop()!)).toBe(process.pid);
  });

  it('writes, replaces, and leaves no temporary file behind', async () => {
    const p = join(root, 'a.txt');
    await writeContentAtomic(p, 'one');
    await writeContentAtomic(p, 'two');
    expect(await readFile(p, 'utf8')).toBe('two');
    expect((await readdir(root)).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(liveTemps()).toEqual([]);
  });

  it('on an error keeps the old file and removes the temporary ones', async () => {
    const d = join(root, 'err');
    await mkdir(d);
    await writeFile(join(d, 'a.csv'), 'old');
    await expect(
      writeFilesAtomic([join(d, 'a.csv'), join(d, 'a.codebook.yaml')], async ([s]) => {
        s.add('new');
        await s.flush();
        throw new Error('renderer failed');
      }),
    ).rejects.toThrow('renderer failed');
    expect(await readdir(d)).toEqual(['a.csv']);
    expect(await readFile(join(d, 'a.csv'), 'utf8')).toBe('old');
    expect(liveTemps()).toEqual([]);
  });

  it('a missing folder is a typed IO error naming the file', async () => {
    const p = join(root, 'no', 'such', 'x.csv');
    const err = await writeContentAtomic(p, 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IoError);
    expect((err as Error).message).toBe(`${p}: cannot write the file: the file or folder does not exist (ENOENT)`);
  });

  it('a path-based writer gets a temporary path beside the destination', async () => {
    let seen = '';
    await writePathAtomic(join(root, 'lib.bin'), async (tmp) => {
      seen = tmp;
      await writeFile(tmp, 'made by a library');
    });
    expect(dirname(seen)).toBe(root);
    expect(await readFile(join(root, 'lib.bin'), 'utf8')).toBe('made by a library');
  });

  it('sweeps temporary files of dead processes only, and nothing else', async () => {
    const d = join(root, 'sweep');
    await mkdir(d);
    const dead = deadPid();
    const names = [
      `.report.pdf.spiegel-${dead}-0123abcd.tmp`, // stale: removed
      `.data.csv.${dead}.89abcdef.tmp`, // stale, older name pattern: removed
      `.report.html.spiegel-${process.pid}-0123abcd.tmp`, // a live run: kept
      'report.html', // other files: kept
      '.hidden-notes.tmp',
    ];
    for (const n of names) await writeFile(join(d, n), 'x');
    const removed = await sweepStaleTemps(d);
    expect(removed.map((p) => p.split('/').pop()).sort()).toEqual([names[1], names[0]].sort());
    expect((await readdir(d)).sort()).toEqual([names[2], names[3], names[4]].sort());
  });
});

describe('atomic writes on another file system', () => {
  it('writes onto a mount point (no rename across devices)', async (ctx) => {
    const m = mountTmpfs(join(root, 'mnt'));
    if (typeof m === 'string') {
      console.log(`skipped: ${m}`);
      ctx.skip();
      return;
    }
    try {
      await writeContentAtomic(join(m.path, 'out.csv'), 'a\n1\n');
      expect(await readdir(m.path)).toEqual(['out.csv']);
    } finally {
      m.unmount();
    }
  });

  it('a full disk is a typed IO error naming the file, and the temporary file is removed', async (ctx) => {
    const m = mountTmpfs(join(root, 'full'), '64k');
    if (typeof m === 'string') {
      console.log(`skipped: ${m}`);
      ctx.skip();
      return;
    }
    try {
      const p = join(m.path, 'big.csv');
      const err = await writeContentAtomic(p, 'x'.repeat(1 << 20)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IoError);
      expect((err as Error).message).toBe(`${p}: cannot write the file: no space left on the device (ENOSPC)`);
      expect(await readdir(m.path)).toEqual([]);
    } finally {
      m.unmount();
    }
  });

  it('a read-only file system is a typed IO error naming the file', async (ctx) => {
    const m = mountTmpfs(join(root, 'ro'));
    if (typeof m === 'string') {
      console.log(`skipped: ${m}`);
      ctx.skip();
      return;
    }
    try {
      m.readOnly();
      const p = join(m.path, 'x.sav');
      const err = await writeContentAtomic(p, 'x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IoError);
      expect((err as Error).message).toBe(`${p}: cannot write the file: the file system is read-only (EROFS)`);
    } finally {
      m.unmount();
    }
  });
});
