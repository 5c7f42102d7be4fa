/**
 * runStudy: study spec → finished Report (the table model of src/tables/model.ts).
 *
 * Steps, failing early with errors that name the file, line and field: load and validate the
 * spec; read each wave's microdata (csv/sav, relative to the spec); expand list-encoded
 * multiple response, compute derived variables, check variables, codes and routing; weight
 * (a weighting request, a weight variable, or none) and build the design; build every table;
 * resolve the text references. Nothing is written: the caller renders the Report.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readDataset } from '../data/io.js';
import type { Dataset } from '../data/dataset.js';
import { svyDesign, type Design, type DesignSpec } from '../design/index.js';
import { SpiegelError } from '../errors.js';
import { storeFrame } from '../fieldwork/dispositions/index.js';
import { buildCatalog, type Catalog } from '../spec/catalog.js';
import { formatIssue, loadSpec, SpecError, type LoadedSpec, type SpecIssue } from '../spec/load.js';
import type { WaveSpec } from '../spec/schema.js';
import { designEstimator, estimateTests } from '../tables/adapter.js';
import { buildTable } from '../tables/build.js';
import { STORE_FRAME_COLUMNS } from '../tables/kinds/population-sample-response.js';
import type { StudyContext, WaveData } from '../tables/context.js';
import { textsFor } from '../tables/labels.js';
import type { Block, Report, Section, Table } from '../tables/model.js';
import { resolveText } from '../tables/text.js';
import { validateWeightingRequest, type WeightingRequest } from '../weighting/index.js';
import { ValidationError, nestedSource, readSource } from '../validation/index.js';
import { answerListBlock } from './answer-list.js';
import { readInterviews, topicBlock } from './interview-topics.js';
import { withMovedNote } from './moved-note.js';
import { DataProblemList, prepareWaveData } from './prepare.js';
import { stackDatasets } from './stack.js';

export interface RunStudyOptions {
  /** Progress of the run: `done` of `total` steps, with a label of the step just finished. */
  readonly onProgress?: (done: number, total: number, label: string) => void;
  /** Problems that do not stop the run but change numbers if missed ("file:line: message"). */
  readonly onWarning?: (message: string) => void;
}

export async function runStudy(specPath: string, options: RunStudyOptions = {}): Promise<Report> {
  return (await computeStudy(specPath, options)).report;
}

export interface StudyResult {
  readonly report: Report;
  /** Every table of the spec by id, also those no section places. */
  readonly tables: ReadonlyMap<string, Table>;
}

/** runStudy with every computed table by id (for tests and tools that need tables outside sections). */
export async function computeStudy(specPath: string, options: RunStudyOptions = {}): Promise<StudyResult> {
  const loaded = loadSpec(specPath);
  for (const w of loaded.warnings) options.onWarning?.(formatIssue(w));
  const { spec } = loaded;
  const catalog = buildCatalog(spec);
  const dir = dirname(specPath);
  const requests = weightingRequests(loaded, dir);
  const waveSpecs = spec.waves.map((w, wi) => ({ w, wi })).sort((a, b) => a.w.year - b.w.year);
  const microWaves = waveSpecs.filter((x) => x.w.data !== undefined).length;
  const total = 1 + microWaves + spec.tables.length + 1;
  let done = 0;
  const progress = (label: string): void => options.onProgress?.(++done, total, label);
  progress('spec');

  const waves: WaveData[] = [];
  // data problems of every wave are listed together (issue 8 item 9)
  const problems = new DataProblemList();
  for (const { w, wi } of waveSpecs) {
    if (w.data === undefined) {
      waves.push({ year: w.year, spec: w, data: null, estimator: null, published: w.published ?? {} });
      continue;
    }
    const files = typeof w.data === 'string' ? [{ file: w.data, code: 0 }] : w.data;
    const parts = [];
    for (const [fi, f] of files.entries()) {
      parts.push({ data: await readWave(loaded, wi, resolve(dir, f.file), typeof w.data === 'string' ? ['waves', wi, 'data'] : ['waves', wi, 'data', fi, 'file']), code: f.code });
    }
    const file = files.map((f) => resolve(dir, f.file)).join(' + ');
    const data = w.stackVariable !== undefined && files.length > 1 ? stackDatasets(parts, w.stackVariable) : parts[0].data;
    const before = problems.problems.length;
    const prepared = prepareWaveData(data, loaded, catalog, w.year, file, problems);
    if (problems.problems.length > before) continue;
    const design = buildDesign(loaded, wi, w, prepared, requests.get(wi));
    waves.push({ year: w.year, spec: w, data: design.data, estimator: designEstimator(design), published: w.published ?? {} });
    progress(`wave ${w.year}`);
  }
  problems.done();

  // sampling frames of population/sample/response tables (plain counts, read once per table)
  const frames = new Map<string, Dataset>();
  for (const [ti, t] of spec.tables.entries()) {
    if (t.frame === undefined) continue;
    let population: Dataset | undefined;
    if (t.frame.file !== undefined) {
      const file = resolve(dir, t.frame.file);
      if (!existsSync(file)) throw new SpiegelError('IO', `the sampling frame of table ${t.number} does not exist: ${file}`, loaded.locate(['tables', ti, 'frame', 'file']));
      population = await readDataset(file);
    }
    if (t.frame.store === undefined) {
      frames.set(t.id, population!);
      continue;
    }
    // sample and response from the fieldwork store (docs/fieldwork-dispositions.md)
    const { weight } = t.frame;
    const request = { specFile: specPath, spec, store: t.frame.store, by: t.frame.by, columns: STORE_FRAME_COLUMNS, where: loaded.locate(['tables', ti, 'frame', 'store']) };
    frames.set(t.id, await storeFrame({ ...request, ...(weight !== undefined ? { weight } : {}), ...(population !== undefined ? { population } : {}) }));
  }

  const microdata = waves.filter((w) => w.data !== null);
  const ctx: StudyContext = {
    loaded,
    spec,
    catalog,
    waves,
    current: microdata.length > 0 ? microdata[microdata.length - 1] : null,
    tests: estimateTests,
    texts: textsFor(spec.study.locale),
    frames,
  };

  const tables = new Map<string, Table>();
  for (const t of spec.tables) {
    tables.set(t.id, withMovedNote(ctx, t, buildTable(ctx, t)));
    progress(`table ${t.number}`);
  }
  // Notes may refer to numbers of any table ("gelijk aan {{ t6raw.row3.value }} procent"), so
  // they are filled in once every table exists.
  spec.tables.forEach((t, ti) => {
    const table = tables.get(t.id)!;
    if (!table.notes.some((n) => n.includes('{{'))) return;
    const where = loaded.locate(['tables', ti, 'notes']);
    tables.set(t.id, { ...table, notes: table.notes.map((n) => (n.includes('{{') ? resolveText(n, tables, spec.study.locale, where) : n)) });
  });

  const interviews = await readInterviews(loaded);
  const identifying = interviews?.terms ?? [];
  const sections: Section[] = (spec.sections ?? [{ heading: spec.study.title, content: spec.tables.map((t) => ({ table: t.id })) }]).map((s, si) => ({
    heading: s.heading,
    blocks: s.content.map((b, bi): Block => {
      const path = ['sections', si, 'content', bi];
      if ('table' in b) return { type: 'table', table: tables.get(b.table)! };
      if ('otherAnswers' in b) return answerListBlock(ctx, b, path, identifying);
      if ('topic' in b) {
        const where = loaded.locate([...path, 'summary']);
        return topicBlock(loaded, interviews!, b, path, (p) => resolveText(p, tables, spec.study.locale, where));
      }
      const where = loaded.locate([...path, 'text']);
      const paragraphs = b.text
        .split(/\n\s*\n/)
        .map((p) => p.replace(/\s+/g, ' ').trim())
        .filter((p) => p !== '')
        .map((p) => resolveText(p, tables, spec.study.locale, where));
      return { type: 'text', paragraphs };
    }),
  }));
  progress('report');
  return { report: { title: spec.study.title, subtitle: spec.study.subtitle, locale: spec.study.locale, sections }, tables };
}

async function readWave(loaded: LoadedSpec, wi: number, file: string, field: (string | number)[]): Promise<Dataset> {
  if (!existsSync(file)) {
    throw new SpiegelError('IO', `the data file of wave ${loaded.spec.waves[wi].year} does not exist: ${file}`, loaded.locate(field));
  }
  try {
    return await readDataset(file);
  } catch (e) {
    if (e instanceof SpiegelError && e.location.file !== undefined) throw e;
    const loc = loaded.locate(field);
    throw new SpiegelError('IO', `cannot read the data of wave ${loaded.spec.waves[wi].year} (${file}): ${(e as Error).message}`, loc);
  }
}

/** Derived variables and the data checks of one wave. */
export function prepareWave(loaded: LoadedSpec, catalog: Catalog, w: WaveSpec, data: Dataset, file: string): Dataset {
  const problems = new DataProblemList();
  const d = prepareWaveData(data, loaded, catalog, w.year, file, problems);
  problems.done();
  return d;
}

/**
 * A wave's weighting request: a YAML/JSON file relative to the spec, or inline in the spec (then
 * its problems carry the spec's own lines, e.g. study.yaml:31, field "weighting.request.epsilonn").
 */
export function weightingRequestOf(loaded: LoadedSpec, request: string | Record<string, unknown>, path: (string | number)[], dir: string): WeightingRequest {
  if (typeof request !== 'string') return validateWeightingRequest(nestedSource(request, loaded, path));
  const file = resolve(dir, request);
  if (!existsSync(file)) throw new SpiegelError('IO', `the weighting request does not exist: ${file}`, loaded.locate(path));
  return validateWeightingRequest(readSource(file));
}

/** The weighting request of every microdata wave, validated before any data is read; all problems at once. */
function weightingRequests(loaded: LoadedSpec, dir: string): Map<number, WeightingRequest> {
  const out = new Map<number, WeightingRequest>();
  const issues: SpecIssue[] = [];
  loaded.spec.waves.forEach((w, wi) => {
    const ref = w.weighting ?? loaded.spec.weighting ?? 'none';
    if (w.data === undefined || ref === 'none' || ref.request === undefined) return;
    const path = w.weighting !== undefined ? ['waves', wi, 'weighting', 'request'] : ['weighting', 'request'];
    try {
      out.set(wi, weightingRequestOf(loaded, ref.request, path, dir));
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      for (const i of e.issues) if (!issues.some((j) => j.file === i.file && j.field === i.field && j.message === i.message)) issues.push({ ...i, file: i.file ?? loaded.file });
    }
  });
  if (issues.length > 0) throw new SpecError(issues);
  return out;
}

function buildDesign(loaded: LoadedSpec, wi: number, w: WaveSpec, data: Dataset, request: WeightingRequest | undefined): Design {
  const ref = w.weighting ?? loaded.spec.weighting ?? 'none';
  const ds = w.design ?? {};
  const spec: DesignSpec = {
    ...(ds.cluster ? { ids: [ds.cluster] } : {}),
    ...(ds.strata ? { strata: [ds.strata] } : {}),
    ...(ds.fpc ? { fpc: [ds.fpc] } : {}),
    ...(ref !== 'none' && ref.variable ? { weights: ref.variable } : {}),
  };
  const path = w.weighting !== undefined ? ['waves', wi, 'weighting'] : ['weighting'];
  try {
    return svyDesign(data, spec, request === undefined ? {} : { weighting: request });
  } catch (e) {
    if (e instanceof SpiegelError) {
      const loc = loaded.locate(path);
      throw new SpiegelError(e.code, `wave ${w.year}, weighting/design (${loc.file}:${loc.line ?? '?'}): ${e.message}`, e.location);
    }
    throw e;
  }
}
