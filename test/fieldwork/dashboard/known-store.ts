/**
 * A store with a known set of responses, built through the store API with the clock set for
 * each step (fake Date only), for the dashboard's figure and route tests. Every expected value
 * in the tests is counted by hand from the table below.
 *
 * Sampled: 12 in stratum A, 10 in B, 8 in C (30), plus 2 test participants.
 * Times are UTC; the study's zone is Europe/Amsterdam (UTC+2 in June).
 *
 *   who  stratum  started (UTC)      completed (UTC) / stopped on   seconds  device
 *   a1   A        06-15 07:00        06-15 07:10                    600      phone
 *   a2   A        06-15 08:00        06-15 08:20                    1200     desktop
 *   a3   A        06-15 21:30        06-15 22:30 (local 06-16)      3600     desktop
 *   a4   A        06-14 22:30 (local 06-15 00:30)  06-14 22:35      300      tablet
 *   a5   A        06-17 10:00        06-17 10:15                    900      phone
 *   a6   A        06-17 11:00        stopped on page index 2        -        phone
 *   a7   A        06-17 12:00        stopped on page index 0        -        phone
 *   b1   B        06-16 09:00        06-16 09:08                    480      desktop
 *   b2   B        06-16 09:30        06-16 09:40                    600      desktop
 *   b3   B        06-16 10:00        stopped on page index 2        -        desktop
 *   b4   B        06-16 11:00        stopped on page index 2        -        (none)
 *   c1…c6 C       06-18 08:00 + (i−1) h   + 420, 540, 660, 780, 900, 1020 s; c1–c3 phone, c4–c6 desktop
 *   c7   C        06-18 14:00        stopped on page index 4        -        desktop
 *   o1   (open link, no register)  06-20 09:00  06-20 09:30        1800     phone
 *   t1   test participant          06-21 09:00  06-21 09:10        (never counted)
 */
import { vi } from 'vitest';
import { newLoginCode, newToken } from '../../../src/fieldwork/store/credentials.js';
import { createFieldStore } from '../../../src/fieldwork/store/open.js';
import type { Device, FieldStore, NewParticipant, StoreLocation } from '../../../src/fieldwork/store/types.js';

export const storeOptions = { studyId: 'veldwerk', wave: 2021, structureHash: 'h-known', structure: '{}', anonymous: false };

interface Planned {
  readonly id?: string;
  readonly test?: boolean;
  readonly started: string;
  readonly completed?: string;
  readonly stoppedOn?: number;
  readonly device?: Device;
}

const at = (day: string, time: string): string => `2021-${day}T${time}:00.000Z`;
const plus = (iso: string, seconds: number): string => new Date(Date.parse(iso) + seconds * 1000).toISOString();

export const PAGES = 9;

function plan(): Planned[] {
  const p: Planned[] = [
    { id: 'a1', started: at('06-15', '07:00'), completed: at('06-15', '07:10'), device: 'phone' },
    { id: 'a2', started: at('06-15', '08:00'), completed: at('06-15', '08:20'), device: 'desktop' },
    { id: 'a3', started: at('06-15', '21:30'), completed: at('06-15', '22:30'), device: 'desktop' },
    { id: 'a4', started: at('06-14', '22:30'), completed: at('06-14', '22:35'), device: 'tablet' },
    { id: 'a5', started: at('06-17', '10:00'), completed: at('06-17', '10:15'), device: 'phone' },
    { id: 'a6', started: at('06-17', '11:00'), stoppedOn: 2, device: 'phone' },
    { id: 'a7', started: at('06-17', '12:00'), stoppedOn: 0, device: 'phone' },
    { id: 'b1', started: at('06-16', '09:00'), completed: at('06-16', '09:08'), device: 'desktop' },
    { id: 'b2', started: at('06-16', '09:30'), completed: at('06-16', '09:40'), device: 'desktop' },
    { id: 'b3', started: at('06-16', '10:00'), stoppedOn: 2, device: 'desktop' },
    { id: 'b4', started: at('06-16', '11:00'), stoppedOn: 2 },
  ];
  const cSeconds = [420, 540, 660, 780, 900, 1020];
  cSeconds.forEach((s, i) => {
    const started = at('06-18', `${String(8 + i).padStart(2, '0')}:00`);
    p.push({ id: `c${i + 1}`, started, completed: plus(started, s), device: i < 3 ? 'phone' : 'desktop' });
  });
  p.push({ id: 'c7', started: at('06-18', '14:00'), stoppedOn: 4, device: 'desktop' });
  p.push({ started: at('06-20', '09:00'), completed: at('06-20', '09:30'), device: 'phone' });
  p.push({ id: 't1', test: true, started: at('06-21', '09:00'), completed: at('06-21', '09:10'), device: 'phone' });
  return p;
}

function person(id: string, stratum: string, test = false): NewParticipant {
  return { id, token: newToken(), loginCode: newLoginCode(), test, register: { stratum, geslacht: '1' }, contact: { naam: `Naam ${id}` } };
}

/** Creates the known store at `location` (the clock is faked only while it is filled). */
export async function knownStore(location: StoreLocation): Promise<FieldStore> {
  const store = await createFieldStore(location, storeOptions);
  await fillKnown(store);
  return store;
}

/** Adds the known participants and responses to an empty store. */
export async function fillKnown(store: FieldStore): Promise<void> {
  const people: NewParticipant[] = [];
  for (let i = 1; i <= 12; i++) people.push(person(`a${i}`, 'A'));
  for (let i = 1; i <= 10; i++) people.push(person(`b${i}`, 'B'));
  for (let i = 1; i <= 8; i++) people.push(person(`c${i}`, 'C'));
  people.push(person('t1', 'A', true), person('t2', 'B', true));
  await store.addParticipants(people);
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    for (const r of plan()) {
      vi.setSystemTime(new Date(r.started));
      const response = await store.startResponse({
        ...(r.id === undefined ? {} : { participantId: r.id }),
        structureHash: storeOptions.structureHash,
        ...(r.device === undefined ? {} : { device: r.device }),
      });
      if (r.completed !== undefined) {
        vi.setSystemTime(new Date(r.completed));
        await store.submitPage({ responseId: response.id, expectedRevision: response.revision, pageId: 'opm', answers: { werk: 1 }, skipped: [], pageIndex: PAGES, status: 'complete' });
      } else if (r.stoppedOn !== undefined && r.stoppedOn > 0) {
        vi.setSystemTime(new Date(plus(r.started, 60)));
        await store.submitPage({ responseId: response.id, expectedRevision: response.revision, pageId: 'werk', answers: { werk: 2 }, skipped: [], pageIndex: r.stoppedOn, status: 'started' });
      }
    }
  } finally {
    vi.useRealTimers();
  }
}
