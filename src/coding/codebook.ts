/**
 * Codebooks of themes for open answers and interview topics (BRIEF §8).
 *
 * One YAML file per codebook, next to the study spec:
 *
 *   codebook: suggesties            # id, used in codings and tables
 *   title: Suggesties voor verbetering
 *   for: q36                        # the open question coded, or `interviews`
 *   version: 3                      # raised whenever codes change; codings record it
 *   codes:
 *     - id: contact
 *       label: Meer en beter contact
 *       description: Wensen over bereikbaarheid, vaste contactpersoon, reactietijd.
 *       examples: ["Een vaste klantmanager", "Sneller teruggebeld worden"]
 *       keywords: [klantmanager, contactpersoon, "terugbel*"]   # suggestions, see suggest/
 *       children:
 *         - { id: contact.vast, label: Vaste contactpersoon }
 *
 * Code ids are unique across the whole tree, so a coding names a code without its path.
 */
import { z } from 'zod';
import { formatFieldPath } from '../errors.js';

const CodeId = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'must start with a letter and contain only letters, digits, "_", "-" and "."');

export interface CodeSpec {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly examples?: readonly string[];
  /** False for a heading that only groups codes (REFI-QDA `isCodable`). */
  readonly codable?: boolean;
  /** Keyword rules that suggest this code (suggest/keywords.ts); never applied without a coder. */
  readonly keywords?: readonly string[];
  readonly children?: readonly CodeSpec[];
}

export const CodeSchema: z.ZodType<CodeSpec> = z.lazy(() =>
  z.strictObject({
    id: CodeId,
    label: z.string().min(1),
    description: z.string().optional(),
    examples: z.array(z.string().min(1)).optional(),
    codable: z.boolean().optional(),
    keywords: z.array(z.string().min(1)).optional(),
    children: z.array(CodeSchema).min(1).optional(),
  }),
);

export const CodebookSchema = z.strictObject({
  codebook: CodeId,
  title: z.string().min(1),
  /** The open question (its id in the spec) or `interviews` for an interview topic list. */
  for: z.string().min(1),
  version: z.number().int().positive(),
  codes: z.array(CodeSchema).min(1),
});

export type Codebook = z.infer<typeof CodebookSchema>;

/** A code with its place in the tree. */
export interface FlatCode {
  readonly code: CodeSpec;
  readonly parent: string | null;
  readonly depth: number;
  /** Labels from the root down to this code. */
  readonly path: readonly string[];
}

/** Every code in depth-first order (the order of the codebook and of theme tables). */
export function flattenCodes(codebook: Pick<Codebook, 'codes'>): FlatCode[] {
  const out: FlatCode[] = [];
  const walk = (codes: readonly CodeSpec[], parent: string | null, path: readonly string[]): void => {
    for (const code of codes) {
      const here = [...path, code.label];
      out.push({ code, parent, depth: path.length, path: here });
      if (code.children) walk(code.children, code.id, here);
    }
  };
  walk(codebook.codes, null, []);
  return out;
}

/** Problems a schema cannot see: a code id used twice anywhere in the tree. */
export function checkCodebook(codebook: Codebook): { path: (string | number)[]; message: string }[] {
  const problems: { path: (string | number)[]; message: string }[] = [];
  const seen = new Map<string, string>();
  const walk = (codes: readonly CodeSpec[], prefix: (string | number)[]): void => {
    codes.forEach((code, i) => {
      const path = [...prefix, i];
      const earlier = seen.get(code.id);
      const here = formatFieldPath([...path, 'id']);
      if (earlier !== undefined) problems.push({ path: [...path, 'id'], message: `code "${code.id}" is also defined at ${earlier}; code ids must be unique in a codebook` });
      else seen.set(code.id, here);
      if (code.children) walk(code.children, [...path, 'children']);
    });
  };
  walk(codebook.codes, ['codes']);
  return problems;
}
