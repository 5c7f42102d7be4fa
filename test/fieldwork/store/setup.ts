/**
 * A fielded study in a temporary folder for the command tests: the fixture spec, a synthetic
 * register of 40 people with contact data, and the output of `spiegel sample` drawn from it.
 */
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import type { CommandIO } from '../../../src/cli/command.js';

export interface Captured extends CommandIO {
  stdout: string;
  stderr: string;
}

export function capture(): Captured {
  const io = { stdout: '', stderr: '', interactive: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
  return io;
}

export async function run(args: string[]): Promise<Captured & { code: number }> {
  const io = capture();
  const code = await main(args, io);
  return Object.assign(io, { code });
}

export interface StudyFolder {
  readonly dir: string;
  readonly spec: string;
  readonly sample: string;
}

/** Spec + register + the sample `spiegel sample` draws from it (20 of 40, stratified A/B). */
export async function studyFolder(prefix: string): Promise<StudyFolder> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const spec = join(dir, 'study.yaml');
  copyFileSync('test/fixtures/fieldwork/study.yaml', spec);
  const lines = ['id,naam,adres,postcode,woonplaats,geslacht,regio,bsn'];
  for (let i = 1; i <= 40; i++) {
    lines.push(`r${i},Persoon ${i},Dorpsstraat ${i},${1000 + i} AB,Utrecht,${(i % 2) + 1},${i <= 16 ? 'A' : 'B'},${100000000 + i}`);
  }
  writeFileSync(join(dir, 'register.csv'), lines.join('\n') + '\n');
  writeFileSync(join(dir, 'design.json'), JSON.stringify({ method: 'stratified', key: 'id', strata: 'regio', allocation: { type: 'fixed', n: { A: 8, B: 12 } } }));
  const sample = join(dir, 'sample.csv');
  const r = await run(['sample', '--frame', join(dir, 'register.csv'), '--design', join(dir, 'design.json'), '--seed', '2021', '--out', sample]);
  if (r.code !== 0) throw new Error(`spiegel sample failed: ${r.stderr}`);
  return { dir, spec, sample };
}

/** Rows of the letters CSV (BOM and CRLF as written). */
export function parseLetters(text: string): Record<string, string>[] {
  const [head, ...rows] = text.replace(/^\uFEFF/, '').trim().split('\r\n');
  const cols = head.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
}
