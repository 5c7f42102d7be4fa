/**
 * Writing a folder of files (a report) under the output rule. Every file is first written to a
 * temporary file inside the folder itself; only when all succeeded are they renamed into place,
 * and then the manifest is written last: it lists what the run wrote and marks the folder
 * complete. A rerun removes the files of the previous manifest that it does not write again
 * (a report.pdf from a run with more formats) when its content is still what that run wrote, and
 * never touches any other file in the folder.
 *
 * While the files are renamed the manifest says `"complete": false` and lists the files of both
 * runs, so a run killed at that moment leaves a folder the next run can still clean up.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, mkdir, readFile, rename, rmdir, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { OutputConflictError, SpiegelError } from '../errors.js';
import { stageByPath, syncFolder, writeContentAtomic } from './atomic.js';
import { asIoError } from './io-error.js';
import { releaseTemp, sweepStaleTemps } from './temp.js';

export const MANIFEST_NAME = 'spiegel-manifest.json';

/** One file of the folder: its name and how to write it at a given (temporary) path. */
export interface FolderFile {
  readonly name: string;
  write(path: string): Promise<void>;
}

export interface ManifestEntry {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}

export interface Manifest {
  readonly complete: boolean;
  readonly writtenBy: string;
  readonly files: readonly ManifestEntry[];
}

export interface WriteFolderOptions {
  /** Called after each file is written (for a progress bar). */
  readonly onFile?: (name: string, done: number, total: number) => void;
  /** Recorded in the manifest: which command wrote the folder. */
  readonly writtenBy?: string;
}

/** A plain file name: no folder part, not "." or "..". A manifest is input too and is not trusted. */
const plainName = (name: unknown): name is string =>
  typeof name === 'string' && name.length > 0 && name !== '.' && name !== '..' && !/[/\\\0]/.test(name) && name !== MANIFEST_NAME;

/**
 * The entries of the folder's manifest, or [] when there is none or it is not one of ours. Only
 * plain names with a SHA-256 count: a stale file is removed only when its content still has it.
 */
export async function previousFiles(folder: string): Promise<ManifestEntry[]> {
  let text: string;
  try {
    text = await readFile(join(folder, MANIFEST_NAME), 'utf8');
  } catch {
    return [];
  }
  try {
    const m = JSON.parse(text) as { files?: unknown };
    if (!Array.isArray(m.files)) return [];
    const out: ManifestEntry[] = [];
    for (const f of m.files as unknown[]) {
      if (f === null || typeof f !== 'object') continue;
      const { name, bytes, sha256 } = f as Record<string, unknown>;
      if (plainName(name) && typeof sha256 === 'string' && /^[0-9a-f]{64}$/.test(sha256)) out.push({ name, bytes: typeof bytes === 'number' ? bytes : -1, sha256 });
    }
    return out;
  } catch {
    return [];
  }
}

async function digest(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}

const manifestText = (m: Manifest): string => JSON.stringify(m, null, 2) + '\n';

/**
 * Writes `files` into `folder` (created when missing) all or nothing; returns the paths written.
 * On failure the folder is as it was (a folder created for this run is removed again when empty).
 */
export async function writeFolder(folder: string, files: readonly FolderFile[], options: WriteFolderOptions = {}): Promise<string[]> {
  const dir = resolve(folder);
  let created: string | undefined;
  try {
    created = await mkdir(dir, { recursive: true });
  } catch (err) {
    throw asIoError(err, 'create the output folder', dir);
  }
  await sweepStaleTemps(dir);
  const before = await previousFiles(dir);
  await refuseForeignFiles(dir, files, before);
  const staged: { name: string; temp: string }[] = [];
  try {
    for (const [i, f] of files.entries()) {
      staged.push({ name: f.name, temp: await stageByPath(join(dir, f.name), (p) => f.write(p)) });
      options.onFile?.(f.name, i + 1, files.length);
    }
  } catch (err) {
    for (const s of staged) {
      await unlink(s.temp).catch(() => undefined);
      releaseTemp(s.temp);
    }
    if (created !== undefined) await removeEmptyFolders(dir, created);
    throw err;
  }
  const names = staged.map((s) => s.name);
  const entries: ManifestEntry[] = [];
  for (const s of staged) entries.push({ name: s.name, ...(await digest(s.temp)) });
  const writtenBy = options.writtenBy ?? 'spiegel';
  const manifestPath = join(dir, MANIFEST_NAME);
  const stale = before.filter((e) => !names.includes(e.name));
  try {
    // Incomplete while files change: lists the old files too, so nothing is lost track of.
    const during: ManifestEntry[] = [...entries, ...stale];
    await writeContentAtomic(manifestPath, manifestText({ complete: false, writtenBy, files: during }));
    for (const s of staged) {
      await rename(s.temp, join(dir, s.name));
      releaseTemp(s.temp);
    }
    await syncFolder(dir);
    await writeContentAtomic(manifestPath, manifestText({ complete: true, writtenBy, files: entries }));
  } catch (err) {
    for (const s of staged) {
      await unlink(s.temp).catch(() => undefined);
      releaseTemp(s.temp);
    }
    if (err instanceof SpiegelError) throw err;
    throw asIoError(err, 'put the file in place', dir);
  }
  for (const entry of stale) {
    const path = join(dir, entry.name);
    try {
      // Only regular files of the earlier run, unchanged since: a file edited by hand, a folder or
      // a link of that name, or a name someone added to the manifest is left alone.
      if (!(await lstat(path)).isFile()) continue;
      if ((await digest(path)).sha256 === entry.sha256) await unlink(path);
    } catch {
      // Already removed by hand.
    }
  }
  return names.map((n) => join(dir, n));
}

/** Fails early (before a long run) when writing `names` into `folder` would replace a file spiegel did not write. */
export async function checkFolderFiles(folder: string, names: readonly string[]): Promise<void> {
  const dir = resolve(folder);
  await refuseForeignFiles(dir, names.map((name) => ({ name, write: async () => undefined })), await previousFiles(dir));
}

/**
 * A file about to be replaced must be the one the previous run wrote, unchanged: a researcher who
 * wrote text into report.docx, or keeps a file of that name in the folder, loses nothing.
 */
async function refuseForeignFiles(dir: string, files: readonly FolderFile[], before: readonly ManifestEntry[]): Promise<void> {
  for (const f of files) {
    const path = join(dir, f.name);
    try {
      if (!(await lstat(path)).isFile()) continue; // a link is replaced, not followed; a folder fails the rename
    } catch {
      continue; // not there
    }
    const known = before.find((e) => e.name === f.name);
    const why =
      known === undefined
        ? `this file was not written by spiegel (it is not in ${MANIFEST_NAME})`
        : (await digest(path)).sha256 !== known.sha256
          ? 'this file was changed after spiegel wrote it'
          : null;
    if (why !== null) {
      throw new OutputConflictError(`${why}; refusing to replace it, nothing was written: move it away or choose another folder`, { file: path });
    }
  }
}

/** Removes `dir` and its parents up to `top` (the first folder this run created) while empty. */
async function removeEmptyFolders(dir: string, top: string): Promise<void> {
  let d = dir;
  for (;;) {
    try {
      await rmdir(d);
    } catch {
      return;
    }
    if (d === top || dirname(d) === d) return;
    d = dirname(d);
  }
}
