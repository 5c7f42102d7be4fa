import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { hostileCases } from './hostile-commands.js';

// Issue 8: the command-level hostile-input corpus and property tests for the output rule.

async function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = { stdout: '', stderr: '', interactive: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) } as CommandIO & { stdout: string; stderr: string };
  const code = await main([...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Every file under `dir` with the SHA-256 of its content. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('hostile-input corpus through the commands', () => {
  for (const c of hostileCases) {
    it(c.name, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'spiegel-corpus-'));
      for (const f of c.folders ?? []) mkdirSync(join(dir, f), { recursive: true });
      for (const [name, content] of Object.entries(c.files)) writeFileSync(join(dir, name), content);
      const before = snapshot(dir);
      const r = await run(c.args.map((a) => a.replace('@/', `${dir}/`)));
      if (c.code !== undefined) expect(r.code, r.stderr).toBe(c.code);
      expect([0, 1, 2]).toContain(r.code);
      // The one error path: a prefixed message, no stack trace; nothing raw on the terminal.
      if (r.code !== 0) expect(r.stderr).toMatch(new RegExp(`^spiegel( ${c.args[0]})?: `));
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).not.toMatch(CONTROL);
      expect(r.stderr).not.toMatch(CONTROL);
      // Inputs unchanged, and no temporary file left anywhere.
      const after = snapshot(dir);
      for (const [name, hash] of before) expect(after.get(name), `${name} changed`).toBe(hash);
      for (const name of after.keys()) expect(name).not.toMatch(/\.tmp$/);
      if (c.name.startsWith('convert: formula-like')) {
        expect(readFileSync(join(dir, 'o.csv'), 'utf8')).toBe(readFileSync(join(dir, 'a.csv'), 'utf8'));
      }
    });
  }
});

describe('output rule, property: convert refuses exactly the outputs that alias an input, and never changes an input', () => {
  it('random output and codebook paths drawn from aliases of the inputs and fresh names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-prop-'));
    const CSV = 'id,sex\n1,man\n2,vrouw\n';
    const CB = '# hand-written\nvariables:\n  sex:\n    label: Sex\n';
    writeFileSync(join(dir, 'in.csv'), CSV);
    writeFileSync(join(dir, 'in.codebook.yaml'), CB);
    symlinkSync(join(dir, 'in.csv'), join(dir, 'link.csv'));
    linkSync(join(dir, 'in.codebook.yaml'), join(dir, 'hard.yaml'));
    mkdirSync(join(dir, 'sub'));
    // [path, which input it is (or null)]
    const pool: [string, string | null][] = [
      [join(dir, 'in.csv'), 'in'],
      [join(dir, 'sub', '..', 'in.csv'), 'in'],
      [join(dir, 'link.csv'), 'in'],
      [join(dir, 'in.codebook.yaml'), 'cb'],
      [join(dir, 'hard.yaml'), 'cb'],
      [join(dir, 'new.csv'), null],
      [join(dir, 'sub', 'new2.csv'), null],
    ];
    const yamlPool: [string, string | null][] = [...pool.filter(([p]) => p.endsWith('.yaml')), [join(dir, 'out.codebook.yaml'), null], [join(dir, 'new.csv'), null]];
    let k = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: pool.length - 1 }), fc.option(fc.integer({ min: 0, max: yamlPool.length - 1 })), async (o, cb) => {
        const [out, outIs] = pool[o];
        const args = ['convert', join(dir, 'in.csv'), out.replace(/new(2?)\.csv$/, `new$1-${k++}.csv`)];
        const cbEntry = cb === null ? null : yamlPool[cb];
        if (cbEntry !== null) args.push('--out-codebook', cbEntry[0]);
        // The default codebook of a fresh output is fresh; of an input alias it is the input's own.
        const outputAliasesInput = outIs !== null;
        const codebookAliases = cbEntry !== null && (cbEntry[1] !== null || cbEntry[0] === args[2]);
        const r = await run(args);
        expect(r.code === 1 && /refusing to write/.test(r.stderr)).toBe(outputAliasesInput || codebookAliases);
        if (!(outputAliasesInput || codebookAliases)) expect(r.code, r.stderr).toBe(0);
        expect(readFileSync(join(dir, 'in.csv'), 'utf8')).toBe(CSV);
        expect(readFileSync(join(dir, 'in.codebook.yaml'), 'utf8')).toBe(CB);
      }),
      { numRuns: 40 },
    );
  });
});
