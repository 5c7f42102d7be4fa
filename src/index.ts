/** Library entry point: every stage of the pipeline exports its public API from here. */
export * from './errors.js';
export * from './data/column.js';
export * from './data/dataset.js';
export * from './weighting/index.js';
