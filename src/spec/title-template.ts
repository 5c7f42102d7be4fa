/**
 * N placeholders in a table's title and `nLabel`: {N} is the table's base, {N:question} the base
 * of one question of the table (Tozo Tabel 19 prints one N per question). The N is always
 * computed; these only say where it goes and with which words around it.
 */

export interface NPlaceholder {
  /** The placeholder as written, "{N}" or "{N:kent}". */
  readonly source: string;
  /** The question whose N it is; null for the table's N. */
  readonly question: string | null;
  readonly index: number;
}

const PLACEHOLDER = /\{\s*N\s*(?::\s*([^}\s]*)\s*)?\}/g;

/** The {N…} placeholders of a text, in order. */
export function nPlaceholders(text: string): NPlaceholder[] {
  const out: NPlaceholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) out.push({ source: m[0], question: m[1] === undefined ? null : m[1], index: m.index ?? 0 });
  return out;
}

/** The text with each placeholder replaced by `fill(placeholder)`. */
export function fillPlaceholders(text: string, fill: (p: NPlaceholder) => string): string {
  let out = '';
  let at = 0;
  for (const p of nPlaceholders(text)) {
    out += text.slice(at, p.index) + fill(p);
    at = p.index + p.source.length;
  }
  return out + text.slice(at);
}

/** The default words around the table's N after its title. */
export const DEFAULT_N_LABEL = '(N={N})';
