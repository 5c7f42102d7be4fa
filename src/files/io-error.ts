/**
 * System errors (Node's fs errors with a code such as ENOSPC) as typed errors a researcher can act
 * on: what was being done, to which file, and why in plain words. Every writer and the CLI's
 * error path use this, so no bare "EROFS: read-only file system, open '.x.tmp'" reaches a person.
 */
import { IoError, SpiegelError } from '../errors.js';

const reasons: Readonly<Record<string, string>> = {
  ENOENT: 'the file or folder does not exist',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder, not a file',
  EEXIST: 'a file of that name is in the way',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
  EXDEV: 'the files are on different devices',
  EMFILE: 'too many files are open at once',
  ENFILE: 'too many files are open in the system',
  ENAMETOOLONG: 'the file name is too long',
  ELOOP: 'too many symbolic links in the path',
  EBUSY: 'the file or folder is busy',
  ENOTEMPTY: 'the folder is not empty',
  EIO: 'the device reported an input/output error',
  EFBIG: 'the file is too large',
  EINVAL: 'the file system does not allow this',
};

/** A Node system error: an Error with a string `code` such as "ENOSPC". */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((err as NodeJS.ErrnoException).code!);
}

/** Plain words for a system error code, with the code itself for searching. */
export function describeSystemError(err: NodeJS.ErrnoException): string {
  const code = err.code ?? 'error';
  const reason = reasons[code];
  if (reason !== undefined) return `${reason} (${code})`;
  // Node's message is "CODE: text, syscall 'path'"; keep only the text.
  const text = err.message.replace(/^[A-Z0-9]+: /, '').replace(/, \w+ '.*'$/, '');
  return `${text} (${code})`;
}

/**
 * `err` as a typed error: a SpiegelError passes through; a system error becomes an IoError saying
 * `cannot <action>: <reason>` and naming `file` (else the path in the system error).
 */
export function asIoError(err: unknown, action: string, file?: string): unknown {
  if (err instanceof SpiegelError || !isSystemError(err)) return err;
  const where = file ?? err.path ?? (err as { dest?: string }).dest;
  return new IoError(`cannot ${action}: ${describeSystemError(err)}`, where === undefined ? {} : { file: where }, err.code);
}
