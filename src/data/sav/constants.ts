/** Numbers fixed by the SPSS system-file format (PSPP "System File Format", Machine Floating-Point Info Record). */

/** System-missing: -DBL_MAX. */
export const SYSMIS = -Number.MAX_VALUE;
/** HIGHEST: DBL_MAX, the upper end of a `x THRU HI` missing range. */
export const HIGHEST = Number.MAX_VALUE;
/** LOWEST: the double just above -DBL_MAX, the lower end of a `LO THRU x` missing range. */
export const LOWEST = (() => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(0xffeffffffffffffen);
  return b.readDoubleLE(0);
})();

/** Bytecode compression: codes 1..251 are `code - bias`; the others are commands. */
export const CODE_PAD = 0;
export const CODE_EOF = 252;
export const CODE_RAW = 253;
export const CODE_SPACES = 254;
export const CODE_SYSMIS = 255;

export const COMPRESSION_NONE = 0;
export const COMPRESSION_BYTECODE = 1;
export const COMPRESSION_ZLIB = 2;

/**
 * A very long string (> 255 bytes) is stored as ceil(width / 252) segments. Every segment but the
 * last is declared 255 wide; each carries up to 255 bytes of the text (the last segment's declared
 * width, width - 252 * (n - 1), is more than it needs). This is how PSPP reads and writes them.
 */
export const SEGMENT_WIDTH = 255;
export const SEGMENT_USED = 252;

export const MAX_STRING_WIDTH = 32767;

/** Number of segments of a string of `width` bytes (1 for numeric and short strings). */
export function segmentCount(width: number): number {
  return width <= 255 ? 1 : Math.ceil(width / SEGMENT_USED);
}

/** Declared width of segment i of a variable of `width`. */
export function segmentWidth(width: number, i: number): number {
  const n = segmentCount(width);
  if (n === 1) return width;
  return i < n - 1 ? SEGMENT_WIDTH : width - (n - 1) * SEGMENT_USED;
}

/** Bytes of text that segment i of a variable of `width` carries. */
export function segmentUsed(width: number, i: number): number {
  const n = segmentCount(width);
  if (n === 1) return width;
  return Math.max(0, Math.min(width - SEGMENT_WIDTH * i, SEGMENT_WIDTH));
}

/** 8-byte slots ("variable positions") taken by a variable record of this declared width. */
export function slotsOf(recordWidth: number): number {
  return recordWidth === 0 ? 1 : Math.ceil(recordWidth / 8);
}

/**
 * Limits on .zsav data, which a small file can make inflate a thousandfold (zlib's maximum is
 * about 1,032:1). None depends on a size the file gives about itself.
 * - A block may inflate to at most ZLIB_BLOCK_CEILING bytes (PSPP and ReadStat write blocks of
 *   0x3ff000 bytes, a quarter of it), whatever the trailer claims.
 * - All the data together may inflate to at most ZLIB_INFLATE_RATIO times the file's size plus
 *   ZLIB_INFLATE_GRACE: survey data inflate a few times (a PSPP .zsav of 20,000 cases of 100
 *   survey variables, most of them often missing: 3 times); far beyond that it is a bomb (a
 *   genuine file can be saved by PSPP as a bytecode .sav: SAVE OUTFILE=... /COMPRESSED).
 * - Padding (code 0) only ends a command block: at most 8 codes per case and per block.
 */
export const ZLIB_BLOCK_CEILING = 16 * 1024 * 1024;
export const ZLIB_INFLATE_RATIO = 64;
export const ZLIB_INFLATE_GRACE = 8 * 1024 * 1024;
