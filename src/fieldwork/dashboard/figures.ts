/**
 * The dashboard's figures, computed from one snapshot of the store (./facts.ts): response per
 * day, response per stratum against the target, break-off per page and per question, median
 * completion time, devices. Test responses never count; small cells of strata and pages are
 * suppressed (./suppress.ts) here, so the page and every CSV download show the same cells.
 */
import type { Questionnaire } from '../types.js';
import type { Device, StoreEngine } from '../store/types.js';
import type { FieldDatabase } from '../store/schema.js';
import type { Kysely } from 'kysely';
import { responsePerDay, type DayRow } from './days.js';
import { type FieldworkFacts, readFacts } from './facts.js';
import { median } from './median.js';
import { type Cell, isSuppressed, suppressColumn } from './suppress.js';

export interface FigureSettings {
  /** IANA time zone of the study's calendar days (`fieldwork.timezone`). */
  readonly timeZone: string;
  /** Register column of the strata and the completes wanted per value (`fieldwork.targets`). */
  readonly strata?: { readonly column: string; readonly targets?: Readonly<Record<string, number>> };
  /** The questionnaire's pages, for the break-off figures. */
  readonly pages: readonly { readonly id: string; readonly index: number; readonly title?: string; readonly questions: readonly { readonly id: string }[] }[];
  /** Counts of respondents below this (and above 0) are not shown (default 5). */
  readonly minCell: number;
}

export interface StratumRow {
  /** The register value; `(none)` for responses without one (open links). */
  readonly stratum: string;
  /** Sampled participants (a design count, not suppressed). */
  readonly sampled: number;
  readonly started: Cell;
  readonly completes: Cell;
  readonly target?: number;
  /** completes / target; absent without a target or when completes is suppressed. */
  readonly shareOfTarget?: number;
}

export interface PageRow {
  readonly pageId: string;
  /** 1-based position in the questionnaire. */
  readonly number: number;
  readonly title?: string;
  readonly questions: readonly string[];
  /** Started, not completed responses whose next page is this one. */
  readonly breakOffs: Cell;
  /** breakOffs / all started responses; absent when breakOffs is suppressed. */
  readonly shareOfStarted?: number;
}

export interface QuestionRow {
  readonly questionId: string;
  readonly pageId: string;
  /** Break-offs of the question's page: a page is saved as a whole, so all its questions share them. */
  readonly breakOffs: Cell;
  readonly shareOfStarted?: number;
}

export interface CompletionTime {
  readonly completed: number;
  /** Median of completed_at − started_at in seconds (R `median`); absent below the cell threshold. */
  readonly medianSeconds?: number;
}

export interface DeviceRow {
  readonly device: Device | 'unknown';
  readonly started: number;
  readonly completed: number;
}

export interface Figures {
  readonly takenAt: string;
  readonly minCell: number;
  readonly totals: { readonly sampled: number; readonly started: number; readonly completed: number; readonly breakOffs: number };
  readonly perDay: readonly DayRow[];
  /** Absent when the spec names no strata column (`fieldwork.targets.column` or the wave's design strata). */
  readonly perStratum?: { readonly column: string; readonly rows: readonly StratumRow[] };
  readonly perPage: readonly PageRow[];
  readonly perQuestion: readonly QuestionRow[];
  readonly completionTime: CompletionTime;
  readonly devices: readonly DeviceRow[];
}

/** Settings from the fielded questionnaire's spec. */
export function figureSettings(q: Questionnaire, minCell = 5): FigureSettings {
  const fw = q.spec.fieldwork;
  const column = fw?.targets?.column ?? q.spec.waves.find((w) => w.year === q.wave)?.design?.strata;
  return {
    timeZone: fw?.timezone ?? 'Europe/Amsterdam',
    ...(column === undefined ? {} : { strata: { column, ...(fw?.targets ? { targets: fw.targets.completes } : {}) } }),
    pages: q.pages.map((p) => ({ id: p.id, index: p.index, ...(p.title === undefined ? {} : { title: p.title }), questions: p.questions.map((x) => ({ id: x.id })) })),
    minCell,
  };
}

/** The figures of the store as it is now, read in one snapshot. */
export async function readFigures(
  store: { readonly engine: StoreEngine; readonly db: Kysely<FieldDatabase> },
  settings: FigureSettings,
  now: () => number = Date.now,
): Promise<Figures> {
  return computeFigures(await readFacts(store, now), settings);
}

const share = (c: Cell, of: number | undefined): number | undefined => (isSuppressed(c) || of === undefined || of === 0 ? undefined : c / of);

export function computeFigures(facts: FieldworkFacts, s: FigureSettings): Figures {
  const rs = facts.responses;
  const completed = rs.filter((r) => r.complete);
  const broken = rs.filter((r) => !r.complete);
  const started = rs.length;

  // Break-offs per page index (an index past the last page cannot be a break-off; kept apart if it occurs).
  const perIndex = new Map<number, number>();
  for (const r of broken) perIndex.set(r.pageIndex, (perIndex.get(r.pageIndex) ?? 0) + 1);
  const pages = [...s.pages].sort((a, b) => a.index - b.index);
  const pageCells = suppressColumn(pages.map((p) => perIndex.get(p.index) ?? 0), s.minCell);
  const perPage: PageRow[] = pages.map((p, i) => ({
    pageId: p.id,
    number: i + 1,
    ...(p.title === undefined ? {} : { title: p.title }),
    questions: p.questions.map((x) => x.id),
    breakOffs: pageCells[i],
    ...withShare(pageCells[i], started),
  }));
  const perQuestion: QuestionRow[] = perPage.flatMap((p) =>
    p.questions.map((questionId) => ({ questionId, pageId: p.pageId, breakOffs: p.breakOffs, ...withShare(p.breakOffs, started) })),
  );

  const seconds = completed.filter((r) => r.completedAt !== undefined).map((r) => (Date.parse(r.completedAt!) - Date.parse(r.startedAt)) / 1000);
  const med = seconds.length >= s.minCell ? median(seconds) : undefined;

  const devices: DeviceRow[] = (['phone', 'tablet', 'desktop', 'unknown'] as const).map((device) => {
    const mine = rs.filter((r) => (r.device ?? 'unknown') === device);
    return { device, started: mine.length, completed: mine.filter((r) => r.complete).length };
  });

  return {
    takenAt: facts.takenAt,
    minCell: s.minCell,
    totals: { sampled: facts.sampled.length, started, completed: completed.length, breakOffs: broken.length },
    perDay: responsePerDay(rs, s.timeZone),
    ...(s.strata === undefined ? {} : { perStratum: { column: s.strata.column, rows: strataRows(facts, s.strata, s.minCell) } }),
    perPage,
    perQuestion,
    completionTime: { completed: seconds.length, ...(med === undefined ? {} : { medianSeconds: med }) },
    devices: devices.filter((d) => d.device !== 'unknown' || d.started > 0),
  };
}

function withShare(c: Cell, of: number): { shareOfStarted?: number } {
  const v = share(c, of);
  return v === undefined ? {} : { shareOfStarted: v };
}

const NONE = '(none)';

function strataRows(facts: FieldworkFacts, strata: NonNullable<FigureSettings['strata']>, minCell: number): StratumRow[] {
  const key = (reg: Readonly<Record<string, string>>): string => {
    const v = reg[strata.column];
    return v === undefined || v === '' ? NONE : v;
  };
  const values = new Set<string>(Object.keys(strata.targets ?? {}));
  const sampled = new Map<string, number>();
  const started = new Map<string, number>();
  const completes = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string): void => {
    values.add(k);
    m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (const reg of facts.sampled) bump(sampled, key(reg));
  for (const r of facts.responses) {
    bump(started, key(r.register));
    if (r.complete) bump(completes, key(r.register));
  }
  // Strata in the order of the targets, then the others alphabetically, "(none)" last.
  const targetOrder = Object.keys(strata.targets ?? {});
  const rest = [...values].filter((v) => !targetOrder.includes(v) && v !== NONE).sort((a, b) => a.localeCompare(b));
  const order = [...targetOrder, ...rest, ...(values.has(NONE) ? [NONE] : [])];
  const startedCells = suppressColumn(order.map((v) => started.get(v) ?? 0), minCell);
  const completeCells = suppressColumn(order.map((v) => completes.get(v) ?? 0), minCell);
  return order.map((stratum, i) => {
    const target = strata.targets?.[stratum];
    const s = share(completeCells[i], target);
    return {
      stratum,
      sampled: sampled.get(stratum) ?? 0,
      started: startedCells[i],
      completes: completeCells[i],
      ...(target === undefined ? {} : { target }),
      ...(s === undefined ? {} : { shareOfTarget: s }),
    };
  });
}
