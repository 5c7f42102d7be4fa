/**
 * Stacking the data files of one wave: report 3 of the seed fielded three parallel
 * questionnaires (Wajong, WGA, WW), each with its own response file, and tabulates them side by
 * side. The files are put under one another and a categorical variable records which file a
 * row came from, so a subgroup over it gives the "column per scheme" tables.
 *
 * Columns are matched by name. A column absent from a file is missing (NaN or "") in its rows —
 * a question not asked in that questionnaire. A column that is text in any file becomes text;
 * else categorical when any file has it categorical; else numeric. Labels and user-missing
 * definitions come from the first file that has the column; value labels are merged.
 */
import { categoricalColumn, numericColumn, stringColumn, type Column } from '../data/column.js';
import { Dataset } from '../data/dataset.js';

export interface StackPart {
  readonly data: Dataset;
  /** Code of this file in the source variable. */
  readonly code: number;
}

export function stackDatasets(parts: readonly StackPart[], sourceVariable: string): Dataset {
  const names: string[] = [];
  for (const p of parts) for (const n of p.data.names()) if (!names.includes(n)) names.push(n);
  const total = parts.reduce((a, p) => a + p.data.nrow, 0);
  const columns: Column[] = names.filter((n) => n !== sourceVariable).map((name) => stackColumn(parts, name, total));
  const source = new Float64Array(total);
  let at = 0;
  for (const p of parts) {
    source.fill(p.code, at, at + p.data.nrow);
    at += p.data.nrow;
  }
  columns.push(categoricalColumn(sourceVariable, source));
  return new Dataset(columns);
}

function stackColumn(parts: readonly StackPart[], name: string, total: number): Column {
  const present = parts.filter((p) => p.data.has(name)).map((p) => p.data.column(name));
  const first = present[0];
  const opts = { label: first.label, format: first.format };
  if (present.some((c) => c.type === 'string')) {
    const values: string[] = [];
    const labels = new Map<string, string>();
    for (const p of parts) {
      const has = p.data.has(name);
      const col = has ? p.data.column(name) : null;
      if (col?.type === 'string') col.valueLabels.forEach((l, v) => labels.has(v) || labels.set(v, l));
      const text = has && col?.type === 'string' ? p.data.strings(name) : null;
      const nums = has && col?.type !== 'string' ? p.data.numbers(name) : null;
      for (let i = 0; i < p.data.nrow; i++) values.push(text ? text[i] : nums && !Number.isNaN(nums[i]) ? String(nums[i]) : '');
    }
    return stringColumn(name, values, { ...opts, valueLabels: labels, missing: first.type === 'string' ? first.missing : undefined });
  }
  const values = new Float64Array(total).fill(NaN);
  const labels = new Map<number, string>();
  let at = 0;
  for (const p of parts) {
    if (p.data.has(name)) {
      const col = p.data.column(name);
      if (col.type !== 'string') col.valueLabels.forEach((l, v) => labels.has(v) || labels.set(v, l));
      values.set(p.data.numbers(name), at);
    }
    at += p.data.nrow;
  }
  const missing = first.type === 'string' ? undefined : first.missing;
  if (present.some((c) => c.type === 'categorical')) {
    const ordered = present.some((c) => c.type === 'categorical' && c.ordered);
    return categoricalColumn(name, values, { ...opts, valueLabels: labels, missing, ordered, measure: first.measure });
  }
  return numericColumn(name, values, { ...opts, valueLabels: labels, missing, measure: first.measure });
}
