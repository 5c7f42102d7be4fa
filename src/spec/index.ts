/** The study spec: schema, loading with line-numbered errors, routing expressions, text references. */
export * from './schema.js';
export * from './fieldwork.js';
export { loadSpec, parseSpec, SpecError, formatIssue, fieldName, makeLocator, type LoadedSpec, type SpecIssue, type FieldPath } from './load.js';
export { parseExpression, evaluate, referencedNames, ExpressionSyntaxError, type Expr, type Literal, type ValueLookup } from './expression.js';
export { parseTextReferences, type TextReference, type TextStat } from './textref.js';
export { buildCatalog, knownName, variableOf, listOptionVariable, type Catalog, type VariableInfo, type QuestionInfo, type VariableRole } from './catalog.js';
export { checkReferences } from './references.js';
export { KIND_OPTIONS, inapplicableOptions } from './applicability.js';
