/** Loads the datasets written by tools/r/weighting-fixtures.R. */
import { readFileSync } from 'node:fs';
import { numericColumn, stringColumn } from '../../src/data/column.js';
import { Dataset } from '../../src/data/dataset.js';

type Raw = Record<string, (string | number | null)[]>;
const datasets = JSON.parse(readFileSync(new URL('../fixtures/weighting/datasets.json', import.meta.url), 'utf8')) as Record<string, Raw>;

export function fixtureDataset(name: string): Dataset {
  const raw = datasets[name];
  return new Dataset(
    Object.entries(raw).map(([col, values]) =>
      typeof values[0] === 'string'
        ? stringColumn(col, values as string[])
        : numericColumn(col, Float64Array.from(values, (v) => (v === null ? NaN : (v as number)))),
    ),
  );
}
