/**
 * The first half of the output rule: a run never writes onto one of its inputs, nor writes two of
 * its outputs to the same file. Files are compared by resolved path (symbolic links in the folders
 * followed) and, when they exist, by identity (device and inode), so a symbolic link or a hard link
 * to an input is caught too. The check runs before anything is written.
 */
import { mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputConflictError } from '../errors.js';
import { asIoError } from './io-error.js';
import { sweepStaleTemps } from './temp.js';

/** A file of a run and what it is, in the words of the messages: "the input", "the codebook of the output". */
export interface RunFile {
  readonly path: string;
  readonly role: string;
}

interface Identity {
  readonly file: RunFile;
  /** Absolute path with every existing symbolic link resolved. */
  readonly canonical: string;
  /** `dev:ino` when the file exists. */
  readonly id: string | null;
}

async function canonicalPath(path: string): Promise<string> {
  const abs = resolve(path);
  try {
    return await realpath(abs);
  } catch {
    // Not there (yet): resolve the folder, keep the name.
    const parent = dirname(abs);
    if (parent === abs) return abs;
    return join(await canonicalPath(parent), basename(abs));
  }
}

async function identify(file: RunFile): Promise<Identity> {
  let id: string | null = null;
  try {
    const s = await stat(file.path);
    id = `${s.dev}:${s.ino}`;
  } catch {
    // Does not exist yet.
  }
  return { file, canonical: await canonicalPath(file.path), id };
}

const same = (a: Identity, b: Identity): boolean => a.canonical === b.canonical || (a.id !== null && a.id === b.id);

/**
 * Refuses (OutputConflictError naming both files) when an output is the same file as an input or
 * as another output. Inputs may repeat among themselves.
 */
export async function checkOutputs(inputs: readonly RunFile[], outputs: readonly RunFile[]): Promise<void> {
  const ins = await Promise.all(inputs.map(identify));
  const outs = await Promise.all(outputs.map(identify));
  for (const [k, o] of outs.entries()) {
    const input = ins.find((i) => same(i, o));
    if (input !== undefined) {
      const how = resolve(o.file.path) === resolve(input.file.path) ? '' : o.canonical === input.canonical ? ' (through a symbolic link or another spelling of the path)' : ' (a hard link to it)';
      throw new OutputConflictError(
        `${o.file.role} is the same file as ${input.file.role} ${input.file.path}${how}; refusing to write it, nothing was written`,
        { file: o.file.path },
      );
    }
    const other = outs.slice(0, k).find((p) => same(p, o));
    if (other !== undefined) {
      throw new OutputConflictError(
        `${o.file.role} and ${other.file.role} are the same file; refusing to write them, nothing was written`,
        { file: o.file.path },
      );
    }
  }
}

/**
 * Everything a writing command does before it reads its data: check the output rule, create the
 * output folders, and sweep temporary files that earlier killed runs left there.
 */
export async function prepareOutputs(inputs: readonly RunFile[], outputs: readonly RunFile[]): Promise<void> {
  await checkOutputs(inputs, outputs);
  for (const folder of new Set(outputs.map((o) => dirname(resolve(o.path))))) {
    try {
      await mkdir(folder, { recursive: true });
    } catch (err) {
      throw asIoError(err, 'create the output folder', folder);
    }
    await sweepStaleTemps(folder);
  }
}
