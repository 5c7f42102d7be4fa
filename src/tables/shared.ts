/**
 * Helpers shared by the table builders, re-exported from the files that hold them: the build
 * input and its lookups (input.ts), answer groups (answer-groups.ts), distributions over
 * domains (distribution.ts), subgroup splits and tests (subgroups.ts), and assembling the
 * finished Table (finish.ts).
 */
export * from './input.js';
export * from './answer-groups.js';
export * from './distribution.js';
export * from './subgroups.js';
export * from './finish.js';
