/**
 * Replicate weights built from a linearization design, as R survey 4.1 `as.svrepdesign`
 * (combined.weights = FALSE: replicate factors × sampling weights), using stage-1 PSUs:
 *
 * - JK1 (unstratified; R jk1weights): one replicate per PSU, that PSU 0 and the others
 *   n/(n−1); scale (n−1)/n × fpc correction (N−n)/N when fpc is given.
 * - JKn (R jknweights): per stratum h one replicate per PSU, that PSU 0 and the stratum's other
 *   PSUs n_h/(n_h−1); rscales (n_h−1)/n_h × (N_h−n_h)/N_h; strata sampled completely give no
 *   replicate; lonely PSUs: fail, remove/certainty/average (skipped; average rescales by
 *   #PSU / #replicates), adjust (one replicate with the stratum 0 and all other PSUs H/(H−1),
 *   rscale (H−1)/H).
 * - BRR and Fay (R brrweights, strata of exactly 2 PSUs): replicates are the columns of the
 *   Hadamard matrix R's hadamard(number of strata) chooses (./hadamard.ts: stored, Paley or
 *   doubled matrices, exactly R's rule); the r-th replicate gives weight 2−ρ to PSU 1 of
 *   stratum j (strata sorted by their label, PSUs by first appearance) when H[j+1, r] = 1,
 *   else ρ, and the other PSU the complement. Scale 1/(R(1−ρ)²), R = order of the matrix.
 * - bootstrap (Rao & Wu 1988 rescaling, as R bootweights without fpc): per replicate and stratum
 *   draw n_h − 1 PSUs with replacement; each PSU gets (times drawn) × n_h/(n_h−1). Seeded
 *   (xoroshiro128+ from pure-rand), so the same seed gives the same replicates on every machine;
 *   R's RNG cannot be reproduced, so bootstrap fixtures use R's weights as columns.
 */

import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { InvalidInputError } from '../errors.js';
import { type Design, DesignError, type ReplicateWeights } from './design.js';
import { hadamard } from './hadamard.js';
import { replicateDegf } from './replicates.js';
import type { ReplicateSpec } from './spec.js';

/** PSUs of stage 1 in order of first appearance, with their strata. */
function psuTable(design: Design): { psuOfRow: Int32Array; psus: number[]; stratumOfPsu: Int32Array } {
  const st = design.stages[0];
  const order = new Int32Array(st.nUnits).fill(-1);
  const psus: number[] = [];
  for (let i = 0; i < design.nrow; i++) {
    const u = st.unit[i];
    if (order[u] < 0) {
      order[u] = psus.length;
      psus.push(u);
    }
  }
  const psuOfRow = new Int32Array(design.nrow);
  for (let i = 0; i < design.nrow; i++) psuOfRow[i] = order[st.unit[i]];
  const stratumOfPsu = Int32Array.from(psus, (u) => st.unitStratum[u]);
  return { psuOfRow, psus, stratumOfPsu };
}

function expand(design: Design, psuOfRow: Int32Array, factors: Float64Array[]): Float64Array[] {
  const w = design.weights;
  return factors.map((f) => {
    const out = new Float64Array(design.nrow);
    for (let i = 0; i < out.length; i++) out[i] = f[psuOfRow[i]] * w[i];
    return out;
  });
}

export function buildReplicates(design: Design, spec: ReplicateSpec): ReplicateWeights {
  const field = 'design.replicates';
  const st = design.stages[0];
  const { psuOfRow, psus, stratumOfPsu } = psuTable(design);
  const nPsu = psus.length;
  const factors: Float64Array[] = [];
  const rscales: number[] = [];
  let scale = 1;
  switch (spec.type) {
    case 'JK1': {
      if (design.hasStrata) throw new InvalidInputError('JK1 replicates need an unstratified design; use JKn', { field: `${field}.type` });
      const n = nPsu;
      let f = 1;
      if (st.popSize !== null) {
        const N = st.popSize[0];
        f = (N - n) / N;
      }
      for (let j = 0; j < n; j++) {
        const fac = new Float64Array(n).fill(n / (n - 1));
        fac[j] = 0;
        factors.push(fac);
        rscales.push(1);
      }
      scale = (f * (n - 1)) / n;
      break;
    }
    case 'JKn': {
      if (!design.hasStrata) throw new InvalidInputError('JKn replicates need a stratified design; use JK1', { field: `${field}.type` });
      const strataOrder: number[] = [];
      const seen = new Set<number>();
      for (let j = 0; j < nPsu; j++) if (!seen.has(stratumOfPsu[j])) (seen.add(stratumOfPsu[j]), strataOrder.push(stratumOfPsu[j]));
      const H = strataOrder.length;
      for (const h of strataOrder) {
        const members: number[] = [];
        for (let j = 0; j < nPsu; j++) if (stratumOfPsu[j] === h) members.push(j);
        const n = members.length;
        const f = st.popSize === null ? 1 : (st.popSize[h] - n) / st.popSize[h];
        if (f === 0) continue; // stratum sampled completely: no replicate (R survey.drop.replicates)
        if (n === 1) {
          switch (design.lonelyPsu) {
            case 'fail':
              throw new DesignError(`stratum "${st.stratumLabels[h]}" has only one PSU; choose a lonelyPsu option`, 'design.lonelyPsu');
            case 'adjust': {
              const fac = new Float64Array(nPsu);
              for (let j = 0; j < nPsu; j++) fac[j] = stratumOfPsu[j] === h ? 0 : H / (H - 1);
              factors.push(fac);
              rscales.push((H - 1) / H);
              continue;
            }
            default:
              continue;
          }
        }
        for (const drop of members) {
          const fac = new Float64Array(nPsu).fill(1);
          for (const j of members) fac[j] = n / (n - 1);
          fac[drop] = 0;
          factors.push(fac);
          rscales.push((f * (n - 1)) / n);
        }
      }
      if (factors.length === 0) throw new DesignError('all strata were sampled completely: the variance is zero', 'design.replicates');
      if (factors.length < nPsu && design.lonelyPsu === 'average') scale = nPsu / factors.length;
      break;
    }
    case 'BRR':
    case 'Fay': {
      if (!design.hasStrata) throw new InvalidInputError('BRR needs a stratified design with two PSUs per stratum', { field: `${field}.type` });
      const rho = spec.type === 'Fay' ? (spec.rho ?? 0) : 0;
      if (spec.type === 'Fay' && !(rho > 0 && rho < 1)) throw new InvalidInputError('Fay replicates need 0 < rho < 1', { field: `${field}.rho` });
      const byStratum = new Map<number, number[]>();
      for (let j = 0; j < nPsu; j++) {
        const list = byStratum.get(stratumOfPsu[j]) ?? [];
        list.push(j);
        byStratum.set(stratumOfPsu[j], list);
      }
      for (const [h, list] of byStratum) {
        if (list.length !== 2) {
          throw new DesignError(`BRR needs exactly two PSUs per stratum; stratum "${st.stratumLabels[h]}" has ${list.length}`, `${field}.type`);
        }
      }
      const strata = [...byStratum.keys()].sort((a, b) => compareLabels(st.stratumLabels[a], st.stratumLabels[b]));
      const H = hadamard(strata.length);
      const order = H.length;
      for (let r = 0; r < order; r++) {
        const fac = new Float64Array(nPsu);
        strata.forEach((h, j) => {
          const [first, second] = byStratum.get(h) as number[];
          const plus = H[j + 1][r] === 1;
          fac[first] = plus ? 2 - rho : rho;
          fac[second] = plus ? rho : 2 - rho;
        });
        factors.push(fac);
        rscales.push(1);
      }
      scale = 1 / (order * (1 - rho) ** 2);
      break;
    }
    case 'bootstrap': {
      if (st.popSize !== null) throw new InvalidInputError('bootstrap replicates from a design with fpc are not supported; drop fpc or give replicate columns', { field: `${field}.type` });
      const R = spec.replicates ?? 50;
      const rng = xoroshiro128plus(spec.seed ?? 1);
      const members = new Map<number, number[]>();
      for (let j = 0; j < nPsu; j++) {
        const list = members.get(stratumOfPsu[j]) ?? [];
        list.push(j);
        members.set(stratumOfPsu[j], list);
      }
      for (const [h, list] of members) {
        if (list.length < 2) throw new DesignError(`stratum "${st.stratumLabels[h]}" has only one PSU; the bootstrap needs two`, 'design.lonelyPsu');
      }
      for (let r = 0; r < R; r++) {
        const fac = new Float64Array(nPsu);
        for (const list of members.values()) {
          const n = list.length;
          for (let k = 0; k < n - 1; k++) {
            const pick = uniformInt(rng, 0, n - 1);
            fac[list[pick]] += n / (n - 1);
          }
        }
        factors.push(fac);
        rscales.push(1);
      }
      scale = 1 / (R - 1);
      break;
    }
    case 'other':
      throw new InvalidInputError('type "other" needs replicate weight columns', { field: `${field}.columns` });
  }
  const weights = expand(design, psuOfRow, factors);
  return {
    type: spec.type,
    weights,
    scale,
    rscales: Float64Array.from(rscales),
    mse: spec.mse ?? false,
    degf: replicateDegf(weights, null),
  };
}

/** R sorts stratum labels as text; numbers as labels sort like their digits. */
function compareLabels(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
