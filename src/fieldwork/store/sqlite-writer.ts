/**
 * The SQLite store's writer: its hot writes (page submissions, response starts, login attempts)
 * are committed on a thread of their own, in batches (group commit).
 *
 * Why: better-sqlite3 is synchronous, and with synchronous FULL every commit waits for fsync.
 * On the server's thread that wait blocked every other request, page reads included. Here the
 * server's thread only queues the operation; the writer thread commits whatever has queued
 * while its previous commit was under way, all in one transaction with one fsync
 * (group-commit.ts), and each operation's promise resolves only after that commit returned.
 * Reads stay on the server's own connection: in WAL mode they never wait for the writer, and
 * they see every write whose promise has resolved.
 *
 * The thread is started at the first write (or by `warm`, which `spiegel field serve` calls before
 * it listens) and does not keep the process alive while idle.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FieldStoreError } from './errors.js';
import type { WriteFailure, WriteOutcome } from './group-commit.js';
import type { FromWriter, ToWriter } from './sqlite-writer-messages.js';
import type { WriteOp, WriteResult, Writer } from './write-ops.js';

interface Pending {
  readonly op: WriteOp;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/** Most operations committed in one transaction; more wait for the next batch. */
const MAX_BATCH = 256;

export class SqliteWriter implements Writer {
  private worker: Promise<Worker> | undefined;
  private queue: Pending[] = [];
  private inFlight: { readonly batch: number; readonly items: Pending[] } | undefined;
  private batches = 0;
  private closing = false;
  private drained: (() => void) | undefined;
  private committed = { batches: 0, writes: 0, largest: 0 };

  constructor(private readonly file: string) {}

  /** Batches answered by the thread and the writes in them (for tests and the bench). */
  get stats(): { readonly batches: number; readonly writes: number; readonly largestBatch: number } {
    return { batches: this.committed.batches, writes: this.committed.writes, largestBatch: this.committed.largest };
  }

  write<O extends WriteOp>(op: O): Promise<WriteResult<O>> {
    if (this.closing) return Promise.reject(new FieldStoreError(`the store ${this.file} is closed`));
    return new Promise<WriteResult<O>>((resolve, reject) => {
      this.queue.push({ op, resolve: resolve as (value: unknown) => void, reject });
      this.pump();
    });
  }

  /** True once the thread has been started (and not stopped since). */
  get threadStarted(): boolean {
    return this.worker !== undefined;
  }

  /**
   * Starts the thread ahead of the first write, so the first respondent after a server start
   * does not wait for it (0.1 s idle, 1.6 s measured at load 24). Idle, it keeps nothing alive.
   */
  async warm(): Promise<void> {
    if (this.closing) return;
    const worker = await this.start();
    if (this.inFlight === undefined && this.queue.length === 0) worker.unref();
  }

  /** Waits for every queued write to commit, then stops the thread. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.inFlight !== undefined || this.queue.length > 0) await new Promise<void>((r) => (this.drained = r));
    const started = this.worker;
    this.worker = undefined;
    if (started === undefined) return;
    const worker = await started.catch(() => undefined);
    if (worker === undefined) return;
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.postMessage({ type: 'close' } satisfies ToWriter);
    });
  }

  /** Sends the queue as the next batch, unless a batch is under way (it will call again when done). */
  private pump(): void {
    if (this.inFlight !== undefined) return;
    if (this.queue.length === 0) {
      this.drained?.();
      return;
    }
    const items = this.queue.splice(0, MAX_BATCH);
    const batch = ++this.batches;
    this.inFlight = { batch, items };
    this.start().then(
      (worker) => {
        worker.ref();
        worker.postMessage({ type: 'batch', batch, ops: items.map((p) => p.op) } satisfies ToWriter);
      },
      (e: unknown) => this.settle(batch, items.map(() => ({ ok: false, error: { name: 'FieldStoreError', message: (e as Error).message } }))),
    );
  }

  private settle(batch: number, outcomes: readonly WriteOutcome[]): void {
    if (this.inFlight?.batch !== batch) return;
    const { items } = this.inFlight;
    this.inFlight = undefined;
    items.forEach((p, i) => {
      const o = outcomes[i];
      if (o === undefined) p.reject(new FieldStoreError('the SQLite writer gave no result for a write'));
      else if (o.ok) p.resolve(o.value);
      else p.reject(rebuild(o.error));
    });
    this.pump();
  }

  private start(): Promise<Worker> {
    if (this.worker !== undefined) return this.worker;
    const started = new Promise<Worker>((resolve, reject) => {
      const { script, eval: isCode } = workerScript();
      const worker = new Worker(script, { workerData: { file: this.file }, eval: isCode });
      let dead = false;
      const stopped = (why: string): void => {
        if (dead) return;
        dead = true;
        if (this.worker === started) this.worker = undefined;
        reject(new FieldStoreError(`the SQLite writer for ${this.file} stopped: ${why}`));
        if (this.inFlight !== undefined) {
          const failure = { name: 'FieldStoreError', message: `the SQLite writer for ${this.file} stopped before the write was committed: ${why}` };
          this.settle(this.inFlight.batch, this.inFlight.items.map(() => ({ ok: false, error: failure })));
        }
      };
      worker.on('message', (m: FromWriter) => {
        if (m.type === 'ready') resolve(worker);
        else if (m.type === 'failed') stopped(m.error.message);
        else if (m.type === 'done') {
          if (this.queue.length === 0) worker.unref();
          this.committed.batches++;
          this.committed.writes += m.outcomes.length;
          this.committed.largest = Math.max(this.committed.largest, m.outcomes.length);
          this.settle(m.batch, m.outcomes);
        }
      });
      worker.on('error', (e) => stopped(e.message));
      // After close() this changes nothing: nothing is in flight and the writer is forgotten.
      worker.on('exit', (code) => stopped(`exit code ${code}`));
    });
    this.worker = started;
    return started;
  }
}

function rebuild(f: WriteFailure): Error {
  if (f.name === 'FieldStoreError') return new FieldStoreError(f.message);
  const e = new Error(f.message);
  e.name = f.name;
  return e;
}

/**
 * The compiled worker beside this file. When running from the TypeScript sources (tests,
 * bench), the .ts one, loaded through tsx's loader, registered inside the thread: Node 20 does
 * not pass `--import tsx` on to worker threads.
 */
function workerScript(): { script: string | URL; eval: boolean } {
  const js = new URL('./sqlite-writer.worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return { script: js, eval: false };
  const ts = new URL('./sqlite-writer.worker.ts', import.meta.url).href;
  const require = createRequire(import.meta.url);
  const tsxPackage = require.resolve('tsx/package.json');
  const { exports } = JSON.parse(readFileSync(tsxPackage, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  const api = pathToFileURL(join(dirname(tsxPackage), exports['./esm/api']!.import.default)).href;
  return { script: `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ts)}); });`, eval: true };
}
