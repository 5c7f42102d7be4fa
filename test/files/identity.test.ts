import { link, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutputConflictError } from '../../src/errors.js';
import { checkOutputs } from '../../src/files/identity.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'spiegel-identity-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const input = (path: string) => ({ path, role: 'the input' });
const output = (path: string) => ({ path, role: 'the output' });

describe('checkOutputs: never write onto an input or onto another output', () => {
  it('refuses the same path, naming both files', async () => {
    const a = join(root, 'a.csv');
    await writeFile(a, 'x\n1\n');
    const err = await checkOutputs([input(a)], [output(a)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputConflictError);
    expect((err as Error).message).toBe(`${a}: the output is the same file as the input ${a}; refusing to write it, nothing was written`);
  });

  it('refuses a different spelling of the same path (./, .., relative)', async () => {
    const a = join(root, 'b.csv');
    await writeFile(a, 'x\n');
    await mkdir(join(root, 'sub'), { recursive: true });
    await expect(checkOutputs([input(a)], [output(join(root, 'sub', '..', '.', 'b.csv'))])).rejects.toBeInstanceOf(OutputConflictError);
  });

  it('refuses a symbolic link to an input, and a path through a linked folder', async () => {
    const a = join(root, 'c.csv');
    await writeFile(a, 'x\n');
    await symlink(a, join(root, 'c-link.csv'));
    await symlink(root, join(root, 'folder-link'));
    await expect(checkOutputs([input(a)], [output(join(root, 'c-link.csv'))])).rejects.toThrow(/through a symbolic link/);
    await expect(checkOutputs([input(a)], [output(join(root, 'folder-link', 'c.csv'))])).rejects.toBeInstanceOf(OutputConflictError);
  });

  it('refuses a hard link to an input (same device and inode)', async () => {
    const a = join(root, 'd.csv');
    await writeFile(a, 'x\n');
    await link(a, join(root, 'd-hard.csv'));
    await expect(checkOutputs([input(a)], [output(join(root, 'd-hard.csv'))])).rejects.toThrow(/a hard link to it/);
  });

  it('refuses two outputs of one run that are the same file, even when neither exists yet', async () => {
    const err = await checkOutputs([], [output(join(root, 'new.csv')), { path: join(root, 'x', '..', 'new.csv'), role: 'the codebook' }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutputConflictError);
    expect((err as Error).message).toMatch(/the codebook and the output/);
  });

  it('accepts distinct files, and inputs that repeat', async () => {
    const a = join(root, 'e.csv');
    await writeFile(a, 'x\n');
    await expect(checkOutputs([input(a), input(a)], [output(join(root, 'e-out.csv'))])).resolves.toBeUndefined();
  });

  it('property: refuses exactly when an output aliases an input or an earlier output', async () => {
    // A pool of real files, each reachable by several spellings (path, ./path, symlink, hard link).
    const pool = join(root, 'pool');
    await mkdir(pool);
    const aliases: string[][] = [];
    for (let k = 0; k < 4; k++) {
      const f = join(pool, `f${k}.dat`);
      await writeFile(f, String(k));
      await symlink(f, join(pool, `s${k}.dat`));
      await link(f, join(pool, `h${k}.dat`));
      aliases.push([f, join(pool, '.', `f${k}.dat`), join(pool, `s${k}.dat`), join(pool, `h${k}.dat`)]);
    }
    // Files that do not exist yet, with two spellings each.
    for (let k = 4; k < 6; k++) aliases.push([join(pool, `n${k}.dat`), join(pool, 'x', '..', `n${k}.dat`)]);
    const pick = fc.record({ file: fc.integer({ min: 0, max: 5 }), spelling: fc.nat() });
    await fc.assert(
      fc.asyncProperty(fc.array(pick.filter((p) => p.file < 4), { maxLength: 3 }), fc.array(pick, { minLength: 1, maxLength: 3 }), async (ins, outs) => {
        const path = (p: { file: number; spelling: number }) => aliases[p.file][p.spelling % aliases[p.file].length];
        const expected = outs.some((o, k) => ins.some((i) => i.file === o.file) || outs.slice(0, k).some((p) => p.file === o.file));
        const refused = await checkOutputs(ins.map((i) => input(path(i))), outs.map((o) => output(path(o)))).then(
          () => false,
          (e: unknown) => e instanceof OutputConflictError,
        );
        expect(refused).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });
});
