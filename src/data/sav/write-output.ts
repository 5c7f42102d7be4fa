/** The write buffer of writeSav: little-endian fields collected in memory, flushed to the file in pieces. */
import type { FileHandle } from 'node:fs/promises';

export class Output {
  private buf = Buffer.allocUnsafe(1 << 20);
  private pos = 0;
  private position = 0;
  constructor(private readonly fh: FileHandle) {}

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }
  int32(v: number): void {
    this.ensure(4);
    this.pos = this.buf.writeInt32LE(v, this.pos);
  }
  float64(v: number): void {
    this.ensure(8);
    this.pos = this.buf.writeDoubleLE(v, this.pos);
  }
  int64(v: number): void {
    this.ensure(8);
    this.pos = this.buf.writeBigInt64LE(BigInt(v), this.pos);
  }
  uint8(v: number): void {
    this.ensure(1);
    this.buf[this.pos++] = v;
  }
  bytes(b: Buffer): void {
    this.ensure(b.length);
    this.pos += b.copy(this.buf, this.pos);
  }
  /** Text in `size` bytes, padded with `pad` (spaces by default). */
  fixed(text: string | Buffer, size: number, pad = 0x20): void {
    const b = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
    this.ensure(size);
    const n = b.copy(this.buf, this.pos, 0, Math.min(b.length, size));
    this.buf.fill(pad, this.pos + n, this.pos + size);
    this.pos += size;
  }
  /** Direct access for the data writers. */
  reserve(n: number): { buf: Buffer; at: number } {
    this.ensure(n);
    const at = this.pos;
    this.pos += n;
    return { buf: this.buf, at };
  }
  get length(): number {
    return this.pos;
  }
  async flushIfFull(limit = 1 << 20): Promise<void> {
    if (this.pos >= limit) await this.flush();
  }
  async flush(): Promise<void> {
    let done = 0;
    while (done < this.pos) {
      const r = await this.fh.write(this.buf, done, this.pos - done, this.position + done);
      done += r.bytesWritten;
    }
    this.position += this.pos;
    this.pos = 0;
  }
}
