/**
 * Numbers in CSV cells, as researchers' exports write them: "12", "-3", "6.5" or, in Dutch
 * exports, "6,5"; exponent notation ("1e-7", "1E+21") as written by R and by our own writer.
 * Surrounding blanks are allowed. Thousands separators are not: "1.234" is one point two three
 * four, never twelve hundred (a codebook can declare the column as string if that is wrong).
 */

/** Which decimal mark a cell used: none, a point or a comma. */
export type Mark = 'none' | '.' | ',';

export interface NumberCell {
  /** The value; NaN for an empty cell. */
  value: number;
  /** False when the cell is not a number at all. */
  ok: boolean;
  mark: Mark;
  /** Integer part written with a leading zero ("007"): an identifier rather than a number. */
  leadingZero: boolean;
}

/** Parses `s` into `out` (reused to avoid allocation in the hot loop). `decimal` restricts the mark. */
export function parseNumberCell(s: string, decimal: '.' | ',' | 'auto', out: NumberCell): NumberCell {
  out.value = NaN;
  out.ok = true;
  out.mark = 'none';
  out.leadingZero = false;
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 32 || s.charCodeAt(a) === 9)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 32 || s.charCodeAt(b - 1) === 9)) b--;
  if (a === b) return out; // empty: system-missing
  let i = a;
  let c = s.charCodeAt(i);
  if (c === 43 || c === 45) i++; // + -
  const intStart = i;
  while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
  let digits = i - intStart;
  if (digits > 1 && s.charCodeAt(intStart) === 48) out.leadingZero = true;
  if (i < b) {
    c = s.charCodeAt(i);
    if (c === 46 || c === 44) {
      out.mark = c === 46 ? '.' : ',';
      if ((decimal === '.' && c === 44) || (decimal === ',' && c === 46)) {
        out.ok = false;
        return out;
      }
      i++;
      const fracStart = i;
      while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
      digits += i - fracStart;
    }
  }
  if (digits === 0) {
    out.ok = false;
    return out;
  }
  if (i < b) {
    c = s.charCodeAt(i);
    if (c !== 101 && c !== 69) {
      out.ok = false;
      return out;
    }
    i++;
    if (i < b && ((c = s.charCodeAt(i)) === 43 || c === 45)) i++;
    const expStart = i;
    while (i < b && (c = s.charCodeAt(i)) >= 48 && c <= 57) i++;
    if (i === expStart || i !== b) {
      out.ok = false;
      return out;
    }
  }
  const text = a === 0 && b === s.length ? s : s.slice(a, b);
  out.value = out.mark === ',' ? Number(text.replace(',', '.')) : Number(text);
  // Beyond ±1.8e308 ("1e400"): not a number a double can hold, so not a number cell (the text is
  // kept by an inferred column; a declared numeric column reports it).
  if (!Number.isFinite(out.value)) {
    out.value = NaN;
    out.ok = false;
  }
  return out;
}

/**
 * The same text as String(v) (the shortest decimal that reads back to v), computed faster for the
 * numbers surveys hold: whole numbers and numbers with up to 6 decimals. With d the fewest
 * decimals for which round(|v|·10^d)/10^d === |v|, the digits of that integer are exactly the
 * shortest round-tripping decimal; other values (exponent notation, 7+ decimals) use String(v).
 */
export function formatNumber(v: number): string {
  const a = v < 0 ? -v : v;
  if (a >= 1e-6 && a < 1e15 && !Number.isInteger(a)) {
    let k = 10;
    for (let d = 1; d <= 6; d++, k *= 10) {
      const m = Math.round(a * k);
      if (m > 2 ** 52) break; // beyond exact integers: let String decide
      if (m / k === a) {
        const ip = Math.floor(a);
        const frac = m - ip * k;
        if (frac <= 0 || frac >= k) break;
        let f = String(frac);
        while (f.length < d) f = '0' + f;
        return (v < 0 ? '-' : '') + ip + '.' + f;
      }
    }
  }
  return String(v);
}
