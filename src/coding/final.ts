/**
 * The final coding of each answer, as the tables use it:
 * - a coding by the coder `final` (the resolution of a disagreement in the resolve view) wins;
 * - otherwise, one coder's coding counts as it is;
 * - otherwise, when every coder gave the same set of codes, that set;
 * - otherwise the answer is unresolved and counts as "not yet coded" until someone resolves it.
 */
import type { CodingRow } from './codings-csv.js';

/** Coder name under which a resolved (final) coding is stored. */
export const FINAL_CODER = 'final';

export type FinalCoding = { readonly kind: 'coded'; readonly codes: readonly string[] } | { readonly kind: 'unresolved'; readonly coders: readonly string[] };

/** Whole-answer codings only (fragments with start/end belong to interviews). */
export function finalCodings(rows: readonly CodingRow[]): Map<string, FinalCoding> {
  const byUnit = new Map<string, Map<string, Set<string>>>();
  for (const r of rows) {
    if (r.start !== undefined) continue;
    let coders = byUnit.get(r.unit);
    if (coders === undefined) byUnit.set(r.unit, (coders = new Map()));
    let codes = coders.get(r.coder);
    if (codes === undefined) coders.set(r.coder, (codes = new Set()));
    if (r.code !== '') codes.add(r.code);
  }
  const out = new Map<string, FinalCoding>();
  for (const [unit, coders] of byUnit) {
    const final = coders.get(FINAL_CODER);
    if (final !== undefined) {
      out.set(unit, { kind: 'coded', codes: [...final].sort() });
      continue;
    }
    const sets = [...coders.values()].map((s) => [...s].sort().join('\u0000'));
    if (sets.every((s) => s === sets[0])) out.set(unit, { kind: 'coded', codes: [...coders.values().next().value!].sort() });
    else out.set(unit, { kind: 'unresolved', coders: [...coders.keys()].sort() });
  }
  return out;
}
