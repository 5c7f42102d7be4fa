/**
 * Buffered, forward-only reading of a binary file through a file handle, so that a
 * large .sav file is never held in memory as a whole. Every read knows its absolute
 * byte offset, which goes into the error message when the file ends too early.
 */
import type { FileHandle } from 'node:fs/promises';
import { FileFormatError } from '../../errors.js';

const CHUNK = 1 << 20;

export class ByteSource {
  /** Bytes [pos, end) of `buf` are unread; buf[0] is at file offset `base`. */
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  end = 0;
  private base = 0;
  private fileEnd = false;
  littleEndian = true;

  constructor(
    private readonly fh: FileHandle,
    readonly file: string,
    private readonly chunkSize: number = CHUNK,
  ) {}

  /** Forgets the buffered bytes and continues reading at an absolute file offset. */
  seek(offset: number): void {
    this.base = offset;
    this.pos = 0;
    this.end = 0;
    this.fileEnd = false;
  }

  /** Absolute file offset of the next unread byte. */
  get offset(): number {
    return this.base + this.pos;
  }

  get available(): number {
    return this.end - this.pos;
  }

  /** Reads more of the file after the unread bytes; returns false at end of file. */
  async fill(minBytes = 1): Promise<boolean> {
    if (this.fileEnd) return false;
    const keep = this.end - this.pos;
    const size = Math.max(this.chunkSize, keep + minBytes);
    const next = size <= this.buf.length ? this.buf : Buffer.allocUnsafe(size);
    if (keep > 0) this.buf.copy(next, 0, this.pos, this.end);
    this.base += this.pos;
    this.buf = next;
    this.pos = 0;
    this.end = keep;
    let got = 0;
    while (this.end < this.buf.length) {
      const r = await this.fh.read(this.buf, this.end, this.buf.length - this.end, this.base + this.end);
      if (r.bytesRead === 0) {
        this.fileEnd = true;
        break;
      }
      this.end += r.bytesRead;
      got += r.bytesRead;
      if (this.end - this.pos >= minBytes) break;
    }
    return got > 0;
  }

  /** Makes sure n bytes are buffered; a FileFormatError naming `what` when the file ends first. */
  async need(n: number, what: string): Promise<void> {
    while (this.end - this.pos < n) {
      const more = await this.fill(n - (this.end - this.pos));
      if (!more) {
        throw new FileFormatError(`file ends in the middle of ${what} (needed ${n} bytes, ${this.end - this.pos} left)`, {
          file: this.file,
          offset: this.offset,
        });
      }
    }
  }

  int32(): number {
    const v = this.littleEndian ? this.buf.readInt32LE(this.pos) : this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  float64(): number {
    const v = this.littleEndian ? this.buf.readDoubleLE(this.pos) : this.buf.readDoubleBE(this.pos);
    this.pos += 8;
    return v;
  }

  int64(): number {
    const v = this.littleEndian ? this.buf.readBigInt64LE(this.pos) : this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) return Number.NaN;
    return Number(v);
  }

  uint8(): number {
    return this.buf[this.pos++];
  }

  bytes(n: number): Buffer {
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  skip(n: number): void {
    this.pos += n;
  }

  /** Skips n bytes that may extend beyond the buffer (an unneeded record). */
  async skipLarge(n: number, what: string): Promise<void> {
    while (n > 0) {
      if (this.available === 0) await this.need(1, what);
      const k = Math.min(n, this.available);
      this.pos += k;
      n -= k;
    }
  }

  /** Reads `length` bytes at an absolute offset without moving the stream (zlib trailer, blocks). */
  async readAt(offset: number, length: number, what: string): Promise<Buffer> {
    const out = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const r = await this.fh.read(out, got, length - got, offset + got);
      if (r.bytesRead === 0) {
        throw new FileFormatError(`file ends in the middle of ${what}`, { file: this.file, offset: offset + got });
      }
      got += r.bytesRead;
    }
    return out;
  }

  /** True when nothing is left in the file after the current position. */
  async atEnd(): Promise<boolean> {
    if (this.available > 0) return false;
    return !(await this.fill(1));
  }
}
