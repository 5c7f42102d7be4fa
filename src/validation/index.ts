/**
 * The one validation path (issue 8): every request, design and spec is checked by a strict zod
 * schema, and every problem is reported at once with file, line, field and a "did you mean".
 * Root-level, so data, sampling, weighting and spec may all import it.
 */
export { closestName, didYouMean, editDistance } from './suggest.js';
export { ValidationError, fieldName, formatIssue, issueLocation, issuesMessage, type FieldPath, type ValidationIssue } from './issues.js';
export { documentValue, makeKeyLocator, makeLocator, nestedSource, parseSource, parseYamlSource, readSource, valueSource, type Locator, type SourceDocument } from './source.js';
export { allowedKeys, locatedIssues, validateSource } from './zod.js';
