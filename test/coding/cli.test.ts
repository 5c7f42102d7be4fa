import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseCodebook } from '../../src/coding/load-codebook.js';

const codebookFile = fileURLToPath(new URL('../fixtures/coding/suggesties.codebook.yaml', import.meta.url));
const xsd = fileURLToPath(new URL('../fixtures/refi-qda/Codebook.xsd', import.meta.url));
const sklearn = JSON.parse(readFileSync(new URL('../fixtures/coding/kappa-sklearn.json', import.meta.url), 'utf8')) as { cases: { name: string; first: number[]; second: number[]; kappa: number }[] };

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t), interactive: false });
  return { code, out, err };
}

describe('spiegel code agreement', () => {
  it("gives scikit-learn's kappa for a code scored present/absent by two coders, with the number of answers", async () => {
    const c = sklearn.cases.find((x) => x.name.startsWith('binary'))!;
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-code-'));
    const lines = ['unit,coder,code,start,end,text'];
    c.first.forEach((v, i) => lines.push(`a${i},ans,${v === 1 ? 'geld' : ''},,,`));
    c.second.forEach((v, i) => lines.push(`a${i},bram,${v === 1 ? 'geld' : ''},,,`));
    const codings = join(dir, 'codings.csv');
    writeFileSync(codings, lines.join('\n') + '\n');
    const r = await run(['code', 'agreement', '--codebook', codebookFile, '--codings', codings, '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { perCode: { code: string; kappa: { value: number; units: number }; alpha: { units: number } }[]; doubleCoded: number };
    const geld = json.perCode.find((p) => p.code === 'geld')!;
    expect(geld.kappa.units).toBe(200);
    expect(Math.abs(geld.kappa.value - c.kappa)).toBeLessThan(1e-12);
    expect(json.doubleCoded).toBe(200);
    // Text output names the figures and the n.
    const text = await run(['code', 'agreement', '--codebook', codebookFile, '--codings', codings]);
    expect(text.out).toMatch(/geld\s+\d+\s+0\.822\s+200/);
  });

  it('refuses codes that are not in the codebook, and malformed files, naming the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-code-'));
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'unit,coder,code\na1,ans,gelt\n');
    const r = await run(['code', 'agreement', '--codebook', codebookFile, '--codings', bad]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/bad\.csv.*"gelt" not in codebook "suggesties"/);
    writeFileSync(bad, 'unit,code\na1,geld\n');
    expect((await run(['code', 'agreement', '--codebook', codebookFile, '--codings', bad])).err).toMatch(/bad\.csv:1.*no column "coder"/);
  });
});

describe('spiegel code export / import', () => {
  it('exports a .qdc that validates, and imports it back to the same codebook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-code-'));
    const qdc = join(dir, 'suggesties.qdc');
    expect((await run(['code', 'export', '--codebook', codebookFile, '--out', qdc])).code).toBe(0);
    if (spawnSync('xmllint', ['--version']).status === 0) expect(spawnSync('xmllint', ['--noout', '--schema', xsd, qdc]).status).toBe(0);
    const back = join(dir, 'back.yaml');
    expect((await run(['code', 'import', qdc, '--codebook', codebookFile, '--out-codebook', back])).code).toBe(0);
    const original = parseCodebook(readFileSync(codebookFile, 'utf8'), 'a');
    expect(parseCodebook(readFileSync(back, 'utf8'), back)).toEqual({ ...original, version: original.version + 1 });
  });

  it('will not write over its own input', async () => {
    const r = await run(['code', 'import', codebookFile, '--out-codebook', codebookFile]);
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/codebook/);
    expect(readFileSync(codebookFile, "utf8")).toContain("codebook: suggesties");
  });
});
