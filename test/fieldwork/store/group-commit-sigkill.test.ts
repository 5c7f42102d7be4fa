/**
 * Acknowledged only after commit, with group commit: a process submits pages for 30 responses
 * at once through the SQLite writer thread (so the commits carry many pages each) and prints
 * each acknowledgement; it is killed with SIGKILL mid-load. After reopening the store, every
 * acknowledged page must be there.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { newLoginCode, newToken } from '../../../src/fieldwork/store/credentials.js';
import { createFieldStore, openFieldStore } from '../../../src/fieldwork/store/open.js';

const tmp = mkdtempSync(join(tmpdir(), 'spiegel-gc-kill-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const script = fileURLToPath(new URL('./writer-child.ts', import.meta.url));

describe('SQLite group commit under SIGKILL', () => {
  it('keeps every page acknowledged before the kill', async () => {
    const file = join(tmp, 'kill.field.sqlite');
    const store = await createFieldStore({ engine: 'sqlite', file }, { studyId: 'gc', wave: 2021, structureHash: 'h', structure: '{}', anonymous: false });
    const people = 30;
    await store.addParticipants(Array.from({ length: people }, (_, i) => ({ id: `u${i}`, token: newToken(), loginCode: newLoginCode(), test: false, register: {}, contact: {} })));
    const ids: string[] = [];
    for (let i = 0; i < people; i++) ids.push((await store.startResponse({ participantId: `u${i}`, structureHash: 'h' })).id);
    await store.close();

    const acked = new Map<string, number>();
    let stats: [number, number] = [0, 0];
    let total = 0;
    const child = spawn(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, WRITER_FILE: file, WRITER_IDS: ids.join(',') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const l of lines) {
          const [what, a, b] = l.split(' ');
          if (what === 'ACK') {
            acked.set(a!, Math.max(acked.get(a!) ?? 0, Number(b)));
            total++;
          } else if (what === 'STATS') stats = [Number(a), Number(b)];
        }
        if (total >= 1500 && child.signalCode === null) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`the writer exited before the kill: ${err}`))));
    });
    expect(total).toBeGreaterThanOrEqual(1500);
    // The pages really went in shared commits: fewer transactions than pages.
    expect(stats[1]).toBeGreaterThan(stats[0]);

    const again = await openFieldStore({ engine: 'sqlite', file });
    try {
      for (const [id, revision] of acked) {
        const r = await again.response(id);
        // Later pages may have been committed but not yet acknowledged; never fewer.
        expect(r!.revision).toBeGreaterThanOrEqual(revision);
        for (let k = 1; k <= revision; k++) expect(r!.answers[`q${k}`]).toBe(((k - 1) % 5) + 1);
      }
    } finally {
      await again.close();
    }
  });
});
