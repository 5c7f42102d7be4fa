/**
 * The export's stable respondent key (src/fieldwork/export/respondent-key.ts): the `id` column
 * numbers respondents in order, so a break-off that later completes shifts the numbers of everyone
 * after it; `respondent_key` stays with its response, so codings keyed by it survive a re-export.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportDataset } from '../../src/fieldwork/export/dataset.js';
import { respondentKeyer } from '../../src/fieldwork/export/respondent-key.js';
import type { ExportRow } from '../../src/fieldwork/store/types.js';
import type { Answers, ResponseStatus } from '../../src/fieldwork/types.js';
import { loadSpec } from '../../src/spec/load.js';

const spec = loadSpec('test/fixtures/coding/workspace/study.yaml').spec;
const row = (id: string, status: ResponseStatus, answers: Answers, startedAt: string): ExportRow => ({
  response: { id, answers, skipped: [], revision: 1, status, pageIndex: 1, structureHash: 'h', test: false, startedAt, updatedAt: startedAt },
  register: {},
});

describe('the stable respondent key of the export', () => {
  it('stays with its response when a later completion renumbers the respondents', () => {
    const secret = randomBytes(32);
    const options = { wave: 2021, partialThreshold: 0.5, registerColumns: [], respondentKey: respondentKeyer(secret) };
    const a = row('resp-a', 'complete', { suggestie: 'Meer contact' }, '2021-09-01T10:00:00Z');
    const c = row('resp-c', 'complete', { suggestie: 'Minder regels' }, '2021-09-01T12:00:00Z');
    // b started before c but has answered nothing yet: left out of the first export
    const first = exportDataset(spec, [a, row('resp-b', 'started', {}, '2021-09-01T11:00:00Z'), c], options).data;
    const second = exportDataset(spec, [a, row('resp-b', 'complete', { suggestie: 'Geld' }, '2021-09-01T11:00:00Z'), c], options).data;
    const byText = (d: typeof first) => new Map(d.strings('suggestie').map((t, i) => [t, { id: d.numbers('id')[i], key: d.strings('respondent_key')[i] }]));
    const [one, two] = [byText(first), byText(second)];
    expect(one.get('Minder regels')!.id).toBe(2);
    expect(two.get('Minder regels')!.id).toBe(3); // the number shifted ...
    expect(two.get('Minder regels')!.key).toBe(one.get('Minder regels')!.key); // ... the key did not
    expect(two.get('Meer contact')!.key).toBe(one.get('Meer contact')!.key);
    const keys = second.strings('respondent_key');
    expect(new Set(keys).size).toBe(3);
    for (const k of keys) expect(k).toMatch(/^[a-km-np-z2-9]{16}$/);
    // not the response id, and not computable without the store's secret
    expect(keys.some((k) => k.includes('resp'))).toBe(false);
    expect(respondentKeyer(randomBytes(32))('resp-a')).not.toBe(respondentKeyer(secret)('resp-a'));
    // without a keyer (older callers) the export is as before
    expect(exportDataset(spec, [a], { wave: 2021, partialThreshold: 0.5, registerColumns: [] }).data.has('respondent_key')).toBe(false);
  });
});
