/**
 * The routing expression language of the study spec (`askedIf`, table `filter`, derived
 * `condition`). A small, safe language parsed here — never evaluated with eval/Function:
 *
 *   expr    := or
 *   or      := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | primary
 *   primary := "(" expr ")" | NAME op value | NAME ["not"] "in" "[" value ("," value)* "]"
 *            | ("answered" | "missing") "(" NAME ")"
 *   op      := "==" | "!=" | "<" | "<=" | ">" | ">="     ("=" is accepted for "==")
 *   value   := number | quoted string
 *
 * Examples: `q5 in [1,2]`, `work == 2 and applied_recently == 1`, `not (age < 27)`.
 * A comparison with a missing answer is false (the respondent was not routed there), so
 * `q5 != 1` is false when q5 is missing; use `missing(q5)` to test for missing explicitly.
 */

export type Literal = number | string;

export type Expr =
  | { readonly type: 'or' | 'and'; readonly left: Expr; readonly right: Expr }
  | { readonly type: 'not'; readonly expr: Expr }
  | { readonly type: 'cmp'; readonly op: '==' | '!=' | '<' | '<=' | '>' | '>='; readonly name: string; readonly value: Literal; readonly pos: number }
  | { readonly type: 'in'; readonly name: string; readonly values: readonly Literal[]; readonly negate: boolean; readonly pos: number }
  | { readonly type: 'call'; readonly fn: 'answered' | 'missing'; readonly name: string; readonly pos: number };

/** A syntax error at a 0-based character position of the expression. */
export class ExpressionSyntaxError extends Error {
  readonly position: number;
  constructor(message: string, position: number) {
    super(message);
    this.name = 'ExpressionSyntaxError';
    this.position = position;
  }
}

type Token =
  | { kind: 'name'; text: string; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'string'; value: string; pos: number }
  | { kind: 'op'; text: string; pos: number }
  | { kind: 'end'; pos: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (/[A-Za-z_]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_.]/.test(src[i])) i++;
      out.push({ kind: 'name', text: src.slice(start, i), pos: start });
      continue;
    }
    if (/[0-9]/.test(c) || ((c === '-' || c === '.') && /[0-9.]/.test(src[i + 1] ?? ''))) {
      i++;
      while (i < src.length && /[0-9.eE]/.test(src[i])) i++;
      const text = src.slice(start, i);
      const value = Number(text);
      if (!Number.isFinite(value)) throw new ExpressionSyntaxError(`"${text}" is not a number`, start);
      out.push({ kind: 'number', value, pos: start });
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      let s = '';
      while (i < src.length && src[i] !== c) s += src[i++];
      if (i >= src.length) throw new ExpressionSyntaxError('unterminated text in quotes', start);
      i++;
      out.push({ kind: 'string', value: s, pos: start });
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '<=' || two === '>=') {
      out.push({ kind: 'op', text: two, pos: start });
      i += 2;
      continue;
    }
    if ('<>()[],='.includes(c)) {
      out.push({ kind: 'op', text: c === '=' ? '==' : c, pos: start });
      i++;
      continue;
    }
    throw new ExpressionSyntaxError(`unexpected character "${c}"`, start);
  }
  out.push({ kind: 'end', pos: src.length });
  return out;
}

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=']);

/** Parse an expression; throws ExpressionSyntaxError with the position of the problem. */
export function parseExpression(src: string): Expr {
  const toks = tokenize(src);
  let p = 0;
  const peek = (): Token => toks[p];
  const isWord = (t: Token, w: string): boolean => t.kind === 'name' && t.text.toLowerCase() === w;
  const isOp = (t: Token, o: string): boolean => t.kind === 'op' && t.text === o;
  const describe = (t: Token): string =>
    t.kind === 'end' ? 'the end of the expression' : t.kind === 'name' || t.kind === 'op' ? `"${t.text}"` : `"${String(t.value)}"`;
  const expectOp = (o: string): void => {
    const t = peek();
    if (!isOp(t, o)) throw new ExpressionSyntaxError(`expected "${o}" but found ${describe(t)}`, t.pos);
    p++;
  };
  const value = (): Literal => {
    const t = peek();
    if (t.kind === 'number' || t.kind === 'string') {
      p++;
      return t.value;
    }
    throw new ExpressionSyntaxError(`expected a number or quoted text but found ${describe(t)}`, t.pos);
  };

  const orExpr = (): Expr => {
    let left = andExpr();
    while (isWord(peek(), 'or')) {
      p++;
      left = { type: 'or', left, right: andExpr() };
    }
    return left;
  };
  const andExpr = (): Expr => {
    let left = notExpr();
    while (isWord(peek(), 'and')) {
      p++;
      left = { type: 'and', left, right: notExpr() };
    }
    return left;
  };
  // Parentheses and "not" recurse: bounded, so a hostile spec cannot overflow the stack.
  let depth = 0;
  const deeper = (t: Token): void => {
    if (++depth > MAX_NESTING) throw new ExpressionSyntaxError(`nested more than ${MAX_NESTING} levels deep`, t.pos);
  };
  const notExpr = (): Expr => {
    const t = peek();
    if (isWord(t, 'not')) {
      p++;
      deeper(t);
      const e: Expr = { type: 'not', expr: notExpr() };
      depth--;
      return e;
    }
    return primary();
  };
  const primary = (): Expr => {
    const t = peek();
    if (isOp(t, '(')) {
      p++;
      deeper(t);
      const e = orExpr();
      expectOp(')');
      depth--;
      return e;
    }
    if (t.kind !== 'name' || ['and', 'or', 'not', 'in'].includes(t.text.toLowerCase())) {
      throw new ExpressionSyntaxError(`expected a question or variable name but found ${describe(t)}`, t.pos);
    }
    p++;
    const fn = t.text.toLowerCase();
    if ((fn === 'answered' || fn === 'missing') && isOp(peek(), '(')) {
      p++;
      const n = peek();
      if (n.kind !== 'name') throw new ExpressionSyntaxError(`expected a variable name but found ${describe(n)}`, n.pos);
      p++;
      expectOp(')');
      return { type: 'call', fn, name: n.text, pos: n.pos };
    }
    const nxt = peek();
    let negate = false;
    if (isWord(nxt, 'not') && isWord(toks[p + 1], 'in')) {
      negate = true;
      p++;
    }
    if (isWord(peek(), 'in')) {
      p++;
      expectOp('[');
      const values: Literal[] = [value()];
      while (isOp(peek(), ',')) {
        p++;
        values.push(value());
      }
      expectOp(']');
      return { type: 'in', name: t.text, values, negate, pos: t.pos };
    }
    if (nxt.kind === 'op' && COMPARISONS.has(nxt.text)) {
      p++;
      return { type: 'cmp', op: nxt.text as '==', name: t.text, value: value(), pos: t.pos };
    }
    throw new ExpressionSyntaxError(`expected a comparison (==, !=, <, <=, >, >=) or "in" after "${t.text}" but found ${describe(nxt)}`, nxt.pos);
  };

  const e = orExpr();
  const end = peek();
  if (end.kind !== 'end') throw new ExpressionSyntaxError(`unexpected ${describe(end)}`, end.pos);
  if (treeDepth(e) > MAX_TREE_DEPTH) throw new ExpressionSyntaxError(`more than ${MAX_TREE_DEPTH} conditions joined by "and"/"or"`, 0);
  return e;
}

/** Deepest nesting of parentheses and "not" in a routing expression. */
const MAX_NESTING = 100;
/** Deepest expression tree (long and/or chains build deep trees that evaluation walks recursively). */
const MAX_TREE_DEPTH = 2000;

/** Depth of an expression tree, without recursion. */
function treeDepth(root: Expr): number {
  let max = 0;
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [e, d] = stack.pop()!;
    if (d > max) max = d;
    if (e.type === 'or' || e.type === 'and') stack.push([e.left, d + 1], [e.right, d + 1]);
    else if (e.type === 'not') stack.push([e.expr, d + 1]);
  }
  return max;
}

/** Every variable name an expression refers to, with its position. */
export function referencedNames(e: Expr): { name: string; pos: number }[] {
  switch (e.type) {
    case 'or':
    case 'and':
      return [...referencedNames(e.left), ...referencedNames(e.right)];
    case 'not':
      return referencedNames(e.expr);
    default:
      return [{ name: e.name, pos: e.pos }];
  }
}

/** Value of a variable for one row: a number (NaN = missing) or text (null = missing). */
export type ValueLookup = (name: string) => number | string | null;

function isMissingValue(v: number | string | null): boolean {
  return v === null || (typeof v === 'number' && Number.isNaN(v));
}

function equal(v: number | string, lit: Literal): boolean {
  if (typeof v === typeof lit) return v === lit;
  return String(v) === String(lit);
}

/** Evaluate an expression for one row. */
export function evaluate(e: Expr, lookup: ValueLookup): boolean {
  switch (e.type) {
    case 'or':
      return evaluate(e.left, lookup) || evaluate(e.right, lookup);
    case 'and':
      return evaluate(e.left, lookup) && evaluate(e.right, lookup);
    case 'not':
      return !evaluate(e.expr, lookup);
    case 'call': {
      const m = isMissingValue(lookup(e.name));
      return e.fn === 'missing' ? m : !m;
    }
    case 'in': {
      const v = lookup(e.name);
      if (isMissingValue(v)) return false;
      const hit = e.values.some((lit) => equal(v as number | string, lit));
      return e.negate ? !hit : hit;
    }
    case 'cmp': {
      const v = lookup(e.name);
      if (isMissingValue(v)) return false;
      if (e.op === '==') return equal(v as number | string, e.value);
      if (e.op === '!=') return !equal(v as number | string, e.value);
      const a = typeof v === 'number' ? v : Number(v);
      const b = typeof e.value === 'number' ? e.value : Number(e.value);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      switch (e.op) {
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        case '>=':
          return a >= b;
      }
    }
  }
  return false;
}
