import { existsSync, linkSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';

// Issue 8, found items 1, 3 and 13 (CLI): commands never write onto their inputs or onto
// another output of the same run; the refusal names both files and nothing is written.

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = { stdout: '', stderr: '', interactive: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) } as CommandIO & { stdout: string; stderr: string };
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const CSV = 'id,sex,age\n' + Array.from({ length: 40 }, (_, i) => `${i + 1},${i % 2 === 0 ? 'man' : 'vrouw'},${20 + i}`).join('\n') + '\n';
const CODEBOOK = '# hand-written: keep this comment\nvariables:\n  sex:\n    label: Sex\n';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'spiegel-rule-'));
  writeFileSync(join(dir, 'c.csv'), CSV);
  return dir;
}

describe('convert: item 1, --out-codebook onto an input or the output', () => {
  it('refuses --out-codebook equal to the input CSV; the input is unchanged, exit 1', async () => {
    const dir = folder();
    const r = await run('convert', join(dir, 'c.csv'), join(dir, 'o.csv'), '--out-codebook', join(dir, 'c.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`spiegel convert: ${join(dir, 'c.csv')}: the codebook of the output is the same file as the input ${join(dir, 'c.csv')}; refusing to write it, nothing was written\n`);
    expect(readFileSync(join(dir, 'c.csv'), 'utf8')).toBe(CSV);
    expect(readdirSync(dir)).toEqual(['c.csv']);
  });

  it('refuses --out-codebook equal to the output file', async () => {
    const dir = folder();
    const r = await run('convert', join(dir, 'c.csv'), join(dir, 'o.csv'), '--out-codebook', join(dir, 'o.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the codebook of the output and the output are the same file/);
    expect(readdirSync(dir)).toEqual(['c.csv']);
  });

  it('refuses --out-codebook onto the codebook the input was read with', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'c.codebook.yaml'), CODEBOOK);
    const r = await run('convert', join(dir, 'c.csv'), join(dir, 'o.csv'), '--out-codebook', join(dir, 'c.codebook.yaml'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is the same file as the codebook of the input');
    expect(readFileSync(join(dir, 'c.codebook.yaml'), 'utf8')).toBe(CODEBOOK);
  });
});

describe('convert and sample: item 3, the register and a hand-written codebook', () => {
  it('convert IN IN is refused and keeps the hand-written codebook with its comments', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'c.codebook.yaml'), CODEBOOK);
    const r = await run('convert', join(dir, 'c.csv'), join(dir, 'c.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the output is the same file as the input');
    expect(readFileSync(join(dir, 'c.codebook.yaml'), 'utf8')).toBe(CODEBOOK);
    expect(readFileSync(join(dir, 'c.csv'), 'utf8')).toBe(CSV);
  });

  it('convert onto a symbolic link or a hard link to the input is refused', async () => {
    const dir = folder();
    symlinkSync(join(dir, 'c.csv'), join(dir, 'soft.csv'));
    linkSync(join(dir, 'c.csv'), join(dir, 'hard.csv'));
    expect((await run('convert', join(dir, 'c.csv'), join(dir, 'soft.csv'))).stderr).toContain('symbolic link');
    expect((await run('convert', join(dir, 'c.csv'), join(dir, 'hard.csv'))).stderr).toContain('hard link');
    expect(readFileSync(join(dir, 'c.csv'), 'utf8')).toBe(CSV);
  });

  it('sample --out equal to --frame is refused; the frame keeps all its rows', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'd.json'), JSON.stringify({ method: 'srs', n: 10, key: 'id' }));
    const r = await run('sample', '--frame', join(dir, 'c.csv'), '--design', join(dir, 'd.json'), '--seed', '1', '--out', join(dir, 'c.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`spiegel sample: ${join(dir, 'c.csv')}: the sample (--out) is the same file as the frame (--frame) ${join(dir, 'c.csv')}; refusing to write it, nothing was written\n`);
    expect(readFileSync(join(dir, 'c.csv'), 'utf8')).toBe(CSV);
  });

  it('sample --out onto the design file is refused', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'd.json'), JSON.stringify({ method: 'srs', n: 10, key: 'id' }));
    const r = await run('sample', '--frame', join(dir, 'c.csv'), '--design', join(dir, 'd.json'), '--seed', '1', '--out', join(dir, 'd.json'));
    expect(r.code).not.toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'd.json'), 'utf8'))).toEqual({ method: 'srs', n: 10, key: 'id' });
  });

  it('weight --out equal to --data is refused', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'w.json'), JSON.stringify({ method: 'poststratify', margins: [{ variables: ['sex'], population: [{ sex: 'man', N: 500 }, { sex: 'vrouw', N: 500 }] }] }));
    const r = await run('weight', '--data', join(dir, 'c.csv'), '--request', join(dir, 'w.json'), '--out', join(dir, 'c.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('the output (--out) is the same file as the data (--data)');
    expect(readFileSync(join(dir, 'c.csv'), 'utf8')).toBe(CSV);
  });
});

describe('item 13 (CLI)', () => {
  it('weight creates a missing output folder, as convert and report do', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'w.json'), JSON.stringify({ method: 'poststratify', margins: [{ variables: ['sex'], population: [{ sex: 'man', N: 500 }, { sex: 'vrouw', N: 500 }] }] }));
    const r = await run('weight', '--data', join(dir, 'c.csv'), '--request', join(dir, 'w.json'), '--out', join(dir, 'new', 'deeper', 'w.csv'));
    expect(r.stderr).toContain('wrote');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'new', 'deeper', 'w.csv'))).toBe(true);
  });

  it('--seed -1 says what a seed must be, instead of "argument is ambiguous"', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'd.json'), JSON.stringify({ method: 'srs', n: 10, key: 'id' }));
    const r = await run('sample', '--frame', join(dir, 'c.csv'), '--design', join(dir, 'd.json'), '--seed', '-1', '--out', join(dir, 's.csv'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('spiegel sample: --seed must be a whole number ≥ 0 (got "-1")\n');
  });
});
