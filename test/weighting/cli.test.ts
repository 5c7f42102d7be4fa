import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CommandIO } from '../../src/cli/command.js';
import { readDataset } from '../../src/data/io.js';

const fixtures = new URL('../fixtures/weighting/', import.meta.url);
const datasets = JSON.parse(readFileSync(new URL('datasets.json', fixtures), 'utf8')) as Record<string, Record<string, (string | number)[]>>;
const cases = (JSON.parse(readFileSync(new URL('cases.json', fixtures), 'utf8')) as { cases: { name: string; dataset: string; request: unknown; weights: number[] }[] }).cases;

function capture(): CommandIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', interactive: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

function csvOf(name: string, dir: string): string {
  const raw = datasets[name];
  const cols = Object.keys(raw);
  const lines = [cols.join(',')];
  for (let i = 0; i < raw[cols[0]].length; i++) lines.push(cols.map((c) => String(raw[c][i])).join(','));
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('spiegel weight', () => {
  it('rakes a CSV file as R survey does (1e-9) and prints JSON diagnostics', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-weight-'));
    const c = cases.find((x) => x.name === 'rake-gen-age-sex-region')!;
    const data = csvOf(c.dataset, dir);
    writeFileSync(join(dir, 'w.json'), JSON.stringify({ ...(c.request as object), weight: 'w' }));
    const io = capture();
    const code = await main(['weight', '--data', data, '--request', join(dir, 'w.json'), '--out', join(dir, 'out.csv'), '--json'], io);
    expect(io.stderr).toContain('wrote');
    expect(code).toBe(0);
    const d = JSON.parse(io.stdout) as { converged: boolean; iterations: number; summary: { min: number; max: number; mean: number; cv: number }; kishDeff: number; effectiveN: number; margins: unknown[] };
    expect(d.converged).toBe(true);
    expect(d.margins).toHaveLength(3);
    expect(d.effectiveN).toBeCloseTo(600 / d.kishDeff, 9);
    const out = await readDataset(join(dir, 'out.csv'));
    const w = out.numbers('w');
    let worst = 0;
    c.weights.forEach((e, i) => (worst = Math.max(worst, Math.abs(w[i] - e) / e)));
    expect(worst).toBeLessThan(1e-9);
  });

  it('names a margin category missing from the data and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-weight-'));
    const data = csvOf('gen', dir);
    writeFileSync(
      join(dir, 'w.json'),
      JSON.stringify({ method: 'poststratify', margins: [{ variables: ['sex'], population: [{ sex: 'man', N: 5 }, { sex: 'vrouw', N: 5 }, { sex: 'x', N: 1 }] }] }),
    );
    const io = capture();
    const code = await main(['weight', '--data', data, '--request', join(dir, 'w.json'), '--out', join(dir, 'out.csv')], io);
    expect(code).toBe(1);
    expect(io.stderr).toMatch(/margins\[0\] \(sex\): category "x" of "sex" does not occur in the data/);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });

  it('refuses to write when raking does not converge', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-weight-'));
    const c = cases.find((x) => x.name === 'rake-gen-age-sex-region')!;
    const data = csvOf(c.dataset, dir);
    writeFileSync(join(dir, 'w.json'), JSON.stringify({ ...(c.request as object), maxIterations: 1 }));
    const io = capture();
    const code = await main(['weight', '--data', data, '--request', join(dir, 'w.json'), '--out', join(dir, 'out.csv')], io);
    expect(code).toBe(1);
    expect(io.stdout).toContain('DID NOT CONVERGE');
    expect(io.stderr).toMatch(/did not converge in 1 iterations.*nothing written/);
    expect(existsSync(join(dir, 'out.csv'))).toBe(false);
  });
});
