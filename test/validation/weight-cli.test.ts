/**
 * `spiegel weight`: YAML requests as the study spec takes them (issue 13 item 8), and a weight
 * named like an existing variable refused instead of overwriting it (issue 8 item 2).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { readDataset } from '../../src/data/io.js';

const dir = mkdtempSync(join(tmpdir(), 'spiegel-weight-validation-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture(): CommandIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', interactive: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

// 4 rows: sex 1,1,2,2; post-stratified to 60 men and 40 women → weights 30,30,20,20 (by hand).
const data = join(dir, 'd.csv');
writeFileSync(data, 'id,sex,gewicht\n1,1,9\n2,1,9\n3,2,9\n4,2,9\n');
const margins = ['margins:', '  - variables: [sex]', '    population:', '      - { sex: 1, N: 60 }', '      - { sex: 2, N: 40 }'];

describe('spiegel weight reads YAML requests', () => {
  it('weights with a YAML request file', async () => {
    writeFileSync(join(dir, 'w.yaml'), ['method: poststratify', ...margins, 'weight: w', ''].join('\n'));
    const out = join(dir, 'out.csv');
    const io = capture();
    const code = await main(['weight', '--data', data, '--request', join(dir, 'w.yaml'), '--out', out], io);
    expect(io.stderr).toContain('wrote');
    expect(code).toBe(0);
    const ds = await readDataset(out);
    expect(Array.from(ds.validNumbers('w'))).toEqual([30, 30, 20, 20]);
  });

  it('names the line of a mistyped field in a YAML request and writes nothing', async () => {
    writeFileSync(join(dir, 'typo.yaml'), ['method: poststratify', ...margins, 'maxIteration: 5', ''].join('\n'));
    const out = join(dir, 'typo-out.csv');
    const io = capture();
    const code = await main(['weight', '--data', data, '--request', join(dir, 'typo.yaml'), '--out', out], io);
    expect(code).not.toBe(0);
    expect(io.stderr).toContain(`${join(dir, 'typo.yaml')}:7`);
    expect(io.stderr).toContain('unknown field "maxIteration" (did you mean "maxIterations"?)');
    expect(existsSync(out)).toBe(false);
  });
});

describe('a weight never replaces a variable of the data (issue 8 item 2)', () => {
  for (const name of ['gewicht', 'sex']) {
    it(`refuses "weight: ${name}" and leaves the output unwritten`, async () => {
      writeFileSync(join(dir, `over-${name}.yaml`), ['method: poststratify', ...margins, `weight: ${name}`, ''].join('\n'));
      const out = join(dir, `over-${name}.csv`);
      const io = capture();
      const code = await main(['weight', '--data', data, '--request', join(dir, `over-${name}.yaml`), '--out', out], io);
      expect(code).not.toBe(0);
      expect(io.stderr).toContain(`field "weight"`);
      expect(io.stderr).toContain(`the data already has a variable "${name}"`);
      expect(existsSync(out)).toBe(false);
      expect(readFileSync(data, 'utf8')).toContain('gewicht');
    });
  }
});
