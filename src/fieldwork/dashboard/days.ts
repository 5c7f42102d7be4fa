/**
 * Response per day: responses started and completed per calendar day in the study's time zone
 * (`fieldwork.timezone`), with running totals; every day from the first to the last with any
 * activity is listed, quiet days with zeros, so the chart's time axis has no gaps.
 */
import type { ResponseFacts } from './facts.js';

export interface DayRow {
  /** Calendar day in the study's time zone, YYYY-MM-DD. */
  readonly day: string;
  readonly started: number;
  readonly completed: number;
  readonly startedTotal: number;
  readonly completedTotal: number;
}

/** The calendar day (YYYY-MM-DD) of a UTC instant in an IANA time zone. */
export function localDay(iso: string, timeZone: string): string {
  const f = dayFormat(timeZone);
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, f);
  }
  return f;
}

/** The day after `day` (both YYYY-MM-DD; plain calendar arithmetic, no time zone involved). */
function nextDay(day: string): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + 1);
  return new Date(t).toISOString().slice(0, 10);
}

export function responsePerDay(responses: readonly ResponseFacts[], timeZone: string): DayRow[] {
  const started = new Map<string, number>();
  const completed = new Map<string, number>();
  const bump = (m: Map<string, number>, d: string): void => void m.set(d, (m.get(d) ?? 0) + 1);
  for (const r of responses) {
    bump(started, localDay(r.startedAt, timeZone));
    if (r.complete && r.completedAt !== undefined) bump(completed, localDay(r.completedAt, timeZone));
  }
  const days = [...started.keys(), ...completed.keys()].sort();
  if (days.length === 0) return [];
  const rows: DayRow[] = [];
  let startedTotal = 0;
  let completedTotal = 0;
  for (let d = days[0]; d <= days[days.length - 1]; d = nextDay(d)) {
    const s = started.get(d) ?? 0;
    const c = completed.get(d) ?? 0;
    startedTotal += s;
    completedTotal += c;
    rows.push({ day: d, started: s, completed: c, startedTotal, completedTotal });
  }
  return rows;
}
