/**
 * Reads the relative imports of every .ts file under a source folder and reports those that the
 * allowed-imports list (layers.ts) does not permit. Static, dynamic, type-only and re-exports
 * all count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';

export interface ImportEdge {
  /** Importing file, relative to the source folder (posix separators). */
  readonly file: string;
  /** Imported module, relative to the source folder. */
  readonly target: string;
  readonly line: number;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

// Comments are blanked (keeping line breaks) so an example in a doc comment is not an import.
function withoutComments(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/^\s*\/\/.*$/gm, '');
}

const importPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;

/** Every relative import of every .ts file under `srcDir`. */
export function importEdges(srcDir: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const path of sourceFiles(srcDir)) {
    const text = withoutComments(readFileSync(path, 'utf8'));
    const file = relative(srcDir, path).split(sep).join('/');
    for (const m of text.matchAll(importPattern)) {
      const target = posix.normalize(posix.join(posix.dirname(file), m[1]));
      const line = text.slice(0, m.index).split('\n').length;
      edges.push({ file, target, line });
    }
  }
  return edges;
}

/** The layer of a module path relative to src/: its first folder, "index", "errors" or "root". */
export function layerOf(path: string): string {
  const parts = path.split('/');
  if (parts.length > 1) return parts[0];
  const base = parts[0].replace(/\.(js|ts)$/, '');
  return base === 'index' || base === 'errors' ? base : 'root';
}

function allows(entry: string, target: string): boolean {
  if (!entry.includes('/')) return layerOf(target) === entry;
  const t = target.replace(/\.(js|ts)$/, '');
  return t === entry || t.startsWith(entry + '/');
}

/** Imports that cross folders in a way `allowed` does not list, as readable lines. */
export function importViolations(srcDir: string, allowed: Readonly<Record<string, readonly string[]>>): string[] {
  const problems: string[] = [];
  for (const edge of importEdges(srcDir)) {
    const from = layerOf(edge.file);
    const to = layerOf(edge.target);
    if (from === to) continue;
    const list = allowed[from];
    if (list === undefined) {
      problems.push(`src/${edge.file}: folder "${from}" is not in test/architecture/layers.ts; add it with the folders it may import`);
    } else if (!list.some((entry) => allows(entry, edge.target))) {
      problems.push(`src/${edge.file}:${edge.line} imports src/${edge.target}, but ${from} may import only: ${list.join(', ') || 'nothing'}`);
    }
  }
  return problems;
}

export const srcRoot = join(dirname(new URL(import.meta.url).pathname), '..', '..', 'src');
