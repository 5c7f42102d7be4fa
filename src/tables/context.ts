/**
 * Everything a table builder reads: the validated spec with its catalog, the waves with their
 * (prepared) microdata and estimators or published aggregates, and the table's options with
 * the defaults filled in.
 */
import type { Dataset } from '../data/dataset.js';
import type { Catalog } from '../spec/catalog.js';
import type { LoadedSpec } from '../spec/load.js';
import type { CollapseGroupSpec, NRoundingSpec, PublishedTableSpec, StudySpec, TableOptionsSpec, TableSpec, WaveSpec } from '../spec/schema.js';
import type { TestFunctions, WaveEstimator } from './estimator.js';
import type { TableTexts } from './labels.js';

export interface WaveData {
  readonly year: number;
  readonly spec: WaveSpec;
  /** Microdata after derived variables, or null for a wave known only from published figures. */
  readonly data: Dataset | null;
  readonly estimator: WaveEstimator | null;
  readonly published: Readonly<Record<string, PublishedTableSpec>>;
}

export interface StudyContext {
  readonly loaded: LoadedSpec;
  readonly spec: StudySpec;
  readonly catalog: Catalog;
  /** Waves in ascending year. */
  readonly waves: readonly WaveData[];
  /** The latest wave with microdata: the one current-wave tables describe. */
  readonly current: WaveData | null;
  readonly tests: TestFunctions;
  readonly texts: TableTexts;
  /** Sampling frames read for populationSampleResponse tables, by table id. */
  readonly frames?: ReadonlyMap<string, Dataset>;
}

export interface ResolvedOptions {
  readonly collapse: readonly CollapseGroupSpec[] | null;
  readonly excludeNotApplicable: boolean | undefined;
  readonly showDontKnow: boolean;
  readonly waves: readonly number[] | undefined;
  readonly by: string | undefined;
  readonly byTotal: boolean | undefined;
  readonly target: readonly number[] | undefined;
  readonly test: 'raoScott' | 'ttest' | undefined;
  readonly level: number;
  readonly compare: readonly string[] | undefined;
  readonly bh: boolean;
  readonly mark: string;
  readonly significanceNote: string | undefined;
  readonly significance: boolean;
  readonly rounding: 'whole' | 'largestRemainder';
  readonly nRounding: NRoundingSpec | undefined;
  readonly minBase: number;
  readonly lowBase: number;
  readonly interval: 'logit' | 'wilson';
  readonly total: boolean;
  readonly totalLabel: string | undefined;
  readonly reverse: boolean;
  readonly outer: 'subgroup' | 'scale';
  readonly sort: boolean;
  readonly mean: boolean;
  readonly waveTest: boolean;
  readonly insufficientMax: number;
  readonly showN: boolean;
  /** Words after the title around {N}; undefined: "(N={N})". */
  readonly nLabel: string | undefined;
  /** Split grids: the group's N in its spanning header or under every column. */
  readonly nPlacement: 'group' | 'columns';
  readonly chart: 'stackedBar' | 'stackedColumns' | 'bar' | 'line' | 'dots' | 'none' | undefined;
}

export const DEFAULT_MIN_BASE = 10;
export const DEFAULT_LEVEL = 0.05;

export function resolveOptions(ctx: StudyContext, t: TableSpec): ResolvedOptions {
  const d: TableOptionsSpec = ctx.spec.defaults ?? {};
  const o: TableOptionsSpec = t.options ?? {};
  const sig = { ...(d.significance ?? {}), ...(o.significance ?? {}) };
  const collapse = o.collapse ?? d.collapse;
  return {
    collapse: collapse === undefined ? null : ctx.catalog.collapse(collapse),
    excludeNotApplicable: o.excludeNotApplicable ?? d.excludeNotApplicable,
    showDontKnow: o.showDontKnow ?? d.showDontKnow ?? true,
    waves: o.waves ?? d.waves,
    by: o.by ?? d.by,
    byTotal: o.byTotal ?? d.byTotal,
    target: o.target ?? d.target,
    test: sig.test,
    level: sig.level ?? DEFAULT_LEVEL,
    compare: sig.compare,
    bh: sig.bh ?? false,
    mark: sig.mark ?? '*',
    significanceNote: sig.note,
    significance: o.significance !== undefined || d.significance !== undefined,
    rounding: o.rounding ?? d.rounding ?? 'whole',
    nRounding: o.nRounding ?? d.nRounding,
    minBase: o.minBase ?? d.minBase ?? DEFAULT_MIN_BASE,
    lowBase: o.lowBase ?? d.lowBase ?? 0,
    interval: o.interval ?? d.interval ?? 'logit',
    total: o.total ?? d.total ?? false,
    totalLabel: o.totalLabel ?? d.totalLabel,
    reverse: o.reverse ?? d.reverse ?? false,
    outer: o.outer ?? d.outer ?? 'subgroup',
    sort: o.sort ?? d.sort ?? false,
    mean: o.mean ?? d.mean ?? false,
    waveTest: o.waveTest ?? d.waveTest ?? true,
    insufficientMax: o.insufficientMax ?? d.insufficientMax ?? 5,
    showN: o.showN ?? d.showN ?? true,
    nLabel: o.nLabel ?? d.nLabel,
    nPlacement: o.nPlacement ?? d.nPlacement ?? 'group',
    chart: o.chart ?? d.chart,
  };
}
