/**
 * `spiegel field try` and `spiegel field serve` as processes: they print where to go, serve the
 * questionnaire, refuse a store made for another questionnaire, and stop on SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { structureHash, structureJson } from '../../../src/fieldwork/questionnaire/hash.js';
import { createFieldStore } from '../../../src/fieldwork/store/open.js';
import { loadSpec } from '../../../src/spec/load.js';
import { Respondent } from './client.js';

const driver = fileURLToPath(new URL('./run-command.ts', import.meta.url));
const example = 'examples/participatiewet-2021/study.yaml';

function run(args: string[]): { child: ChildProcess; output: Promise<string>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', driver, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const output = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      if (/Stop with Ctrl\+C/.test(text)) {
        clearInterval(timer);
        resolve(text);
      }
    }, 50);
    void exited.then(() => {
      clearInterval(timer);
      /Stop with Ctrl\+C/.test(text) ? resolve(text) : reject(new Error(text));
    });
  });
  return { child, output, exited };
}

describe('spiegel field try / serve', () => {
  it('try: serves the example questionnaire on a temporary store with working test links', async () => {
    const p = run(['try', example, '--port', '0', '--links', '2']);
    try {
      const text = await p.output;
      const links = [...text.matchAll(/Test link: (\S+)\s+code: (\S+)/g)];
      expect(links).toHaveLength(2);
      const r = new Respondent(links[0]![1]!);
      const first = await r.get(new URL(links[0]![1]!).pathname);
      expect(first.status).toBe(303);
      const intro = await r.get('/q');
      expect(intro.status).toBe(200);
      expect(intro.html).toContain('href="/q/duur"');
    } finally {
      p.child.kill('SIGTERM');
    }
    expect(await p.exited).toBe(0);
  }, 60_000);

  it('serve: serves a store made for the spec and refuses one made for another questionnaire', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-serve-'));
    try {
      const spec = loadSpec(example).spec;
      const file = join(dir, 'store.sqlite');
      const store = await createFieldStore({ engine: 'sqlite', file }, { studyId: spec.study.id, wave: 2021, structureHash: structureHash(spec, 2021), structure: structureJson(spec, 2021), anonymous: false });
      await store.addParticipants([{ id: 'a', token: 'serve-token-0123456789abcdef', loginCode: 'ACDEFHJKM', test: false, register: {}, contact: {} }]);
      await store.close();
      const p = run(['serve', example, '--database', `sqlite:${file}`, '--port', '0']);
      try {
        const text = await p.output;
        const url = /Serving .* at (\S+)/.exec(text)![1]!;
        const r = new Respondent(url);
        expect((await r.get('/s/serve-token-0123456789abcdef')).location).toBe('/q');
        expect((await r.get('/healthz')).html).toBe('ok');
      } finally {
        p.child.kill('SIGTERM');
      }
      expect(await p.exited).toBe(0);

      const other = join(dir, 'other.sqlite');
      const s2 = await createFieldStore({ engine: 'sqlite', file: other }, { studyId: spec.study.id, wave: 2021, structureHash: 'another-questionnaire', structure: '{}', anonymous: false });
      await s2.close();
      const refused = run(['serve', example, '--database', `sqlite:${other}`, '--port', '0']);
      await expect(refused.output).rejects.toThrow(/differs from the one the store was made with/);
      expect(await refused.exited).toBe(1);
      expect(existsSync(file)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
