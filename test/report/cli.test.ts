import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { createReportCommand, type StudyRunner } from '../../src/cli/report.js';
import { InvalidInputError } from '../../src/errors.js';
import { sampleReport } from '../fixtures/report/sample-report.js';

function capture(interactive: boolean): CommandIO & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    interactive,
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
  };
  return io;
}

/** A study runner that reports three steps and returns the hand-built report. */
const fakeRunner: StudyRunner = async (_spec, { onProgress }) => {
  onProgress?.(1, 3, 'spec');
  onProgress?.(2, 3, 'tables: t5b');
  onProgress?.(3, 3, 'report');
  return sampleReport;
};

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'spiegel-cli-report-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('spiegel report', () => {
  it('is registered and has help', async () => {
    const io = capture(false);
    expect(await main(['report', '--help'], io)).toBe(0);
    expect(io.stdout).toMatch(/^Usage: spiegel report STUDY.yaml --out DIR/);
  });

  it('runs the study and writes the chosen formats, with a progress bar on a terminal', async () => {
    const io = capture(true);
    const out = join(root, 'out');
    const cmd = createReportCommand(fakeRunner);
    expect(await cmd.run(['study.yaml', '--out', out, '--formats', 'html,xlsx'], io)).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['report.html', 'spiegel-manifest.json', 'tables.xlsx']);
    expect(io.stdout).toBe(`wrote ${join(out, 'report.html')}\nwrote ${join(out, 'tables.xlsx')}\n`);
    // 3 study steps + 2 formats: the bar reaches 100% and is cleared at the end.
    expect(io.stderr).toContain(' 20%  spec');
    expect(io.stderr).toContain('100%  xlsx');
    expect(io.stderr.endsWith('\r\u001b[2K')).toBe(true);
  });

  it('draws no progress bar when stderr is not a terminal, and prints JSON on request', async () => {
    const io = capture(false);
    const out = join(root, 'out');
    expect(await createReportCommand(fakeRunner).run(['s.yaml', '--out', out, '--formats', 'html', '--json'], io)).toBe(0);
    expect(io.stderr).toBe('');
    expect(JSON.parse(io.stdout)).toEqual({ files: [join(out, 'report.html')] });
  });

  it('applies --locale to the numbers and words', async () => {
    const io = capture(false);
    expect(await createReportCommand(fakeRunner).run(['s.yaml', '--format', 'terminal', '--locale', 'en-GB'], io)).toBe(0);
    expect(io.stdout).toContain('Table 24 Tevredenheid over onderdelen van de dienstverlening (N=4,000)');
    const out = join(root, 'out');
    await createReportCommand(fakeRunner).run(['s.yaml', '--out', out, '--formats', 'html', '--locale', 'en-GB'], capture(false));
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('<html lang="en">');
  });

  it('writes nothing when the study fails', async () => {
    const out = join(root, 'out');
    const failing: StudyRunner = async () => {
      throw new InvalidInputError('routing refers to unknown question q99', { file: 'study.yaml', line: 12, field: 'questions.q5.askIf' });
    };
    const io = capture(true);
    await expect(createReportCommand(failing).run(['study.yaml', '--out', out], io)).rejects.toThrow(/study.yaml.*12.*q99|q99.*study.yaml/s);
    expect(await readdir(root)).toEqual([]);
  });

  it('rejects bad arguments with a usage message', async () => {
    const cmd = createReportCommand(fakeRunner);
    await expect(cmd.run(['s.yaml'], capture(false))).rejects.toThrow(/--out DIR is required/);
    await expect(cmd.run([], capture(false))).rejects.toThrow(/exactly one study spec/);
    await expect(cmd.run(['s.yaml', '--out', root, '--formats', 'pdf,rtf'], capture(false))).rejects.toThrow(/unknown report format "rtf"/);
    await expect(cmd.run(['s.yaml', '--out', root, '--locale', 'not a locale!'], capture(false))).rejects.toThrow(/not a locale/);
  });

  it('fails before running the study when PDF is asked and Chromium is missing', async () => {
    const saved = process.env.SPIEGEL_CHROMIUM;
    process.env.SPIEGEL_CHROMIUM = join(root, 'missing-chromium');
    let ran = false;
    const runner: StudyRunner = async (s, o) => {
      ran = true;
      return fakeRunner(s, o);
    };
    try {
      await expect(
        createReportCommand(runner).run(['s.yaml', '--out', join(root, 'out'), '--formats', 'html,pdf'], capture(false)),
      ).rejects.toThrow(/apt-get install chromium/);
    } finally {
      if (saved === undefined) delete process.env.SPIEGEL_CHROMIUM;
      else process.env.SPIEGEL_CHROMIUM = saved;
    }
    expect(ran).toBe(false);
    expect(await readdir(root)).toEqual([]);
  });

  it('leaves report.pdf out with a note when no formats are given and Chromium is missing', async () => {
    const saved = process.env.SPIEGEL_CHROMIUM;
    process.env.SPIEGEL_CHROMIUM = join(root, 'missing-chromium');
    const io = capture(false);
    const out = join(root, 'out');
    try {
      expect(await createReportCommand(fakeRunner).run(['s.yaml', '--out', out], io)).toBe(0);
    } finally {
      if (saved === undefined) delete process.env.SPIEGEL_CHROMIUM;
      else process.env.SPIEGEL_CHROMIUM = saved;
    }
    expect((await readdir(out)).sort()).toEqual(['report.docx', 'report.html', 'spiegel-manifest.json', 'tables.json', 'tables.xlsx']);
    expect(io.stderr).toMatch(/report\.pdf is not written: .*apt-get install chromium/);
    // Word is still written, without its charts (Chromium draws them), and the note says so.
    expect(io.stderr).toMatch(/report\.docx is written without charts: Chromium was not found at .*missing-chromium/);
  });
});
