/** Starts and kills serve-child.ts processes (a field server in its own process). */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StoreLocation } from '../../../src/fieldwork/store/types.js';

const script = fileURLToPath(new URL('./serve-child.ts', import.meta.url));

export interface Child {
  readonly url: string;
  readonly process: ChildProcess;
}

/** `nodeArgs`: extra flags for the server's node (the benchmark passes --cpu-prof). */
export function startChild(location: StoreLocation, pages: number, nodeArgs: readonly string[] = []): Promise<Child> {
  // node itself runs the server (tsx as a loader, not as a wrapper process), so SIGKILL hits the server.
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
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

/** Stops the server cleanly (SIGTERM: it closes and exits, so a --cpu-prof profile is written). */
export function stopGently(child: Child): Promise<void> {
  return new Promise((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    child.process.once('exit', () => resolve());
    child.process.kill('SIGTERM');
  });
}

export interface ServerStats {
  /** CPU time of the server process since it started (user + system, all threads), ms. */
  readonly cpuMs: number;
  /** Event-loop delay since the previous stats, ms. */
  readonly loopDelay: { readonly p50: number; readonly p99: number; readonly max: number };
  /** Garbage collections since the previous stats: count, total and longest pause (ms). */
  readonly gc: { readonly count: number; readonly ms: number; readonly maxMs: number };
}

/** Asks the server for its stats (SIGUSR2; it answers with a `STATS <json>` line on stdout). */
export function serverStats(child: Child): Promise<ServerStats> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.process.stdout!.off('data', onData);
      reject(new Error('field server did not report its stats in 10 s'));
    }, 10_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = /STATS (\{.*\})\n/.exec(out);
      if (m === null) return;
      clearTimeout(timer);
      child.process.stdout!.off('data', onData);
      resolve(JSON.parse(m[1]!) as ServerStats);
    };
    child.process.stdout!.on('data', onData);
    child.process.kill('SIGUSR2');
  });
}
