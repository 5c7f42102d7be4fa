/**
 * `spiegel code serve` as a process, for a study whose answers come from a file: it makes the
 * study's store, serves the coding screens to a coder and stops on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/fieldwork/admin/password.js';
import { addUser, createSession } from '../../src/fieldwork/store/accounts.js';
import { openFieldStore } from '../../src/fieldwork/store/open.js';

const driver = fileURLToPath(new URL('../fieldwork/server/run-command.ts', import.meta.url));

describe('spiegel code serve', () => {
  it('makes the store of a study without fieldwork and serves the coding screens', async () => {
    const root = mkdtempSync(join(tmpdir(), 'spiegel-code-serve-'));
    try {
      mkdirSync(join(root, 'workspace'));
      for (const f of ['study.yaml', 'antwoorden.csv', 'codings.csv']) copyFileSync(join('test/fixtures/coding/workspace', f), join(root, 'workspace', f));
      copyFileSync('test/fixtures/coding/suggesties.codebook.yaml', join(root, 'suggesties.codebook.yaml'));
      const spec = join(root, 'workspace', 'study.yaml');
      const child = spawn(process.execPath, ['--import', 'tsx', driver, 'code-serve', spec, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
      child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      try {
        for (let i = 0; i < 1200 && !/Stop with Ctrl\+C/.test(text); i++) {
          if (child.exitCode !== null) throw new Error(text);
          await new Promise((r) => setTimeout(r, 50));
        }
        expect(text).toMatch(/Made the study's store for the coding screens/);
        const url = /Serving .* at (\S+)/.exec(text)![1]!;
        expect(text).toContain(`coding at ${url}/admin/code`);
        const file = join(root, 'workspace', 'study.field.sqlite');
        expect(existsSync(file)).toBe(true);
        // A coder, logged in by a session made in the store (the login form has its own tests).
        const store = await openFieldStore({ engine: 'sqlite', file });
        const sid = randomBytes(32).toString('base64url');
        try {
          const user = await addUser(store.db, { username: 'ans', role: 'coder', passwordHash: await hashPassword('correct horse battery', { N: 1024, r: 8, p: 1 }) });
          const now = Date.now();
          await createSession(store.db, { idHash: createHash('sha256').update(sid).digest('hex'), userId: user.id, createdAt: new Date(now).toISOString(), seenAt: new Date(now).toISOString(), expiresAt: new Date(now + 3600_000).toISOString(), secondFactor: true });
        } finally {
          await store.close();
        }
        const page = await fetch(`${url}/admin/code/thema`, { headers: { cookie: `spiegel_admin=${sid}` } });
        expect(page.status).toBe(200);
        const body = await page.text();
        expect(body).toContain('Heeft u suggesties om de dienstverlening te verbeteren?');
        expect(body).toContain('7 answers');
      } finally {
        child.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});
