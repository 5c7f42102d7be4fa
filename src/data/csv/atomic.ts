/**
 * Atomic file writing: the data go to a temporary file in the target's directory, which is renamed
 * over the target only when complete. On any error the temporary file is removed, so a failed
 * write never leaves a partial file behind, nor damages a file that was already there.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SpiegelError } from '../../errors.js';

/** Temporary name beside `path`, hidden and unique. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

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
  /** Adds text without awaiting; call `maybeFlush` regularly. */
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

/**
 * Writes one or more files all-or-nothing: `produce` fills a sink per target; only when every sink
 * is complete are the temporary files renamed into place.
 */
export async function writeFilesAtomic(
  paths: readonly string[],
  produce: (sinks: TextSink[]) => Promise<void>,
): Promise<void> {
  const temps = paths.map(tempPathFor);
  const handles: FileHandle[] = [];
  const renamed: string[] = [];
  try {
    for (const t of temps) handles.push(await open(t, 'wx'));
    const sinks = handles.map((h) => new TextSink(h));
    await produce(sinks);
    for (const s of sinks) await s.flush();
    for (const h of handles.splice(0)) await h.close();
    for (let i = 0; i < temps.length; i++) {
      await rename(temps[i], paths[i]);
      renamed.push(paths[i]);
    }
  } catch (err) {
    for (const h of handles) await h.close().catch(() => undefined);
    for (const t of temps) await unlink(t).catch(() => undefined);
    if (err instanceof SpiegelError) throw err;
    const e = err as NodeJS.ErrnoException;
    const file = e.path !== undefined ? paths[temps.indexOf(e.path)] ?? e.path : paths[0];
    throw new SpiegelError('IO', `cannot write: ${e.code === 'ENOENT' ? 'the folder does not exist' : e.message}`, { file });
  }
}
