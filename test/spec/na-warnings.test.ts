/**
 * Grid kinds that keep "N.v.t." in the base by default (itemGrid, likert4, likertReversed,
 * itemGridBy) warn when their question has that answer and neither the table nor `defaults` says
 * `excludeNotApplicable`; the warning names the table, its line and what to set, the study run
 * passes it on, and `spiegel report` prints it on stderr.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createReportCommand } from '../../src/cli/report.js';
import { formatIssue, loadSpec, parseSpec } from '../../src/spec/load.js';
import { runStudy } from '../../src/study/index.js';

const FILE = 'test/fixtures/tables/kinds-study.yaml';
const text = readFileSync(FILE, 'utf8');

describe('warning: N.v.t. kept in the base of a grid', () => {
  it('names the table, its kind, the question and the line, for the kinds that keep it (not likert5)', () => {
    const w = loadSpec(FILE).warnings.map(formatIssue);
    expect(w).toHaveLength(2);
    // t8 likertReversed over st; t16 itemGridBy over st1 (both scales have code 9 N.v.t.)
    expect(w[0]).toMatch(/^test\/fixtures\/tables\/kinds-study\.yaml:\d+, field "tables\[\d+\]\.kind": table "t8" \(likertReversed\) keeps "N\.v\.t\." in the base of its percentages \(question "st" has that answer\)/);
    expect(w[0]).toContain('set options.excludeNotApplicable: true to leave it out, or false to keep it and silence this warning');
    expect(w[1]).toContain('table "t16" (itemGridBy)');
    const line = Number(/:(\d+),/.exec(w[0])![1]);
    expect(text.split('\n')[line - 1]).toContain('id: t8');
  });
  it('is silenced by excludeNotApplicable in the table (either way) or in defaults', () => {
    const table = text.replace('kind: likertReversed, title: Omgekeerd, questions: st }', 'kind: likertReversed, title: Omgekeerd, questions: st, options: { excludeNotApplicable: false } }');
    expect(table).not.toBe(text);
    expect(parseSpec(table, FILE).warnings.map((i) => i.message).some((m) => m.includes('"t8"'))).toBe(false);
    const defaults = text.replace(/^defaults:\n/m, 'defaults:\n  excludeNotApplicable: true\n');
    expect(defaults).not.toBe(text);
    expect(parseSpec(defaults, FILE).warnings).toEqual([]);
  });
  it('reaches the study run and spiegel report prints it on stderr', async () => {
    const seen: string[] = [];
    await runStudy(FILE, { onWarning: (m) => seen.push(m) });
    expect(seen).toEqual(loadSpec(FILE).warnings.map(formatIssue));
    const root = await mkdtemp(join(tmpdir(), 'spiegel-na-warn-'));
    try {
      const io = { stdout: '', stderr: '', interactive: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) };
      expect(await createReportCommand((spec, o) => runStudy(spec, o)).run([FILE, '--out', join(root, 'out'), '--formats', 'html'], io)).toBe(0);
      expect(io.stderr).toContain(`warning: ${seen[0]}\n`);
      expect(io.stderr).toContain(`warning: ${seen[1]}\n`);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
