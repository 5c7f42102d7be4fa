import { describe, expect, it } from 'vitest';
import { admits, buildSchedule, scheduleState, zonedToUtc } from '../../../src/fieldwork/server/schedule.js';

// Offsets by hand: Europe/Amsterdam is UTC+2 in summer time (last Sunday of March to last
// Sunday of October) and UTC+1 otherwise.
describe('open and close moments in the spec timezone', () => {
  it('converts local Amsterdam times in summer and winter', () => {
    expect(zonedToUtc('2021-06-15T09:00', 'Europe/Amsterdam', 'f', false)).toBe(Date.UTC(2021, 5, 15, 7, 0));
    expect(zonedToUtc('2021-01-15T09:00', 'Europe/Amsterdam', 'f', false)).toBe(Date.UTC(2021, 0, 15, 8, 0));
    expect(zonedToUtc('2021-06-15T09:00', 'UTC', 'f', false)).toBe(Date.UTC(2021, 5, 15, 9, 0));
  });

  it('opens a date at its start and closes it at its end (local midnight)', () => {
    expect(zonedToUtc('2021-08-15', 'Europe/Amsterdam', 'f', false)).toBe(Date.UTC(2021, 7, 14, 22, 0));
    expect(zonedToUtc('2021-08-15', 'Europe/Amsterdam', 'f', true)).toBe(Date.UTC(2021, 7, 15, 22, 0));
  });

  it('settles across the daylight-saving change (2021-03-28 02:00 → 03:00)', () => {
    expect(zonedToUtc('2021-03-28T01:30', 'Europe/Amsterdam', 'f', false)).toBe(Date.UTC(2021, 2, 28, 0, 30));
    expect(zonedToUtc('2021-03-28T03:30', 'Europe/Amsterdam', 'f', false)).toBe(Date.UTC(2021, 2, 28, 1, 30));
  });

  it('admits new respondents while open and started ones during the grace period', () => {
    const s = buildSchedule({ opens: '2021-06-15T09:00', closes: '2021-08-15T23:59', timezone: 'Europe/Amsterdam', graceHours: 48 });
    const closes = Date.UTC(2021, 7, 15, 21, 59);
    expect(scheduleState(s, Date.UTC(2021, 5, 15, 6, 59))).toBe('before');
    expect(scheduleState(s, closes - 1)).toBe('open');
    expect(scheduleState(s, closes)).toBe('grace');
    expect(admits(s, closes + 3600_000, true)).toBe(true);
    expect(admits(s, closes + 3600_000, false)).toBe(false);
    expect(scheduleState(s, closes + 48 * 3600_000)).toBe('after');
  });

  it('refuses an unknown zone and a close before the open, naming the field', () => {
    expect(() => buildSchedule({ opens: '2021-06-15', timezone: 'Mars/Olympus', graceHours: 0 })).toThrow(/fieldwork.timezone/);
    expect(() => buildSchedule({ opens: '2021-06-15', closes: '2021-06-01', timezone: 'Europe/Amsterdam', graceHours: 0 })).toThrow(/fieldwork.closes/);
  });
});
