import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CommandIO } from '../../src/cli/command.js';
import { failureOf } from '../../src/cli/failure.js';
import { main } from '../../src/cli/main.js';
import { IoError, LimitError, SpiegelError } from '../../src/errors.js';
import { mountTmpfs } from '../files/mount.js';

// Issue 8, found items 11 (errors outside the one error path) and 12 (terminal escape sequences).

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = { stdout: '', stderr: '', interactive: false, out: (t: string) => void (io.stdout += t), err: (t: string) => void (io.stderr += t) } as CommandIO & { stdout: string; stderr: string };
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin', 'spiegel.js');
const ESC = '\u001b';
const BOMB = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...'bcdef'.split('').map((k, i) => `${k}: &${k} [${Array(10).fill(`*${'abcdef'[i]}`).join(',')}]`)].join('\n') + '\n';

describe('item 11: every failure ends in a typed error with the command and the file', () => {
  it('a YAML alias bomb as study spec', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-err-'));
    writeFileSync(join(dir, 'study.yaml'), BOMB);
    const r = await run('report', join(dir, 'study.yaml'), '--format', 'terminal');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^spiegel report: ${join(dir, 'study.yaml')}.*: .*YAML.*alias`, 'i'));
  });

  it('a YAML alias bomb as codebook', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-err-'));
    writeFileSync(join(dir, 'a.csv'), 'x\n1\n');
    writeFileSync(join(dir, 'a.codebook.yaml'), BOMB);
    const r = await run('describe', join(dir, 'a.csv'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^spiegel describe: ${join(dir, 'a.codebook.yaml')}.*: .*YAML.*alias`, 'i'));
  });

  it('a routing expression nested 5,000 deep is a spec error at its line, not a stack overflow', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-err-'));
    cpSync(join(root, 'examples', 'participatiewet-2021'), dir, { recursive: true });
    const spec = readFileSync(join(dir, 'study.yaml'), 'utf8');
    const deep = `${'('.repeat(5000)}duur in [1, 2]${')'.repeat(5000)}`;
    expect(spec).toContain('askedIf: duur in [1, 2]');
    writeFileSync(join(dir, 'study.yaml'), spec.replace('askedIf: duur in [1, 2]', `askedIf: "${deep}"`));
    const r = await run('report', join(dir, 'study.yaml'), '--format', 'terminal');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^spiegel report: ${join(dir, 'study.yaml')}:\\d+.*nested more than \\d+ levels`));
    expect(r.stderr.length).toBeLessThan(2000);
  });

  it('RangeError, system errors and unknown errors become typed errors; stack only with --debug', () => {
    const overflow = failureOf(new RangeError('Maximum call stack size exceeded'), ['study.yaml']);
    expect(overflow).toBeInstanceOf(LimitError);
    expect(overflow.message).toBe('study.yaml: the input is nested too deeply to process (stack overflow)');
    const long = failureOf(new RangeError('Invalid string length'), ['big.csv']);
    expect(long).toBeInstanceOf(LimitError);
    expect(long.message).toBe('big.csv: a text in the input is longer than JavaScript can hold (about 512 MB)');
    const fsErr = Object.assign(new Error("EMFILE: too many open files, open 'x.sav'"), { code: 'EMFILE', syscall: 'open', path: 'x.sav' });
    const io = failureOf(fsErr, []);
    expect(io).toBeInstanceOf(IoError);
    expect(io.message).toBe('x.sav: cannot open the file: too many files are open at once (EMFILE)');
    const bug = failureOf(new TypeError("Cannot read properties of undefined (reading 'x')"), ['a.csv']);
    expect(bug).toBeInstanceOf(SpiegelError);
    expect(bug.message).toBe("a.csv: internal error: Cannot read properties of undefined (reading 'x'); please report it (run with --debug for the details)");
  });
});

describe('item 11 through the program itself (bin/spiegel.js)', () => {
  const built = existsSync(join(root, 'dist', 'cli', 'main.js'));

  it('a read-only output folder: typed error naming the file, exit 1, no stack; the stack with --debug', (ctx) => {
    if (!built) {
      console.log('skipped: dist/ is not built (npm run build)');
      return ctx.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-err-'));
    const m = mountTmpfs(join(dir, 'ro'));
    if (typeof m === 'string') {
      console.log(`skipped: ${m}`);
      return ctx.skip();
    }
    try {
      writeFileSync(join(dir, 'a.csv'), 'x\n1\n2\n');
      m.readOnly();
      const r = spawnSync(process.execPath, [bin, 'convert', join(dir, 'a.csv'), join(m.path, 'out.sav')], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`spiegel convert: ${join(m.path, 'out.sav')}: cannot write the file: the file system is read-only (EROFS)\n`);
      const d = spawnSync(process.execPath, [bin, 'convert', '--debug', join(dir, 'a.csv'), join(m.path, 'out.sav')], { encoding: 'utf8' });
      expect(d.status).toBe(1);
      expect(d.stderr).toMatch(/^spiegel convert: .*EROFS\)\n\s+at /);
    } finally {
      m.unmount();
    }
  });

  it('a full disk (ENOSPC) names the file and leaves no temporary file', (ctx) => {
    if (!built) {
      console.log('skipped: dist/ is not built (npm run build)');
      return ctx.skip();
    }
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-err-'));
    const m = mountTmpfs(join(dir, 'full'), '64k');
    if (typeof m === 'string') {
      console.log(`skipped: ${m}`);
      return ctx.skip();
    }
    try {
      writeFileSync(join(dir, 'a.csv'), 'x\n' + Array.from({ length: 30_000 }, (_, i) => String(i + 0.25)).join('\n') + '\n');
      const r = spawnSync(process.execPath, [bin, 'convert', join(dir, 'a.csv'), join(m.path, 'out.sav')], { encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`spiegel convert: ${join(m.path, 'out.sav')}: cannot write the file: no space left on the device (ENOSPC)\n`);
      expect(readdirSync(m.path)).toEqual([]);
    } finally {
      m.unmount();
    }
  });
});

describe('item 12: control characters never reach the terminal raw', () => {
  it('describe escapes escape sequences in names, labels and the file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-esc-'));
    const file = join(dir, `e${ESC}[2J.csv`);
    writeFileSync(file, `x${ESC}]0;PWNED\u0007,b${ESC}[31m\u009b1m\n1,2\n`);
    const r = await run('describe', file);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(r.stdout).toContain('x\\u001b]0;PWNED\\u0007');
    expect(r.stdout).toContain('e\\u001b[2J.csv');
    const json = await run('describe', file, '--json');
    expect(json.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect((JSON.parse(json.stdout) as { variables: { name: string }[] }).variables[1].name).toBe(`b${ESC}[31m\u009b1m`);
  });

  it('error messages escape the file name', async () => {
    const r = await run('describe', `/nonexistent/${ESC}[2Jgone.csv`);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('spiegel describe: /nonexistent/\\u001b[2Jgone.csv: file not found\n');
  });

  it('the program escapes an unknown command name too', async () => {
    const r = await run(`x${ESC}[2J`);
    expect(r.stderr.startsWith('spiegel: unknown command "x\\u001b[2J"')).toBe(true);
  });
});
