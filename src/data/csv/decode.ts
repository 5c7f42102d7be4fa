/**
 * Streams a text file as decoded chunks, with errors that name the file and line.
 *
 * UTF-8 (with or without byte-order mark) is decoded strictly: the first invalid byte is an error
 * that suggests windows-1252, the usual encoding of CSV files saved by Excel or SPSS on Windows.
 * Other encodings go through iconv-lite. A NUL character or an SPSS/zip signature means the file is
 * not a text file at all, and is reported as such rather than parsed into nonsense.
 */
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { FileFormatError, InvalidInputError, SpiegelError, type ErrorLocation } from '../../errors.js';

/** Canonical spelling of a supported encoding name, or an error naming where it came from. */
export function checkEncoding(encoding: string, where: ErrorLocation = {}): string {
  const e = encoding.trim().toLowerCase();
  if (e === 'utf8' || e === 'utf-8') return 'utf-8';
  if (!iconv.encodingExists(e)) {
    throw new InvalidInputError(
      `unknown encoding "${encoding}" (use for example utf-8, windows-1252, iso-8859-1 or utf-16le)`,
      where,
    );
  }
  return e;
}

interface ByteDecoder {
  write(bytes: Buffer): string;
  end(): string;
}

/** Index of the first byte that is not part of valid UTF-8 in bytes[0..n), or -1. Incomplete tail is valid. */
export function firstInvalidUtf8(bytes: Uint8Array, n: number = bytes.length): number {
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return -1; // incomplete at the end of what we have
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function countLf(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] === 10) n++;
  return n;
}

/**
 * Decoded text of `path` in chunks. `file` is the name used in error messages.
 * The byte-order mark, if any, is removed.
 */
export async function* decodeFile(path: string, encoding: string, file: string): AsyncGenerator<string> {
  const enc = checkEncoding(encoding);
  const utf8 = enc === 'utf-8';
  let decoder: ByteDecoder;
  if (utf8) {
    const td = new TextDecoder('utf-8', { fatal: true });
    decoder = { write: (b) => td.decode(b, { stream: true }), end: () => td.decode() };
  } else {
    const d = iconv.getDecoder(enc);
    decoder = { write: (b) => d.write(b), end: () => d.end() ?? '' };
  }
  let lines = 0; // LF bytes before the current chunk
  let offset = 0; // bytes before the current chunk
  let tail: Buffer = Buffer.alloc(0); // undecoded end of the previous chunk (UTF-8 only)
  let first = true;
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    for await (const raw of stream as AsyncIterable<Buffer>) {
      let chunk = raw;
      if (first) {
        first = false;
        sniffBinary(chunk, file, utf8);
        if (!utf8 && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
          // A UTF-8 BOM on a file declared otherwise: the declaration is wrong.
          throw new FileFormatError(`the file starts with a UTF-8 byte-order mark but was read as ${enc}; use --encoding utf-8`, {
            file,
            line: 1,
          });
        }
      }
      let text: string;
      try {
        text = decoder.write(chunk);
      } catch (err) {
        if (err instanceof SpiegelError) throw err;
        const joined = Buffer.concat([tail, chunk]);
        const bad = Math.max(0, firstInvalidUtf8(joined));
        const at = offset - tail.length + bad;
        throw new FileFormatError(
          `the file is not valid UTF-8 (byte 0x${joined[bad].toString(16).padStart(2, '0')}); ` +
            'if it was saved by Excel or SPSS on Windows, read it with --encoding windows-1252',
          { file, line: lines + countLf(joined, bad) + 1 - countLf(tail, tail.length), offset: at },
        );
      }
      if (utf8) {
        // Keep the incomplete end of the chunk for locating a later error.
        const k = Math.max(0, chunk.length - 3);
        tail = chunk.subarray(k);
      }
      const nul = text.indexOf('\0');
      if (nul >= 0) {
        throw new FileFormatError('the file contains a NUL character, so it is not a text (CSV) file', {
          file,
          line: lines + countNewlines(text, nul) + 1,
        });
      }
      lines += countLf(chunk, chunk.length);
      offset += chunk.length;
      if (text.length > 0) yield text;
    }
    let rest: string;
    try {
      rest = decoder.end();
    } catch {
      throw new FileFormatError('the file ends in the middle of a UTF-8 character (truncated file?)', {
        file,
        line: lines + 1,
        offset,
      });
    }
    if (rest.includes('\0')) {
      throw new FileFormatError('the file contains a NUL character, so it is not a text (CSV) file', { file, line: lines + 1 });
    }
    if (rest.length > 0) yield rest;
  } catch (err) {
    if (err instanceof SpiegelError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new InvalidInputError('file not found', { file });
    if (e.code === 'EISDIR') throw new InvalidInputError('is a directory, not a file', { file });
    throw new SpiegelError('IO', e.message, { file });
  } finally {
    stream.destroy();
  }
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  let i = text.indexOf('\n');
  while (i >= 0 && i < end) {
    n++;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}

/** Rejects files that announce themselves as something other than text. */
function sniffBinary(b: Buffer, file: string, utf8: boolean): void {
  const sig = b.subarray(0, 4).toString('latin1');
  if (sig === '$FL2' || sig === '$FL3') {
    throw new FileFormatError('this is an SPSS .sav file, not a CSV file; give it the extension .sav', { file, offset: 0 });
  }
  if (sig.startsWith('PK\u0003\u0004')) {
    throw new FileFormatError('this is a zip archive (an Excel .xlsx file?), not a CSV file; save it as CSV first', {
      file,
      offset: 0,
    });
  }
  // UTF-32 first: its little-endian mark starts with UTF-16's (FF FE).
  if (utf8 && b.length >= 4 && ((b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff))) {
    throw new FileFormatError(
      `the file is UTF-32 (it starts with a UTF-32 byte-order mark); read it with --encoding ${b[0] === 0xff ? 'utf-32le' : 'utf-32be'}`,
      { file, offset: 0 },
    );
  }
  if (utf8 && b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
    throw new FileFormatError(
      `the file is UTF-16 (it starts with a UTF-16 byte-order mark); read it with --encoding ${b[0] === 0xff ? 'utf-16le' : 'utf-16be'}`,
      { file, offset: 0 },
    );
  }
}
