/**
 * Reading a codebook file (YAML or JSON): every problem with the file, line and field, all at
 * once, as for the study spec.
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { fieldName, makeLocator, SpecError, type SpecIssue } from '../spec/load.js';
import { checkCodebook, CodebookSchema, type Codebook } from './codebook.js';

export function parseCodebook(text: string, file: string): Codebook {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new SpecError(
      doc.errors.map((e) => {
        const pos = lc.linePos(e.pos[0]);
        return { file, line: pos.line, column: pos.col, field: '(yaml)', message: `YAML syntax: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  const locate = makeLocator(file, doc, lc);
  const issue = (path: readonly (string | number)[], message: string): SpecIssue => {
    const loc = locate(path);
    return { file, line: loc.line, column: loc.column, field: fieldName(path), message };
  };
  const parsed = CodebookSchema.safeParse(doc.toJS({ maxAliasCount: 100 }));
  if (!parsed.success) {
    throw new SpecError(parsed.error.issues.map((i) => issue(i.path.filter((p): p is string | number => typeof p !== 'symbol'), i.message)));
  }
  const problems = checkCodebook(parsed.data);
  if (problems.length > 0) {
    throw new SpecError(problems.map((p) => issue(p.path, p.message)));
  }
  return parsed.data;
}

export function loadCodebook(path: string): Codebook {
  return parseCodebook(readFileSync(path, 'utf8'), path);
}
