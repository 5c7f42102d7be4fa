/**
 * Atomic writing: each file is written to a temporary file in its destination's own folder,
 * flushed to disk (fsync), and renamed over the destination only when complete. The rename stays
 * on one file system, so a destination on a mount point works; a failed or interrupted write
 * never leaves a partial file behind, nor damages a file that was already there.
 */
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { SpiegelError } from '../errors.js';
import { asIoError } from './io-error.js';
import { checkNotStopping, registerTemp, releaseTemp, tempPathFor } from './temp.js';

/** Buffered writer over a file handle: collects small strings into large writes. */
export class TextSink {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly fh: FileHandle) {}
  async write(text: string): Promise<void> {
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= 1 << 20) await this.flush();
  }
  /** Adds text without awaiting; call `flush` when `pending` grows. */
  add(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }
  get pending(): number {
    return this.size;
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await this.fh.writeFile(text, 'utf8');
  }
}

/** Flush a folder's entry list to disk after a rename (not every file system allows it). */
export async function syncFolder(folder: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await open(folder, 'r');
    await fh.sync();
  } catch {
    // EISDIR/EINVAL/EPERM on some systems: the rename itself is still atomic.
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/** A registered temporary file beside `destination`, created empty (exclusive). */
async function createTemp(destination: string): Promise<{ path: string; fh: FileHandle }> {
  checkNotStopping();
  const path = tempPathFor(destination);
  registerTemp(path);
  try {
    return { path, fh: await open(path, 'wx') };
  } catch (err) {
    releaseTemp(path);
    throw err;
  }
}

async function discard(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
  releaseTemp(path);
}

/**
 * Writes several files all-or-nothing: `produce` fills one handle per destination; only when
 * every one is complete and on disk are they renamed into place, in order.
 */
export async function writeFilesAtomicWith(
  destinations: readonly string[],
  produce: (handles: FileHandle[]) => Promise<void>,
): Promise<void> {
  const temps: { path: string; fh: FileHandle }[] = [];
  let current = destinations[0];
  let action = 'write the file';
  try {
    for (const d of destinations) {
      current = d;
      temps.push(await createTemp(d));
    }
    current = destinations[0];
    await produce(temps.map((t) => t.fh));
    for (const [i, t] of temps.entries()) {
      current = destinations[i];
      await t.fh.sync();
      await t.fh.close();
    }
    action = 'put the file in place';
    for (const [i, t] of temps.entries()) {
      current = destinations[i];
      await rename(t.path, destinations[i]);
      releaseTemp(t.path);
    }
  } catch (err) {
    for (const t of temps) {
      await t.fh.close().catch(() => undefined);
      await discard(t.path);
    }
    throw asIoError(err, action, current);
  }
  for (const folder of new Set(destinations.map((d) => dirname(d)))) await syncFolder(folder);
}

/** One file written atomically through its handle. */
export async function writeFileAtomic(destination: string, produce: (fh: FileHandle) => Promise<void>): Promise<void> {
  await writeFilesAtomicWith([destination], ([fh]) => produce(fh));
}

/** Several text files written atomically through buffered sinks. */
export async function writeFilesAtomic(destinations: readonly string[], produce: (sinks: TextSink[]) => Promise<void>): Promise<void> {
  await writeFilesAtomicWith(destinations, async (handles) => {
    const sinks = handles.map((h) => new TextSink(h));
    await produce(sinks);
    for (const s of sinks) await s.flush();
  });
}

/** A whole text or buffer written atomically. */
export async function writeContentAtomic(destination: string, content: string | Uint8Array): Promise<void> {
  await writeFileAtomic(destination, (fh) => fh.writeFile(content));
}

/**
 * For writers that want a path (a library writing its own file): `produce` writes the temporary
 * path, which is then flushed and renamed. Returns nothing until the destination is in place.
 */
export async function writePathAtomic(destination: string, produce: (tempPath: string) => Promise<void>): Promise<void> {
  const path = await stageByPath(destination, produce);
  try {
    await rename(path, destination);
    releaseTemp(path);
  } catch (err) {
    await discard(path);
    throw asIoError(err, 'put the file in place', destination);
  }
  await syncFolder(dirname(destination));
}

/**
 * Writes a registered temporary file beside `destination` through `produce` and flushes it to
 * disk, without renaming it: the caller renames (see writeFolder). On failure it is removed.
 */
export async function stageByPath(destination: string, produce: (tempPath: string) => Promise<void>): Promise<string> {
  let path: string | undefined;
  try {
    const t = await createTemp(destination);
    path = t.path;
    await t.fh.close();
    await produce(path);
    const fh = await open(path, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    return path;
  } catch (err) {
    if (path !== undefined) await discard(path);
    if (err instanceof SpiegelError) throw err;
    throw asIoError(err, 'write the file', destination);
  }
}
