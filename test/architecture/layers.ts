/**
 * The one list of allowed imports between the folders of src/ (issue 12 item 7), checked by
 * imports.test.ts. The pipeline imports one way:
 *
 *   errors.ts, files/, root-level modules (validation)  ←  data  ←  sampling  ←  weighting  ←
 *   design  ←  estimate  ←  tables  ←  study  ←  report;   spec beside them (it may import data);
 *   fieldwork and coding above sampling and spec;   cli and index.ts on top.
 *
 * A key is a folder of src/ (or "root" for any other src/*.ts file but index.ts); its value lists
 * every folder it may import from (its own folder is always allowed). An entry "a/b" allows
 * only src/a/b.ts or src/a/b/**, for an interface of a larger folder. A new folder must be
 * added here before anything imports it. study and report may read fieldwork only through an
 * interface the fieldwork issues define: add "fieldwork/<interface>" to study when it exists.
 */
const foundation = ['errors', 'root', 'files', 'validation'] as const;

export const allowedImports: Readonly<Record<string, readonly string[]>> = {
  errors: [],
  root: ['errors', 'files'],
  files: ['errors'],
  // The one validation path (issue 8): zod issues → located messages, YAML/JSON line mapping.
  validation: ['errors'],
  data: [...foundation],
  spec: [...foundation, 'data'],
  sampling: [...foundation, 'data'],
  weighting: [...foundation, 'data', 'sampling'],
  design: [...foundation, 'data', 'sampling', 'weighting'],
  estimate: [...foundation, 'data', 'sampling', 'weighting', 'design'],
  tables: [...foundation, 'data', 'sampling', 'weighting', 'design', 'estimate', 'spec'],
  // Coding feeds the tables: theme variables and back-coding moves (src/study/coded.ts).
  // The population/sample/response table reads the fieldwork store through its dispositions (issue 10 item 4).
  study: [...foundation, 'data', 'sampling', 'weighting', 'design', 'estimate', 'tables', 'spec', 'coding', 'fieldwork/dispositions'],
  report: [...foundation, 'data', 'sampling', 'weighting', 'design', 'estimate', 'tables', 'spec', 'study'],
  fieldwork: [...foundation, 'data', 'sampling', 'spec'],
  // Coding works on the fieldwork store (issue 11).
  coding: [...foundation, 'data', 'sampling', 'spec', 'fieldwork'],
  cli: [...foundation, 'data', 'sampling', 'weighting', 'design', 'estimate', 'tables', 'spec', 'study', 'report', 'fieldwork', 'coding'],
  // The package's public entry point.
  index: [...foundation, 'data', 'sampling', 'weighting', 'design', 'estimate', 'tables', 'spec', 'study', 'report', 'fieldwork', 'coding'],
};
