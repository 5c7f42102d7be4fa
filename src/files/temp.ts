/**
 * Temporary files of a run: named in the destination's own folder (so the final rename never
 * crosses devices), registered while they live so an error or a signal can remove them, and swept
 * by a later run when the process that made them was killed (its pid is in the name).
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { readdir, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** `.report.html.spiegel-1234-9f8e7d6c.tmp`: hidden, owned by pid 1234. */
const TEMP_NAME = /^\..*\.spiegel-(\d+)-[0-9a-f]{8}\.tmp$/;
/** The pattern of earlier versions of spiegel's data writers: `.data.csv.1234.9f8e7d6c.tmp`. */
const OLD_TEMP_NAME = /^\..*\.(\d+)\.[0-9a-f]{8}\.tmp$/;

const live = new Set<string>();

/** A fresh temporary path in the same folder as `destination`, with this process's pid in its name. */
export function tempPathFor(destination: string): string {
  return join(dirname(destination), `.${basename(destination)}.spiegel-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Remember a temporary file so an interrupted run removes it. */
export function registerTemp(path: string): void {
  live.add(path);
}

/** The file was renamed into place or removed: forget it. */
export function releaseTemp(path: string): void {
  live.delete(path);
}

/** The temporary files alive now (for tests). */
export function liveTemps(): string[] {
  return [...live];
}

/** Temporary files removed on a signal; removed again after a moment (see removeTempsOnSignals). */
const doomed = new Set<string>();
let stopping = false;

/** Removes every live temporary file, synchronously (safe inside a signal handler). */
export function removeLiveTempsSync(): void {
  for (const p of [...live, ...doomed]) {
    doomed.add(p);
    try {
      unlinkSync(p);
    } catch {
      // Already gone or not created yet.
    }
  }
  live.clear();
}

/** After a signal no new temporary file may be started: the run is ending. */
export function checkNotStopping(): void {
  if (stopping) throw new Error('the run was interrupted');
}

/** Is a process with this pid running? EPERM means it runs under another user. */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a spiegel temporary file name, or null when the name is not one. */
export function tempOwner(name: string): number | null {
  const m = TEMP_NAME.exec(name) ?? OLD_TEMP_NAME.exec(name);
  return m === null ? null : Number(m[1]);
}

/**
 * Removes temporary files left in `folder` by earlier runs that were killed (their pid is not
 * running). Files of running processes and every other file are left alone. Returns the removed paths.
 */
export async function sweepStaleTemps(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = tempOwner(name);
    if (pid === null || processAlive(pid)) continue;
    const path = join(folder, name);
    try {
      await unlink(path);
      removed.push(path);
    } catch {
      // A folder of that name, or removed meanwhile: leave it.
    }
  }
  return removed;
}

let installed = false;

/**
 * On SIGINT and SIGTERM: remove the live temporary files, then exit with the conventional status
 * (128 + signal number: 130, 143). A file system call already running in Node's thread pool (an
 * open() that creates a temporary file) can finish just after the first removal, so the removal
 * is repeated 100 ms later, while no new temporary file may start; a second signal exits at once.
 * Installed once, by the program's entry point.
 */
export function removeTempsOnSignals(): void {
  if (installed) return;
  installed = true;
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
    process.on(signal, () => {
      removeLiveTempsSync();
      if (stopping) process.exit(128 + number);
      stopping = true;
      setTimeout(() => {
        removeLiveTempsSync();
        process.exit(128 + number);
      }, 100);
    });
  }
  process.on('exit', removeLiveTempsSync);
}
