/**
 * The one error path of the program: whatever a command throws becomes a typed SpiegelError
 * whose message names the file, so the researcher reads `spiegel <command>: <file>: <what>` and
 * never a bare "EROFS" or a JavaScript stack trace (that only with --debug).
 */
import { LimitError, SpiegelError } from '../errors.js';
import { asIoError } from '../files/index.js';

/** Verbs for the system calls that fail, in "cannot <verb>" messages. */
const actions: Readonly<Record<string, string>> = {
  open: 'open the file',
  read: 'read the file',
  write: 'write the file',
  rename: 'put the file in place',
  mkdir: 'create the folder',
  scandir: 'read the folder',
  unlink: 'remove the file',
  stat: 'look at the file',
  lstat: 'look at the file',
  copyfile: 'copy the file',
  fsync: 'write the file to disk',
  close: 'close the file',
};

/** RangeErrors of the JavaScript engine that mean "this input is too big or too deep". */
function limitMessage(err: RangeError): string | null {
  if (/call stack size/i.test(err.message)) return 'the input is nested too deeply to process (stack overflow)';
  if (/invalid string length/i.test(err.message)) return 'a text in the input is longer than JavaScript can hold (about 512 MB)';
  if (/array buffer allocation failed|invalid array length|invalid typed array length/i.test(err.message)) {
    return 'the input needs more memory than is available';
  }
  return null;
}

/**
 * `err` as a typed error. `files` are the files named on the command line: when the error itself
 * names none (a stack overflow somewhere in parsing), the message names these.
 */
export function failureOf(err: unknown, files: readonly string[]): SpiegelError {
  if (err instanceof SpiegelError) return err;
  const where = files.length > 0 ? { file: files.join(', ') } : {};
  const io = asIoError(err, actions[(err as NodeJS.ErrnoException)?.syscall ?? ''] ?? 'use the file');
  if (io instanceof SpiegelError) {
    return io.location.file === undefined ? new SpiegelError(io.code, io.message, where) : io;
  }
  if (err instanceof RangeError) {
    const message = limitMessage(err);
    if (message !== null) return new LimitError(message, where);
  }
  const text = err instanceof Error ? err.message : String(err);
  return new SpiegelError('INTERNAL', `internal error: ${text}; please report it (run with --debug for the details)`, where);
}

/** What the program prints for a failure: one line, plus the stack trace with --debug. */
export function failureText(command: string, err: unknown, typed: SpiegelError, debug: boolean): string {
  const prefix = command === '' ? 'spiegel' : `spiegel ${command}`;
  const stack = debug && err instanceof Error && err.stack !== undefined ? `${err.stack.split('\n').slice(1).join('\n')}\n` : '';
  return `${prefix}: ${typed.message}\n${stack}`;
}
