/** Base of a multiple-response set: asked ∧ table filter ∧ answered at least one option (any option not missing). */
import type { WaveData } from '../context.js';
import { and, askedMask, tableFilter, valuesOf } from '../domain.js';
import { requireVariable, type BuildInput } from '../shared.js';

export function mrBase(input: BuildInput, wave: WaveData, variables: readonly string[], domain: Uint8Array): Uint8Array {
  for (const v of variables) requireVariable(input, wave, v);
  const asked = and(domain, askedMask(input.ctx, wave, variables[0]), tableFilter(input.ctx, wave, input.t.filter));
  const vals = variables.map((v) => valuesOf(input.ctx, wave, v));
  const out = new Uint8Array(asked.length);
  for (let i = 0; i < out.length; i++) {
    if (asked[i] === 0) continue;
    for (const v of vals) {
      if (!Number.isNaN(v[i])) {
        out[i] = 1;
        break;
      }
    }
  }
  return out;
}
