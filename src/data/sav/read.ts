/**
 * readSav: an SPSS system file (.sav, .zsav) into a Dataset. It is the streaming reader
 * (stream.ts) asked for every column in one batch, so memory holds the columns but never the
 * whole file.
 */
import { type Column, columnLength } from '../column.js';
import { Dataset } from '../dataset.js';
import { type OpenSavOptions, openSav } from './stream.js';

export type ReadSavOptions = OpenSavOptions;

export async function readSav(path: string, options: ReadSavOptions = {}): Promise<Dataset> {
  const sav = await openSav(path, options);
  try {
    const parts: Dataset[] = [];
    for await (const batch of sav.batches({ batchRows: Number.POSITIVE_INFINITY })) parts.push(batch);
    if (parts.length === 1) return parts[0];
    return concatBatches(sav.columns, parts);
  } finally {
    await sav.close();
  }
}

/** Batches (same columns, as the reader gives them) into one Dataset; no batches: no rows. */
export function concatBatches(columns: readonly Column[], parts: readonly Dataset[]): Dataset {
  const out = columns.map((meta, j): Column => {
    if (meta.type === 'string') {
      const values: string[] = [];
      for (const p of parts) for (const s of p.columns[j].values as readonly string[]) values.push(s);
      return { ...meta, values };
    }
    const n = parts.reduce((k, p) => k + columnLength(p.columns[j]), 0);
    const values = new Float64Array(n);
    let at = 0;
    for (const p of parts) {
      values.set(p.columns[j].values as Float64Array, at);
      at += p.columns[j].values.length;
    }
    return { ...meta, values };
  });
  return new Dataset(out);
}
