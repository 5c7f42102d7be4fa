/**
 * Drawing a sample from a frame in one streaming pass (plus one to copy the selected records):
 *
 * pass 1 collects only what selection needs: a 52-bit hash of every key (duplicate check), the
 * stratum of every row, and the size / sort / allocation variables when the design uses them;
 * then the allocation and the selection are made on those arrays with the seeded generator;
 * pass 2 (writeSample, through the frame's `select`) copies the selected records with `stratum`, `inclusion_probability` and
 * `design_weight`.
 *
 * Randomness: one Xoshiro128 stream from the seed; strata are drawn in order of first appearance
 * in the frame, so the same frame, design and seed give the same sample everywhere.
 *
 * Sub-selection within a sample: when the frame already has an `inclusion_probability` column
 * (it is itself a sample), the new inclusion probability is the product of the old one and the
 * conditional one of this draw (two-phase sampling, Särndal et al. 1992 §9.3).
 */
import { type Cell, cellNumber, cellText, type FrameSource } from './frame.js';
import { allocate } from './allocate.js';
import type { SamplingDesign } from './design.js';
import { SamplingError } from './errors.js';
import { Xoshiro128 } from './rng.js';
import { ppsSystematic, srs, systematic } from './select.js';
import { UnknownVariableError } from '../errors.js';

export interface StratumSummary {
  readonly stratum: string;
  /** Units in the frame. */
  readonly frame: number;
  /** Units excluded because they were in an earlier sample. */
  readonly excluded: number;
  /** Eligible population N_h. */
  readonly population: number;
  /** Gross sample n_h. */
  readonly sample: number;
  /** Units taken with certainty (PPS) or by a take-all stratum. */
  readonly certainty: number;
}

export interface DrawnSample {
  /** Frame row numbers (0-based) of the sample, in frame order. */
  readonly rows: Uint32Array;
  /** Stratum of each sampled row ("" when unstratified... then "all"). */
  readonly stratum: readonly string[];
  readonly inclusionProbability: Float64Array;
  readonly designWeight: Float64Array;
  readonly summary: readonly StratumSummary[];
  /** Total rows read from the frame. */
  readonly frameRows: number;
}

export interface DrawOptions {
  readonly seed: number;
  /** Keys of units in earlier samples (from the design's `exclude` files). */
  readonly excludeKeys?: ReadonlySet<string>;
}

class GrowF64 {
  a = new Float64Array(1024);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  get values(): Float64Array {
    return this.a.subarray(0, this.n);
  }
}

/** Two 32-bit string hashes (FNV-1a and a murmur-style mix) combined into a 52-bit number. */
export function keyHash(s: string): number {
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35);
  return (h1 >>> 0) * 1048576 + ((h2 ^ (h2 >>> 16)) & 0xfffff);
}

export const OUTPUT_COLUMNS = ['stratum', 'inclusion_probability', 'design_weight'] as const;

export async function drawSample(frame: FrameSource, design: SamplingDesign, options: DrawOptions): Promise<DrawnSample> {
  const header = await frame.header();
  const col = (name: string, field: string): number => {
    const j = header.indexOf(name);
    if (j < 0) throw new UnknownVariableError(name, { file: frame.name, field }, header);
    return j;
  };
  const keyCol = col(design.key, 'key');
  const strataCol = design.strata === undefined ? -1 : col(design.strata, 'strata');
  const sizeCol = design.method === 'pps' && design.size !== undefined ? col(design.size, 'size') : -1;
  const alloc = design.allocation;
  const neymanCol = alloc !== undefined && alloc.type === 'neyman' && alloc.variable !== undefined ? col(alloc.variable, 'allocation.variable') : -1;
  const sortCols = (design.sort ?? []).map((s, k) => col(s, `sort[${k}]`));
  const priorPiCol = header.indexOf('inclusion_probability');
  const exclude = options.excludeKeys;

  // Pass 1.
  const hashes = new GrowF64();
  const strata = new Map<string, number>();
  const strataNames: string[] = [];
  const frameCount: number[] = [];
  const excludedCount: number[] = [];
  let stratumOf = new Int32Array(1024);
  const sizes = new GrowF64();
  const priorPi = new GrowF64();
  const sortKeys: Cell[][] = sortCols.map(() => []);
  // Welford running moments per stratum for Neyman allocation.
  const mean: number[] = [];
  const m2: number[] = [];
  const cnt: number[] = [];
  let rows = 0;
  await frame.scan((cell, row, line) => {
    const rawKey = cell(keyCol);
    const key = typeof rawKey === 'string' && rawKey.length > 0 && rawKey.charCodeAt(0) > 32 && rawKey.charCodeAt(rawKey.length - 1) > 32 ? rawKey : cellText(rawKey);
    if (key === '') throw new SamplingError(`row ${row + 1} has an empty key "${design.key}"`, { file: frame.name, line });
    hashes.push(keyHash(key));
    const sname = strataCol < 0 ? 'all' : cellText(cell(strataCol));
    let s = strataCol < 0 && strataNames.length > 0 ? 0 : strata.get(sname);
    if (s === undefined) {
      s = strataNames.length;
      strata.set(sname, s);
      strataNames.push(sname);
      frameCount.push(0);
      excludedCount.push(0);
      mean.push(0);
      m2.push(0);
      cnt.push(0);
    }
    frameCount[s]++;
    const excluded = exclude !== undefined && exclude.has(key);
    if (excluded) excludedCount[s]++;
    if (row >= stratumOf.length) {
      const b = new Int32Array(stratumOf.length * 2);
      b.set(stratumOf);
      stratumOf = b;
    }
    stratumOf[row] = excluded ? -1 : s;
    if (sizeCol >= 0) {
      const x = cellNumber(cell(sizeCol));
      if (!(x >= 0) || !Number.isFinite(x)) {
        throw new SamplingError(`row ${row + 1}: size "${design.size}" is ${cellText(cell(sizeCol)) || 'missing'}; it must be a number ≥ 0`, {
          file: frame.name,
          line,
        });
      }
      sizes.push(x);
    }
    if (priorPiCol >= 0) priorPi.push(cellNumber(cell(priorPiCol)));
    for (let k = 0; k < sortCols.length; k++) {
      const c = cell(sortCols[k]);
      const v = cellNumber(c);
      sortKeys[k].push(Number.isNaN(v) ? cellText(c) : v);
    }
    if (neymanCol >= 0 && !excluded) {
      const x = cellNumber(cell(neymanCol));
      if (Number.isNaN(x)) {
        throw new SamplingError(`row ${row + 1}: allocation variable "${alloc!.type === 'neyman' ? alloc!.variable : ''}" is missing`, { file: frame.name, line });
      }
      cnt[s]++;
      const d = x - mean[s];
      mean[s] += d / cnt[s];
      m2[s] += d * (x - mean[s]);
    }
    rows = row + 1;
  }, [keyCol, strataCol, sizeCol, neymanCol, priorPiCol, ...sortCols].filter((j) => j >= 0));
  await checkDuplicateKeys(frame, hashes.values, keyCol, design.key);

  // Eligible rows per stratum, in frame order or sorted (typed arrays: 20M rows stay compact).
  const H = strataNames.length;
  const eligible = strataNames.map((_, s) => frameCount[s] - excludedCount[s]);
  const members: Uint32Array[] = eligible.map((c) => new Uint32Array(c));
  {
    const fill = new Int32Array(H);
    for (let r = 0; r < rows; r++) {
      const s = stratumOf[r];
      if (s >= 0) members[s][fill[s]++] = r;
    }
  }
  if (sortKeys.length > 0) {
    const cmp = (a: number, b: number): number => {
      for (const keys of sortKeys) {
        const x = keys[a];
        const y = keys[b];
        if (x === y) continue;
        if (typeof x === 'number' && typeof y === 'number') return x - y;
        return String(x) < String(y) ? -1 : 1;
      }
      return a - b;
    };
    for (const m of members) m.sort(cmp);
  }
  const population = members.map((m) => m.length);

  // Sample size per stratum.
  let nh: number[];
  if (alloc === undefined) {
    const n = design.n as number;
    if (n > population[0]) {
      throw new SamplingError(`sample size ${n} is larger than the eligible frame (${population[0]} units${excludedCount[0] > 0 ? `, after excluding ${excludedCount[0]} from earlier samples` : ''})`, {
        field: 'n',
      });
    }
    nh = [n];
  } else if (alloc.type === 'fixed') {
    for (const name of Object.keys(alloc.n)) {
      if (!strata.has(name)) {
        throw new SamplingError(`stratum "${name}" does not occur in the frame (strata: ${strataNames.join(', ')})`, { field: `allocation.n.${name}` });
      }
    }
    nh = strataNames.map((name, s) => {
      const want = alloc.n[name];
      if (want === undefined) {
        throw new SamplingError(`the allocation gives no sample size for stratum "${name}"`, { field: 'allocation.n' });
      }
      if (want === 'all') return population[s];
      if (want > population[s]) {
        throw new SamplingError(`stratum "${name}" is asked for ${want} units but has only ${population[s]}`, { field: `allocation.n.${name}` });
      }
      return want;
    });
  } else {
    const n = alloc.n ?? (design.n as number);
    const w =
      alloc.type === 'proportional'
        ? population.slice()
        : population.map((N, s) => N * (cnt[s] > 1 ? Math.sqrt(m2[s] / (cnt[s] - 1)) : 0));
    nh = allocate(n, population, w, alloc.minimum ?? 0, strataNames);
  }

  // Selection.
  const rng = new Xoshiro128(options.seed);
  const picked: { row: number; s: number; pi: number }[] = [];
  const certainty = new Array<number>(H).fill(0);
  for (let s = 0; s < H; s++) {
    const list = members[s];
    const n = nh[s];
    const N = list.length;
    if (n === 0) continue;
    if (n === N) {
      certainty[s] = N;
      for (const r of list) picked.push({ row: r, s, pi: 1 });
      continue;
    }
    if (design.method === 'pps') {
      const x = Float64Array.from(list, (r) => sizes.values[r]);
      const res = ppsSystematic(x, n, rng);
      certainty[s] = res.certainty;
      for (const i of res.chosen) picked.push({ row: list[i], s, pi: res.pi[i] });
    } else {
      const useSystematic = design.method === 'systematic' || (design.sort !== undefined && design.sort.length > 0);
      const chosen = useSystematic ? systematic(N, n, rng) : srs(N, n, rng);
      for (const i of chosen) picked.push({ row: list[i], s, pi: n / N });
    }
  }
  picked.sort((a, b) => a.row - b.row);
  const pis = Float64Array.from(picked, (p) => (priorPiCol >= 0 ? p.pi * priorPi.values[p.row] : p.pi));
  return {
    rows: Uint32Array.from(picked, (p) => p.row),
    stratum: picked.map((p) => strataNames[p.s]),
    inclusionProbability: pis,
    designWeight: pis.map((p) => 1 / p),
    summary: strataNames.map((name, s) => ({
      stratum: name,
      frame: frameCount[s],
      excluded: excludedCount[s],
      population: population[s],
      sample: nh[s],
      certainty: certainty[s],
    })),
    frameRows: rows,
  };
}

/** Sorts the key hashes; equal hashes are checked against the real keys in one more pass. */
async function checkDuplicateKeys(frame: FrameSource, hashes: Float64Array, keyCol: number, keyName: string): Promise<void> {
  const sorted = Float64Array.from(hashes).sort();
  const suspect = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) suspect.add(sorted[i]);
  if (suspect.size === 0) return;
  const seen = new Map<string, number>();
  let dup: { key: string; first: number; second: number; line: number } | null = null;
  await frame.scan((cell, row, line) => {
    if (dup !== null || !suspect.has(hashes[row])) return;
    const key = cellText(cell(keyCol));
    const prev = seen.get(key);
    if (prev !== undefined) dup = { key, first: prev, second: row, line };
    else seen.set(key, row);
  }, [keyCol]);
  if (dup !== null) {
    const d = dup as { key: string; first: number; second: number; line: number };
    throw new SamplingError(`duplicate key ${keyName}="${d.key}" in rows ${d.first + 1} and ${d.second + 1} of the frame`, {
      file: frame.name,
      line: d.line,
    });
  }
}
