/**
 * SPSS print/write formats as stored in a system file: one int32 whose bytes are
 * (type << 16) | (width << 8) | decimals (PSPP "System File Format", Variable Record).
 * We show them as SPSS/PSPP syntax strings ("F8.2", "A20", "DATE11").
 */

/** Format type codes from the PSPP system-file documentation. */
const FORMAT_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'A'], [2, 'AHEX'], [3, 'COMMA'], [4, 'DOLLAR'], [5, 'F'], [6, 'IB'], [7, 'PIBHEX'], [8, 'P'],
  [9, 'PIB'], [10, 'PK'], [11, 'RB'], [12, 'RBHEX'], [15, 'Z'], [16, 'N'], [17, 'E'], [20, 'DATE'],
  [21, 'TIME'], [22, 'DATETIME'], [23, 'ADATE'], [24, 'JDATE'], [25, 'DTIME'], [26, 'WKDAY'],
  [27, 'MONTH'], [28, 'MOYR'], [29, 'QYR'], [30, 'WKYR'], [31, 'PCT'], [32, 'DOT'], [33, 'CCA'],
  [34, 'CCB'], [35, 'CCC'], [36, 'CCD'], [37, 'CCE'], [38, 'EDATE'], [39, 'SDATE'], [40, 'MTIME'],
  [41, 'YMDHMS'],
]);

const FORMAT_CODES: ReadonlyMap<string, number> = new Map([...FORMAT_NAMES].map(([k, v]) => [v, k]));

export interface SpssFormat {
  readonly type: number;
  readonly width: number;
  readonly decimals: number;
}

export function unpackFormat(packed: number): SpssFormat {
  return { type: (packed >>> 16) & 0xff, width: (packed >>> 8) & 0xff, decimals: packed & 0xff };
}

export function packFormat(f: SpssFormat): number {
  return ((f.type & 0xff) << 16) | ((f.width & 0xff) << 8) | (f.decimals & 0xff);
}

/**
 * "F8.2", "A20", "DATE11". Like haven (ReadStat), F always shows its decimals and other
 * formats only when they have decimals, so `describe` agrees with what haven reports.
 * Returns null for a format type we do not know (or 0, which some writers store).
 */
export function formatToString(f: SpssFormat): string | null {
  const name = FORMAT_NAMES.get(f.type);
  if (name === undefined) return null;
  if (f.decimals > 0 || name === 'F') return `${name}${f.width}.${f.decimals}`;
  return `${name}${f.width}`;
}

/** Parses "F8.2" / "a20" / "DATE11"; null when it is not a known SPSS format. */
export function parseFormat(text: string): SpssFormat | null {
  const m = /^([A-Za-z]+)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (m === null) return null;
  const type = FORMAT_CODES.get(m[1].toUpperCase());
  if (type === undefined) return null;
  const width = Number(m[2]);
  const decimals = m[3] === undefined ? 0 : Number(m[3]);
  if (width < 1 || width > 255 || decimals > 16 || (decimals > 0 && decimals >= width)) return null;
  return { type, width, decimals };
}

export const FORMAT_TYPE_STRING = 1;
export const FORMAT_TYPE_F = 5;
