import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CommandIO } from '../../src/cli/command.js';

function capture(): CommandIO & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', interactive: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

function frameFile(dir: string, rows: number, dupAt = -1): string {
  const lines = ['id;klasse;inwoners;naam'];
  for (let i = 0; i < rows; i++) {
    const id = i === dupAt ? 'g1' : `g${i + 1}`;
    lines.push(`${id};${i < 5 ? 'groot' : i < 20 ? 'middel' : 'klein'};${1000 + ((i * 7919) % 50000)};"Gemeente ${i + 1}; ""x"""`);
  }
  const path = join(dir, 'frame.csv');
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

describe('spiegel sample', () => {
  it('draws a stratified sample with take-all stratum and writes the design columns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-sample-'));
    const frame = frameFile(dir, 60);
    writeFileSync(join(dir, 'earlier.csv'), 'id\ng7\ng8\n');
    writeFileSync(
      join(dir, 'design.json'),
      JSON.stringify({ method: 'stratified', key: 'id', strata: 'klasse', allocation: { type: 'fixed', n: { groot: 'all', middel: 4, klein: 8 } }, exclude: [{ file: 'earlier.csv', key: 'id' }] }),
    );
    const io = capture();
    const out = join(dir, 'sample.csv');
    const code = await main(['sample', '--frame', frame, '--design', join(dir, 'design.json'), '--seed', '7', '--out', out], io);
    expect(io.stderr).toContain('wrote');
    expect(code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id;klasse;inwoners;naam;stratum;inclusion_probability;design_weight');
    expect(lines.length - 1).toBe(5 + 4 + 8);
    // middel: 15 units minus 2 excluded → π = 4/13
    const middel = lines.filter((l) => l.includes(';middel;'));
    expect(middel).toHaveLength(4);
    for (const l of middel) expect(Number(l.split(';').at(-2))).toBeCloseTo(4 / 13, 15);
    expect(lines.some((l) => l.startsWith('g7;') || l.startsWith('g8;'))).toBe(false);
    expect(lines[1]).toContain('"Gemeente 1; ""x"""');
    expect(io.stdout).toMatch(/middel\s+13\s+4/);
  });

  it('names a duplicate key and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-sample-'));
    const frame = frameFile(dir, 30, 12);
    writeFileSync(join(dir, 'design.json'), JSON.stringify({ method: 'srs', n: 5, key: 'id' }));
    const io = capture();
    const code = await main(['sample', '--frame', frame, '--design', join(dir, 'design.json'), '--seed', '1', '--out', join(dir, 's.csv')], io);
    expect(code).toBe(1);
    expect(io.stderr).toMatch(/duplicate key id="g1" in rows 1 and 13/);
    expect(readdirSync(dir).sort()).toEqual(['design.json', 'frame.csv']);
  });

  it('refuses a stratum asked for more units than it has', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-sample-'));
    const frame = frameFile(dir, 30);
    writeFileSync(join(dir, 'design.json'), JSON.stringify({ method: 'stratified', key: 'id', strata: 'klasse', allocation: { type: 'fixed', n: { groot: 6, middel: 2, klein: 2 } } }));
    const io = capture();
    const code = await main(['sample', '--frame', frame, '--design', join(dir, 'design.json'), '--seed', '1', '--out', join(dir, 's.csv')], io);
    expect(code).toBe(1);
    expect(io.stderr).toMatch(/stratum "groot" is asked for 6 units but has only 5/);
    expect(existsSync(join(dir, 's.csv'))).toBe(false);
  });

  it('sub-selects within a sample (2 groot, 1 middel, 1 klein) and multiplies the probabilities', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-sample-'));
    const frame = frameFile(dir, 60);
    writeFileSync(join(dir, 'd1.json'), JSON.stringify({ method: 'stratified', key: 'id', strata: 'klasse', allocation: { type: 'fixed', n: { groot: 'all', middel: 6, klein: 10 } } }));
    writeFileSync(join(dir, 'd2.json'), JSON.stringify({ method: 'stratified', key: 'id', strata: 'klasse', allocation: { type: 'fixed', n: { groot: 2, middel: 1, klein: 1 } } }));
    const io = capture();
    expect(await main(['sample', '--frame', frame, '--design', join(dir, 'd1.json'), '--seed', '3', '--out', join(dir, 's1.csv')], io)).toBe(0);
    expect(await main(['sample', '--frame', join(dir, 's1.csv'), '--design', join(dir, 'd2.json'), '--seed', '4', '--out', join(dir, 's2.csv')], io)).toBe(0);
    const lines = readFileSync(join(dir, 's2.csv'), 'utf8').trim().split('\n').slice(1);
    expect(lines).toHaveLength(4);
    const pi = (l: string): number => Number(l.split(';').at(-2));
    for (const l of lines.filter((x) => x.includes(';groot;'))) expect(pi(l)).toBeCloseTo(1 * (2 / 5), 15);
    for (const l of lines.filter((x) => x.includes(';middel;'))) expect(pi(l)).toBeCloseTo((6 / 15) * (1 / 6), 15);
    for (const l of lines.filter((x) => x.includes(';klein;'))) expect(pi(l)).toBeCloseTo((10 / 40) * (1 / 10), 15);
  });

  it('computes AAPOR RR1 and RR2 per stratum (hand calculation)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-sample-'));
    // groot: I, I, P, R, NE → RR1 = 2/4, RR2 = 3/4; klein: I, NC, 2.11 (R), 3.19 (UH) → RR1 = RR2 = 1/4
    writeFileSync(join(dir, 's.csv'), 'id,stratum,status\n1,groot,I\n2,groot,I\n3,groot,P\n4,groot,R\n5,groot,NE\n6,klein,I\n7,klein,NC\n8,klein,2.11\n9,klein,3.19\n');
    const io = capture();
    expect(await main(['sample', '--sample', join(dir, 's.csv'), '--disposition', 'status', '--json'], io)).toBe(0);
    const res = JSON.parse(io.stdout) as { rates: { stratum: string; rr1: number; rr2: number; net: number }[] };
    const by = Object.fromEntries(res.rates.map((r) => [r.stratum, r]));
    expect(by.groot.rr1).toBe(0.5);
    expect(by.groot.rr2).toBe(0.75);
    expect(by.klein.rr1).toBe(0.25);
    expect(by.total.rr1).toBeCloseTo(3 / 8, 15);
    expect(by.total.rr2).toBeCloseTo(4 / 8, 15);
  });
});

describe('spiegel sample response table', () => {
  it('prints population, gross sample and net response per stratum, and respondents against the frame', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-sample-'));
    writeFileSync(join(dir, 'frame.csv'), 'id,klasse,geslacht\n' + Array.from({ length: 20 }, (_, i) => `${i + 1},${i < 4 ? 'groot' : 'klein'},${i % 2 === 0 ? 'man' : 'vrouw'}`).join('\n') + '\n');
    writeFileSync(join(dir, 's.csv'), 'id,stratum,geslacht,status\n1,groot,man,I\n2,groot,vrouw,R\n5,klein,man,I\n6,klein,vrouw,I\n7,klein,man,NC\n');
    const io = capture();
    const code = await main(['sample', '--sample', join(dir, 's.csv'), '--disposition', 'status', '--frame', join(dir, 'frame.csv'), '--frame-strata', 'klasse', '--compare', 'geslacht'], io);
    expect(code).toBe(0);
    // groot: population 4, gross 2, net 1, RR1 50%; klein: 16, 3, 2, 67%
    expect(io.stdout).toMatch(/groot\s+4\s+2\s+1\s+50%\s+50%/);
    expect(io.stdout).toMatch(/klein\s+16\s+3\s+2\s+67%\s+67%/);
    expect(io.stdout).toMatch(/Totaal\s+20\s+5\s+3\s+60%\s+60%/);
    // respondents: man 2 of 3 (67%), population man 10 of 20 (50%)
    expect(io.stdout).toMatch(/man\s+10\s+50%\s+2\s+67%/);
  });
});
