/**
 * Writing the drawn sample: the frame's columns of every selected record, followed by `stratum`,
 * `inclusion_probability` and `design_weight` (replacing columns of those names, as when drawing a
 * sub-selection from an earlier sample). A CSV frame written as CSV is copied record by record;
 * otherwise the frame's `select` pass gives the records. Written atomically: on any error no file is left.
 */
import { extname } from 'node:path';
import { writeFilesAtomic } from '../data/csv/atomic.js';
import { csvField } from '../data/csv/write.js';
import { numericColumn, stringColumn } from '../data/column.js';
import { Dataset } from '../data/dataset.js';
import { writeDataset } from '../data/io.js';
import { type DrawnSample, OUTPUT_COLUMNS } from './draw.js';
import { CsvFrame, type FrameSource } from './frame.js';

/** Shortest text that reads back as the same double. */
const num = (v: number): string => String(v);

export async function writeSample(frame: FrameSource, sample: DrawnSample, out: string): Promise<void> {
  const header = await frame.header();
  const keep = header.map((h, j) => ({ h, j })).filter(({ h }) => !(OUTPUT_COLUMNS as readonly string[]).includes(h));
  if (frame instanceof CsvFrame && extname(out).toLowerCase() === '.csv') {
    const sep = frame.separator;
    await writeFilesAtomic([out], async ([sink]) => {
      sink.add([...keep.map((k) => csvField(k.h, sep)), ...OUTPUT_COLUMNS].join(sep) + '\n');
      let next = 0;
      const rows = sample.rows;
      await frame.scan((cell, row) => {
        if (next >= rows.length || rows[next] !== row) return;
        const parts = keep.map((k) => csvField(String(cell(k.j)), sep));
        parts.push(csvField(sample.stratum[next], sep), num(sample.inclusionProbability[next]), num(sample.designWeight[next]));
        sink.add(parts.join(sep) + '\n');
        next++;
      });
    });
    return;
  }
  await writeDataset(sampleDataset(await frame.select(sample.rows), sample), out);
}

/** Adds the three design columns to the selected records. */
export function sampleDataset(selected: Dataset, sample: DrawnSample): Dataset {
  const cols = selected.columns.filter((c) => !(OUTPUT_COLUMNS as readonly string[]).includes(c.name));
  return new Dataset([
    ...cols,
    stringColumn('stratum', sample.stratum, { label: 'Stratum of the sample design' }),
    numericColumn('inclusion_probability', Float64Array.from(sample.inclusionProbability), { label: 'Inclusion probability' }),
    numericColumn('design_weight', Float64Array.from(sample.designWeight), { label: 'Design weight (1 / inclusion probability)' }),
  ]);
}
