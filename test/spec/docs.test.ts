/**
 * The user guide docs/study-spec.md must not lie: every YAML snippet in it parses, and every
 * table, question, derived variable, wave, subgroup, options block and published-figures file
 * it shows is valid against the spec schema (src/spec/schema.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { z } from 'zod';
import { inapplicableOptions } from '../../src/spec/applicability.js';
import { DerivedVariable, PublishedTables, Question, StudySpec, SubgroupSpec, TableOptions, TableSpec, Wave, type TableKindName, type TableOptionsSpec } from '../../src/spec/schema.js';

const md = readFileSync('docs/study-spec.md', 'utf8');
const blocks = [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);

function problems(schema: z.ZodType, value: unknown, what: string): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : [`${what}: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`];
}

describe('docs/study-spec.md', () => {
  it('has YAML snippets, all of which parse', () => {
    expect(blocks.length).toBeGreaterThan(12);
    for (const b of blocks) expect(() => parse(b)).not.toThrow();
  });

  it('shows only valid spec fragments', () => {
    const out: string[] = [];
    let checked = 0;
    const check = (schema: z.ZodType, value: unknown, what: string): void => {
      if (value === '…') return; // the placeholder of the layout overview
      // a wave's published figures may name a file: the loader reads it before validation
      if (what === 'wave' && typeof (value as { published?: unknown }).published === 'string') value = { ...(value as object), published: {} };
      checked++;
      out.push(...problems(schema, value, what));
      // a table shown in the guide carries only options its kind uses (src/spec/applicability.ts)
      if (schema === TableSpec) {
        const t = value as { kind: TableKindName; options?: TableOptionsSpec };
        for (const { option } of inapplicableOptions(t.kind, t.options)) out.push(`${what}: option "${option}" does not apply to kind ${t.kind}`);
      }
    };
    for (const b of blocks) {
      const doc: unknown = parse(b);
      if (Array.isArray(doc)) {
        for (const t of doc as Record<string, unknown>[]) if (t && 'kind' in t) check(TableSpec, t, `table ${String(t.id)}`);
        continue;
      }
      if (doc === null || typeof doc !== 'object') continue;
      const d = doc as Record<string, unknown[] | Record<string, unknown>>;
      for (const t of (d.tables as unknown[]) ?? []) check(TableSpec, t, 'table');
      for (const x of (d.derived as unknown[]) ?? []) check(DerivedVariable, x, 'derived');
      for (const x of (d.questions as unknown[]) ?? []) check(Question, x, 'question');
      for (const x of (d.waves as unknown[]) ?? []) check(Wave, x, 'wave');
      for (const x of (d.subgroups as unknown[]) ?? []) check(SubgroupSpec, x, 'subgroup');
      if (d.options) check(TableOptions, d.options, 'options');
      if (d.t5b) check(PublishedTables, d, 'published figures');
    }
    expect(out).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });
});

/** Every field name of a zod schema, with where it sits ("tables.rows.decimals"). */
function fieldNames(schema: z.ZodType): Map<string, string> {
  const seen = new Set<unknown>();
  const out = new Map<string, string>();
  const walk = (s: unknown, where: string): void => {
    if (s === null || typeof s !== 'object' || seen.has(s)) return;
    seen.add(s);
    const def = (s as { _zod?: { def?: Record<string, unknown> & { type: string } } })._zod?.def;
    if (def === undefined) return;
    const sub = (k: string): unknown => def[k];
    switch (def.type) {
      case 'object':
        for (const [k, v] of Object.entries(sub('shape') as Record<string, unknown>)) {
          if (!out.has(k)) out.set(k, `${where}${k}`);
          walk(v, `${where}${k}.`);
        }
        break;
      case 'optional': case 'nullable': case 'default': case 'readonly': case 'nonoptional': case 'catch': case 'prefault':
        walk(sub('innerType'), where);
        break;
      case 'pipe':
        walk(sub('in'), where);
        walk(sub('out'), where);
        break;
      case 'lazy':
        walk((sub('getter') as () => unknown)(), where);
        break;
      case 'union':
        for (const o of sub('options') as unknown[]) walk(o, where);
        break;
      case 'intersection':
        walk(sub('left'), where);
        walk(sub('right'), where);
        break;
      case 'array':
        walk(sub('element'), where);
        break;
      case 'record':
        walk(sub('valueType'), where);
        break;
    }
  };
  walk(schema, '');
  return out;
}

describe('docs/study-spec.md is the complete reference', () => {
  it('names every field of the study spec schema in its code (inline or YAML examples)', () => {
    const code = [...md.matchAll(/```[a-z]*\n([\s\S]*?)```|`([^`\n]+)`/g)].map((m) => m[1] ?? m[2]).join('\n');
    const fields = fieldNames(StudySpec);
    expect(fields.size).toBeGreaterThan(150);
    const missing = [...fields].filter(([name]) => !new RegExp(`\\b${name}\\b`).test(code)).map(([, where]) => where);
    expect(missing).toEqual([]);
  });

  it('does not send the reader to a test file for the reference', () => {
    expect(md).not.toMatch(/\]\(\.\.\/test\//);
  });
});
