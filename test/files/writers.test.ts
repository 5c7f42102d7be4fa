import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numericColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';
import { writeDataset } from '../../src/data/io.js';
import { IoError } from '../../src/errors.js';
import { mountTmpfs } from './mount.js';

// The data writers use the output rule's atomic write: file-system errors are typed and name the file.
let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'spiegel-writers-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const data = new Dataset([numericColumn('x', Float64Array.from({ length: 50_000 }, (_, i) => i + 0.5))]);

describe('data writers on a full or read-only disk', () => {
  for (const ext of ['sav', 'csv', 'json']) {
    it(`.${ext}: ENOSPC and EROFS become IO errors naming the file; no temporary file is left`, async (ctx) => {
      const m = mountTmpfs(join(root, `m-${ext}`), '64k');
      if (typeof m === 'string') {
        console.log(`skipped: ${m}`);
        ctx.skip();
        return;
      }
      try {
        const p = join(m.path, `out.${ext}`);
        const full = await writeDataset(data, p).catch((e: unknown) => e);
        expect(full).toBeInstanceOf(IoError);
        expect((full as Error).message).toMatch(new RegExp(`^${p.replace(/[.]/g, '\\.')}: cannot write the file: no space left on the device \\(ENOSPC\\)$`));
        expect(await readdir(m.path)).toEqual([]);
        m.readOnly();
        const ro = await writeDataset(data, p).catch((e: unknown) => e);
        expect(ro).toBeInstanceOf(IoError);
        expect((ro as Error).message).toBe(`${p}: cannot write the file: the file system is read-only (EROFS)`);
      } finally {
        m.unmount();
      }
    });
  }
});
