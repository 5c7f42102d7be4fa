/** Starts and kills serve-child.ts processes (a field server in its own process). */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StoreLocation } from '../../../src/fieldwork/store/types.js';

const script = fileURLToPath(new URL('./serve-child.ts', import.meta.url));

export interface Child {
  readonly url: string;
  readonly process: ChildProcess;
}

export function startChild(location: StoreLocation, pages: number): Promise<Child> {
  // node itself runs the server (tsx as a loader, not as a wrapper process), so SIGKILL hits the server.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, FIELD_STORE: JSON.stringify(location), FIELD_PAGES: String(pages) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`field server did not start in 60 s: ${err}`)), 60_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve({ url: m[1]!, process: child });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`field server exited (${code}) before listening: ${err}`));
    });
  });
}

export function killHard(child: Child): Promise<void> {
  return new Promise((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    child.process.once('exit', () => resolve());
    child.process.kill('SIGKILL');
  });
}
