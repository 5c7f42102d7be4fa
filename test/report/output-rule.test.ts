import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_NAME } from '../../src/files/folder.js';
import { createReportCommand } from '../../src/cli/report.js';
import { writeReport } from '../../src/report/write.js';
import { sampleReport } from '../fixtures/report/sample-report.js';
import { mountTmpfs } from '../files/mount.js';

// Issue 8, found items 6 (interrupted runs leave debris; stale files from an earlier run) and
// 7 (a report folder on a mount point failed with EXDEV).

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin', 'spiegel.js');
const spec = join(root, 'examples', 'participatiewet-2021', 'study.yaml');

describe('report folder: item 7, cross-device', () => {
  it('writes a report onto a mount point (the folder is its own file system)', async (ctx) => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-xdev-'));
    const m = mountTmpfs(join(dir, 'volume'));
    if (typeof m === 'string') {
      console.log(`skipped: ${m}`);
      return ctx.skip();
    }
    try {
      await writeReport(sampleReport, m.path, ['html', 'xlsx']);
      expect(readdirSync(m.path).sort()).toEqual(['report.html', MANIFEST_NAME, 'tables.xlsx'].sort());
      expect(readdirSync(dir)).toEqual(['volume']); // nothing beside the mount point
    } finally {
      m.unmount();
    }
  });
});

describe('report folder: item 6, reruns and interrupted runs', () => {
  it('a rerun with fewer formats removes the stale file of the earlier run and keeps the researcher\'s own files', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spiegel-rerun-'));
    writeFileSync(join(out, 'my-notes.txt'), 'mine');
    await writeReport(sampleReport, out, ['html', 'xlsx', 'docx']);
    await writeReport(sampleReport, out, ['html']);
    expect(readdirSync(out).sort()).toEqual(['my-notes.txt', 'report.html', MANIFEST_NAME].sort());
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST_NAME), 'utf8')) as { complete: boolean; files: { name: string }[] };
    expect(manifest.complete).toBe(true);
    expect(manifest.files.map((f) => f.name)).toEqual(['report.html']);
  });

  it('refuses before the study runs when report.docx was edited after spiegel wrote it (the researcher\'s text is kept)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'spiegel-edited-'));
    await writeReport(sampleReport, out, ['html', 'docx']);
    writeFileSync(join(out, 'report.docx'), 'my text around the tables');
    let ran = false;
    const cmd = createReportCommand(async () => {
      ran = true;
      return sampleReport;
    });
    const io = { out: () => undefined, err: () => undefined, interactive: false };
    await expect(cmd.run(['study.yaml', '--out', out, '--formats', 'html,docx'], io)).rejects.toThrow(/report\.docx: this file was changed after spiegel wrote it; refusing to replace it/);
    expect(ran).toBe(false);
    expect(readFileSync(join(out, 'report.docx'), 'utf8')).toBe('my text around the tables');
  });

  it('SIGINT or SIGTERM at any moment of `spiegel report` leaves no debris; the old report stays intact or the new one is complete', async (ctx) => {
    if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
      console.log('skipped: dist/ is not built (npm run build)');
      return ctx.skip();
    }
    const parent = mkdtempSync(join(tmpdir(), 'spiegel-signal-'));
    const out = join(parent, 'report');
    const runReport = (): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> =>
      new Promise((done) => {
        const start = Date.now();
        const child = spawn(process.execPath, [bin, 'report', spec, '--out', out, '--formats', 'html,xlsx,docx'], { stdio: 'ignore' });
        child.on('exit', (code, signal) => done({ code, signal, ms: Date.now() - start }));
      });
    // A complete first report, and how long a run takes.
    const first = await runReport();
    expect(first.code).toBe(0);
    const manifestOf = (): { complete: boolean; files: { name: string; sha256: string }[] } => JSON.parse(readFileSync(join(out, MANIFEST_NAME), 'utf8'));
    const complete = (): void => {
      const m = manifestOf();
      expect(m.complete).toBe(true);
      for (const f of m.files) expect(createHash('sha256').update(readFileSync(join(out, f.name))).digest('hex')).toBe(f.sha256);
      expect(readdirSync(out).sort()).toEqual([...m.files.map((f) => f.name), MANIFEST_NAME].sort());
    };
    complete();
    const debris = (): string[] => [...readdirSync(parent).filter((n) => n !== 'report'), ...readdirSync(out).filter((n) => n.startsWith('.'))];
    // Interrupt at spread-out moments of the run, with both signals.
    const outcomes: string[] = [];
    for (const [k, fraction] of [0.3, 0.7, 0.95].entries()) {
      const signal = k % 2 === 0 ? 'SIGINT' : 'SIGTERM';
      const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
        const child = spawn(process.execPath, [bin, 'report', spec, '--out', out, '--formats', 'html,xlsx,docx'], { stdio: 'ignore' });
        const timer = setTimeout(() => child.kill(signal), Math.round(first.ms * fraction));
        child.on('exit', (code, sig) => {
          clearTimeout(timer);
          done({ code, signal: sig });
        });
      });
      outcomes.push(`${signal}@${fraction}: ${result.code ?? result.signal}`);
      if (result.code !== 0) expect(result.code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(debris(), `after ${outcomes[outcomes.length - 1]}`).toEqual([]);
      complete();
    }
    console.log(`interrupted runs: ${outcomes.join(', ')}`);
  }, 240_000);
});
