/**
 * When the questionnaire is open: `fieldwork.opens` and `closes` are local times in
 * `fieldwork.timezone` (IANA name, default Europe/Amsterdam); those who started may finish
 * until `closes` + `graceHours`. A date without a time opens at its start and closes at its end.
 */
import { InvalidInputError } from '../../errors.js';
import type { FieldworkSpec } from '../../spec/fieldwork.js';

export interface Schedule {
  /** UTC instants in ms; absent = no limit. */
  readonly opens?: number;
  readonly closes?: number;
  readonly graceMs: number;
}

export type ScheduleState = 'before' | 'open' | 'grace' | 'after';

export function buildSchedule(fieldwork: Pick<FieldworkSpec, 'opens' | 'closes' | 'timezone' | 'graceHours'> | undefined): Schedule {
  const zone = fieldwork?.timezone ?? 'Europe/Amsterdam';
  const graceMs = (fieldwork?.graceHours ?? 48) * 3_600_000;
  const opens = fieldwork?.opens === undefined ? undefined : zonedToUtc(fieldwork.opens, zone, 'fieldwork.opens', false);
  const closes = fieldwork?.closes === undefined ? undefined : zonedToUtc(fieldwork.closes, zone, 'fieldwork.closes', true);
  if (opens !== undefined && closes !== undefined && closes <= opens) {
    throw new InvalidInputError('the questionnaire closes before it opens', { field: 'fieldwork.closes' });
  }
  return { ...(opens === undefined ? {} : { opens }), ...(closes === undefined ? {} : { closes }), graceMs };
}

export function scheduleState(s: Schedule, now: number): ScheduleState {
  if (s.opens !== undefined && now < s.opens) return 'before';
  if (s.closes === undefined || now < s.closes) return 'open';
  return now < s.closes + s.graceMs ? 'grace' : 'after';
}

/** May this visit go on? New responses only while open; started ones also in the grace period. */
export function admits(s: Schedule, now: number, started: boolean): boolean {
  const st = scheduleState(s, now);
  return st === 'open' || (st === 'grace' && started);
}

/**
 * The UTC instant of a local date-time in an IANA zone. The zone's offset is read from Intl at
 * the guessed instant and applied twice, which settles on the right side of a DST change.
 */
export function zonedToUtc(local: string, zone: string, field: string, endOfDay: boolean): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(local);
  if (m === null) throw new InvalidInputError(`"${local}" is not a date (2021-06-15) or a local date and time (2021-06-15T09:00)`, { field });
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dateOnly = m[4] === undefined;
  const wall = dateOnly
    ? Date.UTC(y, mo - 1, d + (endOfDay ? 1 : 0))
    : Date.UTC(y, mo - 1, d, Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    throw new InvalidInputError(`unknown time zone "${zone}" (use an IANA name such as Europe/Amsterdam)`, { field: 'fieldwork.timezone' });
  }
  const offsetAt = (t: number): number => {
    const p = Object.fromEntries(format.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - t;
  };
  let t = wall - offsetAt(wall);
  t = wall - offsetAt(t);
  return t;
}
